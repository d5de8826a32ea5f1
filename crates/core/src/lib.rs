//! The use cases of Regulars: everything the owner can do, as plain Rust functions on a
//! [`Session`]. The desktop shell's commands and the command line call these, and so do most
//! tests. Inputs are domain types (already parsed); outputs are domain types; errors are
//! [`Error`], whose variants are the few cases a caller branches on.
//!
//! Where things are: `Session` (a `Store` and a `Clock`), one module per area: `customers`,
//! `sales`, `shop`, `analytics` (the report with its history cache, charts, exports, the filter
//! parsed with field errors), `reminders` (log a contact, the Today list, done/snooze/dismiss,
//! manual reminders, the calendar export), `import` (dry run, customer matching — external id (our
//! own export's `regulars:<id>` is the shop's own customer and sale), then email, then phone by its
//! last nine digits, then exact name when no email or phone contradicts it — the plan, the import,
//! undo; timestamps in UTC land on the shop's day in its time zone, `shop::time_zone`),
//! `duplicates` (possible duplicates by email, phone or an uncontradicted name; merge, split, "two
//! people"), `plan` (Today as a plan, the message templates and their placeholders, the
//! `mailto:`/`tel:`/`sms:` URL of a drafted message), `export` (CSV), `backups` (back up now,
//! rolling backups, restore, the damaged-shop path), `files` (`save_as`: every file Regulars writes
//! goes beside its target first, then is renamed over it, and a target that is the shop, a file
//! SQLite keeps beside it or a backup is refused; `.partial` leftovers of killed runs are swept at
//! open), `ics` (RFC 5545 text), `sample` (the two-year sample shop a new owner can load and
//! remove, and a large generated shop for benchmarks), `data_dir` (`--data-dir` >
//! `REGULARS_DATA_DIR` > OS data directory; nothing is created there until a shop is:
//! `Session::open_existing` is for readers). `Error` has five variants: `Invalid`, `NotFound`,
//! `Conflict`, `Import`, `Store`. An import is planned, then written in one `BEGIN IMMEDIATE`
//! transaction that compares the shop's revision first and plans again if another window wrote in
//! between. `predict` (the outlook, cached per store revision and day like the history; the
//! hold-out chart). Benchmark: `benches/shop.rs` (every figure of BENCHMARKS.md, at three sizes,
//! beside sqlite3, pandas and DuckDB).

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
pub use backups::{BACKUP_DIR, BACKUP_KINDS, BackupFile, KEEP_DAILY, KEEP_MONTHLY, list_backups, newest_good_backup, replace_damaged_shop};
pub use customers::{CustomerList, CustomerPage};
pub use data_dir::{DATA_DIR_ENV, resolve_data_dir};
pub use duplicates::{Duplicate, DuplicateReason, MAX_DUPLICATES, look_alikes};
pub use error::Error;
pub use export::ExportTable;
pub use files::{partial_path, save_as, write_atomically};
pub use ics::reminders_to_ics;
pub use import::{
    DateOrder, ImportError, ImportPreview, ImportRecord, ImportRequest, Mapping, NOTED_ROWS, Notes, OnDisk, PREVIEW_SALES, PreparedImport,
    PreviewSale, Problem, Skipped, Source as ImportSource,
};
pub use plan::{Channel as ReachChannel, Draft, Later, PLACEHOLDERS, PlanItem, TEMPLATE_KINDS, Template, TodayPlan};
pub use predict::{CustomerOutlook, HORIZON_DAYS, Holdout, Models, MonthCheck, Outlook};
pub use regulars_analytics::{Filter, Period, Report};
pub use regulars_charts::{ChartKind, Context as ChartContext, text as chart_text};
/// The message catalog (`text::t!`), so that the front ends use `core` and `domain` alone.
pub use regulars_text as text;

/// The report's parts, the prediction models' types and the metric definitions, for the front
/// ends (the window's TypeScript types are generated from them).
pub mod report {
    pub use regulars_analytics::definitions;
    pub use regulars_analytics::predict::{BgFit, BgParams, GgFit, GgParams, Variant};
    pub use regulars_analytics::{
        Bucket, Cohort, FollowUp, Group, Loyalty, PeriodRow, SecondPurchase, Segment, SegmentRow, Summary, TopCustomer, Worth,
    };
}
pub use regulars_store::{CustomerSort, DATABASE_FILE, MAX_PASSPHRASE_CHARS, MergeRecord, Passphrase, StoreError, is_locked_file};
pub use reminders::{FIT_FOR_TODAY_UP_TO, Risk, Today};
pub use sample::{
    SAMPLE_CUSTOMERS, SampleShop, write_plain_sales_file, write_plain_sales_file_of, write_shopify_orders_file, write_stripe_payments_file,
};
pub use session::{Clock, Session};
pub use shop::{currency_from_os_locale, use_os_language};
