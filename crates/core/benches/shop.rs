//! A shop at scale — 100,000 customers and 1,000,000 sales in a real SQLite file — and the
//! operations the owner waits on: type-ahead customer search (p50/p99 over many prefixes) and
//! the Today list (cold, then warm median). Writes BENCHMARKS.md. Run with `cargo xtask bench`.

use std::time::{Duration, Instant};

use regulars_core::{Clock, Session};
use regulars_domain::{Currency, ShopName, ShopSettings};

const CUSTOMERS: usize = 100_000;
const SALES: usize = 1_000_000;
const TODAY_ROUNDS: usize = 15;
const ROUNDS: usize = 30;
/// What an owner types, letter by letter: names, surnames, email words, phone digits.
const QUERIES: &[&str] = &[
    "m", "ma", "mar", "mari", "maria", "maria l", "maria lo", "l", "lo", "lop", "p", "pa", "pat", "patel", "k", "ko", "kow", "z", "zo",
    "zoe", "chen", "a", "an", "ana", "mü", "gar", "example", "7", "+44 7", "+44 71", "07", "x", "qq", "dev p",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut session = Session::open(dir.path(), Clock::Local)?;
    session.set_up_shop(ShopSettings { name: ShopName::parse("Bench shop")?, currency: Currency::parse("EUR")? })?;
    let started = Instant::now();
    session.generate_sample_shop(CUSTOMERS, SALES, 42)?;
    let generated = started.elapsed();
    println!("generated {CUSTOMERS} customers and {SALES} sales in {:.1} s", generated.as_secs_f64());

    // Warm the page cache and statement cache once, as a running app would be.
    for query in QUERIES {
        session.search_customers(query, 8)?;
    }
    let mut samples: Vec<Duration> = Vec::with_capacity(QUERIES.len() * ROUNDS);
    let mut slowest = ("", Duration::ZERO);
    for _ in 0..ROUNDS {
        for query in QUERIES {
            let t = Instant::now();
            let found = session.search_customers(query, 8)?;
            let elapsed = t.elapsed();
            std::hint::black_box(found);
            if elapsed > slowest.1 {
                slowest = (query, elapsed);
            }
            samples.push(elapsed);
        }
    }
    samples.sort();
    let percentile = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    let (p50, p99) = (percentile(0.50), percentile(0.99));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "customer search on {CUSTOMERS} customers, {} queries: p50 {:.2} ms, p99 {:.2} ms, slowest {:.2} ms ({:?})",
        samples.len(),
        ms(p50),
        ms(p99),
        ms(slowest.1),
        slowest.0
    );
    // Today: cold (a freshly opened file), then warm.
    drop(session);
    let session = Session::open(dir.path(), Clock::Local)?;
    let t = Instant::now();
    let due = session.today_list()?.due.len();
    let today_cold = t.elapsed();
    let mut today_runs: Vec<Duration> = (0..TODAY_ROUNDS)
        .map(|_| {
            let t = Instant::now();
            let list = session.today_list();
            let elapsed = t.elapsed();
            std::hint::black_box(list.ok());
            elapsed
        })
        .collect();
    today_runs.sort();
    let today_warm = today_runs[today_runs.len() / 2];
    println!("today list ({due} due): cold {:.1} ms, warm median {:.1} ms", ms(today_cold), ms(today_warm));
    // Where the warm time goes.
    let t = Instant::now();
    let rhythms = session.store().rhythms()?.len();
    let read_rhythms = t.elapsed();
    let t = Instant::now();
    session.reminder_rules()?;
    let rules = t.elapsed();
    println!(
        "  of which: reading {rhythms} customers' rhythm {:.1} ms, the shop's second-purchase median {:.1} ms",
        ms(read_rhythms),
        ms(rules)
    );

    // The dashboard: every metric for the last twelve months, cold (history read from the
    // file) then warm (history in memory, as when the owner changes the range).
    let filter = session.default_filter();
    let all_time = session.parse_filter(Some("2000-01-01"), None, None, None)?;
    let t = Instant::now();
    let report = session.report(&filter)?;
    let metrics_cold = t.elapsed();
    let median = |mut runs: Vec<Duration>| {
        runs.sort();
        runs[runs.len() / 2]
    };
    let metrics_warm = median(
        (0..ROUNDS)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(session.report(&all_time).ok());
                t.elapsed()
            })
            .collect(),
    );
    println!(
        "all dashboard metrics ({} customers bought): cold {:.1} ms, warm median {:.1} ms",
        report.summary.customers,
        ms(metrics_cold),
        ms(metrics_warm)
    );
    let context = session.chart_context()?;
    let mut chart_rows = String::new();
    for kind in regulars_core::ChartKind::ALL {
        let svg_time = median(
            (0..ROUNDS)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(regulars_charts::svg(kind, &report, &context));
                    t.elapsed()
                })
                .collect(),
        );
        let svg = regulars_charts::svg(kind, &report, &context);
        let png_time = median(
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(regulars_charts::png(&svg, 1).ok());
                    t.elapsed()
                })
                .collect(),
        );
        println!("chart {}: SVG {:.2} ms, PNG 1600x900 {:.1} ms", kind.slug(), ms(svg_time), ms(png_time));
        chart_rows.push_str(&format!(
            "| chart {} to SVG (median of {ROUNDS}) | {:.2} ms | < 30 ms |\n| chart {} to PNG 1600x900 (median of 5) | {:.1} ms | |\n",
            kind.slug(),
            ms(svg_time),
            kind.slug(),
            ms(png_time)
        ));
    }
    let t = Instant::now();
    let pack = session.meeting_pack(&filter, |_, _| {})?;
    let pack_time = t.elapsed();
    println!("meeting pack: {:.0} ms, {:.0} kB", ms(pack_time), pack.len() as f64 / 1e3);

    // Import: the whole sales history as our own export (1M rows with customers), into an
    // empty shop; and the same file through the sqlite3 shell's `.import` into a bare table.
    let csv = session.export_csv(regulars_core::ExportTable::Sales)?;
    let csv_path = dir.path().join("sales.csv");
    std::fs::write(&csv_path, &csv)?;
    let rows = csv.iter().filter(|&&b| b == b'\n').count() - 1;
    let t = Instant::now();
    let (table, _) = regulars_import::read(&csv).map_err(|p| p.to_string())?;
    let preset = regulars_import::detect_preset(&table.headers).ok_or("no preset")?;
    let parsed = regulars_import::parse(&table, preset, None, session.currency()?, session.today()).map_err(|e| e.to_string())?;
    let parse_time = t.elapsed();
    drop((table, parsed));
    let target = tempfile::tempdir()?;
    let mut fresh = Session::open(target.path(), Clock::Local)?;
    fresh.set_up_shop(ShopSettings { name: ShopName::parse("Import bench")?, currency: Currency::parse("EUR")? })?;
    let request = regulars_core::ImportRequest { file_name: "sales.csv".into(), ..Default::default() };
    let t = Instant::now();
    let record = fresh.import_file(&csv, &request, false, &mut |_, _| true)?.ok_or("cancelled")?;
    let import_time = t.elapsed();
    println!(
        "import {rows} rows ({:.1} MB): {:.1} s ({:.0} rows/s; reading and checking the file {:.1} s), {} sales, {} customers",
        csv.len() as f64 / 1e6,
        import_time.as_secs_f64(),
        rows as f64 / import_time.as_secs_f64(),
        parse_time.as_secs_f64(),
        record.sales,
        record.customers_new
    );
    let shell_db = dir.path().join("shell.db");
    let t = Instant::now();
    let shell = std::process::Command::new("sqlite3")
        .arg(&shell_db)
        .args(["-cmd", ".mode csv", &format!(".import {} bare", csv_path.display())])
        .stdin(std::process::Stdio::null())
        .output();
    let shell_time = t.elapsed();
    let (shell_cell, ratio_cell) = match shell {
        Ok(output) if output.status.success() => {
            println!("sqlite3 .import of the same file: {:.1} s", shell_time.as_secs_f64());
            (format!("{:.1} s", shell_time.as_secs_f64()), format!("{:.1}x the time", import_time.as_secs_f64() / shell_time.as_secs_f64()))
        }
        _ => {
            println!("sqlite3 .import: skipped (no sqlite3 shell on this machine)");
            ("skipped: no sqlite3 shell".to_owned(), String::new())
        }
    };

    let file_size = std::fs::metadata(dir.path().join(regulars_core::DATABASE_FILE))?.len();
    let report = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (release build); do not edit by hand.\n\n\
         Machine: {} ({} cores). Date: {}.\n\n\
         | figure | value | target |\n|---|---|---|\n\
         | customer search p50, {CUSTOMERS} customers, {} type-ahead queries | {:.2} ms | |\n\
         | customer search p99 | {:.2} ms | < 20 ms |\n\
         | slowest single search ({:?}) | {:.2} ms | |\n\
         | Today list, {due} reminders due — cold (just opened) | {:.1} ms | |\n\
         | Today list — warm median of {TODAY_ROUNDS} | {:.1} ms | < 50 ms |\n\
         | … of which reading {rhythms} customers' rhythm | {:.1} ms | |\n\
         | … of which the shop's second-purchase median | {:.1} ms | |\n\
         | generate a sample shop of {CUSTOMERS} customers and {SALES} sales | {:.1} s | |\n\
         | database file with it (after a checkpoint) | {:.1} MB | |\n\
         | all dashboard metrics, all time, {SALES} sales — warm median of {ROUNDS} | {:.1} ms | < 50 ms |\n\
         | all dashboard metrics, last 12 months — cold (history read from the file) | {:.1} ms | |\n\
         {chart_rows}\
         | meeting pack PDF (summary + 6 charts) | {:.0} ms | |\n\
         | import {rows} rows ({:.1} MB, our sales export) into an empty shop, one run | {:.1} s ({:.0} rows/s) | no slower than `sqlite3 .import` |\n\
         | … of which reading and checking the file | {:.1} s | |\n\
         | `sqlite3 .import` of the same file into a bare table | {shell_cell} | {ratio_cell} |\n",
        cpu_model(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        chrono_free_today(),
        samples.len(),
        ms(p50),
        ms(p99),
        slowest.0,
        ms(slowest.1),
        ms(today_cold),
        ms(today_warm),
        ms(read_rhythms),
        ms(rules),
        generated.as_secs_f64(),
        file_size as f64 / 1e6,
        ms(metrics_warm),
        ms(metrics_cold),
        ms(pack_time),
        csv.len() as f64 / 1e6,
        import_time.as_secs_f64(),
        rows as f64 / import_time.as_secs_f64(),
        parse_time.as_secs_f64(),
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../BENCHMARKS.md");
    std::fs::write(&path, report)?;
    println!("wrote {}", path.display());
    Ok(())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| text.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).map(|s| s.trim().to_owned()))
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned())
}

fn chrono_free_today() -> String {
    Clock::Local.today().to_string()
}
