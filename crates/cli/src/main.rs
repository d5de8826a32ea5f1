//! `regulars-cli`: the same use cases as the app, from a terminal. It opens the same shop file
//! (SQLite's locking lets it run beside the app).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use lexopt::prelude::*;
use regulars_core::{Clock, CustomerSort, Session, resolve_data_dir};
use regulars_domain::{Currency, Field, ShopName, ShopSettings, parse_day};

const USAGE: &str = "usage: regulars-cli [--data-dir DIR] COMMAND

commands:
  setup --name NAME --currency CODE      name the shop and choose its currency
  sample [--customers N] [--sales N] [--seed N]
                                         add a generated sample shop (default 200 / 1500)
  customers [--search TEXT] [--limit N]  list or search customers
  sales [--limit N]                      the latest sales
  today [--as-of YYYY-MM-DD] [--json]    who to contact today, and why
  remind export-ics FILE [--days N]      the open reminders of the next N days (default 90)
                                         as a calendar file with alarms
  remind check-in-days N                 check in N days after each sale (default 7)

The data directory defaults to $REGULARS_DATA_DIR, else the OS data directory.";

/// Prints a line; stops quietly when the reader went away (`regulars-cli today | head`).
macro_rules! out {
    ($($arg:tt)*) => {
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            return Ok(());
        }
    };
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("regulars-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut parser = lexopt::Parser::from_env();
    let mut data_dir: Option<PathBuf> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut options: Vec<(String, String)> = Vec::new();
    let mut json = false;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("data-dir") => data_dir = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("help") | Short('h') => {
                out!("{USAGE}");
                return Ok(());
            }
            Long("json") => json = true,
            Long(name) => {
                let name = name.to_owned();
                let value = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?;
                options.push((name, value));
            }
            Value(value) => positional.push(value.string().map_err(|e| e.to_string())?),
            other => return Err(format!("{}\n\n{USAGE}", other.unexpected())),
        }
    }
    let Some(command) = positional.first().cloned() else {
        return Err(format!("no command given\n\n{USAGE}"));
    };
    let dir = resolve_data_dir(data_dir.as_deref()).map_err(|e| format!("cannot use the data directory: {e}"))?;
    let option = |name: &str| options.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let clock = match option("as-of") {
        Some(day) => Clock::Fixed(parse_day(Field::Date, day).map_err(|e| format!("--as-of: {}", e.problem))?),
        None => Clock::Local,
    };
    let mut session = Session::open(&dir, clock).map_err(|e| e.to_string())?;
    let number = |name: &str, default: usize| -> Result<usize, String> {
        option(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name}: '{v}' is not a whole number")))
    };
    match command.as_str() {
        "setup" => {
            let name = ShopName::parse(option("name").ok_or("setup needs --name")?).map_err(|e| e.to_string())?;
            let currency = Currency::parse(option("currency").ok_or("setup needs --currency")?).map_err(|e| e.to_string())?;
            let settings = session.set_up_shop(ShopSettings { name, currency }).map_err(|e| e.to_string())?;
            out!("{} is set up in {}", settings.name.as_str(), settings.currency);
        }
        "sample" => {
            let made = session
                .generate_sample_shop(number("customers", 200)?, number("sales", 1500)?, number("seed", 1)? as u64)
                .map_err(|e| e.to_string())?;
            out!("added {} customers and {} sales to {}", made.customers, made.sales, dir.display());
        }
        "customers" => {
            let limit = number("limit", 50)? as u32;
            let customers = match option("search") {
                Some(query) => session.search_customers(query, limit),
                None => session.list_customers(CustomerSort::Name, limit, 0).map(|list| list.customers),
            }
            .map_err(|e| e.to_string())?;
            for c in customers {
                out!("{}\t{}\t{}\t{} sales", c.id, c.name, c.email.unwrap_or_default(), c.stats.sale_count);
            }
        }
        "sales" => {
            let currency = session.currency().map_err(|e| e.to_string())?;
            for sale in session.recent_sales(number("limit", 20)? as u32).map_err(|e| e.to_string())? {
                let who = sale.customer_name.unwrap_or_else(|| "walk-in".to_owned());
                out!("{}\t{}\t{} {}\t{}", sale.id, sale.date.date(), sale.amount.to_decimal(currency), currency, who);
            }
        }
        "today" => {
            let today = session.today_list().map_err(|e| e.to_string())?;
            if json {
                let reminders: Vec<serde_json::Value> = today
                    .due
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "key": r.key,
                            "reason": r.kind.key(),
                            "customer_id": r.customer.0,
                            "customer": r.customer_name,
                            "due": r.due.to_string(),
                            "days_overdue": r.days_overdue(today.as_of),
                            "why": r.why(today.as_of),
                        })
                    })
                    .collect();
                let out = serde_json::json!({"as_of": today.as_of.to_string(), "due": reminders});
                out!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
            } else if today.due.is_empty() {
                out!("Nobody to contact on {}.", today.as_of);
            } else {
                for r in &today.due {
                    let overdue = r.days_overdue(today.as_of);
                    let when = if overdue == 0 { "due today".to_owned() } else { format!("overdue {overdue} d") };
                    out!("{}\t{}\t{}\t{}\t{}", r.kind.key(), r.customer_name, r.due, when, r.why(today.as_of));
                }
            }
        }
        "remind" => {
            let (Some(what), Some(value)) = (positional.get(1).map(String::as_str), positional.get(2)) else {
                return Err(format!("usage: regulars-cli remind export-ics FILE | remind check-in-days N\n\n{USAGE}"));
            };
            if what == "check-in-days" {
                let days: u32 = value.parse().map_err(|_| format!("'{value}' is not a whole number of days"))?;
                session.set_check_in_days(days).map_err(|e| e.to_string())?;
                out!("check-ins are now due {days} days after each sale");
                return Ok(());
            }
            if what != "export-ics" {
                return Err(format!("unknown remind command '{what}'\n\n{USAGE}"));
            }
            let file = value;
            let calendar = session.reminders_calendar(number("days", 90)? as u64).map_err(|e| e.to_string())?;
            std::fs::write(file, &calendar).map_err(|e| format!("cannot write {file}: {e}"))?;
            out!("wrote {} reminders to {file}", calendar.matches("BEGIN:VEVENT").count());
        }
        other => return Err(format!("unknown command '{other}'\n\n{USAGE}")),
    }
    Ok(())
}
