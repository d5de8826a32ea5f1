//! `remind export-ics FILE` and `remind check-in-days N`.

use std::path::PathBuf;

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Subcommand)]
pub enum Command {
    /// The open reminders of the next N days as a calendar file with alarms
    ExportIcs {
        /// The calendar file to write (.ics)
        file: PathBuf,
        /// How many days ahead
        #[arg(long, default_value_t = 90, value_name = "N")]
        days: u64,
    },
    /// Check in N days after each sale (default 7)
    CheckInDays {
        /// Days after a sale
        days: u32,
    },
}

pub fn run(session: &mut Session, command: &Command) -> Result {
    match command {
        Command::CheckInDays { days } => {
            session.set_check_in_days(*days)?;
            out!("check-ins are now due {days} days after each sale");
        }
        Command::ExportIcs { file, days } => {
            let calendar = session.reminders_calendar(*days)?;
            super::save(session, file, calendar.as_bytes())?;
            out!("wrote {} reminders to {}", calendar.matches("BEGIN:VEVENT").count(), file.display());
        }
    }
    Ok(())
}
