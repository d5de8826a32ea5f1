//! Sales: the form and the sale as shown.

use super::*;

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
    /// Empty means in store.
    #[ts(type = "SaleChannel | \"\"")]
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
    #[ts(type = "SaleChannel")]
    pub channel: String,
    pub note: String,
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
