//! `regulars-cli`: the same use cases as the app, from a terminal. It opens the same shop file
//! (SQLite's locking lets it run beside the app).

use std::path::PathBuf;
use std::process::ExitCode;

use lexopt::prelude::*;
use regulars_core::{Clock, CustomerSort, Session, resolve_data_dir};
use regulars_domain::{Currency, ShopName, ShopSettings};

const USAGE: &str = "usage: regulars-cli [--data-dir DIR] COMMAND

commands:
  setup --name NAME --currency CODE      name the shop and choose its currency
  sample [--customers N] [--sales N] [--seed N]
                                         add a generated sample shop (default 200 / 1500)
  customers [--search TEXT] [--limit N]  list or search customers
  sales [--limit N]                      the latest sales

The data directory defaults to $REGULARS_DATA_DIR, else the OS data directory.";

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
    let mut command: Option<String> = None;
    let mut options: Vec<(String, String)> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("data-dir") => data_dir = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("help") | Short('h') => {
                println!("{USAGE}");
                return Ok(());
            }
            Long(name) => {
                let name = name.to_owned();
                let value = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?;
                options.push((name, value));
            }
            Value(value) if command.is_none() => command = Some(value.string().map_err(|e| e.to_string())?),
            other => return Err(format!("{}\n\n{USAGE}", other.unexpected())),
        }
    }
    let Some(command) = command else {
        return Err(format!("no command given\n\n{USAGE}"));
    };
    let dir = resolve_data_dir(data_dir.as_deref()).map_err(|e| format!("cannot use the data directory: {e}"))?;
    let mut session = Session::open(&dir, Clock::Local).map_err(|e| e.to_string())?;
    let option = |name: &str| options.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let number = |name: &str, default: usize| -> Result<usize, String> {
        option(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name}: '{v}' is not a whole number")))
    };
    match command.as_str() {
        "setup" => {
            let name = ShopName::parse(option("name").ok_or("setup needs --name")?).map_err(|e| e.to_string())?;
            let currency = Currency::parse(option("currency").ok_or("setup needs --currency")?).map_err(|e| e.to_string())?;
            let settings = session.set_up_shop(ShopSettings { name, currency }).map_err(|e| e.to_string())?;
            println!("{} is set up in {}", settings.name.as_str(), settings.currency);
        }
        "sample" => {
            let made = session
                .generate_sample_shop(number("customers", 200)?, number("sales", 1500)?, number("seed", 1)? as u64)
                .map_err(|e| e.to_string())?;
            println!("added {} customers and {} sales to {}", made.customers, made.sales, dir.display());
        }
        "customers" => {
            let limit = number("limit", 50)? as u32;
            let customers = match option("search") {
                Some(query) => session.search_customers(query, limit),
                None => session.list_customers(CustomerSort::Name, limit, 0).map(|list| list.customers),
            }
            .map_err(|e| e.to_string())?;
            for c in customers {
                println!("{}\t{}\t{}\t{} sales", c.id, c.name, c.email.unwrap_or_default(), c.stats.sale_count);
            }
        }
        "sales" => {
            let currency = session.currency().map_err(|e| e.to_string())?;
            for sale in session.recent_sales(number("limit", 20)? as u32).map_err(|e| e.to_string())? {
                let who = sale.customer_name.unwrap_or_else(|| "walk-in".to_owned());
                println!("{}\t{}\t{} {}\t{}", sale.id, sale.date.date(), sale.amount.to_decimal(currency), currency, who);
            }
        }
        other => return Err(format!("unknown command '{other}'\n\n{USAGE}")),
    }
    Ok(())
}
