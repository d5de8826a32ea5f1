//! The IPC contract: what the UI sends and receives, as serde types. The UI's TypeScript view of
//! them (`ui/src/lib/bindings.ts`) is generated from these by [`typescript_bindings`]; a test
//! fails when the committed file is stale. Domain types never cross the boundary themselves.

use regulars_core::{CustomerList, CustomerPage, CustomerSort, Session, TodayPlan};
use regulars_domain::{Contact, Customer, CustomerSummary, Sale, ShopSettings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ErrorCode, IpcError};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopView {
    pub name: String,
    pub currency: String,
    /// Digits after the decimal point of the currency (2 for EUR, 0 for JPY).
    pub exponent: u32,
    /// `monday`, `sunday` or `saturday`: the first day of the shop's weeks.
    pub week_start: String,
    /// Days after a sale to check in with the customer.
    pub check_in_days: u32,
    /// Sales are counted in the currency, so it can no longer change.
    pub currency_fixed: bool,
    /// The shop's time zone (IANA name): the one set, else the computer's.
    pub time_zone: String,
    /// Whether the owner set it (else it follows the computer's).
    pub time_zone_set: bool,
    /// Contacts Today plans a day.
    pub contacts_per_day: u32,
    /// A contacts-a-day that works through what is due now in about a week.
    pub suggested_contacts_per_day: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopState {
    /// `null` until the first-run set-up.
    pub shop: Option<ShopView>,
    /// The currency of the computer's region, to pre-fill the set-up form.
    pub suggested_currency: Option<String>,
    pub data_dir: String,
    /// The open shop is the generated sample (shown with a banner and a remove button).
    pub is_sample: bool,
    /// The shop is locked with a passphrase (encrypted at rest).
    pub locked: bool,
    /// Damage found in the shop file, with the offer to restore the newest good backup.
    pub damage: Option<String>,
}

/// How to read the picked file: blank fields let Regulars detect them.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOptionsInput {
    /// A preset name, or blank to recognise the file by its columns.
    pub preset: String,
    /// `dmy`, `mdy`, `ymd`, or blank to infer.
    pub date_order: String,
    /// Column names for a file no preset knows; blank date and amount mean "no mapping".
    pub date_column: String,
    pub amount_column: String,
    pub customer_column: String,
    pub email_column: String,
    pub phone_column: String,
    pub customer_id_column: String,
    pub description_column: String,
    pub quantity_column: String,
    /// Rows with one order id are one sale (an order total repeated on each line counts once).
    #[serde(default)]
    pub order_id_column: String,
    /// Cancelled, refunded, failed, voided and pending orders are left out.
    #[serde(default)]
    pub status_column: String,
    /// The price of one item: the line's amount is this times the quantity (instead of an
    /// amount column).
    #[serde(default)]
    pub unit_price_column: String,
    /// The time of day, in a column of its own.
    #[serde(default)]
    pub time_column: String,
    /// Each row's currency: a row in another currency is a problem unless it says what it
    /// settled for in the shop's.
    #[serde(default)]
    pub currency_column: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewSaleView {
    pub line: u64,
    pub date: String,
    pub amount_minor: i64,
    pub customer: String,
    pub new_customer: bool,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowNote {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message: String,
}

/// The dry run of an import, or what stops it: `needs` is `dateOrder` (with `examples`) or
/// `mapping` (with the file's `headers`) when the owner must choose first.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewView {
    pub file_name: String,
    pub needs: Option<String>,
    pub message: Option<String>,
    pub examples: Vec<String>,
    pub headers: Vec<String>,
    pub preset: String,
    pub preset_label: String,
    pub encoding: String,
    pub date_order: String,
    pub rows: u64,
    pub sales: u64,
    pub already_imported: u64,
    pub customers_new: u64,
    pub customers_matched: u64,
    pub revenue_minor: i64,
    /// The file's column the amounts come from, and what that amount is.
    pub revenue_column: String,
    pub revenue_means: String,
    /// Said when the file's sales stop long before today.
    pub sales_stop: Option<String>,
    /// The time zone whose days timestamps in UTC were put on, when the file had any.
    pub time_zone: Option<String>,
    /// Orders in the file: each is a sale to add, already in, left out or a problem.
    pub file_orders: u64,
    /// Refunds taken off the sales to add.
    pub refunded_minor: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub first_sales: Vec<PreviewSaleView>,
    pub skipped: Vec<ImportRowNote>,
    pub problems: Vec<ImportRowNote>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRecordView {
    pub id: i64,
    pub file_name: String,
    pub preset: String,
    pub imported_at: String,
    pub rows: i64,
    pub sales: i64,
    pub already_imported: i64,
    pub skipped: i64,
    pub problems: i64,
    pub customers_new: i64,
    pub customers_matched: i64,
    pub revenue_minor: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub undone_at: Option<String>,
}

impl From<regulars_core::ImportRecord> for ImportRecordView {
    fn from(r: regulars_core::ImportRecord) -> ImportRecordView {
        ImportRecordView {
            id: r.id,
            file_name: r.file_name,
            preset: r.preset,
            imported_at: r.imported_at,
            rows: r.rows,
            sales: r.sales,
            already_imported: r.already_imported,
            skipped: r.skipped,
            problems: r.problems,
            customers_new: r.customers_new,
            customers_matched: r.customers_matched,
            revenue_minor: r.revenue_minor,
            first_day: r.first_day.map(|d| d.to_string()),
            last_day: r.last_day.map(|d| d.to_string()),
            undone_at: r.undone_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// The file name inside the backups folder (the handle to restore it by).
    pub name: String,
    pub kind: String,
    pub when: String,
    pub bytes: u64,
}

/// The dashboard's range and grouping; blank fields take the defaults (last twelve months,
/// by month, 14-day follow-up window).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilterInput {
    pub from: String,
    pub to: String,
    pub period: String,
    pub follow_up_days: Option<u32>,
}

/// Every figure of the dashboard. The report has the same shape as `regulars-cli metrics
/// --json` (docs/CLI.md), so its fields are snake_case.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardView {
    pub report: regulars_core::Report,
    /// The first and last day with a sale, for "all time".
    pub first_sale: Option<String>,
    pub last_sale: Option<String>,
    /// The metric definitions as printed under the charts: (name, text).
    pub definitions: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartView {
    pub kind: String,
    pub title: String,
    pub svg: String,
}

/// How far the meeting pack is.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopInput {
    pub name: String,
    pub currency: String,
    /// `monday`, `sunday` or `saturday`.
    pub week_start: String,
    pub check_in_days: u32,
    /// An IANA name; empty: follow the computer's; absent: leave it as it is.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Contacts Today plans a day; absent: leave it as it is.
    #[serde(default)]
    pub contacts_per_day: Option<u32>,
}

/// A reach-out opened in the OS's mail, phone or messages app.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReachView {
    pub url: String,
    pub draft: DraftView,
    /// The contact method to log it as (`email`, `call` or `message`).
    pub method: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummaryView {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub archived: bool,
    pub sale_count: u32,
    /// Distinct days with a purchase; 2 or more make a regular.
    pub purchase_days: u32,
    pub lifetime_minor: i64,
    pub first_purchase: Option<String>,
    pub last_purchase: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerView {
    pub summary: CustomerSummaryView,
    pub notes: String,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPageView {
    pub customer: CustomerView,
    pub sales: Vec<SaleView>,
    /// Follow-up contacts, newest first.
    pub contacts: Vec<ContactView>,
    /// Median days between purchase days, once there are two.
    pub usual_gap_days: Option<u32>,
    /// `YYYY-MM-DD` of the oldest unresolved issue.
    pub open_issue_since: Option<String>,
    /// The prediction models' view of them (`None`: not bought yet, or no model).
    pub outlook: Option<regulars_core::CustomerOutlook>,
    /// Why there is no model, when there is none.
    pub outlook_unavailable: Option<String>,
    /// Customers merged into this one (and not split), newest first.
    pub merged: Vec<MergeView>,
    /// This customer's merge into another, while it stands.
    pub merged_into: Option<MergeView>,
}

/// One customer merged into another (`customers_merge`), undone by `customer_split`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeView {
    pub id: i64,
    pub kept_id: i64,
    pub kept_name: String,
    pub merged_id: i64,
    pub merged_name: String,
    /// When (RFC 3339, UTC).
    pub merged_at: String,
}

/// Two customers who may be one person; `a` is the older.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateView {
    pub a: CustomerSummaryView,
    pub b: CustomerSummaryView,
    #[ts(type = "\"email\" | \"phone\" | \"name\"")]
    pub reason: String,
}

impl From<regulars_core::MergeRecord> for MergeView {
    fn from(m: regulars_core::MergeRecord) -> MergeView {
        MergeView {
            id: m.id,
            kept_id: m.kept.0,
            kept_name: m.kept_name,
            merged_id: m.merged.0,
            merged_name: m.merged_name,
            merged_at: m.merged_at,
        }
    }
}

impl From<regulars_core::Duplicate> for DuplicateView {
    fn from(d: regulars_core::Duplicate) -> DuplicateView {
        DuplicateView { a: d.a.into(), b: d.b.into(), reason: d.reason.key().to_owned() }
    }
}

/// Who is slipping away (see `regulars_analytics::outlook`). The model types keep the
/// analytics crate's snake_case field names, as the report does.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutlookView {
    pub as_of: String,
    pub horizon_days: u32,
    pub models: Option<regulars_core::Models>,
    pub unavailable: Option<String>,
    /// Customers scored.
    pub scored: u32,
    /// The most money at risk first.
    pub at_risk: Vec<regulars_core::CustomerOutlook>,
    pub holdout: Option<regulars_core::Holdout>,
    /// The last sale day (`YYYY-MM-DD`) when the sales stop long before today.
    pub sales_stop: Option<String>,
    /// The hold-out chart (an SVG document, shown as an image, never as markup).
    pub holdout_svg: Option<String>,
    /// The prediction definitions: (name, text).
    pub definitions: Vec<(String, String)>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `call`, `email`, `message`, `visit` or `other`.
    pub method: String,
    /// `happy`, `neutral`, `issue_raised` or `issue_resolved`.
    pub outcome: String,
    pub sale_id: Option<i64>,
    pub note: String,
    /// The key of the reminder this contact answers, marked done with it.
    pub completes: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    pub id: i64,
    pub customer_id: i64,
    pub date: String,
    pub method: String,
    pub outcome: String,
    pub sale_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderView {
    pub key: String,
    pub customer_id: i64,
    pub customer_name: String,
    /// `open_issue`, `manual`, `lapsing_regular`, `second_purchase` or `check_in`.
    pub kind: String,
    /// The reason in the owner's words (catalog messages, `reason.*`).
    pub why: String,
    pub due: String,
    /// 0 on the due day.
    pub days_overdue: i64,
    pub lifetime_minor: i64,
    /// Lapsing regulars, when there is a prediction model: how likely still a customer (0-1).
    pub p_alive: Option<f64>,
    /// …and the money at risk, minor units.
    pub money_at_risk_minor: Option<i64>,
    /// The follow-up drafted for a contact of the day's plan (`None` under Later).
    pub draft: Option<DraftView>,
}

/// A follow-up message drafted from its kind's template, and where it can go.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftView {
    pub subject: String,
    pub body: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<regulars_core::Draft> for DraftView {
    fn from(d: regulars_core::Draft) -> DraftView {
        DraftView { subject: d.subject, body: d.body, email: d.email, phone: d.phone }
    }
}

/// A message template of a reminder kind (Settings).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    #[ts(type = "\"check_in\" | \"second_purchase\" | \"lapsing_regular\" | \"open_issue\"")]
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// The owner's own (else the one Regulars ships).
    pub custom: bool,
}

impl From<regulars_core::Template> for TemplateView {
    fn from(t: regulars_core::Template) -> TemplateView {
        TemplateView { kind: t.kind, subject: t.subject, body: t.body, custom: t.custom }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayView {
    pub as_of: String,
    /// The day's plan: every open issue, then the best contacts up to the room left today.
    pub plan: Vec<ReminderView>,
    /// The first of those that wait (at most [`TODAY_PAGE`]), in the plan's order.
    pub later: Vec<ReminderView>,
    /// How many wait in all.
    pub later_total: u32,
    /// Nudges long past their window, now on At risk.
    pub rolled_over: u32,
    pub contacts_per_day: u32,
    /// Reminders done or dismissed today.
    pub done_today: u32,
    pub check_in_days: u32,
    pub second_purchase_days: u32,
    /// The last sale day (`YYYY-MM-DD`) when the sales stop long before today.
    pub sales_stop: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualReminderInput {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerListView {
    pub total: i64,
    pub customers: Vec<CustomerSummaryView>,
}

#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CustomerSortInput {
    Name,
    LastPurchase,
    LifetimeValue,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleInput {
    /// `null` for a walk-in sale.
    pub customer_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// As typed: `12.50`, `12,50`, `1,234`.
    pub amount: String,
    pub description: String,
    /// `in_store`, `online`, `phone` or `other`; empty means in store.
    pub channel: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleView {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub date: String,
    pub amount_minor: i64,
    pub description: String,
    pub channel: String,
    pub note: String,
}

impl ShopView {
    /// The shop as the window shows it, with the settings kept beside its name and currency.
    pub fn of(settings: ShopSettings, session: &Session) -> Result<ShopView, regulars_core::Error> {
        Ok(ShopView {
            name: settings.name.as_str().to_owned(),
            currency: settings.currency.code().to_owned(),
            exponent: settings.currency.exponent(),
            week_start: session.week_start()?.key().to_owned(),
            check_in_days: session.check_in_days()?,
            currency_fixed: session.has_sales()?,
            time_zone: session.time_zone()?.name().to_owned(),
            time_zone_set: session.time_zone_is_set()?,
            contacts_per_day: session.contacts_per_day()?,
            suggested_contacts_per_day: session.suggested_contacts_per_day()?,
        })
    }
}

impl From<CustomerSummary> for CustomerSummaryView {
    fn from(c: CustomerSummary) -> CustomerSummaryView {
        CustomerSummaryView {
            id: c.id.0,
            name: c.name,
            email: c.email,
            phone: c.phone,
            archived: c.archived,
            sale_count: c.stats.sale_count,
            purchase_days: c.stats.purchase_days,
            lifetime_minor: c.stats.lifetime_value.minor(),
            first_purchase: c.stats.first_purchase.map(|d| d.to_string()),
            last_purchase: c.stats.last_purchase.map(|d| d.to_string()),
        }
    }
}

impl From<Customer> for CustomerView {
    fn from(c: Customer) -> CustomerView {
        CustomerView { summary: c.summary.into(), notes: c.notes, tags: c.tags }
    }
}

impl From<Sale> for SaleView {
    fn from(s: Sale) -> SaleView {
        SaleView {
            id: s.id.0,
            customer_id: s.customer.map(|id| id.0),
            customer_name: s.customer_name,
            date: s.date.date().to_string(),
            amount_minor: s.amount.minor(),
            description: s.description,
            channel: s.channel.key().to_owned(),
            note: s.note,
        }
    }
}

impl From<CustomerPage> for CustomerPageView {
    fn from(page: CustomerPage) -> CustomerPageView {
        CustomerPageView {
            customer: page.customer.into(),
            sales: page.sales.into_iter().map(SaleView::from).collect(),
            contacts: page.contacts.into_iter().map(ContactView::from).collect(),
            usual_gap_days: page.usual_gap_days,
            open_issue_since: page.open_issue_since.map(|d| d.to_string()),
            outlook: None,
            outlook_unavailable: None,
            merged: page.merged.into_iter().map(MergeView::from).collect(),
            merged_into: page.merged_into.map(MergeView::from),
        }
    }
}

impl From<Contact> for ContactView {
    fn from(c: Contact) -> ContactView {
        ContactView {
            id: c.id,
            customer_id: c.customer.0,
            date: c.date.to_string(),
            method: c.method.key().to_owned(),
            outcome: c.outcome.key().to_owned(),
            sale_id: c.sale.map(|s| s.0),
            note: c.note,
        }
    }
}

/// How many reminders the Today screen receives at once: the owner works from the top.
pub const TODAY_PAGE: usize = 50;

fn reminder_view(r: &regulars_domain::Reminder, as_of: chrono::NaiveDate, risk: Option<regulars_core::Risk>) -> ReminderView {
    ReminderView {
        key: r.key.clone(),
        customer_id: r.customer.0,
        customer_name: r.customer_name.clone(),
        kind: r.kind.key().to_owned(),
        why: r.why(as_of),
        due: r.due.to_string(),
        days_overdue: r.days_overdue(as_of),
        lifetime_minor: r.lifetime_value.minor(),
        p_alive: risk.map(|x| x.p_alive),
        money_at_risk_minor: risk.map(|x| x.money_at_risk_minor),
        draft: None,
    }
}

impl From<std::sync::Arc<TodayPlan>> for TodayView {
    fn from(today: std::sync::Arc<TodayPlan>) -> TodayView {
        let as_of = today.as_of;
        TodayView {
            as_of: as_of.to_string(),
            plan: today
                .plan
                .iter()
                .map(|item| ReminderView { draft: Some(item.draft.clone().into()), ..reminder_view(&item.reminder, as_of, item.risk) })
                .collect(),
            later_total: u32::try_from(today.later.len()).unwrap_or(u32::MAX),
            later: today.later.iter().take(TODAY_PAGE).map(|r| reminder_view(r, as_of, None)).collect(),
            rolled_over: u32::try_from(today.rolled_over).unwrap_or(u32::MAX),
            contacts_per_day: today.contacts_per_day,
            done_today: today.done_today,
            check_in_days: today.rules.check_in_days,
            second_purchase_days: today.rules.second_purchase_days,
            sales_stop: today.sales_stop.map(|d| d.to_string()),
        }
    }
}

impl From<CustomerList> for CustomerListView {
    fn from(list: CustomerList) -> CustomerListView {
        CustomerListView { total: list.total, customers: list.customers.into_iter().map(CustomerSummaryView::from).collect() }
    }
}

impl From<CustomerSortInput> for CustomerSort {
    fn from(sort: CustomerSortInput) -> CustomerSort {
        match sort {
            CustomerSortInput::Name => CustomerSort::Name,
            CustomerSortInput::LastPurchase => CustomerSort::LastPurchase,
            CustomerSortInput::LifetimeValue => CustomerSort::LifetimeValue,
        }
    }
}

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
        regulars_analytics::Summary::decl(&cfg),
        regulars_analytics::PeriodRow::decl(&cfg),
        regulars_analytics::Cohort::decl(&cfg),
        regulars_analytics::Bucket::decl(&cfg),
        regulars_analytics::SecondPurchase::decl(&cfg),
        regulars_analytics::Worth::decl(&cfg),
        regulars_analytics::Loyalty::decl(&cfg),
        regulars_analytics::Group::decl(&cfg),
        regulars_analytics::FollowUp::decl(&cfg),
        regulars_analytics::TopCustomer::decl(&cfg),
        regulars_analytics::Segment::decl(&cfg),
        regulars_analytics::SegmentRow::decl(&cfg),
        regulars_core::Report::decl(&cfg),
        DashboardView::decl(&cfg),
        regulars_analytics::predict::Variant::decl(&cfg),
        regulars_analytics::predict::BgParams::decl(&cfg),
        regulars_analytics::predict::BgFit::decl(&cfg),
        regulars_analytics::predict::GgParams::decl(&cfg),
        regulars_analytics::predict::GgFit::decl(&cfg),
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
        "// Generated from src-tauri/src/ipc.rs by `cargo xtask bindings`. Do not edit by hand:\n// a test fails when this file differs from what the Rust types generate.\n\n",
    );
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
