//! Shops at three sizes — small (1k customers / 10k sales), large (100k / 1M) and, with
//! `--huge`, huge (1M / 10M) — each in a real SQLite file, and what the owner waits on:
//! customer search, the Today list, every dashboard metric, each chart, the import of a sales
//! file (beside the `sqlite3` shell's `.import` of the same file) and the file's size. On the
//! large shop, pandas and DuckDB compute three of the metrics from the same CSV
//! (`bench/peers.py`) and must agree with ours. Writes BENCHMARKS.md and BENCHMARKS.json.
//! Run with `cargo xtask bench` (which also measures the app's start-up and memory).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regulars_core::{Clock, Session};
use regulars_domain::{Currency, ShopName, ShopSettings};
use serde_json::{Value, json};

const ROUNDS: usize = 30;
const TODAY_ROUNDS: usize = 15;
const PNG_ROUNDS: usize = 5;
const PEER_ROUNDS: usize = 3;
/// What an owner types, letter by letter: names, surnames, email words, phone digits.
const QUERIES: &[&str] = &[
    "m", "ma", "mar", "mari", "maria", "maria l", "maria lo", "l", "lo", "lop", "p", "pa", "pat", "patel", "k", "ko", "kow", "z", "zo",
    "zoe", "chen", "a", "an", "ana", "mü", "gar", "example", "7", "+44 7", "+44 71", "07", "x", "qq", "dev p",
];

struct Size {
    name: &'static str,
    customers: usize,
    sales: usize,
    /// Whether pandas and DuckDB run on this size too.
    peers: bool,
}

const SIZES: &[Size] = &[
    Size { name: "small", customers: 1_000, sales: 10_000, peers: false },
    Size { name: "large", customers: 100_000, sales: 1_000_000, peers: true },
];
const HUGE: Size = Size { name: "huge", customers: 1_000_000, sales: 10_000_000, peers: false };

/// One row of BENCHMARKS.md.
struct Figure {
    size: &'static str,
    name: String,
    /// In `unit`.
    value: f64,
    unit: &'static str,
    target: String,
    /// Missed the target (or `None` when there is none).
    missed: Option<bool>,
    peer: String,
    ratio: String,
}

#[derive(Default)]
struct Figures(Vec<Figure>);

impl Figures {
    fn add(&mut self, size: &'static str, name: impl Into<String>, value: f64, unit: &'static str) -> &mut Figure {
        self.0.push(Figure {
            size,
            name: name.into(),
            value,
            unit,
            target: String::new(),
            missed: None,
            peer: String::new(),
            ratio: String::new(),
        });
        let last = self.0.len() - 1;
        &mut self.0[last]
    }
}

impl Figure {
    /// A target of at most `limit` (in the figure's unit).
    fn under(&mut self, limit: f64) -> &mut Figure {
        self.target = format!("< {} {}", trim(limit), self.unit);
        self.missed = Some(self.value >= limit);
        self
    }

    fn peer(&mut self, peer: String, ratio: String) -> &mut Figure {
        self.peer = peer;
        self.ratio = ratio;
        self
    }
}

fn trim(value: f64) -> String {
    if value >= 100.0 || value.fract() == 0.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn timed<T>(run: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let value = run();
    (t.elapsed(), value)
}

/// `times` runs of `run`, the median time.
fn median_of(times: usize, mut run: impl FnMut()) -> Duration {
    median(
        (0..times)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--measure") {
        return measure_child(&args[at + 1..]);
    }
    let huge = std::env::args().any(|a| a == "--huge") || std::env::var_os("REGULARS_BENCH_HUGE").is_some();
    let out_dir = bench_dir();
    std::fs::create_dir_all(&out_dir)?;
    let mut figures = Figures::default();
    let mut sizes: Vec<&Size> = SIZES.iter().collect();
    if huge {
        sizes.push(&HUGE);
    }
    // `--only small`: one size (or `--only import`: the import alone), for a quick look
    // (BENCHMARKS.md is then left alone).
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    if let Some(only) = &only {
        sizes.retain(|s| s.name == only);
    }
    for size in sizes {
        println!("== {} shop: {} customers, {} sales", size.name, size.customers, size.sales);
        measure(size, &out_dir, &mut figures)?;
    }
    if only.as_deref().is_none_or(|o| o == "import") {
        println!("== import, {IMPORT_ROWS:?} rows");
        import_scaling(&out_dir, &mut figures)?;
    }
    if only.is_some() {
        return Ok(());
    }
    startup_figures(&out_dir, &mut figures);
    import_rss_figures(&out_dir, &mut figures);
    if only.is_none() {
        write_reports(&figures, huge)?;
    }
    Ok(())
}

/// Where the bench keeps its shops and files between steps: `target/bench`.
fn bench_dir() -> PathBuf {
    std::env::var_os("REGULARS_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench"))
}

fn measure(size: &Size, out_dir: &Path, figures: &mut Figures) -> Result<(), Box<dyn std::error::Error>> {
    let s = size.name;
    let dir = tempfile::tempdir_in(out_dir)?;
    let mut session = Session::open(dir.path(), Clock::Local)?;
    session.set_up_shop(ShopSettings { name: ShopName::parse("Bench shop")?, currency: Currency::parse("EUR")? })?;
    let (generated, _) = timed(|| session.generate_sample_shop(size.customers, size.sales, 42));
    println!("generated in {:.1} s", generated.as_secs_f64());
    figures.add(s, format!("generate a shop of {} customers and {} sales", size.customers, size.sales), generated.as_secs_f64(), "s");
    session.store().checkpoint()?;
    let file_size = std::fs::metadata(dir.path().join(regulars_core::DATABASE_FILE))?.len() as f64;
    figures.add(s, "database file per 1M sales (after a checkpoint)", file_size / 1e6 * (1e6 / size.sales as f64), "MB");

    // Customer search, as the owner types.
    for query in QUERIES {
        session.search_customers(query, 8)?;
    }
    let mut samples: Vec<Duration> = Vec::with_capacity(QUERIES.len() * ROUNDS);
    for _ in 0..ROUNDS {
        for query in QUERIES {
            let (elapsed, found) = timed(|| session.search_customers(query, 8));
            std::hint::black_box(found.ok());
            samples.push(elapsed);
        }
    }
    samples.sort();
    let percentile = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!("search p50 {:.2} ms, p99 {:.2} ms", ms(percentile(0.5)), ms(percentile(0.99)));
    figures.add(s, format!("customer search p50 ({} type-ahead queries)", samples.len()), ms(percentile(0.5)), "ms");
    figures.add(s, "customer search p99", ms(percentile(0.99)), "ms").under(20.0);

    // Today: cold (a freshly opened file), then warm; and where the warm time goes.
    drop(session);
    let session = Session::open(dir.path(), Clock::Local)?;
    let (today_cold, list) = timed(|| session.today_list());
    let due = list?.due.len();
    let today_warm = median_of(TODAY_ROUNDS, || {
        std::hint::black_box(session.today_list().ok());
    });
    println!("today ({due} due): cold {:.1} ms, warm {:.1} ms", ms(today_cold), ms(today_warm));
    figures.add(s, format!("Today list, {due} due — cold (file just opened)"), ms(today_cold), "ms");
    figures.add(s, format!("Today list — warm, median of {TODAY_ROUNDS}"), ms(today_warm), "ms").under(50.0);
    // The plan Today shows: the day's contacts with their drafted messages.
    let (plan_cold, plan) = timed(|| session.today_plan());
    let plan = plan?;
    let plan_warm = median_of(TODAY_ROUNDS, || {
        std::hint::black_box(session.today_plan().ok());
    });
    println!(
        "today plan ({} contacts, {} later): first {:.1} ms, warm {:.1} ms",
        plan.plan.len(),
        plan.later.len(),
        ms(plan_cold),
        ms(plan_warm)
    );
    figures
        .add(
            s,
            format!(
                "Today plan ({} contacts with drafted messages, {} later, {} rolled over to At risk) — warm, median of {TODAY_ROUNDS}",
                plan.plan.len(),
                plan.later.len(),
                plan.rolled_over
            ),
            ms(plan_warm),
            "ms",
        )
        .under(50.0);
    let (read_rhythms, rhythms) = timed(|| session.store().rhythms());
    let (rules, _) = timed(|| session.reminder_rules());
    figures.add(s, format!("… of which reading {} customers' rhythm", rhythms?.len()), ms(read_rhythms), "ms");
    figures.add(s, "… of which the shop's second-purchase median", ms(rules), "ms");

    // The dashboard: every metric for the last twelve months, cold (a freshly opened file, the
    // history read from it) then warm (history in memory, as when the owner changes the range).
    drop(session);
    let session = Session::open(dir.path(), Clock::Local)?;
    let filter = session.default_filter();
    let all_time = session.parse_filter(Some("2000-01-01"), None, Some("month"), None)?;
    let (metrics_cold, report) = timed(|| session.report(&filter));
    let report = report?;
    let metrics_warm = median_of(ROUNDS, || {
        std::hint::black_box(session.report(&all_time).ok());
    });
    println!("metrics: cold {:.1} ms, warm {:.1} ms", ms(metrics_cold), ms(metrics_warm));
    figures.add(s, "all dashboard metrics, last 12 months — cold (history read from the file)", ms(metrics_cold), "ms");
    let warm_name = format!("all dashboard metrics, all time — warm, median of {ROUNDS}");
    figures.add(s, warm_name.clone(), ms(metrics_warm), "ms").under(50.0);

    let mut builder = regulars_analytics::HistoryBuilder::new();
    let store = session.store();
    store.each_purchase_day(|customer, day, amount| builder.sale(customer, day, amount))?;
    store.each_contact_day(|customer, day| builder.contact(customer, day))?;
    store.each_buyer_name(|customer, name| builder.name(customer, name))?;
    let history = builder.build();
    figures.add(s, "purchase history the dashboard keeps in memory", history.heap_bytes() as f64 / 1e6, "MB");
    let buyers = history.customers();
    drop(history);

    // Predictions: fit MBG/NBD and Gamma-Gamma, score every customer, and the hold-out check
    // (a second fit) — what the At risk screen waits for after the shop changed.
    let (predict_time, outlook) = timed(|| session.outlook(None));
    let outlook = outlook?;
    println!("predictions: {:.0} ms for {buyers} customers ({})", ms(predict_time), outlook.unavailable.as_deref().unwrap_or("fitted"));
    figures.add(
        s,
        format!("predictions: fit the models on {buyers} customers and score them, with the hold-out check"),
        ms(predict_time),
        "ms",
    );

    let context = session.chart_context()?;
    for kind in regulars_core::ChartKind::ALL {
        let svg_time = median_of(ROUNDS, || {
            std::hint::black_box(regulars_charts::svg(kind, &report, &context));
        });
        let svg = regulars_charts::svg(kind, &report, &context);
        let png_time = median_of(PNG_ROUNDS, || {
            std::hint::black_box(regulars_charts::png(&svg, 1).ok());
        });
        figures.add(s, format!("chart {} to SVG, median of {ROUNDS}", kind.slug()), ms(svg_time), "ms").under(30.0);
        figures.add(s, format!("chart {} to PNG 1600x900, median of {PNG_ROUNDS}", kind.slug()), ms(png_time), "ms");
    }
    let (pack_time, pack) = timed(|| session.meeting_pack(&filter, |_, _| {}));
    std::hint::black_box(pack?);
    figures.add(s, "meeting pack PDF (summary and 6 charts)", ms(pack_time), "ms");

    // The shop's sales as a plain file, for the peers; the import itself is measured on files
    // of its own, from 10k to 10M rows (`import_scaling`).
    let csv_path = out_dir.join(format!("{s}-sales.csv"));
    if size.peers {
        std::fs::write(&csv_path, plain_sales_csv(&session)?)?;
    }
    if size.peers {
        peers(s, &csv_path, &session, metrics_cold, figures)?;
    }
    Ok(())
}

/// The shop's sales as `customer_id,date,amount` (walk-ins with no customer id).
fn plain_sales_csv(session: &Session) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let export = session.export_csv(regulars_core::ExportTable::Sales)?;
    let (table, _) = regulars_import::read(&export).map_err(|p| p.to_string())?;
    let column = |name: &str| table.headers.iter().position(|h| h == name).ok_or(format!("no {name} column"));
    let (date, amount, customer) = (column("date")?, column("amount")?, column("customer_id")?);
    let mut out = String::from("customer_id,date,amount\n");
    for row in table.rows() {
        out.push_str(row.cell(customer));
        out.push(',');
        out.push_str(row.cell(date));
        out.push(',');
        out.push_str(row.cell(amount));
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// The import sizes: rows of a plain `customer_id,date,amount` file, one customer in ten rows.
const IMPORT_ROWS: &[usize] = &[10_000, 1_000_000, 10_000_000];

/// The most memory an import may take, whatever the file's size (issue 20).
const IMPORT_PEAK_MB: f64 = 150.0;

/// Wall time and peak memory (RSS) of a child process: `None` off Unix, or when it failed.
/// The bench runs itself as `--measure COMMAND...` around the child, so that the peak it
/// reads (`getrusage` of its children) is that child's alone.
fn measured(command: &[String]) -> Option<(f64, f64)> {
    let exe = std::env::current_exe().ok()?;
    let output = Command::new(exe).arg("--measure").args(command).stdin(Stdio::null()).stderr(Stdio::inherit()).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().find_map(|l| l.strip_prefix("measured: "))?;
    let mut parts = line.split(' ').map(str::parse::<f64>);
    match (parts.next(), parts.next()) {
        (Some(Ok(seconds)), Some(Ok(peak_mb))) if output.status.success() => Some((seconds, peak_mb)),
        _ => None,
    }
}

/// `--measure COMMAND...`: runs the command and prints `measured: SECONDS PEAK_MB`.
#[cfg(unix)]
fn measure_child(command: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let output = Command::new(&command[0]).args(&command[1..]).stdin(Stdio::null()).output()?;
    let seconds = t.elapsed().as_secs_f64();
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{} failed: {}\n{said}", command.join(" "), output.status).into());
    }
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)?;
    // Linux gives the peak in KiB.
    println!("measured: {seconds} {}", usage.max_rss() as f64 / 1024.0);
    Ok(())
}

#[cfg(not(unix))]
fn measure_child(_: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    Err("peak memory is measured on Unix only".into())
}

/// The import of plain files from 10k to 10M rows by `regulars-cli` (its own process, so its
/// peak memory is its own) into an empty shop, beside the `sqlite3` shell's `.import` of the
/// same file into a bare table: time, rows per second, and peak memory of the dry run and of
/// the import.
fn import_scaling(out_dir: &Path, figures: &mut Figures) -> Result<(), Box<dyn std::error::Error>> {
    let Some(cli) = std::env::var_os("REGULARS_BENCH_CLI") else {
        println!("import: skipped (no REGULARS_BENCH_CLI; `cargo xtask bench` builds regulars-cli)");
        figures.add("import", "import", f64::NAN, "").peer("skipped: no regulars-cli given".to_owned(), String::new());
        return Ok(());
    };
    let cli = cli.to_string_lossy().into_owned();
    for &rows in IMPORT_ROWS {
        let file = out_dir.join(format!("import-{rows}.csv"));
        let bytes = regulars_core::write_plain_sales_file(rows, &file)?;
        let shop = out_dir.join(format!("import-{rows}"));
        let run = importer(&cli, &shop, &file)?;
        let (dry_s, dry_mb) = run(&["--dry-run"])?;
        let (import_s, import_mb) = run(&[])?;
        // The owner's monthly export of the whole history again: every sale is in already.
        let (again_s, again_mb) = run(&["--dry-run"])?;
        let shell = sqlite3_import(&file, out_dir);
        let floor = sqlite3_floor(&shop.join("regulars.sqlite3"));
        let _ = std::fs::remove_dir_all(&shop);
        let _ = std::fs::remove_file(&file);
        let label = if rows >= 1_000_000 { format!("{}M", rows / 1_000_000) } else { format!("{}k", rows / 1000) };
        println!(
            "import {label}: {import_s:.1} s, {import_mb:.0} MB peak; dry run {dry_s:.1} s, {dry_mb:.0} MB; again {again_s:.1} s, \
             {again_mb:.0} MB; sqlite3 {shell:?} s"
        );
        let name =
            format!("import {label} rows ({:.0} MB, customer_id,date,amount) into an empty shop, by regulars-cli", bytes as f64 / 1e6);
        let figure = figures.add("import", name, rows as f64 / import_s, "rows/s");
        match shell {
            Some(shell_s) => {
                figure.missed = Some(import_s > 2.0 * shell_s);
                figure.target = "at most 2x the time of `sqlite3 .import`".to_owned();
                figure.peer(
                    format!("`sqlite3 .import`: {:.0} rows/s ({shell_s:.2} s)", rows as f64 / shell_s),
                    format!("{:.1}x the time ({import_s:.1} s)", import_s / shell_s),
                );
            }
            None => {
                figure.peer("`sqlite3 .import`: skipped, no sqlite3 shell on this machine".to_owned(), String::new());
            }
        }
        figures.add("import", format!("… peak memory (RSS) of that import, {label} rows"), import_mb, "MB").under(IMPORT_PEAK_MB);
        match floor {
            Some(floor_s) => {
                let name = format!("… SQLite alone writing the same {label} sales into our sale table and building its indexes (no check)");
                let figure = figures.add("import", name, floor_s, "s");
                if let Some(shell_s) = shell {
                    figure.peer(String::new(), format!("{:.1}x the time of `sqlite3 .import`", floor_s / shell_s));
                }
            }
            None => {
                figures.add("import", "… SQLite alone", f64::NAN, "s").peer("skipped: no sqlite3 shell".to_owned(), String::new());
            }
        }
        figures.add("import", format!("… the dry run alone (read, check, plan), {label} rows"), dry_s, "s");
        figures.add("import", format!("… peak memory (RSS) of the dry run, {label} rows"), dry_mb, "MB").under(IMPORT_PEAK_MB);
        figures.add("import", format!("… the dry run of the same file again, every sale already in, {label} rows"), again_s, "s");
        figures.add("import", format!("… peak memory (RSS) of that dry run, {label} rows"), again_mb, "MB").under(IMPORT_PEAK_MB);
    }
    import_once_buyers(&cli, out_dir, figures)?;
    import_shopify(&cli, out_dir, figures)?;
    import_stripe(&cli, out_dir, figures)?;
    import_problems(&cli, out_dir, figures)
}

/// Rows of the file whose every date is unreadable.
const PROBLEM_ROWS: usize = 1_000_000;

/// The owner's likeliest mistake on a large file: every date in a format no calendar has. The
/// import with `--allow-problems` reads and checks it all and has nothing to write: its peak
/// memory is what a million problems cost (the first are kept to show, the others counted).
fn import_problems(cli: &str, out_dir: &Path, figures: &mut Figures) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write as _;
    let file = out_dir.join("import-problems.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file)?);
    writeln!(out, "customer_id,date,amount")?;
    for n in 0..PROBLEM_ROWS {
        writeln!(out, "C{},31/31/2024,{}.{:02}", n % 100_000, n % 200 + 1, n % 100)?;
    }
    out.flush()?;
    drop(out);
    let shop = out_dir.join("import-problems");
    let run = importer(cli, &shop, &file)?;
    let (import_s, import_mb) = run(&["--allow-problems"])?;
    let _ = std::fs::remove_dir_all(&shop);
    let _ = std::fs::remove_file(&file);
    let rows = PROBLEM_ROWS / 1_000_000;
    println!("import {rows}M rows, every date unreadable: {import_s:.1} s, {import_mb:.0} MB peak");
    let name = format!("import {rows}M plain rows whose every date is unreadable, with --allow-problems: peak memory (RSS)");
    figures.add("import", name, import_mb, "MB").under(IMPORT_PEAK_MB);
    Ok(())
}

/// Charges in the Stripe export the bench imports.
const STRIPE_CHARGES: usize = 10_000_000;

/// The import of a Stripe payments export of [`STRIPE_CHARGES`] charges, each its own order
/// id: peak memory of the import and of its dry run again, where every order id's text is
/// looked for in the shop. What a file of as many order ids as rows costs (the plain files have
/// none, the Shopify export a tenth as many).
fn import_stripe(cli: &str, out_dir: &Path, figures: &mut Figures) -> Result<(), Box<dyn std::error::Error>> {
    let file = out_dir.join("import-stripe.csv");
    let bytes = regulars_core::write_stripe_payments_file(STRIPE_CHARGES, &file)?;
    let shop = out_dir.join("import-stripe");
    let run = importer(cli, &shop, &file)?;
    let (import_s, import_mb) = run(&[])?;
    let (again_s, again_mb) = run(&["--dry-run"])?;
    let _ = std::fs::remove_dir_all(&shop);
    let _ = std::fs::remove_file(&file);
    let charges = STRIPE_CHARGES / 1_000_000;
    println!("import stripe {charges}M charges: {import_s:.1} s, {import_mb:.0} MB peak; again {again_s:.1} s, {again_mb:.0} MB");
    let name = format!(
        "import a Stripe payments export of {charges}M charges ({:.0} MB: a charge id a row, 1M customers) into an empty shop",
        bytes as f64 / 1e6
    );
    figures.add("import", name, STRIPE_CHARGES as f64 / import_s, "orders/s");
    figures.add("import", format!("… peak memory (RSS) of that import, {charges}M charges"), import_mb, "MB").under(IMPORT_PEAK_MB);
    figures.add("import", format!("… the dry run of the same file again, every charge already in, {charges}M charges"), again_s, "s");
    let again = format!("… peak memory (RSS) of that dry run, {charges}M charges");
    figures.add("import", again, again_mb, "MB").under(IMPORT_PEAK_MB);
    Ok(())
}

/// Rows of the plain file whose customers mostly buy once.
const ONCE_BUYERS_ROWS: usize = 1_000_000;

/// The import of a plain file of [`ONCE_BUYERS_ROWS`] rows whose customer ids are drawn from ten
/// times as many (about 950,000 people, most of them buying once: a shop's first-time buyers),
/// where the plain files above name one customer for ten rows. Peak memory of its dry run, its
/// import and its dry run again: what a file's people cost.
fn import_once_buyers(cli: &str, out_dir: &Path, figures: &mut Figures) -> Result<(), Box<dyn std::error::Error>> {
    let file = out_dir.join("import-once.csv");
    regulars_core::write_plain_sales_file_of(ONCE_BUYERS_ROWS, 10 * ONCE_BUYERS_ROWS as u64, &file)?;
    let shop = out_dir.join("import-once");
    let run = importer(cli, &shop, &file)?;
    let (dry_s, dry_mb) = run(&["--dry-run"])?;
    let (import_s, import_mb) = run(&[])?;
    let (again_s, again_mb) = run(&["--dry-run"])?;
    let _ = std::fs::remove_dir_all(&shop);
    let _ = std::fs::remove_file(&file);
    let rows = ONCE_BUYERS_ROWS / 1_000_000;
    println!(
        "import {rows}M rows, most customers once: {import_s:.1} s, {import_mb:.0} MB peak; dry run {dry_s:.1} s, {dry_mb:.0} MB; \
         again {again_s:.1} s, {again_mb:.0} MB"
    );
    let name = format!("import {rows}M plain rows naming about 950,000 people (most buy once) into an empty shop");
    figures.add("import", name, ONCE_BUYERS_ROWS as f64 / import_s, "rows/s");
    figures
        .add("import", format!("… peak memory (RSS) of that import, {rows}M rows, most buy once"), import_mb, "MB")
        .under(IMPORT_PEAK_MB);
    figures.add("import", format!("… peak memory (RSS) of its dry run, {rows}M rows, most buy once"), dry_mb, "MB").under(IMPORT_PEAK_MB);
    let again = format!("… peak memory (RSS) of its dry run again, every sale in, {rows}M rows, most buy once");
    figures.add("import", again, again_mb, "MB").under(IMPORT_PEAK_MB);
    Ok(())
}

/// A child's seconds and peak memory (MB), or why it could not be measured.
type Measured = Result<(f64, f64), String>;

/// A new empty shop at `shop`, and what runs `regulars-cli import FILE` into it with more
/// arguments, giving its time and peak memory.
fn importer(cli: &str, shop: &Path, file: &Path) -> Result<impl Fn(&[&str]) -> Measured, Box<dyn std::error::Error>> {
    let _ = std::fs::remove_dir_all(shop);
    let shop_arg = shop.display().to_string();
    let file_arg = file.display().to_string();
    let setup = Command::new(cli).args(["--data-dir", &shop_arg, "setup", "--name", "Import bench", "--currency", "EUR"]).output()?;
    if !setup.status.success() {
        return Err(format!("regulars-cli setup failed: {}", String::from_utf8_lossy(&setup.stderr)).into());
    }
    let cli = cli.to_owned();
    Ok(move |extra: &[&str]| {
        let mut command = vec![cli.clone(), "--data-dir".to_owned(), shop_arg.clone(), "import".to_owned(), file_arg.clone()];
        command.extend(extra.iter().map(|s| s.to_string()));
        measured(&command).ok_or(format!("regulars-cli import {} failed", extra.join(" ")))
    })
}

/// Orders in the Shopify export the bench imports.
const SHOPIFY_ORDERS: usize = 1_000_000;

/// The import of a Shopify orders export of [`SHOPIFY_ORDERS`] orders: what an owner's real
/// history looks like (order ids, names and emails, line items, refunds, cancellations), where
/// the plain files above have none of them. Time and peak memory of its dry run and import.
fn import_shopify(cli: &str, out_dir: &Path, figures: &mut Figures) -> Result<(), Box<dyn std::error::Error>> {
    let file = out_dir.join("import-shopify.csv");
    let bytes = regulars_core::write_shopify_orders_file(SHOPIFY_ORDERS, &file)?;
    let shop = out_dir.join("import-shopify");
    let run = importer(cli, &shop, &file)?;
    let (dry_s, dry_mb) = run(&["--dry-run"])?;
    let (import_s, import_mb) = run(&[])?;
    let shell = sqlite3_import(&file, out_dir);
    let _ = std::fs::remove_dir_all(&shop);
    let _ = std::fs::remove_file(&file);
    let orders = SHOPIFY_ORDERS / 1_000_000;
    println!(
        "import shopify {orders}M orders: {import_s:.1} s, {import_mb:.0} MB peak; dry run {dry_s:.1} s, {dry_mb:.0} MB; sqlite3 {shell:?} s"
    );
    let name = format!(
        "import a Shopify orders export of {orders}M orders ({:.0} MB: order ids, names, emails, line items, refunds) into an empty shop",
        bytes as f64 / 1e6
    );
    let figure = figures.add("import", name, SHOPIFY_ORDERS as f64 / import_s, "orders/s");
    if let Some(shell_s) = shell {
        figure.missed = Some(import_s > 2.0 * shell_s);
        figure.target = "at most 2x the time of `sqlite3 .import`".to_owned();
        figure.peer(
            format!("`sqlite3 .import` of the same file: {shell_s:.2} s"),
            format!("{:.1}x the time ({import_s:.1} s)", import_s / shell_s),
        );
    }
    figures.add("import", format!("… peak memory (RSS) of that import, {orders}M orders"), import_mb, "MB").under(IMPORT_PEAK_MB);
    figures.add("import", format!("… the dry run alone, {orders}M orders"), dry_s, "s");
    figures.add("import", format!("… peak memory (RSS) of the dry run, {orders}M orders"), dry_mb, "MB").under(IMPORT_PEAK_MB);
    Ok(())
}

/// The least an import into our schema can take: the sqlite3 shell, on a copy of the shop an
/// import made, inserts its sales again into the emptied sale table and builds the table's
/// indexes, in one transaction, with nothing parsed, checked or matched (foreign keys off, no
/// triggers). Seconds of that transaction (`None`: no shell, or it failed).
fn sqlite3_floor(shop: &Path) -> Option<f64> {
    let copy = shop.with_extension("floor.sqlite3");
    let _ = std::fs::remove_file(&copy);
    let shell = |db: &Path, sql: &str| {
        Command::new("sqlite3").arg(db).arg(sql).stdin(Stdio::null()).output().ok().filter(|o| o.status.success()).map(|o| o.stdout)
    };
    shell(shop, &format!("VACUUM INTO '{}'", copy.display()))?;
    let indexes = shell(&copy, "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sale' AND sql IS NOT NULL")?;
    let indexes = String::from_utf8(indexes).ok()?;
    let columns = "customer_id, sold_on, amount_minor, description, channel, note, created_at, updated_at, import_id, import_key";
    shell(
        &copy,
        &format!(
            "CREATE TABLE src AS SELECT {columns} FROM sale;
             SELECT 'DROP ' || upper(type) || ' \"' || name || '\";' FROM sqlite_master WHERE tbl_name = 'sale' AND type IN ('index', 'trigger') AND sql IS NOT NULL;"
        ),
    )
    .and_then(|drops| shell(&copy, &format!("{} DELETE FROM sale; VACUUM;", String::from_utf8_lossy(&drops))))?;
    let t = Instant::now();
    let done =
        shell(&copy, &format!("PRAGMA threads = 4; BEGIN; INSERT INTO sale ({columns}) SELECT {columns} FROM src; {indexes} COMMIT;"));
    let elapsed = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&copy);
    done.map(|_| elapsed)
}

/// Seconds for the sqlite3 shell to `.import` the file into a bare table (`None`: no shell).
fn sqlite3_import(csv: &Path, out_dir: &Path) -> Option<f64> {
    let db = out_dir.join("shell-import.db");
    let _ = std::fs::remove_file(&db);
    let t = Instant::now();
    let output = Command::new("sqlite3")
        .arg(&db)
        .args(["-cmd", ".mode csv", &format!(".import {} bare", csv.display())])
        .stdin(Stdio::null())
        .output();
    let elapsed = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&db);
    match output {
        Ok(output) if output.status.success() => Some(elapsed),
        _ => None,
    }
}

/// pandas and DuckDB on the same file: their times beside ours, and their numbers checked
/// against ours.
fn peers(
    s: &'static str,
    csv: &Path,
    session: &Session,
    our_cold: Duration,
    figures: &mut Figures,
) -> Result<(), Box<dyn std::error::Error>> {
    let python = std::env::var("REGULARS_BENCH_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/peers.py");
    let output = Command::new(&python).arg(&script).arg(csv).arg(PEER_ROUNDS.to_string()).stderr(Stdio::inherit()).output();
    let peers: Value = match output {
        Ok(output) if output.status.success() => serde_json::from_slice(&output.stdout)?,
        Ok(output) => {
            println!("peers: skipped ({python} bench/peers.py failed: {})", output.status);
            figures.add(s, "pandas and DuckDB", f64::NAN, "").peer(format!("skipped: {python} bench/peers.py failed"), String::new());
            return Ok(());
        }
        Err(e) => {
            println!("peers: skipped (no {python}: {e})");
            figures.add(s, "pandas and DuckDB", f64::NAN, "").peer(format!("skipped: no Python ({e})"), String::new());
            return Ok(());
        }
    };
    // Ours: the same three metrics (with all the others), all time, by month.
    let all_time = session.parse_filter(Some("2000-01-01"), None, Some("month"), None)?;
    let ours = session.report(&all_time)?;
    let warm = median_of(ROUNDS, || {
        std::hint::black_box(session.report(&all_time).ok());
    });
    let counts: Vec<u64> = ours.purchase_counts.iter().map(|b| b.customers).collect();
    for (peer, label) in [("pandas", "pandas"), ("duckdb", "DuckDB")] {
        let result = &peers[peer];
        if let Some(why) = result["skipped"].as_str() {
            println!("{label}: skipped ({why})");
            figures.add(s, format!("three metrics by {label}"), f64::NAN, "").peer(format!("skipped: {why}"), String::new());
            continue;
        }
        let m = &result["metrics"];
        let agree = m["customers"].as_u64() == Some(ours.summary.customers)
            && m["repeat_customers"].as_u64() == Some(ours.summary.repeat_customers)
            && m["purchase_counts"].as_array().map(|a| a.iter().filter_map(Value::as_u64).collect::<Vec<_>>()) == Some(counts.clone())
            && ours.periods.iter().all(|p| {
                let month = p.start.format("%Y-%m").to_string();
                m["new_by_month"][&month].as_u64().unwrap_or(0) == p.new_customers
                    && m["returning_by_month"][&month].as_u64().unwrap_or(0) == p.returning_customers
            });
        if !agree {
            return Err(format!("{label} and Regulars disagree on the metrics: {m} against {:?}", ours.summary).into());
        }
        let version = result["version"].as_str().unwrap_or("?");
        let (load, compute) = (result["load_s"].as_f64().unwrap_or(f64::NAN), result["compute_s"].as_f64().unwrap_or(f64::NAN));
        println!("{label} {version}: load {load:.2} s, compute {compute:.3} s (numbers agree with ours)");
        figures
            .add(s, format!("three metrics from data in memory — ours: all metrics, warm (vs {label})"), ms(warm), "ms")
            .peer(format!("{label} {version}: {:.0} ms, same numbers", compute * 1000.0), compare(ms(warm), compute * 1000.0));
        figures
            .add(
                s,
                format!("three metrics from the file — ours: all metrics from SQLite, cold (vs {label} from the CSV)"),
                ms(our_cold),
                "ms",
            )
            .peer(
                format!(
                    "{label} {version}: {:.0} ms (load {:.0} + compute {:.0})",
                    (load + compute) * 1000.0,
                    load * 1000.0,
                    compute * 1000.0
                ),
                compare(ms(our_cold), (load + compute) * 1000.0),
            );
    }
    Ok(())
}

/// Ours against a peer's time, in words that read the right way round.
fn compare(ours: f64, peer: f64) -> String {
    if ours <= peer { format!("{:.1}x faster", peer / ours) } else { format!("{:.1}x slower", ours / peer) }
}

/// The app's start-up and memory, measured by the end-to-end harness into
/// `target/bench/startup.json` before this run (`cargo xtask bench` does that).
fn startup_figures(out_dir: &Path, figures: &mut Figures) {
    let path = out_dir.join("startup.json");
    let startup: Option<Value> = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let Some(startup) = startup else {
        println!("app start-up: skipped (no {}; `cargo xtask bench` measures it)", path.display());
        figures
            .add("large", "app cold start to first paint", f64::NAN, "ms")
            .peer("skipped: not measured in this run".to_owned(), String::new());
        return;
    };
    if let Some(why) = startup["skipped"].as_str() {
        figures.add("large", "app cold start to first paint", f64::NAN, "ms").peer(format!("skipped: {why}"), String::new());
        return;
    }
    let number = |key: &str| startup[key].as_f64().unwrap_or(f64::NAN);
    figures
        .add("large", "app cold start to first paint (WebDriver session start to the Today list shown)", number("first_paint_ms"), "ms")
        .under(1000.0);
    figures.add("large", "app memory (RSS) with the Today list shown", number("rss_today_mb"), "MB").under(150.0);
    figures.add("large", "app memory (RSS) after the Repeat business screen", number("rss_dashboard_mb"), "MB").under(150.0);
    figures.add("large", "… the web view's own processes (RSS, not in the figure above)", number("rss_webview_mb"), "MB");
    figures.add("large", "… for comparison: the app's RSS on an empty shop (the web view and GTK alone)", number("rss_empty_mb"), "MB");
}

/// The app's own memory around a 1M-row import through its window, measured by the end-to-end
/// harness into `target/bench/import_rss.json` before this run (`cargo xtask bench` does that).
fn import_rss_figures(out_dir: &Path, figures: &mut Figures) {
    let path = out_dir.join("import_rss.json");
    let measured: Option<Value> = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let why = match &measured {
        None => Some(format!("not measured in this run (no {})", path.display())),
        Some(m) => m["skipped"].as_str().map(|why| format!("skipped: {why}")),
    };
    let (Some(measured), None) = (measured, why.clone()) else {
        let name = "the app's memory around a 1M-row import";
        figures.add("import", name, f64::NAN, "MB").peer(why.unwrap_or_default(), String::new());
        return;
    };
    let number = |key: &str| measured[key].as_f64().unwrap_or(f64::NAN);
    let before = number("rss_before_mb");
    let name = "the app's memory (RSS) before importing 1M rows through its window (debug build: the file dialog's stand-in)";
    figures.add("import", name, before, "MB");
    let during = "… the most while the import ran (in the app's import worker; read every 50 ms)";
    figures.add("import", during, number("rss_during_import_mb"), "MB").under(before + 50.0);
    let peak = "… the window's high-water mark (the import, then its screens showing the new sales)";
    figures.add("import", peak, number("rss_peak_mb"), "MB").under(before + 50.0);
    figures.add("import", "… right after it", number("rss_after_mb"), "MB").under(before + 50.0);
    figures.add("import", "… five seconds later", number("rss_settled_mb"), "MB").under(before + 50.0);
    figures.add(
        "import",
        "… for comparison: the app on the same shop opened afresh (its data without the import)",
        number("rss_fresh_mb"),
        "MB",
    );
}

fn write_reports(figures: &Figures, huge: bool) -> Result<(), Box<dyn std::error::Error>> {
    let machine = format!("{} ({} cores)", cpu_model(), std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let date = Clock::Local.today().to_string();
    let value = |f: &Figure| {
        if f.value.is_nan() { "—".to_owned() } else { format!("{} {}", trim(f.value), f.unit) }
    };
    let mut md = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (release build) on {date}; do not edit by hand. \
         Sizes: small = 1,000 customers / 10,000 sales; large = 100,000 / 1,000,000{}. \
         Shops are generated with a fixed seed. BENCHMARKS.json holds the same figures.\n\n\
         | size | figure | value | target | peer | ratio | machine |\n|---|---|---|---|---|---|---|\n",
        if huge { "; huge = 1,000,000 / 10,000,000" } else { " (huge, 1,000,000 / 10,000,000, with `cargo xtask bench --huge`)" }
    );
    let mut missed = Vec::new();
    for f in &figures.0 {
        let target = match f.missed {
            Some(true) => {
                missed.push(format!("{} ({}): {} against {}", f.name, f.size, value(f), f.target));
                format!("{} — **missed**", f.target)
            }
            Some(false) => format!("{} — met", f.target),
            None => f.target.clone(),
        };
        md.push_str(&format!("| {} | {} | {} | {} | {} | {} | {} |\n", f.size, f.name, value(f), target, f.peer, f.ratio, machine));
    }
    md.push_str("\n## Targets missed in this run\n\n");
    if missed.is_empty() {
        md.push_str("None.\n");
    } else {
        for m in &missed {
            md.push_str(&format!("- {m}\n"));
        }
        md.push_str("\nWhy, with the profiles: see [docs/SCALING.md](docs/SCALING.md#where-the-time-goes).\n");
    }
    let json = json!({
        "date": date,
        "machine": machine,
        "figures": figures.0.iter().map(|f| json!({
            "size": f.size,
            "figure": f.name,
            "value": if f.value.is_nan() { Value::Null } else { json!(f.value) },
            "unit": f.unit,
            "target": f.target,
            "missed": f.missed,
            "peer": f.peer,
            "ratio": f.ratio,
        })).collect::<Vec<_>>(),
    });
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::write(root.join("BENCHMARKS.md"), md)?;
    std::fs::write(root.join("BENCHMARKS.json"), serde_json::to_string_pretty(&json)? + "\n")?;
    println!("wrote BENCHMARKS.md and BENCHMARKS.json");
    Ok(())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| text.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).map(|s| s.trim().to_owned()))
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned())
}
