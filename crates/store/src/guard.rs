//! Who has the shop open. Every open store holds a shared lock on a small file beside the shop
//! (`regulars.sqlite3.lock`); replacing the shop file as a whole (locking, changing or removing
//! the passphrase, putting a backup in place of a damaged shop, erasing the sample shop) first
//! takes that lock exclusively, which succeeds only when no other store, in this process or
//! another, has the shop open. SQLite's own locks cannot say this: in WAL mode an idle
//! connection holds none, yet a file renamed over the shop under it loses its later commits.
//!
//! The OS releases the lock when the process ends, however it ends, so a killed process never
//! leaves the shop locked. Windows and Unix alike (`File::lock_shared`, `File::try_lock`).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::StoreError;

/// The lock file beside the shop file at `path`.
pub fn lock_file_of(path: &Path) -> PathBuf {
    crate::with_suffix(path, ".lock")
}

/// A lock on the shop at `path`: shared while the store is open, exclusive while the file is
/// replaced. Released when dropped.
#[derive(Debug)]
pub struct ShopGuard {
    file: File,
    exclusive: bool,
}

impl ShopGuard {
    fn open_file(path: &Path) -> Result<File, StoreError> {
        let lock = lock_file_of(path);
        // A lock needs only a handle to the file: one left by another account (an admin's
        // run, a restored folder) is opened for reading when it may not be written.
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .or_else(|e| if lock.is_file() { File::open(&lock) } else { Err(e) })
            .map_err(
                |e| if e.kind() == std::io::ErrorKind::PermissionDenied { StoreError::CannotWrite } else { StoreError::Io(e.to_string()) },
            )
    }

    /// A shared lock, waiting up to `wait` while another process replaces the file.
    pub fn shared(path: &Path, wait: Duration) -> Result<ShopGuard, StoreError> {
        let file = ShopGuard::open_file(path)?;
        let started = Instant::now();
        loop {
            match file.try_lock_shared() {
                Ok(()) => return Ok(ShopGuard { file, exclusive: false }),
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => std::thread::sleep(Duration::from_millis(20)),
                Err(TryLockError::WouldBlock) => return Err(StoreError::Busy),
                Err(TryLockError::Error(e)) => return Err(StoreError::Io(e.to_string())),
            }
        }
    }

    /// An exclusive lock, for a caller with no store open: `InUse` at once when anything has
    /// the shop open.
    pub fn exclusive(path: &Path) -> Result<ShopGuard, StoreError> {
        let file = ShopGuard::open_file(path)?;
        match file.try_lock() {
            Ok(()) => Ok(ShopGuard { file, exclusive: true }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse),
            Err(TryLockError::Error(e)) => Err(StoreError::Io(e.to_string())),
        }
    }

    /// Turns this store's shared lock into an exclusive one, or says `InUse` (keeping the
    /// shared lock) when another store has the shop open. Not atomic: another opener may slip
    /// in between, and is then the one that makes this fail.
    pub fn make_exclusive(&mut self) -> Result<(), StoreError> {
        if self.exclusive {
            return Ok(());
        }
        unlock(&self.file)?;
        match self.file.try_lock() {
            Ok(()) => {
                self.exclusive = true;
                Ok(())
            }
            Err(error) => {
                self.file.lock_shared().map_err(|e| StoreError::Io(e.to_string()))?;
                match error {
                    TryLockError::WouldBlock => Err(StoreError::InUse),
                    TryLockError::Error(e) => Err(StoreError::Io(e.to_string())),
                }
            }
        }
    }

    /// Back to a shared lock, when a replacement was refused before it started.
    pub fn make_shared(&mut self) -> Result<(), StoreError> {
        if self.exclusive {
            unlock(&self.file)?;
            self.file.lock_shared().map_err(|e| StoreError::Io(e.to_string()))?;
            self.exclusive = false;
        }
        Ok(())
    }

    /// Lets go of the lock now, before the guard is dropped.
    pub fn release(&self) {
        let _ = unlock(&self.file);
    }
}

/// Lets go of whatever lock `file` holds. On Windows the standard library unlocks twice (a
/// handle may hold a shared and an exclusive lock) and takes "not locked" from the second call
/// for success; Wine answers that call with a lock violation instead, after the first call
/// released the lock, so that answer is success too (the guard's test shows the lock gone).
fn unlock(file: &File) -> Result<(), StoreError> {
    // ERROR_LOCK_VIOLATION.
    const LOCK_VIOLATION: i32 = 33;
    match file.unlock() {
        Err(e) if cfg!(windows) && e.raw_os_error() == Some(LOCK_VIOLATION) => Ok(()),
        result => result.map_err(|e| StoreError::Io(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cycle a re-lock goes through, in one process: shared, exclusive, back to shared,
    /// released, and a new shared lock on a fresh handle; a second store is refused only while
    /// the lock is exclusive.
    #[test]
    fn a_lock_goes_shared_exclusive_and_back_in_one_process() {
        let dir = tempfile::tempdir().expect("dir");
        let shop = dir.path().join("shop.sqlite3");
        let wait = Duration::from_millis(100);
        let mut first = ShopGuard::shared(&shop, wait).expect("shared");
        first.make_exclusive().expect("exclusive while alone");
        assert!(matches!(ShopGuard::shared(&shop, wait), Err(StoreError::Busy)), "a second store waits");
        first.make_shared().expect("shared again");
        let second = ShopGuard::shared(&shop, wait).expect("a second shared lock");
        assert!(matches!(first.make_exclusive(), Err(StoreError::InUse)), "refused while another store has it");
        drop(second);
        first.make_exclusive().expect("exclusive once alone again");
        first.release();
        let _third = ShopGuard::shared(&shop, wait).expect("shared on a fresh handle after release");
    }
}
