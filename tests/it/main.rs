//! Integration tests of Regulars' use cases on real SQLite files in temporary directories.
//! One binary (linking once), one module per feature; most tests go through [`Shop`].

mod analytics;
mod architecture;
mod backups;
mod crash;
mod customers;
mod duplicates;
#[cfg(unix)]
mod faults;
mod hostile;
mod import;
mod import_same;
mod lock;
mod migrations;
mod misuse;
mod misuse_random;
mod predict;
mod reminders;
mod sales;
mod search;

use chrono::NaiveDate;
use regulars_core::{Clock, Session};
use regulars_domain::{Currency, CustomerDraft, CustomerId, Sale, SaleDraft, ShopName, ShopSettings};

/// The day every test pretends it is.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// A real shop on disk, set up in euros, with helpers that parse form text like the app does.
pub struct Shop {
    pub dir: tempfile::TempDir,
    pub session: Session,
}

impl Default for Shop {
    fn default() -> Shop {
        Shop::new()
    }
}

impl Shop {
    pub fn new() -> Shop {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = Session::open(dir.path(), Clock::Fixed(today())).expect("open shop");
        let settings =
            ShopSettings { name: ShopName::parse("Maria's Bikes").expect("name"), currency: Currency::parse("EUR").expect("EUR") };
        session.set_up_shop(settings).expect("set up");
        Shop { dir, session }
    }

    /// Closes and reopens the shop file, as a restart of the app would.
    pub fn reopen(self) -> Shop {
        let Shop { dir, session } = self;
        drop(session);
        let session = Session::open(dir.path(), Clock::Fixed(today())).expect("reopen shop");
        Shop { dir, session }
    }

    pub fn add(&mut self, name: &str, email: &str, phone: &str) -> CustomerId {
        let draft = CustomerDraft::parse(name, email, phone, "", &[]).expect("valid customer");
        self.session.add_customer(draft).expect("add customer").summary.id
    }

    pub fn sale_draft(&self, customer: Option<CustomerId>, date: &str, amount: &str) -> Result<SaleDraft, regulars_domain::FieldError> {
        let currency = self.session.currency().expect("currency");
        SaleDraft::parse(customer, date, amount, "", "", "", currency, self.session.today())
    }

    pub fn sell(&mut self, customer: Option<CustomerId>, date: &str, amount: &str) -> Sale {
        let draft = self.sale_draft(customer, date, amount).expect("valid sale");
        self.session.log_sale(draft).expect("log sale")
    }
}
