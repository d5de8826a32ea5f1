//! The one piece of managed state: the open shop, behind a mutex.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use regulars_core::{Clock, Error, Passphrase, Session, StoreError, resolve_data_dir};

use crate::IpcError;
use crate::logging::panic_message;

#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
    /// Whether `data_dir` is the folder the owner's shop lives in (not a stand-in after the
    /// folder could not even be found), so that opening it again is worth trying.
    data_dir_found: bool,
    /// The open shop, or why it could not be opened (shown to the owner on every screen).
    session: Mutex<Result<Session, IpcError>>,
    /// The passphrase the owner typed to unlock the shop, kept for reopening it (after a
    /// restore, for the daily backup) until the app closes. Never written anywhere.
    passphrase: Mutex<Option<Passphrase>>,
    clock: Clock,
    /// Damage found in the shop file after it opened (by the daily backup's check).
    pub damage: Mutex<Option<String>>,
    /// The file the owner picked to import; the web view never names a path itself.
    pub import_file: Mutex<Option<PathBuf>>,
    /// Set by "Cancel" while an import runs (in its worker process, see `worker.rs`).
    pub cancel_import: AtomicBool,
    /// Held while this app has the shop open a second time (the daily backup's own
    /// connection). What must have the shop to itself (a new passphrase, a restore) waits for
    /// it, rather than being refused as if another window had the shop open.
    side_session: Mutex<()>,
}

impl AppState {
    /// Opens the shop in the data directory (`flag` overriding the default). `today`, a
    /// `YYYY-MM-DD` given only by end-to-end tests, fixes the clock.
    pub fn open(flag: Option<&Path>, today: Option<&str>) -> AppState {
        let clock = match today.map(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")) {
            Some(Ok(day)) => Clock::Fixed(day),
            _ => Clock::Local,
        };
        let (data_dir, data_dir_found, session) = match resolve_data_dir(flag) {
            Ok(dir) => {
                let session = Session::open(&dir, clock).map_err(IpcError::from);
                (dir, true, session)
            }
            Err(e) => (
                std::env::temp_dir(),
                false,
                Err(IpcError::internal(regulars_core::text::t!("app.dataFolderUnusable", detail = e.to_string()))),
            ),
        };
        if let Err(why) = &session {
            eprintln!("Regulars: {}", why.message);
        }
        AppState {
            data_dir,
            data_dir_found,
            session: Mutex::new(session),
            passphrase: Mutex::new(None),
            clock,
            damage: Mutex::new(None),
            import_file: Mutex::new(None),
            cancel_import: AtomicBool::new(false),
            side_session: Mutex::new(()),
        }
    }

    /// Closes the shop, runs `change` on the data folder, and opens the shop again.
    pub fn reopen_after(&self, change: impl FnOnce(&Path) -> Result<(), String>) -> Result<(), IpcError> {
        let mut guard = self.session.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *guard = Err(IpcError::internal(regulars_core::text::t!("app.replacing")));
        let changed = change(&self.data_dir);
        *guard = self.open_session();
        changed.map_err(IpcError::internal)?;
        guard.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// Opens the shop with the passphrase the owner typed, if any.
    fn open_session(&self) -> Result<Session, IpcError> {
        Session::open_with(&self.data_dir, self.clock, self.passphrase().as_ref()).map_err(IpcError::from)
    }

    /// The passphrase the owner unlocked the shop with in this run of the app.
    pub fn passphrase(&self) -> Option<Passphrase> {
        self.passphrase.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Unlocks the shop with what the owner typed. A wrong passphrase is not kept.
    pub fn unlock(&self, typed: &str) -> Result<(), IpcError> {
        let key = Passphrase::typed(typed);
        let session = Session::open_with(&self.data_dir, self.clock, Some(&key)).map_err(IpcError::from)?;
        *self.passphrase.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(key);
        *self.session.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Ok(session);
        Ok(())
    }

    /// Locks the shop with `new` (or removes its lock with `None`). When it is locked already,
    /// `current` must be its passphrase: someone at an unattended, unlocked window cannot
    /// change or remove it.
    pub fn set_passphrase(&self, current: Option<&str>, new: Option<&str>) -> Result<(), IpcError> {
        let kept = self.passphrase();
        if kept.is_some() && kept != current.map(Passphrase::typed) {
            return Err(IpcError::from(Error::Store(StoreError::WrongPassphrase)));
        }
        self.alone(|| self.with_session(|s| Ok(s.set_passphrase(new)?)))?;
        *self.passphrase.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = new.map(Passphrase::typed);
        Ok(())
    }

    /// Runs `work`, which opens the shop a second time in this app (the daily backup).
    pub fn on_a_side_session<T>(&self, work: impl FnOnce() -> T) -> T {
        let _side = self.side_session.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        work()
    }

    /// Runs `work`, which needs the shop to itself, once this app's own second session (if
    /// one is open) has closed.
    pub fn alone<T>(&self, work: impl FnOnce() -> T) -> T {
        self.on_a_side_session(work)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Runs one use case on the shop. A panic inside becomes an `internal` error (logged), so
    /// it never reaches the owner as a crash; the transaction it was in rolls back.
    pub fn with_session<T>(&self, use_case: impl FnOnce(&mut Session) -> Result<T, IpcError>) -> Result<T, IpcError> {
        let mut guard = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // A shop that could not be opened (a read-only folder, a file another program held) is
        // tried again at every call, so the app recovers once the cause is gone, without a
        // restart.
        if guard.is_err() && self.data_dir_found {
            match self.open_session() {
                Ok(session) => {
                    log::info!("the shop opened on a later try");
                    *guard = Ok(session);
                }
                Err(e) => *guard = Err(e),
            }
        }
        let session = guard.as_mut().map_err(|why| why.clone())?;
        catch_unwind(AssertUnwindSafe(|| use_case(session))).unwrap_or_else(|payload| {
            log::error!("a command panicked: {}", panic_message(payload.as_ref()));
            Err(IpcError::internal(regulars_core::text::t!("app.panicked")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn a_panic_in_a_use_case_becomes_an_internal_error_and_the_app_goes_on() {
        let dir = tempfile::tempdir().expect("dir");
        let state = AppState::open(Some(dir.path()), None);
        let result: Result<(), IpcError> = state.with_session(|_| panic!("a bug"));
        let error = result.expect_err("the panic is caught");
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(error.message.contains("regulars.log"), "{}", error.message);
        // The session is still usable afterwards.
        assert!(state.with_session(|s| Ok(s.shop()?)).expect("still works").is_none());
    }

    #[test]
    fn a_shop_file_that_cannot_be_opened_is_reported_on_every_call() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join(regulars_core::DATABASE_FILE), "not a database, just text".repeat(200)).expect("write");
        let state = AppState::open(Some(dir.path()), None);
        let error = state.with_session(|s| Ok(s.shop()?)).expect_err("refused");
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(error.message.contains("not a Regulars shop file"), "{}", error.message);
    }

    #[test]
    fn a_shop_that_could_not_be_opened_opens_at_the_next_call_once_the_cause_is_gone() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join(regulars_core::DATABASE_FILE);
        std::fs::write(&file, "not a database, just text".repeat(200)).expect("write");
        let state = AppState::open(Some(dir.path()), None);
        assert!(state.with_session(|s| Ok(s.shop()?)).is_err());
        std::fs::remove_file(&file).expect("the owner moves the stray file away");
        assert!(state.with_session(|s| Ok(s.shop()?)).expect("opened on the next call").is_none());
    }

    /// The daily backup opens the shop a second time, on a thread of its own. Locking the shop
    /// while it runs waits for it, instead of being refused as if another window had the shop
    /// open (an end-to-end run pressed Lock five seconds after start, as the backup began).
    #[test]
    fn locking_waits_for_the_apps_own_backup_instead_of_refusing() {
        use regulars_domain::{Currency, ShopName, ShopSettings};
        let dir = tempfile::tempdir().expect("dir");
        let state = AppState::open(Some(dir.path()), None);
        let settings = ShopSettings { name: ShopName::parse("Side shop").expect("name"), currency: Currency::parse("EUR").expect("EUR") };
        state.with_session(|s| Ok(s.set_up_shop(settings)?)).expect("set up");
        let (opened, is_open) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                state.on_a_side_session(|| {
                    let side = Session::open_with(state.data_dir(), state.clock(), None).expect("the backup's own session");
                    opened.send(()).expect("told");
                    std::thread::sleep(std::time::Duration::from_millis(400));
                    drop(side);
                });
            });
            is_open.recv().expect("the side session opened");
            state.set_passphrase(None, Some("correct horse battery")).expect("locked once the backup is done");
        });
        assert!(regulars_core::is_locked_file(&dir.path().join(regulars_core::DATABASE_FILE)));
    }
}
