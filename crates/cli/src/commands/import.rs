//! `import FILE`: a sales export into the shop, previewed first; all of it or none of it.

use std::path::PathBuf;

use regulars_core::{DateOrder, ImportPreview, ImportRequest, Mapping, Session};
use regulars_domain::{Currency, Money};

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// The export to import (CSV; Shopify, Square, Stripe, WooCommerce, customer_id/date/amount)
    file: PathBuf,
    /// The file's layout, when it is not recognised by its header
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
    /// Name the columns by hand: date=COL,amount=COL[,customer=COL,email=COL,phone=COL,
    /// customer_id=COL,description=COL,quantity=COL,order_id=COL,status=COL,currency=COL,
    /// unit_price=COL,time=COL]; rows with one order id are one sale (an order total repeated
    /// on each line counts once); unit_price (times quantity) can stand in for amount
    #[arg(long, value_name = "FIELD=COL,...", value_parser = parse_mapping)]
    map: Option<Mapping>,
    /// How to read dates such as 03/04/2025, when the file does not show it
    #[arg(long, value_name = "dmy|mdy|ymd", value_parser = date_order)]
    date_order: Option<DateOrder>,
    /// Check and preview only; nothing is written
    #[arg(long)]
    dry_run: bool,
    /// Import the good rows and leave the problem rows out
    #[arg(long)]
    allow_problems: bool,
    /// The preview as JSON
    #[arg(long)]
    json: bool,
    /// Say how long each step took (reading, planning, writing customers, sales, indexes,
    /// figures, the commit), on standard error
    #[arg(long)]
    timings: bool,
}

/// Prints the steps the import logs (`log::info!` in the core and the store) to standard error.
struct Timings;

impl log::Log for Timings {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Info && metadata.target().starts_with("regulars_")
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!("{}", record.args());
        }
    }

    fn flush(&self) {}
}

static TIMINGS: Timings = Timings;

pub fn run(session: &mut Session, args: &Args) -> Result {
    let file = &args.file;
    if args.timings && log::set_logger(&TIMINGS).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
    // Said at once, in the command's words; the import reads the file itself, a block at a time.
    std::fs::File::open(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let request = ImportRequest {
        file_name: file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned()),
        preset: args.preset.clone(),
        mapping: args.map.clone(),
        date_order: args.date_order,
    };
    let prepared = session.prepare_import(regulars_core::OnDisk::new(file), &request)?;
    let preview = prepared.preview.clone();
    let currency = session.currency()?;
    let mut json = args.json.then(|| preview_json(&preview, currency));
    if !args.json {
        for line in preview_text(&preview, currency) {
            out!("{line}");
        }
    }
    if args.dry_run {
        if let Some(json) = &json {
            out!("{}", super::pretty(json)?);
        }
        return if preview.is_clean() {
            Ok(())
        } else {
            Err(format!("{}: the file would not import as it is", rows_with_problems(preview.problems.count())).into())
        };
    }
    let started = std::time::Instant::now();
    let imported = session.import_prepared(prepared, args.allow_problems, &mut |done, total| {
        if total >= 50_000 && !args.timings {
            eprint!("\rimporting: {done} of {total} sales");
        }
        true
    });
    // With --json standard output is one JSON document: the preview, and what was imported.
    let record = match imported {
        Ok(Some(record)) => record,
        Ok(None) => return Err("the import was cancelled; nothing was written".into()),
        Err(error) => {
            if let Some(json) = &json {
                out!("{}", super::pretty(json)?);
            }
            return Err(error.into());
        }
    };
    if let Some(json) = &mut json {
        json["imported"] = serde_json::json!({
            "id": record.id,
            "sales": record.sales,
            "customers_new": record.customers_new,
            "customers_matched": record.customers_matched,
            "already_imported": record.already_imported,
            "revenue_minor": record.revenue_minor,
        });
        out!("{}", super::pretty(json)?);
        return Ok(());
    }
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
    Ok(())
}

/// "1 row has a problem", "3 rows have problems".
fn rows_with_problems(count: u64) -> String {
    if count == 1 { "1 row has a problem".to_owned() } else { format!("{count} rows have problems") }
}

fn date_order(text: &str) -> std::result::Result<DateOrder, String> {
    DateOrder::parse(text).ok_or_else(|| "not one of dmy, mdy, ymd".to_owned())
}

/// `date=Day,amount=Total,customer=Name`: the owner's own mapping of a file's columns.
fn parse_mapping(raw: &str) -> std::result::Result<Mapping, String> {
    let mut mapping = Mapping::default();
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
            "order_id" | "order" => mapping.order_id = column,
            "status" => mapping.status = column,
            "currency" => mapping.currency = column,
            "unit_price" | "price" => mapping.unit_price = column,
            "time" => mapping.time = column,
            other => {
                return Err(format!(
                    "--map: '{other}' is not one of date, amount, customer, email, phone, customer_id, description, quantity, \
                     order_id, status, currency, unit_price, time"
                ));
            }
        }
    }
    if mapping.date.is_empty() || (mapping.amount.is_empty() && mapping.unit_price.is_none()) {
        return Err("--map needs at least date=COLUMN and amount=COLUMN (or unit_price=COLUMN)".to_owned());
    }
    Ok(mapping)
}

fn preview_text(p: &ImportPreview, currency: Currency) -> Vec<String> {
    let money = |minor: i64| format!("{} {currency}", Money::from_minor(minor).to_decimal(currency));
    let mut lines = vec![
        format!("{} ({}, {}, '{}'-separated, dates {})", p.preset_label, p.preset, p.encoding, p.delimiter, p.date_order.as_str()),
        format!("rows               {} ({} orders: each below once)", p.rows, p.file_orders),
        format!("sales to add       {} ({} already in the shop)", p.sales, p.already_imported),
        format!("customers          {} new, {} matched", p.customers_new, p.customers_matched),
        format!("revenue            {} (column '{}': {})", money(p.revenue_minor), p.revenue_column, p.revenue_means),
        format!("refunds taken off  {}", money(p.refunded_minor)),
        format!(
            "dates              {} to {}",
            p.first_day.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            p.last_day.map_or_else(|| "-".to_owned(), |d| d.to_string())
        ),
        format!("skipped            {}", p.skipped.count()),
        format!("rows with problems {}", p.problems.count()),
    ];
    if let Some(warning) = &p.sales_stop {
        lines.push(format!("note: {warning}"));
    }
    if let Some(zone) = &p.time_zone {
        lines.push(format!("note: times in UTC (or with an offset) are put on the shop's days in {zone} (change it with `time-zone`)"));
    }
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
    for s in p.skipped.kept() {
        lines.push(format!("skipped line {}: {}", s.line, s.reason));
    }
    if p.skipped.more() > 0 {
        lines.push(format!("skipped: {} more rows, after line {}", p.skipped.more(), p.skipped.kept().last().map_or(0, |s| s.line)));
    }
    for problem in p.problems.kept() {
        lines.push(format!("problem: {problem}"));
    }
    if p.problems.more() > 0 {
        let after = p.problems.kept().last().map_or(0, |problem| problem.line);
        lines.push(format!("problem: {} more, after line {after}", p.problems.more()));
    }
    lines
}

fn preview_json(p: &ImportPreview, currency: Currency) -> serde_json::Value {
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
        "revenue_column": p.revenue_column,
        "revenue_means": p.revenue_means,
        "sales_stop": p.sales_stop,
        "time_zone": p.time_zone,
        "file_orders": p.file_orders,
        "refunded_minor": p.refunded_minor,
        "first_day": p.first_day.map(|d| d.to_string()),
        "last_day": p.last_day.map(|d| d.to_string()),
        "first_sales": p.first_sales.iter().map(|s| serde_json::json!({
            "line": s.line, "date": s.date.to_string(), "amount_minor": s.amount_minor,
            "customer": s.customer, "new_customer": s.new_customer, "description": s.description,
        })).collect::<Vec<_>>(),
        "skipped": p.skipped.kept().iter().map(|s| serde_json::json!({"line": s.line, "reason": s.reason})).collect::<Vec<_>>(),
        "skipped_count": p.skipped.count(),
        "problems": p.problems.kept().iter().map(|x| serde_json::json!({"line": x.line, "column": x.column, "value": x.value, "message": x.message})).collect::<Vec<_>>(),
        "problem_count": p.problems.count(),
    })
}
