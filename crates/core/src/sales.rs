//! Use cases about sales: log, edit, delete and undo, and the shop's latest sales.

use regulars_domain::{CustomerDraft, Sale, SaleDraft, SaleId};

use crate::customers::not_found as customer_not_found;
use crate::{Error, Session};

impl Session {
    /// Logs a sale; a walk-in sale has no customer. The customer must exist and be active.
    pub fn log_sale(&mut self, draft: SaleDraft) -> Result<Sale, Error> {
        self.check_sale_customer(&draft)?;
        let id = self.store.insert_sale(&draft)?;
        self.sale(id)
    }

    /// The sale form's "add as a new customer": the customer and the sale are saved together
    /// or not at all (a sale refused leaves no customer with no sale behind).
    pub fn log_sale_for_new_customer(&mut self, customer: CustomerDraft, sale: SaleDraft) -> Result<Sale, Error> {
        self.refuse_duplicate_email(&customer, None)?;
        let (_, id) = self.store.insert_customer_with_sale(&customer, &sale)?;
        self.sale(id)
    }

    pub fn edit_sale(&mut self, id: SaleId, draft: SaleDraft) -> Result<Sale, Error> {
        self.check_sale_customer(&draft)?;
        if !self.store.update_sale(id, &draft)? {
            return Err(sale_not_found(id));
        }
        self.sale(id)
    }

    /// Deletes a sale, returning it so the owner can undo with [`Session::undo_delete_sale`].
    pub fn delete_sale(&mut self, id: SaleId) -> Result<Sale, Error> {
        let sale = self.sale(id)?;
        if !self.store.set_sale_deleted(id, true)? {
            return Err(sale_not_found(id));
        }
        Ok(sale)
    }

    pub fn undo_delete_sale(&mut self, id: SaleId) -> Result<Sale, Error> {
        if !self.store.set_sale_deleted(id, false)? {
            return Err(Error::NotFound(regulars_text::t!("error.saleNotDeleted", id = id.0.to_string())));
        }
        self.sale(id)
    }

    pub fn sale(&self, id: SaleId) -> Result<Sale, Error> {
        self.store.sale(id)?.ok_or_else(|| sale_not_found(id))
    }

    pub fn recent_sales(&self, limit: u32) -> Result<Vec<Sale>, Error> {
        Ok(self.store.recent_sales(limit.min(crate::customers::MAX_PAGE))?)
    }

    fn check_sale_customer(&self, draft: &SaleDraft) -> Result<(), Error> {
        let Some(id) = draft.customer else {
            return Ok(());
        };
        match self.store.customer(id)? {
            None => Err(customer_not_found(id)),
            Some(c) if c.summary.archived => Err(Error::Conflict(regulars_text::t!("error.archivedSale", name = &c.summary.name))),
            Some(_) => Ok(()),
        }
    }
}

fn sale_not_found(id: SaleId) -> Error {
    Error::NotFound(regulars_text::t!("error.noSale", id = id.0.to_string()))
}
