//! The import gives the same shop, row for row, whatever way it is written. A dump of every
//! table after imports with every kind of row is compared with the one in
//! `golden/import-every-kind.txt`, which the import of commit 0c7aaa0 (before the import was
//! made faster and smaller) wrote. `REGULARS_BLESS=1` writes the file again; a change to it is
//! a change of what an import stores, and is reviewed as one.

use std::fmt::Write as _;
use std::path::Path;

use regulars_core::ImportRequest;

use crate::Shop;

/// A Woo order export with new customers, customers matched by email, phone and name, an
/// order already imported, an order on two rows, a full and a partial refund, and a problem.
const ORDERS: &str = "\"Order Number\",\"Order Status\",\"Order Date\",\"First Name (Billing)\",\"Last Name (Billing)\",\"Email (Billing)\",\"Phone (Billing)\",\"Item Name\",\"Quantity (- Refund)\",\"Order Refund Amount\",\"Order Total Amount\"\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,,Bell,1,0,25.90\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,,Light,1,0,25.90\n\
5002,Refunded,2026-05-02 09:00,Ben,Okafor,,07700 900123,Bell,1,10.90,10.90\n\
5003,Processing,2026-05-03 18:40,Ana,Lopez,ana@example.com,,Tube,2,3.00,12.90\n\
5004,Completed,2026-05-04 08:00,Cy,Diaz,cy@example.com,,Bell,1,0,abc\n\
5005,Completed,2026-05-05 11:00,Ben,Okafor,,+44 7700 900123,Pump,1,0,40.00\n\
5006,Completed,2026-05-06 12:00,Cleo,Chen,,,Saddle,1,0,55.50\n\
5007,Completed,2026-05-07 13:00,Dev,Patel,dev@example.com,,Chain,1,0,19.99\n\
5008,Completed,2026-05-08 14:00,Dev,Patel,dev@example.com,,Chain,1,0,0.00\n\
5007,Completed,2026-05-07 13:00,Dev,Patel,dev@example.com,,Chain,1,0,19.99\n";

/// A plain file over the size at which an import rebuilds the sale indexes: 60,000 rows of
/// 700 customers (some in the shop already), walk-ins, free orders, identical rows (two sales
/// on one day) and problems, in a fixed pseudo-random order.
fn big_plain_file() -> String {
    let mut file = String::from("customer_id,customer_name,date,amount,description\n");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    };
    for n in 0..60_000u64 {
        let customer = next(700);
        let day = format!("2025-{:02}-{:02}", next(12) + 1, next(28) + 1);
        let cents = next(20_000);
        let amount = if n % 997 == 0 { "0.00".to_owned() } else { format!("{}.{:02}", cents / 100 + 1, cents % 100) };
        match n % 50 {
            0 => writeln!(file, ",,{day},{amount},walk-in"),
            1 if n % 1000 == 1 => writeln!(file, "P{customer},Customer {customer},{day},lots,"),
            2 => {
                // The same sale written twice: two sales of one day, both kept.
                writeln!(file, "P{customer},Customer {customer},{day},{amount},twice")
                    .and_then(|()| writeln!(file, "P{customer},Customer {customer},{day},{amount},twice"))
            }
            _ => writeln!(file, "P{customer},Customer {customer},{day},{amount},"),
        }
        .expect("write to a string");
    }
    file
}

fn request(name: &str) -> ImportRequest {
    ImportRequest { file_name: name.to_owned(), ..ImportRequest::default() }
}

/// Every table of the shop as text, its rows in order, without the columns that hold the time of
/// writing (`*_at`, `since`). The search index is read through its own table.
fn dump(file: &Path) -> String {
    let conn = rusqlite::Connection::open(file).expect("open the shop file");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name NOT LIKE 'customer_search_%' ORDER BY name",
        )
        .expect("tables")
        .query_map([], |row| row.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    let mut out = String::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .expect("columns")
            .query_map([], |row| row.get(0))
            .expect("columns")
            .collect::<Result<Vec<String>, _>>()
            .expect("columns")
            .into_iter()
            .filter(|c| !c.ends_with("_at") && c != "since")
            .collect();
        let mut columns = columns;
        if table == "customer_search" {
            columns.insert(0, "rowid".to_owned());
        }
        if columns.is_empty() {
            columns.push("count(*)".to_owned());
        }
        let order: Vec<String> = (1..=columns.len()).map(|n| n.to_string()).collect();
        let order = if columns[0] == "count(*)" { String::new() } else { format!(" ORDER BY {}", order.join(", ")) };
        let select = format!("SELECT {} FROM \"{table}\"{order}", columns.join(", "));
        writeln!(out, "# {table} ({})", columns.join(", ")).expect("write");
        let mut statement = conn.prepare(&select).expect("select");
        let mut rows = statement.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let cells: Vec<String> = (0..columns.len())
                .map(|i| match row.get_ref(i).expect("cell") {
                    rusqlite::types::ValueRef::Null => "∅".to_owned(),
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Real(x) => x.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(b) => format!("blob {} bytes", b.len()),
                })
                .collect();
            writeln!(out, "{}", cells.join("|")).expect("write");
        }
    }
    out
}

/// FNV-1a, 64 bits: a fingerprint of a dump too big to keep in the repository whole.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The shop after importing a file with every kind of row into a shop with customers, then a
/// large plain file twice: the whole dump of the first, a fingerprint of the second. With
/// `sales_in_memory`, the session keeps no more of a file's sales in memory than that, the others
/// set aside on the disk as a large file's are.
fn every_kind_of_row(sales_in_memory: Option<usize>) -> String {
    let mut shop = Shop::new();
    if let Some(sales) = sales_in_memory {
        shop.session.set_sales_in_memory(sales);
    }
    shop.session.set_time_zone("Europe/Berlin").expect("zone");
    shop.add("Ana Lopez", "ana@example.com", "");
    shop.add("Benjamin Okafor", "", "07700 900123");
    shop.add("Cleo Chen", "", "");
    shop.add("Customer 5", "", "");
    let first = ORDERS.lines().take(3).collect::<Vec<_>>().join("\n") + "\n";
    let mut keep = |_: u64, _: u64| true;
    shop.session.import_file(first.as_bytes(), &request("orders.csv"), false, &mut keep).expect("first import").expect("done");
    let record = shop.session.import_file(ORDERS.as_bytes(), &request("orders.csv"), true, &mut keep).expect("import").expect("done");
    assert_eq!((record.already_imported, record.problems), (1, 1), "{record:?}");
    let small = dump(&shop.dir.path().join("regulars.sqlite3"));

    let big = big_plain_file();
    let record = shop.session.import_file(big.as_bytes(), &request("big.csv"), true, &mut keep).expect("big import").expect("done");
    assert!(record.sales > 50_000 && record.problems > 0, "{record:?}");
    let again = shop.session.import_file(big.as_bytes(), &request("big.csv"), true, &mut keep).expect("again").expect("done");
    assert_eq!(again.sales, 0, "{again:?}");
    let whole = dump(&shop.dir.path().join("regulars.sqlite3"));
    let leftovers: Vec<_> = std::fs::read_dir(shop.dir.path()).expect("the shop's folder").flatten().map(|e| e.file_name()).collect();
    assert!(leftovers.iter().all(|name| name.to_string_lossy().starts_with("regulars")), "nothing set aside is left: {leftovers:?}");
    format!("{small}# after the big file and its second import: {} lines, fnv1a {:016x}\n", whole.lines().count(), fingerprint(&whole))
}

/// The golden dump.
fn golden() -> String {
    std::fs::read_to_string(golden_file()).expect("the golden dump (REGULARS_BLESS=1 writes it)").replace("\r\n", "\n")
}

fn golden_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("it/golden/import-every-kind.txt")
}

fn assert_same(got: &str, want: &str) {
    if got != want {
        let first_difference = got.lines().zip(want.lines()).position(|(a, b)| a != b);
        panic!(
            "the import stored something else than it used to; first differing line {first_difference:?}:\n got: {:?}\nwant: {:?}",
            first_difference.and_then(|n| got.lines().nth(n)),
            first_difference.and_then(|n| want.lines().nth(n)),
        );
    }
}

#[test]
fn an_import_of_every_kind_of_row_gives_the_shop_it_always_gave() {
    let got = every_kind_of_row(None);
    if std::env::var_os("REGULARS_BLESS").is_some() {
        std::fs::create_dir_all(golden_file().parent().expect("folder")).expect("golden folder");
        std::fs::write(golden_file(), &got).expect("write the golden dump");
    }
    assert_same(&got, &golden());
}

/// A large file's sales are set aside on the disk, all but the last few: the shop is the same,
/// to the byte, whether an order's later rows, refunds and repeats find their sale in memory or
/// on the disk.
#[test]
fn the_same_shop_when_the_sales_are_set_aside_on_the_disk() {
    for in_memory in [1, 4096] {
        let got = every_kind_of_row(Some(in_memory));
        assert_same(&got, &golden());
    }
}

/// A Square items export whose rows are shuffled: a transaction's items and its refund rows
/// (same Transaction ID, negative) come among other transactions' rows, up to about forty rows
/// apart, and item refunds in transactions of their own (Payment ID) anywhere, before or after
/// their sale.
fn shuffled_square_items() -> String {
    let mut rows: Vec<String> = Vec::new();
    for t in 0..400u32 {
        let day = format!("2026-03-{:02}", 1 + t % 28);
        let customer = if t % 5 == 0 { (String::new(), String::new()) } else { (format!("C{}", t % 60), format!("Customer {}", t % 60)) };
        let row = |item: &str, cents: i64, tx: &str, event: &str| {
            let money = format!("{}€{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100);
            format!(
                "{day},10:{:02}:00,Europe/London,Parts,{item},1,{money},€0.00,{money},{tx},PAY{t},{event},{},{}",
                t % 60,
                customer.0,
                customer.1
            )
        };
        for item in 0..=(t % 3) {
            rows.push(row(&format!("Item {item}"), i64::from(500 + t * 37 % 9000), &format!("TX{t}"), "Payment"));
        }
        if t % 13 == 0 {
            rows.push(row("Item 0", -200, &format!("TX{t}"), "Payment"));
        }
        if t % 17 == 0 {
            rows.push(row("Item 0", -i64::from(500 + t * 37 % 9000), &format!("TXR{t}"), "Refund"));
        }
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for at in 0..rows.len() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let other = (at + (state % 40) as usize).min(rows.len() - 1);
        rows.swap(at, other);
    }
    "Date,Time,Time Zone,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Transaction ID,Payment ID,Event Type,Customer ID,Customer Name\n"
        .to_owned()
        + &rows.join("\n")
        + "\n"
}

/// An order's later rows and refunds change its sale where it lies, in memory or on the disk:
/// the shop is the same, to the byte, however few of the file's sales stay in memory.
#[test]
fn an_orders_later_rows_find_its_sale_on_the_disk() {
    let file = shuffled_square_items();
    let shop_after = |in_memory: Option<usize>| {
        let mut shop = Shop::new();
        if let Some(sales) = in_memory {
            shop.session.set_sales_in_memory(sales);
        }
        let record =
            shop.session.import_file(file.as_bytes(), &request("items.csv"), false, &mut |_, _| true).expect("import").expect("done");
        assert!(record.sales > 300, "{record:?}");
        dump(&shop.dir.path().join("regulars.sqlite3"))
    };
    let in_memory = shop_after(None);
    assert!(in_memory.contains("square-items:TX13\n") && in_memory.contains("Item 2"), "{in_memory}");
    for sales in [1, 7] {
        assert_same(&shop_after(Some(sales)), &in_memory);
    }
}

/// A Stripe payments export, a charge id a row, with some charges listed again far down the
/// file (a duplicate row, found by its id among the orders set aside): the same shop, to the
/// byte, however few of its orders, their ids and descriptions stay in memory, and imported
/// again it adds nothing (each id's text read back from the disk and found in the shop).
#[test]
fn a_file_of_as_many_order_ids_as_rows_is_the_same_shop_with_its_orders_set_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stripe.csv");
    regulars_core::write_stripe_payments_file(3_000, &path).expect("write the export");
    let mut file = std::fs::read_to_string(&path).expect("read it back");
    let again: Vec<String> = file.lines().skip(1).step_by(701).map(str::to_owned).collect();
    for row in &again {
        file.push_str(row);
        file.push('\n');
    }
    let shop_after = |in_memory: Option<usize>| {
        let mut shop = Shop::new();
        if let Some(sales) = in_memory {
            shop.session.set_sales_in_memory(sales);
        }
        let mut keep = |_: u64, _: u64| true;
        let record = shop.session.import_file(file.as_bytes(), &request("stripe.csv"), false, &mut keep).expect("import").expect("done");
        assert_eq!(record.preset, "stripe");
        assert!(record.sales > 2_900 && record.skipped as usize >= again.len(), "{record:?}");
        let twice = shop.session.import_file(file.as_bytes(), &request("stripe.csv"), false, &mut keep).expect("again").expect("done");
        assert_eq!(twice.sales, 0, "{twice:?}");
        dump(&shop.dir.path().join("regulars.sqlite3"))
    };
    let in_memory = shop_after(None);
    assert!(in_memory.contains("stripe:ch_0000000000000701") && in_memory.contains("Order 701"), "{in_memory}");
    for sales in [1, 7] {
        assert_same(&shop_after(Some(sales)), &in_memory);
    }
}
