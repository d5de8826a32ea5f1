//! `time-zone [NAME]`: the shop's time zone, which imports put UTC payment times on.

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// An IANA name such as Europe/London or America/New_York; without one, print it
    name: Option<String>,
    /// Follow this computer's time zone again
    #[arg(long, conflicts_with = "name")]
    computer: bool,
}

pub fn run(session: &mut Session, args: &Args) -> Result {
    if args.computer {
        session.set_time_zone("")?;
    } else if let Some(name) = &args.name {
        session.set_time_zone(name)?;
    }
    let zone = session.time_zone()?;
    if session.time_zone_is_set()? {
        out!("{}", zone.name());
    } else {
        out!("{} (this computer's)", zone.name());
    }
    Ok(())
}
