//! CSV exports of customers, sales and contacts. The sales file imports back exactly (it is
//! the `regulars` import preset); a cell a spreadsheet would run as a formula is defused with
//! a leading apostrophe, which the importer takes off again.

use regulars_charts::text::csv_field;
use regulars_domain::Money;
pub use regulars_store::ExportTable;

use crate::{Error, Session};

impl Session {
    /// The table as a CSV file (UTF-8, comma-separated, a header row, CRLF line ends as RFC 4180
    /// and spreadsheets on every system expect; a line break inside a note stays as typed).
    pub fn export_csv(&self, table: ExportTable) -> Result<Vec<u8>, Error> {
        let currency = self.currency()?;
        let headers = table.headers();
        let money_columns: Vec<usize> = headers.iter().enumerate().filter(|(_, h)| h.ends_with("_minor")).map(|(i, _)| i).collect();
        let mut out = String::new();
        let names: Vec<String> = headers
            .iter()
            .map(|h| match *h {
                "amount_minor" => "amount".to_owned(),
                "lifetime_minor" => "lifetime_value".to_owned(),
                other => other.to_owned(),
            })
            .collect();
        out.push_str(&names.join(","));
        out.push_str(",currency\r\n");
        self.store.each_export_row(table, |cells| {
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if money_columns.contains(&i) {
                    let minor = cell.parse::<i64>().unwrap_or(0);
                    out.push_str(&Money::from_minor(minor).to_decimal(currency));
                } else {
                    out.push_str(&csv_field(cell));
                }
            }
            out.push(',');
            out.push_str(currency.code());
            out.push_str("\r\n");
        })?;
        Ok(out.into_bytes())
    }
}
