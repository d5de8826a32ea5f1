//! The command line, parsed once into a typed command; one module per command.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use regulars_core::{Clock, Filter, Passphrase, Session, resolve_data_dir};
use regulars_domain::{Field, parse_day};

use crate::error::{CliError, Result};

mod backup;
mod backups;
mod charts;
mod customers;
mod duplicates;
mod export;
mod import;
mod imports;
mod lock;
mod metrics;
mod pack;
mod predict;
mod remind;
mod remove_sample_shop;
mod restore;
mod sales;
mod sample;
mod sample_shop;
mod settings;
mod setup;
mod time_zone;
mod today;
mod undo_import;
mod unlock;

/// The environment variable that carries a locked shop's passphrase.
pub const PASSPHRASE_ENV: &str = "REGULARS_PASSPHRASE";

#[derive(Parser)]
#[command(
    name = "regulars-cli",
    version,
    about = "Regulars on the command line: the same shop and use cases as the app, for scripts and support.",
    after_help = "The data directory defaults to $REGULARS_DATA_DIR, else the OS data directory. A shop locked \
                  with a passphrase opens with $REGULARS_PASSPHRASE set to it. docs/CLI.md has the details."
)]
pub struct Cli {
    /// The folder that holds the shop (regulars.sqlite3 and its backups)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Take this day as today (for reminders, predictions and the default range)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = day)]
    as_of: Option<chrono::NaiveDate>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Name the shop and choose its currency
    Setup(setup::Args),
    /// Add a generated sample shop (default 200 customers, 1500 sales)
    Sample(sample::Args),
    /// List or search customers
    Customers(customers::Args),
    /// Customers who may be one person (same email, same phone, or same name with nothing
    /// telling them apart)
    Duplicates(duplicates::Args),
    /// Merge the second customer into the first: sales, contacts, reminders and tags move
    Merge(duplicates::MergeArgs),
    /// Take a merge back (its number is printed by `merge`)
    Split(duplicates::SplitArgs),
    /// The latest sales
    Sales(sales::Args),
    /// Today's plan: who to contact, why, and the drafted message (--all: everything due)
    Today(today::Args),
    /// Contacts a day, and the follow-up message templates
    #[command(subcommand)]
    Settings(settings::Command),
    /// The shop's time zone, which imports put payment times written in UTC on (default: this
    /// computer's)
    TimeZone(time_zone::Args),
    /// Reminders: a calendar file of the open ones, or the check-in delay after a sale
    #[command(subcommand)]
    Remind(remind::Command),
    /// Load the two-year sample shop into an empty shop
    SampleShop,
    /// Delete the sample shop (never a real one)
    RemoveSampleShop,
    /// Lock (encrypt) the shop with a passphrase, or change it: the new one from
    /// REGULARS_NEW_PASSPHRASE or the first line of standard input
    Lock,
    /// Remove the passphrase (the shop opens without one)
    Unlock,
    /// Every repeat-business figure (docs/CLI.md has the JSON schema, docs/METRICS.md the definitions)
    Metrics(metrics::Args),
    /// Each chart as PNG, SVG, CSV or PDF
    Charts(charts::Args),
    /// The meeting pack: summary and every chart, one PDF
    Pack(pack::Args),
    /// Who is slipping away: the fitted model, a hold-out check, and each customer's P(alive),
    /// expected purchases and value in 90 days and money at risk (most at risk first)
    Predict(predict::Args),
    /// Import a sales export (Shopify, Square, Stripe, WooCommerce, customer_id/date/amount, or
    /// mapped by hand); exit code 0: imported (or, with --dry-run, would import)
    Import(Box<import::Args>),
    /// A checked copy of the shop (SQLite's online backup) with its checksum beside it
    Backup(backup::Args),
    /// Replace the shop with a backup; the current shop is saved first in the data folder's backups/
    Restore(restore::Args),
    /// The rolling backups (made daily by the app)
    Backups,
    /// Past imports, newest first
    Imports,
    /// customers.csv, sales.csv and contacts.csv (sales.csv imports back with `import`)
    Export(export::Args),
    /// Take an import back as a whole
    UndoImport(undo_import::Args),
}

/// The date range and grouping of the figures; default: the last twelve months by month, 14 days.
#[derive(clap::Args)]
struct Range {
    /// First day of the range
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<String>,
    /// Last day of the range
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<String>,
    /// week, month or quarter
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
    /// A follow-up counts when it came within this many days of a sale
    #[arg(long, value_name = "N")]
    follow_up_days: Option<u32>,
}

impl Range {
    fn filter(&self, session: &Session) -> Result<Filter> {
        Ok(session.parse_filter(self.from.as_deref(), self.to.as_deref(), self.period.as_deref(), self.follow_up_days)?)
    }
}

fn day(text: &str) -> std::result::Result<chrono::NaiveDate, String> {
    parse_day(Field::Date, text).map_err(|e| e.problem)
}

/// Whether a command may make a new shop where there is none: only those that put data in.
#[derive(Clone, Copy, PartialEq)]
enum Opening {
    MayCreate,
    Existing,
}

pub fn run(cli: Cli) -> Result {
    let dir = resolve_data_dir(cli.data_dir.as_deref()).map_err(|e| format!("cannot use the data folder: {e}"))?;
    let clock = cli.as_of.map_or(Clock::Local, Clock::Fixed);
    let open = |opening: Opening| open(&dir, clock, opening);
    match cli.command {
        Command::Setup(args) => setup::run(&mut open(Opening::MayCreate)?, &args),
        Command::Sample(args) => sample::run(&mut open(Opening::MayCreate)?, &args),
        Command::SampleShop => sample_shop::run(&mut open(Opening::MayCreate)?),
        Command::Import(args) => import::run(&mut open(Opening::MayCreate)?, &args),
        // A restore is how a lost shop comes back, so it may stand where there is none yet.
        Command::Restore(args) => restore::run(&mut open(Opening::MayCreate)?, &args),
        Command::Backups => backups::run(&dir),
        Command::Customers(args) => customers::run(&open(Opening::Existing)?, &args),
        Command::Duplicates(args) => duplicates::run(&open(Opening::Existing)?, &args),
        Command::Merge(args) => duplicates::merge(&mut open(Opening::Existing)?, &args),
        Command::Split(args) => duplicates::split(&mut open(Opening::Existing)?, &args),
        Command::Sales(args) => sales::run(&open(Opening::Existing)?, &args),
        Command::Today(args) => today::run(&open(Opening::Existing)?, &args),
        Command::Settings(command) => settings::run(&mut open(Opening::Existing)?, &command),
        Command::TimeZone(args) => time_zone::run(&mut open(Opening::Existing)?, &args),
        Command::Remind(command) => remind::run(&mut open(Opening::Existing)?, &command),
        Command::RemoveSampleShop => remove_sample_shop::run(&mut open(Opening::Existing)?),
        Command::Lock => lock::run(&mut open(Opening::Existing)?),
        Command::Unlock => unlock::run(&mut open(Opening::Existing)?),
        Command::Metrics(args) => metrics::run(&open(Opening::Existing)?, &args),
        Command::Charts(args) => charts::run(&open(Opening::Existing)?, &args),
        Command::Pack(args) => pack::run(&open(Opening::Existing)?, &args),
        Command::Predict(args) => predict::run(&open(Opening::Existing)?, &args),
        Command::Backup(args) => backup::run(&open(Opening::Existing)?, &args),
        Command::Imports => imports::run(&open(Opening::Existing)?),
        Command::Export(args) => export::run(&open(Opening::Existing)?, &args),
        Command::UndoImport(args) => undo_import::run(&mut open(Opening::Existing)?, &args),
    }
}

/// Opens the shop in `dir`; a locked one with REGULARS_PASSPHRASE (an environment variable, so
/// the passphrase is not left in the shell's history or the process list).
fn open(dir: &Path, clock: Clock, opening: Opening) -> Result<Session> {
    let key = passphrase_from_env(PASSPHRASE_ENV)?.map(|p| Passphrase::typed(&p));
    let session = match opening {
        Opening::MayCreate => Session::open_with(dir, clock, key.as_ref()),
        Opening::Existing => Session::open_existing(dir, clock, key.as_ref()),
    };
    Ok(session?)
}

/// A passphrase from the environment: absent, or text; set but empty or not text is said so
/// (rather than taken as no passphrase, or as a different one).
pub(crate) fn passphrase_from_env(name: &str) -> Result<Option<String>> {
    match std::env::var(name) {
        Ok(text) if text.is_empty() => Err(CliError::Message(format!("{name} is set but empty; set it to the passphrase, or unset it"))),
        Ok(text) => Ok(Some(text)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(CliError::Message(format!("{name} holds bytes that are not text (UTF-8); type the passphrase in a UTF-8 terminal")))
        }
    }
}

/// "Save as" from the command line: whole or not at all, and never over the shop or a backup.
fn save(session: &Session, path: &Path, bytes: &[u8]) -> Result {
    Ok(session.save_file(path, bytes)?)
}

/// Creates an output folder named on the command line.
fn create_folder(dir: &Path) -> Result {
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::Message(format!("{} is a file, not a folder", dir.display())));
    }
    std::fs::create_dir_all(dir).map_err(|e| CliError::Message(format!("cannot create the folder {}: {e}", dir.display())))
}

/// A JSON value as the terminal prints it.
fn pretty(value: &serde_json::Value) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| CliError::Message(e.to_string()))
}
