//! Use cases about customers: add, edit, archive and bring back, look up, list and search.

use regulars_domain::{Contact, Customer, CustomerDraft, CustomerId, CustomerSummary, Sale};
use regulars_store::CustomerSort;

use crate::{Error, Session};

/// A customer's page: who they are and every sale, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerPage {
    pub customer: Customer,
    pub sales: Vec<Sale>,
    /// Follow-up contacts, newest first.
    pub contacts: Vec<Contact>,
    /// Median days between purchase days, once there are two.
    pub usual_gap_days: Option<u32>,
    /// The day of the oldest unresolved issue.
    pub open_issue_since: Option<chrono::NaiveDate>,
    /// Customers merged into this one (and not split), newest first.
    pub merged: Vec<regulars_store::MergeRecord>,
    /// The merge of this customer into another, while it stands.
    pub merged_into: Option<regulars_store::MergeRecord>,
}

/// One page of the customer list, with the total for "showing 50 of 1,204".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerList {
    pub total: i64,
    pub customers: Vec<CustomerSummary>,
}

/// The most customers one search or list page returns.
pub const MAX_PAGE: u32 = 500;

impl Session {
    /// Adds a customer. Refuses a second customer with the same email, naming the first.
    pub fn add_customer(&mut self, draft: CustomerDraft) -> Result<Customer, Error> {
        self.refuse_duplicate_email(&draft, None)?;
        let id = self.store.insert_customer(&draft)?;
        self.customer(id)
    }

    pub fn edit_customer(&mut self, id: CustomerId, draft: CustomerDraft) -> Result<Customer, Error> {
        self.refuse_duplicate_email(&draft, Some(id))?;
        if !self.store.update_customer(id, &draft)? {
            return Err(not_found(id));
        }
        self.customer(id)
    }

    /// Hides a customer from lists, search and the sale form; their sales keep counting.
    pub fn archive_customer(&mut self, id: CustomerId) -> Result<Customer, Error> {
        if !self.store.set_customer_archived(id, true)? {
            return Err(not_found(id));
        }
        self.customer(id)
    }

    /// Undoes [`Session::archive_customer`].
    pub fn unarchive_customer(&mut self, id: CustomerId) -> Result<Customer, Error> {
        if !self.store.set_customer_archived(id, false)? {
            return Err(not_found(id));
        }
        self.customer(id)
    }

    pub fn customer(&self, id: CustomerId) -> Result<Customer, Error> {
        self.store.customer(id)?.ok_or_else(|| not_found(id))
    }

    pub fn customer_page(&self, id: CustomerId) -> Result<CustomerPage, Error> {
        let customer = self.customer(id)?;
        let sales = self.store.sales_of_customer(id)?;
        let contacts = self.store.contacts_of_customer(id)?;
        let rhythm = self.store.rhythm(id)?;
        let (merged, merged_into) = self.merges_of(id)?;
        Ok(CustomerPage {
            customer,
            sales,
            contacts,
            usual_gap_days: rhythm.as_ref().and_then(|r| r.usual_gap_days),
            open_issue_since: rhythm.and_then(|r| r.open_issue_since),
            merged,
            merged_into,
        })
    }

    pub fn list_customers(&self, sort: CustomerSort, limit: u32, offset: u32) -> Result<CustomerList, Error> {
        Ok(CustomerList { total: self.store.count_customers()?, customers: self.store.list_customers(sort, limit.min(MAX_PAGE), offset)? })
    }

    /// Type-ahead search over names, emails and phone numbers of active customers.
    pub fn search_customers(&self, query: &str, limit: u32) -> Result<Vec<CustomerSummary>, Error> {
        Ok(self.store.search_customers(query, limit.min(MAX_PAGE))?)
    }

    pub(crate) fn refuse_duplicate_email(&self, draft: &CustomerDraft, editing: Option<CustomerId>) -> Result<(), Error> {
        let Some(email) = &draft.email else {
            return Ok(());
        };
        match self.store.customer_by_email(email.as_str())? {
            Some(existing) if Some(existing) != editing => {
                let other = self.customer(existing)?;
                Err(Error::Conflict(regulars_text::t!("error.emailTaken", name = &other.summary.name, email = email.as_str())))
            }
            _ => Ok(()),
        }
    }
}

pub(crate) fn not_found(id: CustomerId) -> Error {
    Error::NotFound(regulars_text::t!("error.noCustomer", id = id.0.to_string()))
}
