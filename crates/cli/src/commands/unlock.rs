//! `unlock`: remove the passphrase, so the shop opens without one.

use regulars_core::Session;

use crate::error::Result;

pub fn run(session: &mut Session) -> Result {
    if !session.is_locked() {
        return Err("the shop is not locked with a passphrase".into());
    }
    session.set_passphrase(None)?;
    out!("{} opens without a passphrase now", session.data_dir().display());
    Ok(())
}
