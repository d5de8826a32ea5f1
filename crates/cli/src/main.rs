//! `regulars-cli`: the same use cases as the app, from a terminal. It opens the same shop file
//! (SQLite's locking lets it run beside the app).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use lexopt::prelude::*;
use std::path::Path;

use regulars_core::{ChartFormat, ChartKind, Clock, CustomerSort, Filter, Passphrase, Session, StoreError, resolve_data_dir};
use regulars_domain::{Currency, Field, ShopName, ShopSettings, parse_day};

/// The environment variable that carries a locked shop's passphrase.
const PASSPHRASE_ENV: &str = "REGULARS_PASSPHRASE";

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
  sample-shop                            load the two-year sample shop into an empty shop
  remove-sample-shop                     delete the sample shop (never a real one)
  lock                                   lock (encrypt) the shop with a passphrase, or change
                                         it: the new one from REGULARS_NEW_PASSPHRASE or the
                                         first line of standard input
  unlock                                 remove the passphrase (the shop opens without one)
  metrics [RANGE] [--json]               every repeat-business figure (docs/CLI.md has the
                                         JSON schema, docs/METRICS.md the definitions)
  charts --out DIR [--format F] [--scale 1|2] [RANGE]
                                         each chart as F: png, svg, csv, pdf or all (default png)
  pack FILE.pdf [RANGE]                  the meeting pack: summary and every chart, one PDF
  predict [--as-of YYYY-MM-DD] [--limit N] [--json] [--chart FILE.png|svg|csv]
                                         who is slipping away: the fitted model (MBG/NBD,
                                         Gamma-Gamma), a hold-out check, and for each customer
                                         P(alive), expected purchases and value in 90 days and
                                         money at risk (most at risk first); --chart writes
                                         the hold-out check (expected vs actual by month)

  import FILE [--preset NAME] [--map date=COL,amount=COL,customer=COL,email=COL,phone=COL,
              customer_id=COL,description=COL,quantity=COL] [--date-order dmy|mdy|ymd]
              [--dry-run] [--allow-problems] [--json]
                                         import a sales export (Shopify, Square, Stripe,
                                         WooCommerce, customer_id/date/amount, or mapped by hand);
                                         exit code 0: imported (or, with --dry-run, would import)
  backup FILE                            a checked copy of the shop (SQLite's online backup)
  restore FILE                           replace the shop with a backup; the current shop is
                                         saved first in the data folder's backups/
  backups                                the rolling backups (made daily by the app)
  imports                                past imports, newest first
  export --out DIR                       customers.csv, sales.csv and contacts.csv (sales.csv
                                         imports back with `import`)
  undo-import ID                         take an import back as a whole

RANGE: [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--period week|month|quarter]
       [--follow-up-days N]; default: the last twelve months by month, 14 days.

The data directory defaults to $REGULARS_DATA_DIR, else the OS data directory. A shop locked
with a passphrase opens with $REGULARS_PASSPHRASE set to it.";

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
    regulars_core::use_os_language();
    let mut parser = lexopt::Parser::from_env();
    let mut data_dir: Option<PathBuf> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut options: Vec<(String, String)> = Vec::new();
    let mut json = false;
    let mut flags: Vec<&'static str> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("data-dir") => data_dir = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("help") | Short('h') => {
                out!("{USAGE}");
                return Ok(());
            }
            Long("json") => json = true,
            Long(flag @ ("dry-run" | "allow-problems")) => flags.push(if flag == "dry-run" { "dry-run" } else { "allow-problems" }),
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
    // A shop locked with a passphrase opens with REGULARS_PASSPHRASE (an environment variable,
    // so the passphrase is not left in the shell's history or the process list).
    let key = std::env::var(PASSPHRASE_ENV).ok().map(|p| Passphrase::typed(&p));
    let mut session = Session::open_with(&dir, clock, key.as_ref()).map_err(|e| match e {
        regulars_core::Error::Store(StoreError::Locked) => format!("{e} Set {PASSPHRASE_ENV} to it."),
        other => other.to_string(),
    })?;
    let number = |name: &str, default: usize| -> Result<usize, String> {
        option(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name}: '{v}' is not a whole number")))
    };
    match command.as_str() {
        "lock" => {
            // The new passphrase: REGULARS_NEW_PASSPHRASE, or the first line of standard input.
            let new = match std::env::var("REGULARS_NEW_PASSPHRASE") {
                Ok(text) => text,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line).map_err(|e| format!("cannot read the new passphrase: {e}"))?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            session.set_passphrase(Some(&new)).map_err(|e| e.to_string())?;
            out!("{} is locked with the new passphrase; open it with {PASSPHRASE_ENV} set to it", dir.display());
        }
        "unlock" => {
            if !session.is_locked() {
                return Err("the shop is not locked with a passphrase".to_owned());
            }
            session.set_passphrase(None).map_err(|e| e.to_string())?;
            out!("{} opens without a passphrase now", dir.display());
        }
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
        "sample-shop" => {
            let made = session.load_sample_shop().map_err(|e| e.to_string())?;
            out!("loaded the sample shop: {} customers and {} sales in {}", made.customers, made.sales, dir.display());
        }
        "remove-sample-shop" => {
            session.remove_sample_shop().map_err(|e| e.to_string())?;
            out!("removed the sample shop from {}", dir.display());
        }
        "predict" => {
            let outlook = session.outlook(None).map_err(|e| e.to_string())?;
            let currency = session.currency().map_err(|e| e.to_string())?;
            let money = |minor: i64| regulars_domain::Money::from_minor(minor).to_decimal(currency);
            let limit =
                option("limit").map(|v| v.parse::<usize>().map_err(|_| format!("--limit: '{v}' is not a whole number"))).transpose()?;
            let shown = &outlook.customers[..limit.unwrap_or(usize::MAX).min(outlook.customers.len())];
            if let Some(path) = option("chart").map(PathBuf::from) {
                let format = match path.extension().and_then(|e| e.to_str()) {
                    Some("svg") => ChartFormat::Svg,
                    Some("png") => ChartFormat::Png { scale: 1 },
                    Some("csv") => ChartFormat::Csv,
                    _ => return Err(format!("--chart: {} must end in .png, .svg or .csv", path.display())),
                };
                match session.holdout_chart(format).map_err(|e| e.to_string())? {
                    Some(bytes) => write_file(&path, &bytes)?,
                    None => return Err("no hold-out chart: too little history before the last six months".to_owned()),
                }
            }
            if json {
                let out = serde_json::json!({
                    "schema": 1,
                    "as_of": outlook.as_of.to_string(),
                    "horizon_days": outlook.horizon_days,
                    "currency": currency.code(),
                    "currency_exponent": currency.exponent(),
                    "models": outlook.models,
                    "unavailable": outlook.unavailable,
                    "holdout": outlook.holdout,
                    "customers": shown,
                });
                out!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
            } else {
                match (&outlook.models, &outlook.unavailable) {
                    (Some(models), _) => {
                        let (fit, p) = (&models.purchases, &models.purchases.params);
                        out!("model              {:?} (modified BG/NBD), time in {}", models.variant, models.unit);
                        out!("purchase rate      r = {:.4}, alpha = {:.4} {}", p.r, p.alpha, models.unit);
                        out!("dropping out       a = {:.4}, b = {:.4}", p.a, p.b);
                        out!(
                            "log-likelihood     {:.2} over {} customers ({} iterations)",
                            fit.log_likelihood,
                            fit.customers,
                            fit.iterations
                        );
                        match &models.spend {
                            Some(gg) => out!(
                                "spend (Gamma-Gamma) p = {:.4}, q = {:.4}, gamma = {:.2} {} (log-likelihood {:.2}, {} customers who came back)",
                                gg.params.p,
                                gg.params.q,
                                gg.params.gamma / 10f64.powi(currency.exponent() as i32),
                                currency,
                                gg.log_likelihood,
                                gg.customers
                            ),
                            None => out!(
                                "spend              each customer's own mean (Gamma-Gamma not fitted: too few came back, or spend per visit barely differs between customers)"
                            ),
                        }
                    }
                    (None, why) => out!(
                        "no prediction: {}; the reminders keep to the rules (a check-in after each sale, a nudge at 1.5x a regular's usual gap)",
                        why.as_deref().unwrap_or("too little history")
                    ),
                }
                if let Some(holdout) = &outlook.holdout {
                    out!("");
                    out!(
                        "hold-out check: fitted on the history to {}, {} customers; repeat purchase days",
                        holdout.fitted_to,
                        holdout.customers
                    );
                    for m in &holdout.months {
                        out!("  {:<10} expected {:>9.1}   actual {:>7}", m.label, m.expected, m.actual);
                    }
                }
                if !shown.is_empty() {
                    out!("");
                    out!(
                        "customer\tname\tpurchase days\tlast purchase\tP(alive)\texpected purchases in {} days\texpected value\tmoney at risk",
                        outlook.horizon_days
                    );
                }
                for c in shown {
                    out!(
                        "{}\t{}\t{}\t{}\t{:.3}\t{:.2}\t{}\t{}",
                        c.customer_id,
                        c.name,
                        c.purchase_days,
                        c.last_purchase,
                        c.p_alive,
                        c.expected_purchases,
                        money(c.expected_value_minor),
                        money(c.money_at_risk_minor)
                    );
                }
            }
        }
        "metrics" => {
            let filter = filter(&session, &option)?;
            let report = session.report(&filter).map_err(|e| e.to_string())?;
            let context = session.chart_context().map_err(|e| e.to_string())?;
            if json {
                let out = serde_json::json!({
                    "schema": 1,
                    "shop": context.shop,
                    "currency": context.currency.code(),
                    "currency_exponent": context.currency.exponent(),
                    "as_of": context.as_of.to_string(),
                    "report": report,
                });
                out!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
            } else {
                for line in metrics_text(&report, &context) {
                    out!("{line}");
                }
            }
        }
        "charts" => {
            let filter = filter(&session, &option)?;
            let out_dir = PathBuf::from(option("out").ok_or("charts needs --out DIR")?);
            std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
            let scale = number("scale", 1)?;
            if !(1..=2).contains(&scale) {
                return Err(format!("--scale: {scale} is not 1 or 2"));
            }
            let format = option("format").unwrap_or("png");
            let formats: &[&str] = match format {
                "png" | "svg" | "csv" | "pdf" => &[format],
                "all" => &["svg", "png", "csv", "pdf"],
                other => return Err(format!("--format: '{other}' is not one of png, svg, csv, pdf, all")),
            };
            let mut written = 0;
            for &format in formats {
                if format == "pdf" {
                    let pdf = session.meeting_pack(&filter, |_, _| {}).map_err(|e| e.to_string())?;
                    write_file(&out_dir.join("meeting-pack.pdf"), &pdf)?;
                    written += 1;
                    continue;
                }
                for kind in ChartKind::ALL {
                    let (chart_format, extension) = match format {
                        "svg" => (ChartFormat::Svg, "svg".to_owned()),
                        "csv" => (ChartFormat::Csv, "csv".to_owned()),
                        _ if scale == 1 => (ChartFormat::Png { scale: 1 }, "png".to_owned()),
                        _ => (ChartFormat::Png { scale: scale as u32 }, format!("{scale}x.png")),
                    };
                    let bytes = session.chart_file(kind, &filter, chart_format).map_err(|e| e.to_string())?;
                    write_file(&out_dir.join(format!("{}.{extension}", kind.slug())), &bytes)?;
                    written += 1;
                }
            }
            out!("wrote {written} files to {}", out_dir.display());
        }
        "pack" => {
            let file = positional.get(1).ok_or("pack needs a FILE.pdf")?;
            let filter = filter(&session, &option)?;
            let pdf = session.meeting_pack(&filter, |done, all| eprint!("\rpage {done} of {all}")).map_err(|e| e.to_string())?;
            eprintln!();
            write_file(Path::new(file), &pdf)?;
            out!("wrote the meeting pack ({} to {}) to {file}", filter.from, filter.to);
        }
        "import" => {
            let file = positional.get(1).ok_or("import needs a FILE")?;
            let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
            let request = regulars_core::ImportRequest {
                file_name: Path::new(file).file_name().map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
                preset: option("preset").map(str::to_owned),
                mapping: option("map").map(parse_mapping).transpose()?,
                date_order: option("date-order")
                    .map(|o| regulars_core::DateOrder::parse(o).ok_or_else(|| format!("--date-order: '{o}' is not one of dmy, mdy, ymd")))
                    .transpose()?,
            };
            let prepared = session.prepare_import(&bytes, &request).map_err(|e| e.to_string())?;
            let preview = prepared.preview.clone();
            let currency = session.currency().map_err(|e| e.to_string())?;
            if json {
                out!("{}", serde_json::to_string_pretty(&preview_json(&preview, currency)).map_err(|e| e.to_string())?);
            } else {
                for line in preview_text(&preview, currency) {
                    out!("{line}");
                }
            }
            if flags.contains(&"dry-run") {
                return if preview.is_clean() {
                    Ok(())
                } else {
                    Err(format!("{} problem rows: the file would not import as it is", preview.problems.len()))
                };
            }
            let started = std::time::Instant::now();
            let record = session
                .import_prepared(prepared, flags.contains(&"allow-problems"), &mut |done, total| {
                    if total >= 50_000 {
                        eprint!("\rimporting: {done} of {total} sales");
                    }
                    true
                })
                .map_err(|e| e.to_string())?
                .ok_or("the import was cancelled; nothing was written")?;
            out!(
                "imported {} sales ({} new customers, {} matched, {} already there) from {} in {:.1} s as import {}",
                record.sales,
                record.customers_new,
                record.customers_matched,
                record.already_imported,
                record.file_name,
                started.elapsed().as_secs_f64(),
                record.id
            );
        }
        "export" => {
            let out_dir = PathBuf::from(option("out").ok_or("export needs --out DIR")?);
            std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
            for (table, name) in [
                (regulars_core::ExportTable::Customers, "customers.csv"),
                (regulars_core::ExportTable::Sales, "sales.csv"),
                (regulars_core::ExportTable::Contacts, "contacts.csv"),
            ] {
                let bytes = session.export_csv(table).map_err(|e| e.to_string())?;
                write_file(&out_dir.join(name), &bytes)?;
                out!("wrote {} ({} rows)", out_dir.join(name).display(), bytes.iter().filter(|&&b| b == b'\n').count().saturating_sub(1));
            }
        }
        "backup" => {
            let file = positional.get(1).ok_or("backup needs a FILE")?;
            session.backup_now(Path::new(file)).map_err(|e| e.to_string())?;
            out!("backed up to {file} (checked)");
        }
        "restore" => {
            let file = positional.get(1).ok_or("restore needs a FILE")?;
            let safety = session.restore_backup(Path::new(file)).map_err(|e| e.to_string())?;
            out!("restored {file}; the shop as it was is saved as {}", safety.display());
        }
        "backups" => {
            for b in regulars_core::list_backups(&dir) {
                out!("{}\t{}\t{} kB\t{}", b.kind, b.when, b.bytes / 1000, b.path.display());
            }
        }
        "imports" => {
            let currency = session.currency().map_err(|e| e.to_string())?;
            for r in session.imports().map_err(|e| e.to_string())? {
                let state = r.undone_at.as_deref().map_or_else(String::new, |at| format!("\tundone {at}"));
                out!(
                    "{}\t{}\t{}\t{}\t{} sales\t{} {}\t{} new customers{state}",
                    r.id,
                    r.imported_at,
                    r.file_name,
                    r.preset,
                    r.sales,
                    regulars_domain::Money::from_minor(r.revenue_minor).to_decimal(currency),
                    currency,
                    r.customers_new
                );
            }
        }
        "undo-import" => {
            let id: i64 = positional.get(1).and_then(|v| v.parse().ok()).ok_or("undo-import needs the import's number (see `imports`)")?;
            let record = session.undo_import(id).map_err(|e| e.to_string())?;
            out!("undid import {} of {}: its {} sales are gone", record.id, record.file_name, record.sales);
        }
        other => return Err(format!("unknown command '{other}'\n\n{USAGE}")),
    }
    Ok(())
}

/// The date range and grouping from `--from`, `--to`, `--period` and `--follow-up-days`.
fn filter<'a>(session: &Session, option: &impl Fn(&str) -> Option<&'a str>) -> Result<Filter, String> {
    let follow_up = option("follow-up-days")
        .map(|v| v.parse::<u32>().map_err(|_| format!("--follow-up-days: '{v}' is not a whole number")))
        .transpose()?;
    session.parse_filter(option("from"), option("to"), option("period"), follow_up).map_err(|e| e.to_string())
}

/// Writes next to the target and renames over it, so a reader never sees half a file.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    regulars_core::write_atomically(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The figures as lines a person reads.
fn metrics_text(report: &regulars_core::Report, context: &regulars_charts::Context) -> Vec<String> {
    use regulars_charts::text::{money, percent};
    let s = &report.summary;
    let f = &report.follow_up;
    let mut lines = vec![
        format!("{} · {} to {} · as of {}", context.shop, report.filter.from, report.filter.to, context.as_of),
        format!("revenue                  {}", money(s.revenue_minor, context.currency)),
        format!("  of which walk-in       {}", money(s.walk_in_revenue_minor, context.currency)),
        format!("customers who bought     {} ({} new, {} returning)", s.customers, s.new_customers, s.returning_customers),
        format!("repeat customer rate     {}", percent(s.repeat_rate)),
        format!("returning customer rate  {}", percent(s.returning_rate)),
        format!(
            "worth of a new customer  {} x their first purchase ({} x for those who came back)",
            report.loyalty.all.multiple.map_or_else(|| "-".to_owned(), |m| format!("{m:.2}")),
            report.loyalty.repeat.multiple.map_or_else(|| "-".to_owned(), |m| format!("{m:.2}"))
        ),
        format!(
            "second purchase          {} came back, median {} days; {} not yet",
            report.second_purchase.came_back,
            report.second_purchase.median_days.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            report.second_purchase.not_yet
        ),
        format!(
            "follow-up within {} d    contacted: {} of {} came back ({}); not contacted: {} of {} ({})",
            f.window_days,
            f.contacted.came_back,
            f.contacted.customers,
            percent(f.contacted.rate),
            f.not_contacted.came_back,
            f.not_contacted.customers,
            percent(f.not_contacted.rate)
        ),
        String::new(),
        format!("{:<12} {:>6} {:>10} {:>12} {:>15}", report.filter.period.as_str(), "new", "returning", "returning %", "revenue"),
    ];
    for p in &report.periods {
        let revenue = p.new_revenue_minor + p.returning_revenue_minor + p.walk_in_revenue_minor;
        lines.push(format!(
            "{:<12} {:>6} {:>10} {:>12} {:>15}",
            p.label,
            p.new_customers,
            p.returning_customers,
            percent(p.returning_rate),
            money(revenue, context.currency)
        ));
    }
    lines.push(String::new());
    lines.push("segments".to_owned());
    for row in &report.segments {
        lines.push(format!("  {:<12} {:>6} customers  {}", row.label, row.customers, money(row.revenue_minor, context.currency)));
    }
    lines.push(String::new());
    lines.push("top customers".to_owned());
    for t in &report.top_customers {
        lines.push(format!(
            "  {:<28} {:>15}  {} purchase days, last {}",
            t.name,
            money(t.revenue_minor, context.currency),
            t.purchase_days,
            t.last_purchase
        ));
    }
    lines
}

/// `date=Day,amount=Total,customer=Name`: the owner's own mapping of a file's columns.
fn parse_mapping(raw: &str) -> Result<regulars_core::Mapping, String> {
    let mut mapping = regulars_core::Mapping::default();
    for pair in raw.split(',').filter(|p| !p.trim().is_empty()) {
        let (field, column) = pair.split_once('=').ok_or_else(|| format!("--map: '{pair}' is not FIELD=COLUMN"))?;
        let text = column.trim().to_owned();
        let column = Some(text.clone());
        match field.trim() {
            "date" => mapping.date = text,
            "amount" => mapping.amount = text,
            "customer" | "name" => mapping.name = column,
            "email" => mapping.email = column,
            "phone" => mapping.phone = column,
            "customer_id" => mapping.customer_id = column,
            "description" => mapping.description = column,
            "quantity" => mapping.quantity = column,
            other => {
                return Err(format!(
                    "--map: '{other}' is not one of date, amount, customer, email, phone, customer_id, description, quantity"
                ));
            }
        }
    }
    if mapping.date.is_empty() || mapping.amount.is_empty() {
        return Err("--map needs at least date=COLUMN and amount=COLUMN".to_owned());
    }
    Ok(mapping)
}

fn preview_text(p: &regulars_core::ImportPreview, currency: regulars_domain::Currency) -> Vec<String> {
    let money = |minor: i64| format!("{} {currency}", regulars_domain::Money::from_minor(minor).to_decimal(currency));
    let mut lines = vec![
        format!("{} ({}, {}, '{}'-separated, dates {})", p.preset_label, p.preset, p.encoding, p.delimiter, p.date_order.as_str()),
        format!("rows               {}", p.rows),
        format!("sales to add       {} ({} already in the shop)", p.sales, p.already_imported),
        format!("customers          {} new, {} matched", p.customers_new, p.customers_matched),
        format!("revenue            {}", money(p.revenue_minor)),
        format!(
            "dates              {} to {}",
            p.first_day.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            p.last_day.map_or_else(|| "-".to_owned(), |d| d.to_string())
        ),
        format!("skipped            {}", p.skipped.len()),
        format!("problem rows       {}", p.problems.len()),
    ];
    if !p.first_sales.is_empty() {
        lines.push(String::new());
        lines.push("first sales as they will be stored:".to_owned());
        for s in &p.first_sales {
            let who = if s.customer.is_empty() {
                "walk-in".to_owned()
            } else if s.new_customer {
                format!("{} (new)", s.customer)
            } else {
                s.customer.clone()
            };
            lines.push(format!("  line {:<6} {}  {:>14}  {}  {}", s.line, s.date, money(s.amount_minor), who, s.description));
        }
    }
    for s in &p.skipped {
        lines.push(format!("skipped line {}: {}", s.line, s.reason));
    }
    for problem in &p.problems {
        lines.push(format!("problem: {problem}"));
    }
    lines
}

fn preview_json(p: &regulars_core::ImportPreview, currency: regulars_domain::Currency) -> serde_json::Value {
    serde_json::json!({
        "preset": p.preset,
        "encoding": p.encoding,
        "delimiter": p.delimiter.to_string(),
        "date_order": p.date_order.as_str(),
        "currency": currency.code(),
        "rows": p.rows,
        "sales": p.sales,
        "already_imported": p.already_imported,
        "customers_new": p.customers_new,
        "customers_matched": p.customers_matched,
        "revenue_minor": p.revenue_minor,
        "first_day": p.first_day.map(|d| d.to_string()),
        "last_day": p.last_day.map(|d| d.to_string()),
        "first_sales": p.first_sales.iter().map(|s| serde_json::json!({
            "line": s.line, "date": s.date.to_string(), "amount_minor": s.amount_minor,
            "customer": s.customer, "new_customer": s.new_customer, "description": s.description,
        })).collect::<Vec<_>>(),
        "skipped": p.skipped.iter().map(|s| serde_json::json!({"line": s.line, "reason": s.reason})).collect::<Vec<_>>(),
        "problems": p.problems.iter().map(|x| serde_json::json!({"line": x.line, "column": x.column, "value": x.value, "message": x.message})).collect::<Vec<_>>(),
    })
}
