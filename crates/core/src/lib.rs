//! The use cases of Regulars: everything the owner can do, as plain Rust functions on a
//! [`Session`]. The desktop shell's commands and the command line call these, and so do most
//! tests. Inputs are domain types (already parsed); outputs are domain types; errors are
//! [`Error`], whose variants are the few cases a caller branches on.

mod analytics;
mod backups;
mod customers;
mod data_dir;
mod duplicates;
mod error;
mod export;
mod files;
mod ics;
mod import;
mod plan;
mod predict;
mod reminders;
mod sales;
mod sample;
mod session;
mod shop;

pub use analytics::{ChartFormat, MAX_FOLLOW_UP_DAYS};
pub use backups::{BACKUP_DIR, BackupFile, KEEP_DAILY, KEEP_MONTHLY, list_backups, newest_good_backup, replace_damaged_shop};
pub use customers::{CustomerList, CustomerPage};
pub use data_dir::{DATA_DIR_ENV, resolve_data_dir};
pub use duplicates::{Duplicate, DuplicateReason, MAX_DUPLICATES, look_alikes};
pub use error::Error;
pub use export::ExportTable;
pub use files::{partial_path, save_as, write_atomically};
pub use ics::reminders_to_ics;
pub use import::{
    DateOrder, ImportError, ImportPreview, ImportRecord, ImportRequest, Mapping, PREVIEW_SALES, PreparedImport, PreviewSale, Problem,
    Skipped,
};
pub use plan::{Channel as ReachChannel, Draft, PLACEHOLDERS, PlanItem, TEMPLATE_KINDS, Template, TodayPlan};
pub use predict::{CustomerOutlook, HORIZON_DAYS, Holdout, Models, MonthCheck, Outlook};
pub use regulars_analytics::{Filter, Period, Report};
pub use regulars_charts::ChartKind;
pub use regulars_store::{CustomerSort, DATABASE_FILE, MAX_PASSPHRASE_CHARS, MergeRecord, Passphrase, StoreError, is_locked_file};
pub use reminders::{FIT_FOR_TODAY_UP_TO, Risk, Today};
pub use sample::{SAMPLE_CUSTOMERS, SampleShop};
pub use session::{Clock, Session};
pub use shop::{currency_from_os_locale, use_os_language};
