//! Customers: the form, the list and search, the page, duplicates and merges.

use super::*;

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
    #[ts(as = "Option<regulars_core::CustomerOutlook>")]
    pub outlook: Camel<Option<regulars_core::CustomerOutlook>>,
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

impl From<CustomerPage> for CustomerPageView {
    fn from(page: CustomerPage) -> CustomerPageView {
        CustomerPageView {
            customer: page.customer.into(),
            sales: page.sales.into_iter().map(SaleView::from).collect(),
            contacts: page.contacts.into_iter().map(ContactView::from).collect(),
            usual_gap_days: page.usual_gap_days,
            open_issue_since: page.open_issue_since.map(|d| d.to_string()),
            outlook: Camel(None),
            outlook_unavailable: None,
            merged: page.merged.into_iter().map(MergeView::from).collect(),
            merged_into: page.merged_into.map(MergeView::from),
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
