//! Importing: the options, the dry run with its notes, past imports, progress.

use super::*;

/// How to read the picked file: blank fields let Regulars detect them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewSaleView {
    pub line: u64,
    pub date: String,
    pub amount_minor: i64,
    pub customer: String,
    pub new_customer: bool,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowNote {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message: String,
}

/// The dry run of an import, or what stops it: `needs` is `dateOrder` (with `examples`) or
/// `mapping` (with the file's `headers`) when the owner must choose first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
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
    /// The first rows left out and with problems (at most [`regulars_core::NOTED_ROWS`] each,
    /// by line), and how many there are in all.
    pub skipped: Vec<ImportRowNote>,
    pub problems: Vec<ImportRowNote>,
    pub skipped_count: u64,
    pub problem_count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u64,
    pub total: u64,
}
