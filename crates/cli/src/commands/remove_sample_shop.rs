//! `remove-sample-shop`: delete the sample shop; a real shop is refused.

use regulars_core::Session;

use crate::error::Result;

pub fn run(session: &mut Session) -> Result {
    session.remove_sample_shop()?;
    out!("removed the sample shop from {}", session.data_dir().display());
    Ok(())
}
