//! An open shop: the store plus the clock that says what "today" is.

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use regulars_analytics::History;
use regulars_domain::Currency;
use regulars_store::{DATABASE_FILE, Passphrase, Revision, Store};

use crate::Error;

/// What "today" is. The app uses the computer's local day; tests fix it.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    Local,
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::Local => chrono::Local::now().date_naive(),
            Clock::Fixed(date) => date,
        }
    }
}

/// One open shop. Every use case is a method on it.
#[derive(Debug)]
pub struct Session {
    pub(crate) store: Store,
    clock: Clock,
    /// The analytics history as of a store revision (see `analytics.rs`).
    pub(crate) history_cache: RefCell<Option<(Revision, Arc<History>)>>,
    /// The prediction models' outlook as of a store revision and a day (see `predict.rs`).
    pub(crate) outlook_cache: RefCell<Option<(Revision, chrono::NaiveDate, Arc<regulars_analytics::outlook::Outlook>)>>,
    /// The Today list as of a store revision, a day, and whether the model's view was in it.
    pub(crate) today_cache: RefCell<Option<Kept<Arc<crate::Today>>>>,
    /// The day's plan, kept the same way (its setting and answers are writes: a new revision).
    pub(crate) plan_cache: RefCell<Option<Kept<Arc<crate::TodayPlan>>>>,
    /// How many of an import's sales stay in memory, the others set aside in the shop's folder
    /// (see `regulars_import::SaleList`).
    pub(crate) sales_in_memory: usize,
}

/// A value kept as of a store revision, a day, and whether the model's view was in it.
pub(crate) type Kept<T> = (Revision, chrono::NaiveDate, bool, T);

impl Session {
    /// Opens the shop kept in `data_dir`, creating and upgrading its file as needed.
    pub fn open(data_dir: &Path, clock: Clock) -> Result<Session, Error> {
        Session::open_with(data_dir, clock, None)
    }

    /// Opens the shop kept in `data_dir`, unlocking it with `key` if it is locked with a
    /// passphrase (`StoreError::Locked` without one, `WrongPassphrase` with the wrong one).
    pub fn open_with(data_dir: &Path, clock: Clock, key: Option<&Passphrase>) -> Result<Session, Error> {
        crate::data_dir::create_data_dir(data_dir)?;
        let store = Store::open_with(&data_dir.join(DATABASE_FILE), key)?;
        crate::files::sweep_partials(data_dir);
        crate::files::sweep_partials(&data_dir.join(crate::BACKUP_DIR));
        Ok(Session {
            store,
            clock,
            history_cache: RefCell::new(None),
            outlook_cache: RefCell::new(None),
            today_cache: RefCell::new(None),
            plan_cache: RefCell::new(None),
            sales_in_memory: regulars_import::SALES_IN_MEMORY,
        })
    }

    /// Opens the shop in `data_dir` only if there is one: for reading commands, so that a
    /// mistyped folder is reported instead of getting a new, empty shop (and folders) made.
    pub fn open_existing(data_dir: &Path, clock: Clock, key: Option<&Passphrase>) -> Result<Session, Error> {
        crate::data_dir::refuse_file_in_place(data_dir)?;
        if !data_dir.join(DATABASE_FILE).is_file() {
            return Err(Error::NotFound(regulars_text::t!("data.noShop", folder = data_dir.display().to_string())));
        }
        Session::open_with(data_dir, clock, key)
    }

    /// Locks the shop with a passphrase, changes it, or (with `None`) removes it. Typed text is
    /// checked here (at least eight characters) so the window and the command line agree.
    pub fn set_passphrase(&mut self, new: Option<&str>) -> Result<(), Error> {
        let key = new.map(Passphrase::new).transpose().map_err(Error::Conflict)?;
        self.store.set_passphrase(key.as_ref())?;
        Ok(())
    }

    /// Keeps at most `sales` of an import's sales in memory (at least one), the others set
    /// aside on the disk: tests set it low to import a small file as a large one is.
    pub fn set_sales_in_memory(&mut self, sales: usize) {
        self.sales_in_memory = sales;
    }

    pub fn is_locked(&self) -> bool {
        self.store.is_locked()
    }

    /// Changes what "today" is (tests, and the app's test-only override).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The store underneath, for tests and benchmarks; the front ends use the `Session`'s own
    /// methods (the architecture test holds them to `core` and `domain`).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// True when nothing has been entered: no customer, no sale.
    pub fn is_empty(&self) -> Result<bool, Error> {
        Ok(self.store.is_empty()?)
    }

    /// The shop's currency; a conflict until the shop is set up.
    pub fn currency(&self) -> Result<Currency, Error> {
        match self.store.shop_settings()? {
            Some(settings) => Ok(settings.currency),
            None => Err(Error::Conflict(regulars_text::t!("error.noShop"))),
        }
    }
}

impl Session {
    /// What `cache` keeps, while the shop (its revision), the day and the model's availability
    /// are as they were; else `compute`d anew and kept, keyed by what it was computed with
    /// (computing may fit the model: a small shop's Today does).
    pub(crate) fn kept<T: Clone>(&self, cache: &RefCell<Option<Kept<T>>>, compute: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        let revision = self.store.revision()?;
        let day = self.today();
        let modelled = self.cached_outlook()?.is_some();
        if let Some((seen, seen_day, seen_modelled, value)) = &*cache.borrow()
            && *seen == revision
            && *seen_day == day
            && *seen_modelled == modelled
        {
            return Ok(value.clone());
        }
        let value = compute()?;
        let modelled = self.cached_outlook()?.is_some();
        *cache.borrow_mut() = Some((revision, day, modelled, value.clone()));
        Ok(value)
    }
}
