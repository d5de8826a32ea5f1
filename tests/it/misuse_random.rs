//! Misuse at random: a seeded loop mixes imports (some killed midway in a second process),
//! undos, the shop's own export imported back, sales logged, backups, restores and locks, from
//! two windows and a child process on one shop. After every step the shop must equal a model
//! kept here: every committed sale there once, none half there, and each customer's figures
//! and the revenue what the model says.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use regulars_core::{Clock, ExportTable, ImportRequest, Passphrase, Session};
use regulars_domain::{CustomerId, SaleDraft};

use crate::today;

/// One sale as the model knows it: its description is unique, so the shop's export names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sold {
    customer: Option<String>,
    amount: i64,
}

#[derive(Debug, Clone, Default)]
struct Model {
    /// Every sale in the shop, by description.
    sales: BTreeMap<String, Sold>,
    /// Each import not undone, with the descriptions of the sales it added.
    imports: BTreeMap<i64, Vec<String>>,
}

/// A generated sales file: 30 rows over 12 customers (some shared with other files).
fn sales_file(index: usize) -> (String, Vec<(String, Sold)>) {
    let mut text = String::from("customer_id,customer_name,date,amount,description\n");
    let mut rows = Vec::new();
    for row in 0..30 {
        let customer = (index * 5 + row * 7) % 24;
        let amount = 100 + ((index * 31 + row * 17) % 400) as i64 * 25;
        let description = format!("f{index}r{row}");
        let name = format!("Customer {customer}");
        let walk_in = row % 6 == 0;
        let (id, shown) = if walk_in { (String::new(), String::new()) } else { (format!("C{customer}"), name.clone()) };
        text.push_str(&format!(
            "{id},{shown},2026-{:02}-{:02},{}.{:02},{description}\n",
            1 + row % 10,
            1 + row % 27,
            amount / 100,
            amount % 100
        ));
        rows.push((description, Sold { customer: (!walk_in).then_some(name), amount }));
    }
    (text, rows)
}

fn request(name: &str) -> ImportRequest {
    ImportRequest { file_name: name.to_owned(), ..ImportRequest::default() }
}

/// The shop's sales as (description -> sale), read from its own export.
fn sales_in(session: &Session) -> BTreeMap<String, Sold> {
    let csv = session.export_csv(ExportTable::Sales).expect("export sales");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (description, amount, customer) = (column("description"), column("amount"), column("customer_name"));
    reader
        .records()
        .map(|record| {
            let record = record.expect("row");
            let minor = record[amount].replace('.', "").parse::<i64>().expect("amount");
            let name = &record[customer];
            (record[description].to_owned(), Sold { customer: (!name.is_empty()).then(|| name.to_owned()), amount: minor })
        })
        .collect()
}

/// Each customer's (sales, lifetime) from the shop's customer export.
fn customers_in(session: &Session) -> BTreeMap<String, (i64, i64)> {
    let csv = session.export_csv(ExportTable::Customers).expect("export customers");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (name, count, lifetime) = (column("name"), column("sale_count"), column("lifetime_value"));
    reader
        .records()
        .map(|record| {
            let record = record.expect("row");
            let value = record[lifetime].replace('.', "").parse::<i64>().expect("lifetime");
            (record[name].to_owned(), (record[count].parse().expect("count"), value))
        })
        .collect()
}

/// The shop equals the model: every sale once with its amount and customer, every customer
/// with a sale and none without, their figures, and the revenue.
fn assert_matches(session: &Session, model: &Model, step: &str) {
    assert_eq!(sales_in(session), model.sales, "sales after {step}");
    let mut expected: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for sold in model.sales.values() {
        if let Some(name) = &sold.customer {
            let entry = expected.entry(name.clone()).or_default();
            entry.0 += 1;
            entry.1 += sold.amount;
        }
    }
    assert_eq!(customers_in(session), expected, "customers after {step}");
    let filter = session.parse_filter(Some("2020-01-01"), None, None, None).expect("filter");
    let revenue = session.report(&filter).expect("report").summary.revenue_minor;
    assert_eq!(revenue, model.sales.values().map(|s| s.amount).sum::<i64>(), "revenue after {step}");
}

/// Imports `file` in `session` and records what it added.
fn import_into(session: &mut Session, model: &mut Model, text: &str, rows: &[(String, Sold)]) {
    let record = session.import_file(text.as_bytes(), &request("sales.csv"), false, &mut |_, _| true).expect("import").expect("done");
    let added: Vec<String> = rows.iter().filter(|(d, _)| !model.sales.contains_key(d)).map(|(d, _)| d.clone()).collect();
    assert_eq!(record.sales as usize, added.len(), "the import adds exactly the sales not in the shop yet");
    for (description, sold) in rows {
        model.sales.entry(description.clone()).or_insert_with(|| sold.clone());
    }
    model.imports.insert(record.id, added);
}

/// The child process imports `file` and is killed after `after_ms` (or finishes first). The
/// import is in whole or not at all; the model follows what the shop says.
fn import_in_child(dir: &Path, file: &Path, after_ms: u64, rows: &[(String, Sold)], model: &mut Model, session: &Session) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regulars-crash-child"))
        .arg(dir)
        .arg("import")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the child");
    std::thread::sleep(std::time::Duration::from_millis(after_ms));
    let _ = child.kill();
    let said: Vec<String> = BufReader::new(child.stdout.take().expect("stdout")).lines().map_while(Result::ok).collect();
    let _ = child.wait();
    let in_shop = sales_in(session);
    let new: Vec<&(String, Sold)> = rows.iter().filter(|(d, _)| !model.sales.contains_key(d)).collect();
    let landed = new.iter().filter(|(d, _)| in_shop.contains_key(d)).count();
    assert!(landed == 0 || landed == new.len(), "half an import: {landed} of {} sales", new.len());
    let reported = said.iter().any(|l| l.starts_with("imported "));
    assert!(!reported || landed == new.len(), "an import reported done is in the shop: {said:?}, {landed} of {} new", new.len());
    let newest = session.imports().expect("imports").into_iter().find(|r| r.undone_at.is_none() && !model.imports.contains_key(&r.id));
    if let Some(record) = newest {
        model.imports.insert(record.id, new.iter().filter(|(d, _)| in_shop.contains_key(d)).map(|(d, _)| d.clone()).collect());
    }
    for (description, sold) in rows {
        if in_shop.contains_key(description) {
            model.sales.entry(description.clone()).or_insert_with(|| sold.clone());
        }
    }
    landed > 0 || reported
}

#[test]
fn a_random_mix_of_misuse_never_loses_or_doubles_a_sale() {
    let seed = std::env::var("REGULARS_MISUSE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_202u64);
    let steps: usize = std::env::var("REGULARS_MISUSE_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
    let mut rng = fastrand::Rng::with_seed(seed);
    let crate::Shop { dir: folder, session: mut a } = crate::Shop::new();
    let dir = folder.path().to_owned();
    let mut key: Option<Passphrase> = None;
    let open = |key: &Option<Passphrase>| Session::open_with(&dir, Clock::Fixed(today()), key.as_ref()).expect("second window");
    let mut b = open(&key);
    let files: Vec<(String, Vec<(String, Sold)>)> = (0..6).map(sales_file).collect();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, (text, _))| {
            let path = dir.join(format!("file-{i}.csv"));
            std::fs::write(&path, text).expect("write a file");
            path
        })
        .collect();
    let mut model = Model::default();
    let mut backups: Vec<(PathBuf, Model, bool)> = Vec::new();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut manual = 0;
    for step in 0..steps {
        let session = if rng.bool() { &mut a } else { &mut b };
        let action = match rng.usize(0..100) {
            0..=24 => "import",
            25..=34 => "import in a child, killed",
            35..=49 => "undo",
            50..=59 => "own export back in",
            60..=69 => "log a sale",
            70..=79 => "backup",
            80..=87 => "restore",
            88..=93 => "lock beside another window",
            _ => "lock or unlock",
        };
        match action {
            "import" => {
                let (text, rows) = &files[rng.usize(0..files.len())];
                import_into(session, &mut model, text, rows);
            }
            "import in a child, killed" => {
                if key.is_some() {
                    // The child opens with the test passphrase only; that path is the crash test's.
                    continue;
                }
                let index = rng.usize(0..files.len());
                let landed = import_in_child(&dir, &paths[index], rng.u64(5..400), &files[index].1, &mut model, session);
                *counts.entry(if landed { "(child import landed)" } else { "(child killed, nothing landed)" }).or_default() += 1;
            }
            "undo" => {
                let live: Vec<i64> = model.imports.keys().copied().collect();
                if live.is_empty() {
                    continue;
                }
                let id = live[rng.usize(0..live.len())];
                session.undo_import(id).expect("undo");
                for description in model.imports.remove(&id).unwrap_or_default() {
                    model.sales.remove(&description);
                }
            }
            "own export back in" => {
                let export = session.export_csv(ExportTable::Sales).expect("export");
                let record =
                    session.import_file(&export, &request("sales-export.csv"), false, &mut |_, _| true).expect("import").expect("done");
                assert_eq!(record.sales, 0, "the shop's own export adds nothing to it");
                model.imports.insert(record.id, Vec::new());
            }
            "log a sale" => {
                let customers = session.list_customers(regulars_core::CustomerSort::Name, 100, 0).expect("customers").customers;
                let customer = (!customers.is_empty() && rng.bool()).then(|| customers[rng.usize(0..customers.len())].clone());
                manual += 1;
                let description = format!("m{manual}");
                let amount = 100 + rng.i64(0..5_000);
                let draft = SaleDraft::parse(
                    customer.as_ref().map(|c| CustomerId(c.id.0)),
                    "2026-11-20",
                    &format!("{}.{:02}", amount / 100, amount % 100),
                    &description,
                    "",
                    "",
                    session.currency().expect("currency"),
                    today(),
                )
                .expect("draft");
                session.log_sale(draft).expect("log");
                model.sales.insert(description, Sold { customer: customer.map(|c| c.name), amount });
            }
            "backup" => {
                let path = dir.join(format!("backup-{step}.sqlite3"));
                session.backup_now(&path).expect("backup");
                backups.push((path, model.clone(), key.is_some()));
            }
            "restore" => {
                let fitting: Vec<&(PathBuf, Model, bool)> = backups.iter().filter(|(_, _, locked)| *locked == key.is_some()).collect();
                if fitting.is_empty() {
                    continue;
                }
                let (path, snapshot, _) = fitting[rng.usize(0..fitting.len())].clone();
                session.restore_backup(&path).expect("restore");
                model = snapshot;
            }
            "lock beside another window" => {
                // The other window has the shop open: replacing the file under it is refused,
                // and nothing it writes next is lost.
                let refused = session.set_passphrase(Some("correct horse battery"));
                assert!(refused.is_err(), "a lock while another window has the shop open");
            }
            _ => {
                // Alone with the shop (the other window closed), lock or unlock; the other
                // window opens again with the passphrase it now needs.
                let next = if key.is_some() { None } else { Some("correct horse battery") };
                drop(b);
                a.set_passphrase(next).expect("lock or unlock alone");
                key = next.map(Passphrase::typed);
                b = open(&key);
            }
        }
        *counts.entry(action).or_default() += 1;
        assert_matches(&a, &model, &format!("step {step}, {action} (seed {seed})"));
        assert_matches(&b, &model, &format!("step {step}, {action}, the other window (seed {seed})"));
    }
    drop(b);
    if key.is_some() {
        a.set_passphrase(None).expect("unlock at the end");
    }
    drop(a);
    let integrity: String = rusqlite::Connection::open(dir.join(regulars_core::DATABASE_FILE))
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |row| row.get(0)))
        .expect("integrity check");
    assert_eq!(integrity, "ok");
    println!("misuse at random (seed {seed}): {steps} steps {counts:?}; {} sales at the end, 0 lost", model.sales.len());
}
