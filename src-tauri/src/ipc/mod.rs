//! The IPC contract: what the UI sends and receives, as serde types. The UI's TypeScript view of
//! them (`ui/src/lib/bindings.ts`) is generated from these by [`typescript_bindings`]; a test
//! fails when the committed file is stale. Domain types never cross the boundary themselves.

use regulars_core::{CustomerList, CustomerPage, CustomerSort, Session, TodayPlan};
use regulars_domain::{Contact, Customer, CustomerSummary, Sale, ShopSettings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ErrorCode, IpcError};

mod analytics;
mod backups;
mod camel;
mod customers;
mod import;
mod reminders;
mod sales;
mod shop;

pub use analytics::*;
pub use backups::*;
pub use camel::Camel;
pub use customers::*;
pub use import::*;
pub use reminders::*;
pub use sales::*;
pub use shop::*;

/// How many reminders the Today screen receives at once: the owner works from the top.
pub const TODAY_PAGE: usize = 50;

/// The text of `ui/src/lib/bindings.ts`.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let declarations = [
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        ShopView::decl(&cfg),
        ShopState::decl(&cfg),
        ShopInput::decl(&cfg),
        FilterInput::decl(&cfg),
        regulars_core::Period::decl(&cfg),
        regulars_core::Filter::decl(&cfg),
        regulars_core::report::Summary::decl(&cfg),
        regulars_core::report::PeriodRow::decl(&cfg),
        regulars_core::report::Cohort::decl(&cfg),
        regulars_core::report::Bucket::decl(&cfg),
        regulars_core::report::SecondPurchase::decl(&cfg),
        regulars_core::report::Worth::decl(&cfg),
        regulars_core::report::Loyalty::decl(&cfg),
        regulars_core::report::Group::decl(&cfg),
        regulars_core::report::FollowUp::decl(&cfg),
        regulars_core::report::TopCustomer::decl(&cfg),
        regulars_core::report::Segment::decl(&cfg),
        regulars_core::report::SegmentRow::decl(&cfg),
        regulars_core::Report::decl(&cfg),
        DashboardView::decl(&cfg),
        regulars_core::report::Variant::decl(&cfg),
        regulars_core::report::BgParams::decl(&cfg),
        regulars_core::report::BgFit::decl(&cfg),
        regulars_core::report::GgParams::decl(&cfg),
        regulars_core::report::GgFit::decl(&cfg),
        regulars_core::Models::decl(&cfg),
        regulars_core::CustomerOutlook::decl(&cfg),
        regulars_core::MonthCheck::decl(&cfg),
        regulars_core::Holdout::decl(&cfg),
        OutlookView::decl(&cfg),
        ChartView::decl(&cfg),
        PackProgress::decl(&cfg),
        ImportOptionsInput::decl(&cfg),
        PreviewSaleView::decl(&cfg),
        ImportRowNote::decl(&cfg),
        ImportPreviewView::decl(&cfg),
        ImportRecordView::decl(&cfg),
        ImportProgress::decl(&cfg),
        BackupView::decl(&cfg),
        CustomerInput::decl(&cfg),
        CustomerSummaryView::decl(&cfg),
        CustomerView::decl(&cfg),
        CustomerPageView::decl(&cfg),
        MergeView::decl(&cfg),
        DuplicateView::decl(&cfg),
        CustomerListView::decl(&cfg),
        CustomerSortInput::decl(&cfg),
        SaleInput::decl(&cfg),
        SaleView::decl(&cfg),
        ContactInput::decl(&cfg),
        ContactView::decl(&cfg),
        ReminderView::decl(&cfg),
        DraftView::decl(&cfg),
        TemplateView::decl(&cfg),
        ReachView::decl(&cfg),
        TodayView::decl(&cfg),
        ManualReminderInput::decl(&cfg),
    ];
    let mut text = String::from(
        "// Generated from src-tauri/src/ipc/ by `cargo xtask bindings`. Do not edit by hand:\n// a test fails when this file differs from what the Rust types generate.\n\n",
    );
    // The enums that cross as their keys, as string-literal unions made from the Rust enums'
    // own lists, so a value the Rust side does not know fails svelte-check.
    let unions = [
        ("SaleChannel", regulars_domain::Channel::ALL.iter().map(|c| c.key()).collect::<Vec<_>>()),
        ("ContactMethod", regulars_domain::ContactMethod::ALL.iter().map(|m| m.key()).collect()),
        ("ContactOutcome", regulars_domain::Outcome::ALL.iter().map(|o| o.key()).collect()),
        ("ChartKind", regulars_core::ChartKind::ALL.iter().map(|k| k.slug()).collect()),
        ("ReminderKind", regulars_domain::ReminderKind::KEYS.to_vec()),
        ("TemplateKind", regulars_core::TEMPLATE_KINDS.to_vec()),
        ("BackupKind", regulars_core::BACKUP_KINDS.to_vec()),
        ("ExportTable", regulars_core::ExportTable::ALL.iter().map(|t| t.key()).collect()),
    ];
    for (name, keys) in unions {
        let keys: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
        text.push_str(&format!("export type {name} = {};\n\n", keys.join(" | ")));
    }
    for declaration in declarations {
        text.push_str("export ");
        text.push_str(declaration.trim());
        text.push_str("\n\n");
    }
    text.truncate(text.trim_end().len());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::typescript_bindings;

    /// Fails when the Rust IPC types changed and the UI's bindings were not regenerated.
    /// `cargo xtask bindings` (or REGULARS_BLESS=1) rewrites the file.
    #[test]
    fn typescript_bindings_are_fresh() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let expected = typescript_bindings();
        if std::env::var_os("REGULARS_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("write bindings");
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(actual == expected, "ui/src/lib/bindings.ts is stale: run `cargo xtask bindings`");
    }
}
