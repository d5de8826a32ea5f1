//! Importing sales exports into a real shop file: what lands, what is matched, what a second
//! import adds (nothing), cancel and undo.

use regulars_core::{Error, ImportRequest};

use crate::Shop;

fn request(name: &str) -> ImportRequest {
    ImportRequest { file_name: name.to_owned(), ..ImportRequest::default() }
}

fn never_cancel() -> impl FnMut(u64, u64) -> bool {
    |_, _| true
}

const SQUARE: &str = "Date,Time,Time Zone,Total Collected,Transaction ID,Customer ID,Customer Name\n\
2026-03-01,10:00,Europe/London,€20.00,T1,C1,Maria Lopez\n\
2026-03-15,10:00,Europe/London,€30.00,T2,C1,Maria Lopez\n\
2026-03-16,10:00,Europe/London,€5.00,T3,,\n\
2026-03-17,10:00,Europe/London,€7.00,T4,C2,Dev Patel\n";

#[test]
fn an_import_lands_whole_and_a_second_adds_nothing() {
    let mut shop = Shop::new();
    let preview = shop.session.import_preview(SQUARE.as_bytes(), &request("square.csv")).expect("dry run");
    assert_eq!((preview.sales, preview.customers_new, preview.revenue_minor), (4, 2, 62_00));
    assert!(shop.session.imports().expect("imports").is_empty(), "a dry run writes nothing");

    let record =
        shop.session.import_file(SQUARE.as_bytes(), &request("square.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!((record.sales, record.customers_new, record.revenue_minor), (4, 2, 62_00));
    let maria = shop.session.search_customers("Maria", 5).expect("search");
    assert_eq!(maria.len(), 1);
    assert_eq!((maria[0].stats.sale_count, maria[0].stats.purchase_days), (2, 2), "statistics recomputed after the bulk write");
    let filter = shop.session.parse_filter(Some("2026-03-01"), Some("2026-03-31"), None, None).expect("filter");
    let report = shop.session.report(&filter).expect("report");
    assert_eq!((report.summary.revenue_minor, report.summary.walk_in_revenue_minor, report.summary.repeat_customers), (62_00, 5_00, 1));

    let again = shop.session.import_preview(SQUARE.as_bytes(), &request("square.csv")).expect("dry run again");
    assert_eq!((again.sales, again.already_imported, again.customers_new), (0, 4, 0));
    let second =
        shop.session.import_file(SQUARE.as_bytes(), &request("square.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!((second.sales, second.already_imported), (0, 4));
    assert_eq!(shop.session.report(&filter).expect("report").summary.revenue_minor, 62_00);
}

#[test]
fn customers_are_matched_by_external_id_then_email_then_phone_then_name() {
    let mut shop = Shop::new();
    let by_email = shop.add("Ana L.", "ana@example.com", "");
    let by_phone = shop.add("Benjamin", "", "+44 7700 900123");
    let by_name = shop.add("Cleo Chen", "", "");
    let file = "customer_id,date,amount,customer_name,email,phone\n\
                1,2026-02-01,5.00,Ana Lopez,ANA@example.com,\n\
                2,2026-02-01,5.00,Ben,,07700 900123\n\
                3,2026-02-01,5.00,Cleo Chen,,\n\
                4,2026-02-01,5.00,Dev,,\n\
                4,2026-02-02,5.00,Dev Patel,,\n";
    let preview = shop.session.import_preview(file.as_bytes(), &request("p.csv")).expect("dry run");
    assert_eq!((preview.customers_new, preview.customers_matched), (1, 3), "Dev once, by his id");
    shop.session.import_file(file.as_bytes(), &request("p.csv"), false, &mut never_cancel()).expect("import").expect("done");
    for id in [by_email, by_phone, by_name] {
        assert_eq!(shop.session.customer(id).expect("customer").summary.stats.sale_count, 1);
    }
    // A later file with the same external id finds the customer the first import created.
    let later = "customer_id,date,amount,customer_name\n4,2026-03-01,9.00,D. Patel\n";
    let preview = shop.session.import_preview(later.as_bytes(), &request("later.csv")).expect("dry run");
    assert_eq!((preview.customers_new, preview.customers_matched), (0, 1));
    // And one with the same person under an id that now exists, matched by email before.
    let first_ana = "customer_id,date,amount,customer_name\n1,2026-04-01,3.00,Someone Else\n";
    let preview = shop.session.import_preview(first_ana.as_bytes(), &request("x.csv")).expect("dry run");
    assert_eq!(preview.customers_matched, 1, "plain:1 was recorded for Ana when she was matched by email");
}

/// New customers of one file are matched to each other as to the shop's: by the export's id,
/// then email (whatever its case), then phone (however written), then a name whose details do
/// not contradict; two ids of one export stay two people whatever their names.
#[test]
fn a_files_new_customers_are_matched_to_each_other() {
    let mut shop = Shop::new();
    let file = "customer_id,date,amount,customer_name,email,phone\n\
                ,2026-02-01,5.00,Ana Lopez,ana@example.com,\n\
                ,2026-02-02,5.00,Ana L.,ANA@example.com,\n\
                ,2026-02-03,5.00,Ben,,07700 900123\n\
                ,2026-02-04,5.00,Benjamin O,,+44 7700 900123\n\
                ,2026-02-05,5.00,Cleo Chen,,\n\
                ,2026-02-06,5.00,Cleo Chen,cleo@example.com,\n\
                ,2026-02-07,5.00,Eve,eve@example.com,\n\
                ,2026-02-08,5.00,Eve,eve.two@example.com,\n\
                D1,2026-02-09,5.00,Dev,,\n\
                D1,2026-02-10,5.00,Dev Patel,,\n\
                D2,2026-02-11,5.00,Dev Patel,,\n";
    let record =
        shop.session.import_file(file.as_bytes(), &request("people.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!((record.sales, record.customers_new), (11, 7), "{record:?}");
    let sales_of = |name: &str| {
        let mut counts: Vec<u32> = shop
            .session
            .search_customers(name, 10)
            .expect("search")
            .iter()
            .filter(|c| c.name.starts_with(name))
            .map(|c| c.stats.sale_count)
            .collect();
        counts.sort_unstable();
        counts
    };
    assert_eq!(sales_of("Ana"), [2], "one Ana, by her email");
    assert_eq!(sales_of("Ben"), [2], "one Ben, by his phone's digits");
    assert_eq!(sales_of("Cleo"), [2], "one Cleo, by her name, no details against it");
    assert_eq!(sales_of("Eve"), [1, 1], "two Eves: their emails differ");
    assert_eq!(sales_of("Dev"), [1, 2], "D1 twice by its id, D2 apart");
}

/// The exports the import benchmark reads are what they say: Shopify's orders and Stripe's
/// payments, detected as such, every order counted (a Stripe charge is one), the cancelled or
/// failed ones left out (one in a hundred), the refunds taken off, no problem.
#[test]
fn the_benchmarks_exports_read_as_their_platforms() {
    type Write = fn(usize, &std::path::Path) -> std::io::Result<u64>;
    let exports: [(Write, &str); 2] =
        [(regulars_core::write_shopify_orders_file, "shopify"), (regulars_core::write_stripe_payments_file, "stripe")];
    for (write, preset) in exports {
        let shop = Shop::new();
        let file = shop.dir.path().join("export.csv");
        write(2_000, &file).expect("write the export");
        let bytes = std::fs::read(&file).expect("read it back");
        let preview = shop.session.import_preview(bytes.as_slice(), &request("export.csv")).expect("dry run");
        assert_eq!(preview.preset, preset, "{preview:?}");
        assert!(preview.problems.is_empty(), "{preset}: {:?}", preview.problems);
        assert_eq!(preview.file_orders, 2_000, "{preset}");
        assert_eq!((preview.sales, preview.skipped.count()), (1_980, 20), "{preset}: one in a hundred left out");
        // One customer in ten orders, drawn at random: Shopify's all named.
        let customers_ok = if preset == "shopify" { preview.customers_new == 200 } else { preview.customers_new > 150 };
        assert!(preview.refunded_minor > 0 && customers_ok, "{preview:?}");
    }
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let mut shop = Shop::new();
    let mut file = String::from("customer_id,date,amount\n");
    // Over the size at which an import rebuilds the sale indexes at the end.
    for n in 0..60_000 {
        file.push_str(&format!("{},2026-01-{:02},{}.00\n", n % 300 + 1, n % 28 + 1, n % 90 + 1));
    }
    let mut calls = 0;
    let result = shop.session.import_file(file.as_bytes(), &request("big.csv"), false, &mut |done, _| {
        calls += 1;
        done < 10_000
    });
    assert!(matches!(result, Ok(None)), "cancelled");
    assert!(calls >= 2);
    assert!(shop.session.imports().expect("imports").is_empty());
    assert!(shop.session.list_customers(regulars_core::CustomerSort::Name, 10, 0).expect("list").customers.is_empty());
    let record = shop.session.import_file(file.as_bytes(), &request("big.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!((record.sales, record.customers_new), (60_000, 300));
    shop.session.store().integrity_check().expect("indexes rebuilt whole");
    let customer = shop.session.search_customers("Customer 7", 1).expect("search")[0].id;
    assert_eq!(shop.session.customer(customer).expect("customer").summary.stats.sale_count, 200);
    let again = shop.session.import_file(file.as_bytes(), &request("big.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!(again.sales, 0, "the rebuilt unique index still knows every key");
    shop.session.undo_import(record.id).expect("undo");
    shop.session.store().integrity_check().expect("whole after undo");
}

#[test]
fn undo_takes_an_import_back_and_keeps_what_the_owner_added() {
    let mut shop = Shop::new();
    let record =
        shop.session.import_file(SQUARE.as_bytes(), &request("square.csv"), false, &mut never_cancel()).expect("import").expect("done");
    let dev = shop.session.search_customers("Dev", 1).expect("search")[0].id;
    // The owner logs a sale of their own for Dev: Dev stays when the import goes.
    shop.sell(Some(dev), "2026-04-01", "11.00");
    let undone = shop.session.undo_import(record.id).expect("undo");
    assert!(undone.undone_at.is_some());
    assert!(shop.session.search_customers("Maria", 5).expect("search").is_empty(), "created by the import, nothing else");
    let dev_now = shop.session.customer(dev).expect("Dev stays");
    assert_eq!((dev_now.summary.stats.sale_count, dev_now.summary.stats.lifetime_value.minor()), (1, 11_00));
    assert!(matches!(shop.session.undo_import(record.id), Err(Error::Conflict(_))), "once");
    // Undone sales no longer block the same file.
    let again =
        shop.session.import_file(SQUARE.as_bytes(), &request("square.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!((again.sales, again.customers_new, again.customers_matched), (4, 1, 1));
}

#[test]
fn problems_refuse_the_import_unless_the_owner_accepts_them() {
    let mut shop = Shop::new();
    let file = "customer_id,date,amount\n1,2026-01-01,5.00\n2,2026-01-02,lots\n";
    let refused = shop.session.import_file(file.as_bytes(), &request("p.csv"), false, &mut never_cancel());
    assert!(matches!(&refused, Err(Error::Conflict(m)) if m.contains("line 3, amount: 'lots'")), "{refused:?}");
    assert!(shop.session.imports().expect("imports").is_empty());
    let record = shop.session.import_file(file.as_bytes(), &request("p.csv"), true, &mut never_cancel()).expect("import").expect("done");
    assert_eq!((record.sales, record.problems), (1, 1));
    let unknown = shop.session.import_preview(&b"Foo,Bar\n1,2\n"[..], &request("x.csv"));
    assert!(matches!(unknown, Err(Error::Import(regulars_core::ImportError::UnknownColumns { .. }))));
}

#[test]
fn an_export_imports_into_an_empty_shop_with_identical_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sample = regulars_core::Session::open(dir.path(), regulars_core::Clock::Fixed(crate::today())).expect("open");
    // In the other shop's currency: on its own the sample takes the computer's (USD under Wine).
    sample.set_up_shop(crate::Shop::new().session.shop().expect("shop").expect("set up")).expect("set up");
    sample.load_sample_shop().expect("sample");
    // A name a spreadsheet would run, to see it defused and restored.
    let someone = sample.search_customers("Maria", 1).expect("search")[0].id;
    let mut draft = regulars_domain::CustomerDraft::parse("=HYPERLINK(\"x\")", "", "", "", &[]).expect("name");
    draft.email = None;
    sample.edit_customer(someone, draft).expect("rename");
    let sales_csv = sample.export_csv(regulars_core::ExportTable::Sales).expect("export");
    assert!(String::from_utf8_lossy(&sales_csv).contains("'=HYPERLINK"), "defused in the file");
    for table in [regulars_core::ExportTable::Customers, regulars_core::ExportTable::Contacts] {
        let csv = sample.export_csv(table).expect("export");
        assert!(csv.split(|&b| b == b'\n').count() > 100, "{table:?}");
    }

    let mut empty = Shop::new();
    let record = empty.session.import_file(&sales_csv, &request("sales.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!(record.preset, "regulars");
    let filter = sample.parse_filter(Some("2024-01-01"), None, Some("quarter"), None).expect("filter");
    let (a, b) = (sample.report(&filter).expect("report"), empty.session.report(&filter).expect("report"));
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.periods, b.periods);
    assert_eq!(a.cohorts, b.cohorts);
    assert_eq!(a.purchase_counts, b.purchase_counts);
    assert_eq!(a.second_purchase, b.second_purchase);
    assert_eq!(a.loyalty, b.loyalty);
    assert_eq!(a.segments, b.segments);
    let top = |r: &regulars_core::Report| r.top_customers.iter().map(|t| (t.name.clone(), t.revenue_minor)).collect::<Vec<_>>();
    assert_eq!(top(&a), top(&b));
    assert!(empty.session.search_customers("HYPERLINK", 1).expect("search").iter().any(|c| c.name == "=HYPERLINK(\"x\")"));
}

#[test]
fn two_people_with_one_name_and_two_ids_stay_two() {
    let mut shop = Shop::new();
    let file = "customer_id,date,amount,customer_name\n1,2026-02-01,5.00,Sam Lee\n2,2026-02-02,6.00,Sam Lee\n";
    let preview = shop.session.import_preview(file.as_bytes(), &request("a.csv")).expect("dry run");
    assert_eq!(preview.customers_new, 2);
    shop.session.import_file(file.as_bytes(), &request("a.csv"), false, &mut never_cancel()).expect("import").expect("done");
    // A third id of the same export is a third person, not whichever Sam Lee came first.
    let later = "customer_id,date,amount,customer_name\n3,2026-03-01,7.00,Sam Lee\n2,2026-03-02,8.00,Sam Lee\n";
    let preview = shop.session.import_preview(later.as_bytes(), &request("b.csv")).expect("dry run");
    assert_eq!((preview.customers_new, preview.customers_matched), (1, 1));
}

#[test]
fn a_customers_file_brings_people_in_once_and_sales_find_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sample = regulars_core::Session::open(dir.path(), regulars_core::Clock::Fixed(crate::today())).expect("open");
    // In the other shop's currency: on its own the sample takes the computer's (USD under Wine).
    sample.set_up_shop(crate::Shop::new().session.shop().expect("shop").expect("set up")).expect("set up");
    sample.load_sample_shop().expect("sample");
    let someone = sample.search_customers("Maria", 1).expect("search")[0].id;
    let mut draft = regulars_domain::CustomerDraft::parse(
        "Maria Tagged",
        "maria.tagged@example.com",
        "",
        "Likes blue; call after 5",
        &["vip".to_owned(), "e-bike".to_owned()],
    )
    .expect("draft");
    draft.phone = None;
    sample.edit_customer(someone, draft).expect("edit");
    let customers_csv = sample.export_csv(regulars_core::ExportTable::Customers).expect("customers");
    let sales_csv = sample.export_csv(regulars_core::ExportTable::Sales).expect("sales");

    let mut shop = Shop::new();
    let preview = shop.session.import_preview(&customers_csv, &request("customers.csv")).expect("dry run");
    assert_eq!((preview.preset.as_str(), preview.sales, preview.customers_new), ("customers", 0, regulars_core::SAMPLE_CUSTOMERS as u64));
    let record =
        shop.session.import_file(&customers_csv, &request("customers.csv"), false, &mut never_cancel()).expect("import").expect("done");
    assert_eq!(record.customers_new, regulars_core::SAMPLE_CUSTOMERS as i64);
    let maria = shop.session.search_customers("Tagged", 1).expect("search")[0].id;
    let page = shop.session.customer(maria).expect("customer");
    assert_eq!(page.notes, "Likes blue; call after 5");
    assert_eq!(page.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(), vec!["e-bike", "vip"]);

    let again = shop.session.import_preview(&customers_csv, &request("customers.csv")).expect("dry run again");
    assert_eq!((again.customers_new, again.customers_matched), (0, regulars_core::SAMPLE_CUSTOMERS as u64));
    let sales = shop.session.import_preview(&sales_csv, &request("sales.csv")).expect("sales dry run");
    assert_eq!(sales.customers_new, 0, "every sale finds its customer by the shared id");
    let plain = "name,email,phone\nNew Person,new@example.com,\n";
    let preview = shop.session.import_preview(plain.as_bytes(), &request("people.csv")).expect("plain customers");
    assert_eq!((preview.customers_new, preview.preset.as_str()), (1, "customers"));
}

/// Real exports' people: a namesake with another email is another person; placeholders
/// (`N/A`, `null`, `", "`) are walk-ins, not one made-up top customer; a phone or email that
/// is not one never refuses the sale (it is kept in the customer's notes); phones with
/// Unicode hyphens, direction marks, labels or a country prefix read as phones.
#[test]
fn namesakes_placeholders_and_messy_contact_cells_come_in_right() {
    let mut shop = Shop::new();
    let ann = shop.add("Ann Lee", "ann.one@example.com", "");
    let file = "date,amount,customer_name,email,phone\n\
                2026-02-01,5.00,Ann Lee,ann.two@example.com,\n\
                2026-02-02,6.00,Ann Lee,ann.one@example.com,\n\
                2026-02-03,7.00,Ann Lee,,\n\
                2026-02-04,8.00,N/A,,\n\
                2026-02-05,9.00,null,,\n\
                2026-02-06,10.00,\", \",,\n\
                2026-02-07,11.00,Bo,not-an-email,Phone number: N/A\n\
                2026-02-08,12.00,Cy,,\u{202a}4707450876\u{202c}\n\
                2026-02-09,13.00,Di,,662\u{2011}295\u{2011}1147\n\
                2026-02-10,14.00,Ed,,US+12677602999\n";
    let mapping = regulars_core::Mapping {
        date: "date".into(),
        amount: "amount".into(),
        name: Some("customer_name".into()),
        email: Some("email".into()),
        phone: Some("phone".into()),
        ..Default::default()
    };
    let people = ImportRequest { mapping: Some(mapping), ..request("people.csv") };
    let preview = shop.session.import_preview(file.as_bytes(), &people).expect("dry run");
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!((preview.sales, preview.customers_new, preview.customers_matched), (10, 5, 1), "{preview:?}");
    shop.session.import_file(file.as_bytes(), &people, false, &mut never_cancel()).expect("import").expect("done");

    let anns = shop.session.search_customers("Ann Lee", 5).expect("search");
    assert_eq!(anns.len(), 2, "two people called Ann Lee");
    let first = anns.iter().find(|c| c.id == ann).expect("the shop's Ann");
    assert_eq!(first.stats.sale_count, 2, "her email's sale and the one with no details");
    let filter = shop.session.parse_filter(Some("2026-02-01"), Some("2026-02-28"), None, None).expect("filter");
    assert_eq!(shop.session.report(&filter).expect("report").summary.walk_in_revenue_minor, 27_00, "placeholders are walk-ins");
    let bo = shop.session.search_customers("Bo", 5).expect("search");
    let bo = shop.session.customer(bo[0].id).expect("Bo");
    assert!(bo.summary.email.is_none() && bo.notes.contains("not-an-email"), "{bo:?}");
    for (name, digits) in [("Cy", "4707450876"), ("Di", "6622951147"), ("Ed", "12677602999")] {
        let found = shop.session.search_customers(name, 5).expect("search");
        let phone = found[0].phone.clone().unwrap_or_default();
        assert_eq!(phone.chars().filter(char::is_ascii_digit).collect::<String>(), digits, "{name}: {phone}");
    }
}

/// The dry run says which column the revenue comes from and what it means, and says plainly
/// when the file's sales stop long before today (an old export: everyone would look lapsed).
#[test]
fn the_dry_run_names_the_revenue_and_says_when_the_sales_stop() {
    let shop = Shop::new();
    let old = "customer_id,date,amount\nC1,2025-02-01,10.00\nC2,2025-03-03,12.00\n";
    let preview = shop.session.import_preview(old.as_bytes(), &request("old.csv")).expect("dry run");
    assert_eq!(preview.revenue_column, "amount");
    assert!(!preview.revenue_means.is_empty());
    let stop = preview.sales_stop.expect("the sales stop long before today");
    assert!(stop.contains("2025-03-03"), "{stop}");
    // Imported, Today (and At risk, through the same use case) say so too.
    let mut shop = shop;
    assert_eq!(shop.session.sales_stop().expect("sales stop"), None, "an empty shop has no history to end");
    shop.session.import_file(old.as_bytes(), &request("old.csv"), false, &mut never_cancel()).expect("import").expect("done");
    let last = chrono::NaiveDate::from_ymd_opt(2025, 3, 3);
    assert_eq!(shop.session.today_list().expect("today").sales_stop, last);
    shop.sell(None, "2026-11-20", "5.00");
    assert_eq!(shop.session.today_list().expect("today").sales_stop, None, "a recent sale: the history goes on");

    let recent = "customer_id,date,amount\nC1,2026-11-01,10.00\n";
    assert!(shop.session.import_preview(recent.as_bytes(), &request("recent.csv")).expect("dry run").sales_stop.is_none());
    let stripe = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\nch_1,2026-11-01 08:00,25.00,0.00,eur,Paid,cus_A,ana@example.com\n";
    let preview = shop.session.import_preview(stripe.as_bytes(), &request("stripe.csv")).expect("dry run");
    assert_eq!(preview.revenue_column, "Amount");
    assert!(preview.revenue_means.contains("tax"), "{}", preview.revenue_means);
}

/// A customer whose only orders were free (a warranty repair, a sample) is still a customer:
/// free orders are visits with no revenue, the same in the figures, Today and predictions. A
/// free order with nobody on it counts nowhere and is left out with a reason.
#[test]
fn free_orders_are_visits_with_no_revenue() {
    let mut shop = Shop::new();
    shop.session.load_sample_shop().expect("sample shop");
    let file = "customer_id,customer_name,date,amount\n\
                F1,Fay Free,2026-05-01,0.00\n\
                F1,Fay Free,2026-06-01,0\n\
                F1,Fay Free,2026-07-01,0.00\n\
                P1,Pat Paid,2026-05-02,20.00\n\
                P1,Pat Paid,2026-06-02,0.00\n\
                ,,2026-06-03,0.00\n";
    let preview = shop.session.import_preview(file.as_bytes(), &request("free.csv")).expect("dry run");
    assert_eq!((preview.sales, preview.customers_new, preview.revenue_minor), (5, 2, 20_00), "{preview:?}");
    assert_eq!(preview.skipped.count(), 1, "the free walk-in: {:?}", preview.skipped);
    shop.session.import_file(file.as_bytes(), &request("free.csv"), false, &mut never_cancel()).expect("import").expect("done");

    let fay = shop.session.search_customers("Fay Free", 5).expect("search");
    assert_eq!(fay.len(), 1, "only free orders, still a customer");
    assert_eq!((fay[0].stats.sale_count, fay[0].stats.purchase_days, fay[0].stats.lifetime_value.minor()), (3, 3, 0));
    let pat = shop.session.search_customers("Pat Paid", 5).expect("search");
    assert_eq!((pat[0].stats.purchase_days, pat[0].stats.lifetime_value.minor()), (2, 20_00));

    let filter = shop.session.parse_filter(Some("2026-05-01"), Some("2026-07-31"), None, None).expect("filter");
    let with = shop.session.report(&filter).expect("report").summary;
    let customers_file = "customer_id,customer_name,date,amount\nP1,Pat Paid,2026-05-02,20.00\n";
    let mut paid_only = Shop::new();
    paid_only.session.load_sample_shop().expect("sample shop");
    paid_only.session.import_file(customers_file.as_bytes(), &request("paid.csv"), false, &mut never_cancel()).expect("import");
    let without = paid_only.session.report(&filter).expect("report").summary;
    assert_eq!(with.revenue_minor, without.revenue_minor, "free orders add no revenue");
    assert_eq!(with.customers, without.customers + 1, "Fay bought (for nothing) in the range");
    assert_eq!(with.repeat_customers, without.repeat_customers + 2, "Fay and Pat came back");

    let outlook = shop.session.customer_outlook(fay[0].id.0).expect("outlook").expect("Fay is scored");
    assert_eq!(outlook.purchase_days, 3);
    let today = shop.session.today_list().expect("today");
    assert!(today.due.iter().any(|r| r.customer == fay[0].id), "Fay is due a check-in like anyone who stopped coming");
}

/// The shop's time zone puts Stripe's UTC payment times on the shop's day: an evening payment
/// in New York is written the next day in UTC and lands on its own evening. A zone that does
/// not exist is refused by name; an empty one follows the computer again.
#[test]
fn utc_payment_times_land_on_the_shops_day_in_its_time_zone() {
    let mut shop = Shop::new();
    let err = shop.session.set_time_zone("Mars/Olympus").expect_err("no such zone");
    assert!(matches!(&err, Error::Invalid(e) if e.field == regulars_domain::Field::TimeZone), "{err:?}");
    assert!(err.to_string().contains("Mars/Olympus"), "{err}");
    assert_eq!(shop.session.set_time_zone("america/new_york").expect("zone").name(), "America/New_York");
    let stripe = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email\n\
                  ch_1,2026-03-02 02:30,25.00,0.00,eur,Paid,cus_A,ana@example.com\n\
                  ch_2,2026-03-02 15:00,30.00,0.00,eur,Paid,cus_A,ana@example.com\n";
    let preview = shop.session.import_preview(stripe.as_bytes(), &request("stripe.csv")).expect("dry run");
    assert_eq!(preview.time_zone.as_deref(), Some("America/New_York"));
    let days: Vec<String> = preview.first_sales.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(days, ["2026-03-01", "2026-03-02"]);
    let shop = shop.reopen();
    assert!(shop.session.time_zone_is_set().expect("set"), "the setting is kept in the shop");
    let mut shop = shop;
    shop.session.set_time_zone("").expect("follow the computer");
    assert!(!shop.session.time_zone_is_set().expect("set"));
    let plain = "customer_id,date,amount\nC1,2026-03-02,10.00\n";
    assert_eq!(shop.session.import_preview(plain.as_bytes(), &request("plain.csv")).expect("dry run").time_zone, None, "plain dates stay");
}

/// The dry run reconciles: the file's orders each land in exactly one place (to add, already
/// in, left out with a reason, or a problem), and the refunds taken off are said.
#[test]
fn the_dry_run_accounts_for_every_order_of_the_file() {
    let mut shop = Shop::new();
    let file = "\"Order Number\",\"Order Status\",\"Order Date\",\"First Name (Billing)\",\"Last Name (Billing)\",\"Email (Billing)\",\"Item Name\",\"Quantity (- Refund)\",\"Order Refund Amount\",\"Order Total Amount\"\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,Bell,1,0,25.90\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,Light,1,0,25.90\n\
5002,Refunded,2026-05-02 09:00,Ben,Okafor,ben@example.com,Bell,1,10.90,10.90\n\
5002,Refunded,2026-05-02 09:00,Ben,Okafor,ben@example.com,Light,1,10.90,10.90\n\
5003,Processing,2026-05-03 18:40,Ana,Lopez,ana@example.com,Tube,2,3.00,12.90\n\
5004,Completed,2026-05-04 08:00,Cy,Diaz,cy@example.com,Bell,1,0,abc\n";
    let first = "\"Order Number\",\"Order Status\",\"Order Date\",\"First Name (Billing)\",\"Last Name (Billing)\",\"Email (Billing)\",\"Item Name\",\"Quantity (- Refund)\",\"Order Refund Amount\",\"Order Total Amount\"\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,Bell,1,0,25.90\n";
    shop.session.import_file(first.as_bytes(), &request("orders.csv"), false, &mut never_cancel()).expect("import").expect("done");
    let preview = shop.session.import_preview(file.as_bytes(), &request("orders.csv")).expect("dry run");
    assert_eq!((preview.sales, preview.already_imported, preview.skipped.count(), preview.problems.count()), (1, 1, 1, 1), "{preview:?}");
    assert_eq!(preview.file_orders, 4, "5001 to 5004, each once");
    assert_eq!(preview.file_orders, preview.sales + preview.already_imported + preview.skipped.count() + preview.problems.count());
    assert_eq!((preview.revenue_minor, preview.refunded_minor), (9_90, 3_00), "5003: 12.90 less its 3.00 refund");
}

/// Every file written for people (CSV exports of the tables and of each chart, the calendar)
/// ends its lines in CRLF on every system, as RFC 4180 and RFC 5545 say and as spreadsheets and
/// Notepad on Windows expect; the bytes are the same on Windows and Linux.
#[test]
fn files_written_for_people_end_every_line_in_crlf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sample = regulars_core::Session::open(dir.path(), regulars_core::Clock::Fixed(crate::today())).expect("open");
    // In the other shop's currency: on its own the sample takes the computer's (USD under Wine).
    sample.set_up_shop(crate::Shop::new().session.shop().expect("shop").expect("set up")).expect("set up");
    sample.load_sample_shop().expect("sample");
    let bare_line_feeds = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        // A line break inside a quoted note stays as the owner typed it; the sample has none.
        text.replace("\r\n", "").matches('\n').count()
    };
    let mut files = Vec::new();
    for table in [regulars_core::ExportTable::Customers, regulars_core::ExportTable::Sales, regulars_core::ExportTable::Contacts] {
        files.push((format!("{table:?}"), sample.export_csv(table).expect("export")));
    }
    let filter = sample.parse_filter(Some("2024-01-01"), None, Some("month"), None).expect("filter");
    for kind in regulars_core::ChartKind::ALL {
        files.push((format!("{kind:?}"), sample.chart_file(kind, &filter, regulars_core::ChartFormat::Csv).expect("chart")));
    }
    if let Some(holdout) = sample.holdout_chart(regulars_core::ChartFormat::Csv).expect("holdout") {
        files.push(("holdout".to_owned(), holdout));
    }
    files.push(("calendar".to_owned(), sample.reminders_calendar(90).expect("calendar").into_bytes()));
    for (name, bytes) in &files {
        assert!(bytes.windows(2).filter(|w| w == b"\r\n").count() > 1, "{name} has lines");
        assert_eq!(bare_line_feeds(bytes), 0, "{name} ends every line in CRLF");
    }
}
