//! Each preset on a small file written in that export's shape, and the bad files.

use chrono::NaiveDate;
use regulars_domain::Currency;
use regulars_import::{DateOrder, ImportError, Mapping, Parsed, SALES_IN_MEMORY, SetAside, detect_preset, parse, read};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn eur() -> Currency {
    Currency::parse("EUR").expect("EUR")
}

fn import(bytes: &[u8], order: Option<DateOrder>) -> Result<Parsed, ImportError> {
    let (table, problems) = read(bytes).map_err(ImportError::File)?;
    let preset = detect_preset(&table.headers).ok_or(ImportError::UnknownColumns { headers: table.headers.clone() })?;
    let mut parsed = parse(table, preset, order, eur(), today(), None, SetAside::default())?;
    let mut noted = std::mem::take(&mut parsed.problems);
    noted.absorb(problems);
    parsed.problems = noted.done();
    Ok(parsed)
}

fn summary(parsed: &Parsed) -> Vec<(String, i64, Option<String>)> {
    parsed.sales.iter().map(|s| (s.date.to_string(), s.amount_minor, parsed.customer(&s).map(|c| c.draft_name.to_owned()))).collect()
}

#[test]
fn shopify_orders_group_line_items_and_skip_cancelled() {
    let file = "Name,Email,Financial Status,Created at,Currency,Total,Refunded Amount,Lineitem quantity,Lineitem name,Lineitem price,Cancelled at,Billing Name,Billing Phone\n\
#1001,ana@example.com,paid,2026-03-01 10:15:00 +0100,EUR,59.90,0.00,1,Helmet,49.90,,Ana Lopez,+44 7700 900001\n\
#1001,,,,,,,2,Bell,5.00,,,\n\
#1002,ben@example.com,refunded,2026-03-02 11:00:00 +0100,EUR,20.00,20.00,1,Lights,20.00,,Ben Okafor,\n\
#1003,cleo@example.com,paid,2026-03-03 09:00:00 +0100,EUR,30.00,10.00,1,Lock,30.00,,Cleo Chen,\n\
#1004,dev@example.com,voided,2026-03-04 09:00:00 +0100,EUR,12.00,0.00,1,Tube,12.00,2026-03-04 10:00:00 +0100,Dev Patel,\n\
#1004,,,,,,,1,Tyre,8.00,,,\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "shopify");
    assert_eq!(
        summary(&parsed),
        vec![("2026-03-01".into(), 5990, Some("Ana Lopez".into())), ("2026-03-03".into(), 2000, Some("Cleo Chen".into()))]
    );
    assert_eq!(parsed.description(0), "Helmet, 2 × Bell");
    assert_eq!(parsed.key_text(&parsed.sales.get(0)).to_string(), "shopify:#1001");
    assert_eq!(parsed.customer(&parsed.sales.get(0)).and_then(|c| c.email), Some("ana@example.com"));
    let reasons: Vec<&str> = parsed.skipped.kept().iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons, vec!["refunded in full", "cancelled order"]);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
}

#[test]
fn square_item_sales_sum_into_one_sale_per_transaction() {
    let file = "Date,Time,Time Zone,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Transaction ID,Customer ID,Customer Name\n\
2026-04-02,10:01:00,Europe/London,Bikes,Service,1,€45.00,€0.00,€45.00,TX1,C9,Maria Rossi\n\
2026-04-02,10:01:00,Europe/London,Parts,Chain,1,€20.00,-€2.00,€18.00,TX1,C9,Maria Rossi\n\
2026-04-03,16:30:00,Europe/London,Parts,Bell,1,€6.00,€0.00,€6.00,TX2,,\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "square-items");
    assert_eq!(summary(&parsed), vec![("2026-04-02".into(), 6300, Some("Maria Rossi".into())), ("2026-04-03".into(), 600, None)]);
    assert_eq!(parsed.customer(&parsed.sales.get(0)).and_then(|c| c.external_id), Some("square-items:C9"));
}

#[test]
fn square_transactions_and_day_first_dates() {
    let file = "Date,Time,Time Zone,Total Collected,Transaction ID,Customer ID,Customer Name\n\
25/04/2026,10:00,Europe/Paris,\"1.234,50 €\",T1,C1,Zoë Müller\n\
03/05/2026,11:00,Europe/Paris,\"12,00 €\",T2,C1,Zoë Müller\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "square-transactions");
    assert_eq!(parsed.date_order, DateOrder::Dmy);
    assert_eq!(
        summary(&parsed),
        vec![("2026-04-25".into(), 123_450, Some("Zoë Müller".into())), ("2026-05-03".into(), 1200, Some("Zoë Müller".into()))]
    );
}

#[test]
fn stripe_payments_net_refunds_and_skip_failures() {
    let file = "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Status,Customer ID,Customer Email\n\
ch_1,Order 1,2026-05-01 08:00,25.00,0.00,eur,true,25.00,Paid,cus_A,ana@example.com\n\
ch_2,Order 2,2026-05-02 09:00,40.00,15.00,eur,true,40.00,Paid,cus_B,ben@example.com\n\
ch_3,Order 3,2026-05-03 10:00,10.00,0.00,eur,false,10.00,Failed,cus_C,cleo@example.com\n\
ch_4,Order 4,2026-05-04 10:00,10.00,0.00,usd,true,9.00,Paid,cus_D,dev@example.com\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "stripe");
    assert_eq!(
        summary(&parsed),
        vec![("2026-05-01".into(), 2500, Some("ana@example.com".into())), ("2026-05-02".into(), 2500, Some("ben@example.com".into()))]
    );
    assert_eq!(parsed.skipped.count(), 1, "the failed payment");
    assert_eq!(parsed.problems.count(), 1);
    assert_eq!(
        (parsed.problems.kept()[0].line, parsed.problems.kept()[0].column.as_str(), parsed.problems.kept()[0].value.as_str()),
        (5, "Currency", "usd")
    );
}

/// An id left out (a failed charge) leaves out every later row with that id, once noted: the
/// charge paid first and failed later keeps its sale, and a third row of it is neither a sale
/// nor a duplicate; a charge that failed first makes no sale whatever comes after. The same
/// with every order set aside but the last (the marks are on orders on the disk).
#[test]
fn the_later_rows_of_an_id_left_out_are_left_out() {
    let file = "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Status,Customer ID,Customer Email\n\
ch_1,Order 1,2026-05-01 08:00,25.00,0.00,eur,true,25.00,Paid,cus_A,ana@example.com\n\
ch_2,Order 2,2026-05-02 09:00,40.00,0.00,eur,false,40.00,Failed,cus_B,ben@example.com\n\
ch_1,Order 1,2026-05-01 08:00,25.00,0.00,eur,false,25.00,Failed,cus_A,ana@example.com\n\
ch_3,Order 3,2026-05-03 10:00,10.00,0.00,eur,true,10.00,Paid,cus_C,cleo@example.com\n\
ch_2,Order 2,2026-05-02 09:30,40.00,0.00,eur,true,40.00,Paid,cus_B,ben@example.com\n\
ch_1,Order 1,2026-05-01 08:00,25.00,0.00,eur,true,25.00,Paid,cus_A,ana@example.com\n";
    for in_memory in [1, 2, SALES_IN_MEMORY] {
        let (table, _) = read(file.as_bytes()).expect("reads");
        let preset = detect_preset(&table.headers).expect("stripe");
        let parsed = parse(table, preset, None, eur(), today(), None, SetAside { dir: None, in_memory }).expect("parses");
        let keys: Vec<String> = parsed.sales.iter().map(|s| parsed.key_text(&s)).collect();
        assert_eq!(keys, ["stripe:ch_1", "stripe:ch_3"], "{in_memory} in memory");
        let lines: Vec<u64> = parsed.skipped.kept().iter().map(|s| s.line).collect();
        assert_eq!(lines, [3, 4], "the two failures, once each: {:?}", parsed.skipped);
        assert_eq!(parsed.sales.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 5], "{in_memory} in memory");
        assert_eq!(parsed.file_orders, 3);
    }
}

#[test]
fn woocommerce_orders_skip_cancelled_statuses() {
    let file = "Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s)\n\
2026-06-01,101,\"€1,020.00\",Completed,Ana Lopez,new,E-bike,1,\n\
2026-06-02,102,€15.00,Cancelled,Ben Okafor,new,Bell,1,\n\
2026-06-03,103,€15.00,Processing,Ana Lopez,returning,Bell,1,\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "woocommerce");
    assert_eq!(summary(&parsed).iter().map(|s| s.1).collect::<Vec<_>>(), vec![102_000, 1500]);
    assert_eq!(parsed.skipped.kept()[0].reason, "status 'Cancelled'");
}

#[test]
fn a_plain_file_in_latin_1_with_semicolons_and_refunds() {
    // "José" in Windows-1252: the é is one byte, 0xE9.
    let mut file =
        b"customer_id;date;amount;customer_name\n7;2026-01-05;12,50;Jos\xe9\n7;2026-01-09;-3,00;Jos\xe9\n;2026-01-10;4,00;\n".to_vec();
    file.extend_from_slice(b"8;2026-01-11;0,00;Ann\n;2026-01-12;0,00;\n");
    let parsed = import(&file, None).expect("parses");
    assert_eq!(parsed.preset.name, "plain");
    assert_eq!(parsed.encoding, "Windows-1252");
    assert_eq!(
        summary(&parsed),
        vec![
            ("2026-01-05".into(), 1250, Some("José".into())),
            ("2026-01-10".into(), 400, None),
            ("2026-01-11".into(), 0, Some("Ann".into()))
        ],
        "Ann's free order is a visit"
    );
    assert_eq!(parsed.skipped.count(), 2, "the unmatched refund and the free walk-in: {:?}", parsed.skipped);
    // Rows without an order id get a fingerprint: the same file gives the same keys.
    let again = import(&file, None).expect("parses");
    assert_eq!(
        parsed.sales.iter().map(|s| parsed.key_text(&s)).collect::<Vec<_>>(),
        again.sales.iter().map(|s| again.key_text(&s)).collect::<Vec<_>>()
    );
}

/// Excel's "Unicode text" and some Windows tools write UTF-16 with a byte-order mark: read as
/// text, not refused as binary. The same sales as the UTF-8 file.
#[test]
fn a_file_in_utf_16_with_its_byte_order_mark() {
    let text = "customer_id;date;amount;customer_name\n7;2026-01-05;12,50;José\n8;2026-01-06;4,00;Zoë\n";
    let utf8 = import(text.as_bytes(), None).expect("UTF-8");
    let mut little = vec![0xFF, 0xFE];
    little.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut big = vec![0xFE, 0xFF];
    big.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for (bytes, encoding) in [(little, "UTF-16LE (with BOM)"), (big, "UTF-16BE (with BOM)")] {
        let parsed = import(&bytes, None).expect("UTF-16 parses");
        assert_eq!(parsed.encoding, encoding);
        assert_eq!(summary(&parsed), summary(&utf8));
    }
    // Zero bytes without the mark are still binary.
    let refused = read(b"PK\x03\x04\x00\x00date,amount\n").expect_err("binary");
    assert!(refused.to_string().contains("binary"), "{refused}");
}

/// A file with a hundred thousand columns is named in one short line.
#[test]
fn a_file_of_very_many_columns_is_named_in_one_line() {
    let header: Vec<String> = (0..100_000).map(|i| format!("col{i}")).collect();
    let file = format!("{}\n{}\n", header.join(","), header.join(","));
    let error = import(file.as_bytes(), None).expect_err("not a known export");
    let message = error.to_string();
    assert!(message.len() < 300 && message.contains("99,988 more"), "{} bytes: {}", message.len(), &message[..message.len().min(300)]);
}

#[test]
fn identical_rows_in_one_file_are_two_sales_with_two_keys() {
    let file = "customer_id,date,amount\n1,2026-01-05,5.00\n1,2026-01-05,5.00\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.sales.len(), 2);
    assert_ne!(parsed.key_text(&parsed.sales.get(0)), parsed.key_text(&parsed.sales.get(1)));

    // Interleaved with other rows, and with a row between that comes to nothing: each repeat
    // is numbered in the file's order, whatever else lies between.
    let file = "customer_id,date,amount\nA,2026-01-05,5\nB,2026-01-05,5\nA,2026-01-05,5\n,2026-01-05,0\nB,2026-01-05,5\nA,2026-01-05,5\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    let keys: Vec<String> = parsed.sales.iter().map(|s| parsed.key_text(&s)).collect();
    let (a, b) = (&keys[0][..20], &keys[1][..20]);
    assert_ne!(a, b);
    assert_eq!(keys, [format!("{a}#1"), format!("{b}#1"), format!("{a}#2"), format!("{b}#2"), format!("{a}#3")]);
    assert_eq!(parsed.sales.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 3, 4, 6, 7]);
}

#[test]
fn ambiguous_dates_ask_once_with_examples() {
    let file = "customer_id,date,amount\n1,03/04/2026,5.00\n2,04/05/2026,6.00\n";
    match import(file.as_bytes(), None) {
        Err(ImportError::AmbiguousDates { examples }) => assert_eq!(examples, vec!["03/04/2026", "04/05/2026"]),
        other => panic!("expected a question about the date order, got {other:?}"),
    }
    let parsed = import(file.as_bytes(), Some(DateOrder::Mdy)).expect("with the order chosen");
    assert_eq!(parsed.sales.get(0).date.to_string(), "2026-03-04");
}

/// The corpus of bad files: each gets its message, none panics.
#[test]
fn bad_files_get_clear_messages() {
    let file_error = |bytes: &[u8]| match import(bytes, None) {
        Err(error) => error.to_string(),
        Ok(parsed) => {
            format!("parsed with problems: {}", parsed.problems.kept().iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
        }
    };
    assert_eq!(file_error(b""), "the file is empty");
    assert_eq!(file_error(b"  \n\n"), "the file is empty");
    assert!(file_error(b"\x00\x01\x02PK\x03\x04junk").contains("not a text file"));
    assert!(file_error(b"date amount customer\n2026-01-01 5 Ana\n").contains("single column"));
    assert!(file_error(b"Foo,Bar\n1,2\n").contains("not a known export"));
    let header_only = import(b"customer_id,date,amount\n", None).expect("a header alone is an empty import");
    assert!(header_only.sales.is_empty() && header_only.rows == 0);

    let ragged = file_error(b"customer_id,date,amount\n1,2026-01-01,5\n2,2026-01-02\n3,2026-01-03,7,extra\n");
    assert!(ragged.contains("line 3: has 2 cells where the header has 3") && ragged.contains("line 4: has 4 cells"), "{ragged}");

    let quoted =
        import(b"customer_id,date,amount,description\n1,2026-01-01,5,\"two\nlines\"\n2,2026-01-02,6,x\n", None).expect("quoted newline");
    assert_eq!(quoted.sales.len(), 2);
    assert_eq!(quoted.sales.get(1).line, 4, "lines count the newline inside the quotes");

    let bad_values = file_error(b"customer_id,date,amount\n1,2026-02-30,5\n2,someday,5\n3,2026-01-01,five\n4,2030-01-01,5\n");
    assert!(bad_values.contains("line 2, date: '2026-02-30' is not a day on the calendar"), "{bad_values}");
    assert!(bad_values.contains("line 3, date: 'someday' is not a date"), "{bad_values}");
    assert!(bad_values.contains("line 4, amount: 'five'"), "{bad_values}");
    assert!(bad_values.contains("line 5, date: '2030-01-01' is in the future"), "{bad_values}");

    let currency = file_error(b"date,amount,customer_id,sale_id,currency\n2026-01-01,5,1,9,XYZ\n");
    assert!(currency.contains("is not the shop's currency"), "{currency}");

    let mut huge = b"customer_id,date,amount,description\n1,2026-01-01,5,".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 10 << 20));
    huge.push(b'\n');
    assert!(file_error(&huge).contains("far longer than any sale's"));

    let duplicate_ids = import(
        b"Date,Time,Total Collected,Transaction ID,Customer ID,Customer Name\n2026-01-01,10:00,5.00,T1,,\n2026-01-01,10:00,5.00,T1,,\n",
        None,
    )
    .expect("parses");
    assert_eq!(duplicate_ids.sales.len(), 1, "one transaction id is one sale, even written twice");
    assert_eq!(duplicate_ids.sales.get(0).amount_minor, 500);
    assert_eq!(duplicate_ids.skipped.kept()[0].reason, "the same order id as line 2 (a duplicate row)");
}

/// Keys of rows without an order id are fingerprints; a shop that imported a file once must
/// get the same keys from every later version, or the next import of that file would add
/// everything again. These were computed by hand (FNV-1a of `date|amount|who|description`).
#[test]
fn row_fingerprints_never_change() {
    let file = "customer_id,date,amount\nC1,2026-03-01,12.50\nC1,2026-03-01,12.50\n,2026-03-02,5\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    let keys: Vec<String> = parsed.sales.iter().map(|s| parsed.key_text(&s)).collect();
    assert_eq!(keys, vec!["row:93818939cd62c8e3#1", "row:93818939cd62c8e3#2", "row:ef974741f68a2e93#1"]);
    // A key is its text, and no other text.
    let mut reader = parsed.key_reader();
    for (sale, text) in parsed.sales.iter().zip(&keys) {
        assert!(reader.key(sale.key).is(text), "{text}");
    }
    let first = reader.key(parsed.sales.get(0).key);
    for other in [
        "row:93818939cd62c8e3#2",
        "row:93818939CD62C8E3#1",
        "row:93818939cd62c8e3#01",
        "row:093818939cd62c8e3#1",
        "row:93818939cd62c8e3#1 ",
        "row:93818939cd62c8e3",
        "shop:93818939cd62c8e3#1",
        "",
    ] {
        assert!(!first.is(other), "{other}");
    }
}

/// A problem names the line an editor shows, with Windows line endings too, and the value
/// once.
#[test]
fn problems_name_the_right_line_in_crlf_files_and_the_value_once() {
    for ending in ["\n", "\r\n"] {
        let file =
            ["customer_id,date,amount", "", "C1,2026-01-05,12.50", "\"C2", "x\",2026-01-06,abc", "C3,2026-01-07,1.00", ""].join(ending);
        let parsed = import(file.as_bytes(), None).expect("parses");
        assert_eq!(parsed.problems.count(), 1, "{:?}", parsed.problems);
        let problem = parsed.problems.kept()[0].to_string();
        assert_eq!(parsed.problems.kept()[0].line, 4, "{ending:?}: {problem}");
        assert_eq!(problem.matches("'abc'").count(), 1, "{problem}");
    }
}

/// A Stripe charge in another currency settled in the shop's counts at its settled amount
/// (`Converted Amount`, net of `Converted Amount Refunded`); one settled in a third currency
/// is still a problem.
#[test]
fn stripe_charges_in_another_currency_count_at_their_settled_amount() {
    let file = "id,Created date (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Converted Currency,Status,Customer ID,Customer Email\n\
ch_1,2026-05-01 08:00,25.00,0.00,usd,890.50,0.00,thb,Paid,cus_A,ana@example.com\n\
ch_2,2026-05-02 09:00,40.00,10.00,usd,1420.00,355.00,thb,Paid,cus_B,ben@example.com\n\
ch_3,2026-05-03 10:00,500.00,0.00,thb,500.00,0.00,thb,Paid,cus_C,cleo@example.com\n\
ch_4,2026-05-04 10:00,10.00,0.00,eur,9.10,0.00,gbp,Paid,cus_D,dev@example.com\n";
    let (table, _) = read(file.as_bytes()).expect("reads");
    let preset = detect_preset(&table.headers).expect("stripe");
    let thb = Currency::parse("THB").expect("THB");
    let parsed = parse(table, preset, None, thb, today(), None, SetAside::default()).expect("parses");
    let amounts: Vec<i64> = parsed.sales.iter().map(|s| s.amount_minor).collect();
    assert_eq!(amounts, [89_050, 106_500, 50_000]);
    assert_eq!(parsed.problems.count(), 1, "{:?}", parsed.problems);
    assert_eq!(parsed.problems.kept()[0].line, 5);
}

/// A line-item export mapped by hand (WooCommerce order-export plugins: `;`-separated, one
/// row per item, the order total repeated on each): `order_id` makes the lines one sale with
/// the total counted once, and a mapped status skips cancelled and refunded orders.
#[test]
fn a_mapped_order_id_counts_a_repeated_order_total_once() {
    let file = "Order Number;Order Status;Order Date;First Name (Billing);Email (Billing);Item Name;Quantity;Item Cost;Order Total Amount\n\
1001;completed;2026-03-02 10:15;Maria;maria@example.com;Inner tube;2;6,00;45,00\n\
1001;completed;2026-03-02 10:15;Maria;maria@example.com;Tyre lever;1;3,00;45,00\n\
1001;completed;2026-03-02 10:15;Maria;maria@example.com;Service;1;30,00;45,00\n\
1002;cancelled;2026-03-03 11:00;Dev;dev@example.com;Bell;1;8,00;8,00\n\
1003;Completed;2026-03-04 12:30;Dev;dev@example.com;Lights;1;25,50;25,50\n\
1004;refunded;2026-03-05 09:00;Ann;ann@example.com;Lock;1;19,00;19,00\n";
    let mapping = Mapping {
        date: "Order Date".into(),
        amount: "Order Total Amount".into(),
        order_id: Some("Order Number".into()),
        status: Some("Order Status".into()),
        name: Some("First Name (Billing)".into()),
        email: Some("Email (Billing)".into()),
        description: Some("Item Name".into()),
        ..Mapping::default()
    };
    let (table, _) = read(file.as_bytes()).expect("reads");
    regulars_import::check_custom_mapping(&mapping, &table.headers).expect("every column named exists");
    let parsed = parse(table, regulars_import::custom_preset(mapping), None, eur(), today(), None, SetAside::default()).expect("parses");
    assert_eq!(summary(&parsed), vec![("2026-03-02".into(), 4500, Some("Maria".into())), ("2026-03-04".into(), 2550, Some("Dev".into()))]);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.description(0), "Inner tube, Tyre lever, Service", "the later lines add their items");
    assert_eq!(parsed.skipped.count(), 2, "the cancelled and the refunded order: {:?}", parsed.skipped);
}

/// Square's item refunds carry a new Transaction ID and the sale's Payment ID: they net into
/// that sale (listed before or after it), which keeps its own key; a whole refund leaves no
/// purchase, and a refund of a payment not in the file is left out with its reason.
#[test]
fn square_item_refunds_net_into_the_sale_of_the_same_payment() {
    let file = "Date,Time,Time Zone,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Transaction ID,Payment ID,Event Type,Customer ID,Customer Name\n\
2026-04-05,09:00:00,Europe/London,Parts,Chain,-1,-€18.00,€0.00,-€18.00,TXR1,PAY1,Refund,C9,Maria Rossi\n\
2026-04-04,12:00:00,Europe/London,Parts,Bell,-1,-€6.00,€0.00,-€6.00,TXR2,PAY2,Refund,,\n\
2026-04-03,16:30:00,Europe/London,Parts,Bell,1,€6.00,€0.00,€6.00,TX2,PAY2,Payment,,\n\
2026-04-02,10:01:00,Europe/London,Bikes,Service,1,€45.00,€0.00,€45.00,TX1,PAY1,Payment,C9,Maria Rossi\n\
2026-04-02,10:01:00,Europe/London,Parts,Chain,1,€20.00,-€2.00,€18.00,TX1,PAY1,Payment,C9,Maria Rossi\n\
2026-04-01,11:00:00,Europe/London,Parts,Lock,-1,-€9.00,€0.00,-€9.00,TXR3,PAY9,Refund,,\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "square-items");
    assert_eq!(summary(&parsed), vec![("2026-04-02".into(), 4500, Some("Maria Rossi".into()))]);
    assert_eq!(parsed.key_text(&parsed.sales.get(0)).to_string(), "square-items:TX1", "the sale keeps its own transaction's key");
    assert_eq!(parsed.skipped.count(), 2, "the fully refunded bell and the refund of a payment not in the file: {:?}", parsed.skipped);
    assert!(parsed.skipped.kept().iter().any(|s| s.line == 4 && s.reason.contains("refunded")), "{:?}", parsed.skipped);
}

/// WooCommerce Analytics writes a partly refunded order's revenue as the original and what is
/// left (`$128.40 $96.30`): a sale of what is left, the difference refunded.
#[test]
fn woocommerce_revenue_with_its_refunded_remainder_is_a_refunded_order() {
    let file = "Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s)\n\
2026-06-01,101,€128.40 €96.30,Completed,Ana Lopez,new,E-bike,1,\n\
2026-06-02,102,€15.00 €0.00,Refunded,Ben Okafor,new,Bell,1,\n\
2026-06-03,103,\"€1,015.00\",Completed,Ana Lopez,returning,Bell,1,\n\
2026-06-04,104,€10.00 €12.00,Completed,Cleo,new,Bell,1,\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(summary(&parsed).iter().map(|s| s.1).collect::<Vec<_>>(), vec![9630, 101_500]);
    assert_eq!(parsed.problems.count(), 1, "more left than paid is not a refund: {:?}", parsed.problems);
    assert_eq!(parsed.problems.kept()[0].line, 5);
}

/// A cancellation or return line (a negative quantity, the amount written positive) is never
/// a sale of its own: it is a refund, netted into its order when the order is in the file and
/// otherwise left out with that reason.
#[test]
fn a_negative_quantity_line_takes_its_amount_back() {
    let file = "Order Number;Order Date;Customer;Item Name;Quantity;Order Total Amount\n\
2001;2026-03-02;Maria;Helmet;1;40,00\n\
2001;2026-03-02;Maria;Helmet;-1;40,00\n\
2002;2026-03-03;Dev;Bell;2;12,00\n\
2003;2026-03-04;Ann;Lock;-1;19,00\n";
    let mapping = Mapping {
        date: "Order Date".into(),
        amount: "Order Total Amount".into(),
        name: Some("Customer".into()),
        description: Some("Item Name".into()),
        quantity: Some("Quantity".into()),
        ..Mapping::default()
    };
    let (table, _) = read(file.as_bytes()).expect("reads");
    let parsed = parse(table, regulars_import::custom_preset(mapping), None, eur(), today(), None, SetAside::default()).expect("parses");
    assert_eq!(summary(&parsed).iter().map(|s| s.1).collect::<Vec<_>>(), vec![4000, 1200], "{:?}", parsed.sales);
    assert!(parsed.sales.iter().all(|s| s.amount_minor > 0), "no sale of a negative line");
    assert_eq!(parsed.skipped.count(), 2, "the returned helmet row and the lone return: {:?}", parsed.skipped);
}

/// An order export no preset knows is sales to map by hand, never a customer list that would
/// leave its sales out; our own customers export and a plain list still are customers.
#[test]
fn an_unknown_order_export_is_never_taken_for_a_customer_list() {
    let headers = |line: &str| line.split(',').map(str::to_owned).collect::<Vec<_>>();
    assert!(!regulars_import::is_customers_file(&headers("Order Number,Order Status,Order Date,Customer,Item Name,Order Total Amount")));
    assert!(!regulars_import::is_customers_file(&headers("Order No,State,Day,Customer,Item Name,Total")));
    assert!(!regulars_import::is_customers_file(&headers("Customer,Email,Total")), "one order's money per row");
    assert!(regulars_import::is_customers_file(&headers(
        "customer_id,name,email,phone,tags,notes,archived,sale_count,purchase_days,lifetime_value,first_purchase,last_purchase,created_at,currency"
    )));
    assert!(regulars_import::is_customers_file(&headers("Customer ID,First Name,Last Name,Email,Phone,Total Spent,Total Orders,Tags")));
}

/// Priced lines mapped by hand: unit price x quantity per line, the lines of one order add up
/// to one sale, and a separate time column in UTC puts each order on the shop's day.
#[test]
fn priced_lines_add_up_and_a_utc_time_column_lands_on_the_shops_day() {
    let file = "Order,Day,Time (UTC),Item,Price,Qty,Buyer\n\
                A1,2026-03-02,01:30,Bell,2.50,2,Ana\n\
                A1,2026-03-02,01:30,Light,10.00,1,Ana\n\
                A2,2026-03-02,15:00,Tube,4.99,3,Ben\n\
                A3,2026-03-03,09:00,Tube,4.99,two,Cy\n";
    let (table, _) = read(file.as_bytes()).expect("reads");
    let mapping = Mapping {
        date: "Day".into(),
        time: Some("Time (UTC)".into()),
        unit_price: Some("Price".into()),
        quantity: Some("Qty".into()),
        order_id: Some("Order".into()),
        name: Some("Buyer".into()),
        description: Some("Item".into()),
        ..Mapping::default()
    };
    let preset = regulars_import::custom_preset(mapping);
    let york = Some(chrono_tz::America::New_York);
    let parsed = parse(table.clone(), preset.clone(), None, eur(), today(), york, SetAside::default()).expect("parses");
    assert_eq!(
        summary(&parsed),
        vec![("2026-03-01".into(), 15_00, Some("Ana".into())), ("2026-03-02".into(), 14_97, Some("Ben".into()))],
        "01:30 UTC is the evening before in New York"
    );
    assert_eq!(parsed.problems.count(), 1);
    assert_eq!((parsed.problems.kept()[0].line, parsed.problems.kept()[0].column.as_str()), (5, "Qty"), "{:?}", parsed.problems);
    let as_written = parse(table, preset, None, eur(), today(), None, SetAside::default()).expect("parses");
    assert_eq!(as_written.sales.get(0).date.to_string(), "2026-03-02");
}

/// Revenue means one thing whatever the export: what the customer paid for what they bought,
/// after discounts and refunds, with tax and shipping, tips left out. Square's item lines add
/// their tax to the net sale; Square's transactions take the tip off what was collected; an
/// export that leaves tax out (WooCommerce Analytics) says so.
#[test]
fn revenue_is_what_the_customer_paid_in_every_export() {
    use regulars_import::Revenue;
    let items = "Date,Time,Time Zone,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Tax,Transaction ID,Customer ID,Customer Name\n\
2026-04-02,10:01:00,Europe/London,Bikes,Service,1,€45.00,€0.00,€45.00,€9.00,TX1,C9,Maria Rossi\n\
2026-04-02,10:01:00,Europe/London,Parts,Chain,1,€20.00,-€2.00,€18.00,€3.60,TX1,C9,Maria Rossi\n";
    let parsed = import(items.as_bytes(), None).expect("parses");
    assert_eq!(parsed.sales.get(0).amount_minor, 75_60, "net 63.00 and tax 12.60");
    assert_eq!(parsed.revenue, Revenue::Paid);
    // An older item export without its Tax column: net sales, and said so.
    let parsed = import(
        b"Date,Time,Time Zone,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Transaction ID\n2026-04-02,10:01:00,Europe/London,Parts,Chain,1,20.00,0,20.00,TX1\n",
        None,
    )
    .expect("parses");
    assert_eq!(parsed.revenue, Revenue::WithoutTax);

    let transactions = "Date,Time,Time Zone,Gross Sales,Tax,Tip,Total Collected,Transaction ID,Customer ID,Customer Name\n\
2026-04-25,10:00,Europe/Paris,€10.00,€2.00,€1.50,€13.50,T1,C1,Zoë\n";
    let parsed = import(transactions.as_bytes(), None).expect("parses");
    assert_eq!(parsed.sales.get(0).amount_minor, 12_00, "the tip goes to the staff, not into revenue");
    assert_eq!(parsed.revenue, Revenue::Paid);

    let woo = "Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s)\n2026-06-01,101,€20.00,Completed,Ana,new,Bell,1,\n";
    assert_eq!(import(woo.as_bytes(), None).expect("parses").revenue, Revenue::WithoutTax);
    let shopify = "Name,Email,Financial Status,Created at,Currency,Total,Refunded Amount,Lineitem quantity,Lineitem name,Cancelled at,Billing Name\n#1,a@example.com,paid,2026-03-01 10:15:00 +0100,EUR,59.90,0.00,1,Helmet,,Ana\n";
    assert_eq!(import(shopify.as_bytes(), None).expect("parses").revenue, Revenue::Paid);
    let plain = "customer_id,date,amount\nC1,2026-01-05,12.50\n";
    assert_eq!(import(plain.as_bytes(), None).expect("parses").revenue, Revenue::AsGiven);
}

/// WooCommerce orders from the "Advanced Order Export For WooCommerce" plugin in its default
/// layout: one row per item, the order's fields and total repeated on each, the buyer's name
/// in two columns. The total counts once per order, refunds net, cancelled orders are left out.
#[test]
fn woocommerce_order_export_lines_count_their_order_once() {
    let file = "\"Order Number\",\"Order Status\",\"Order Date\",\"Customer Note\",\"First Name (Billing)\",\"Last Name (Billing)\",\"Email (Billing)\",\"Phone (Billing)\",\"Item #\",SKU,\"Item Name\",\"Quantity (- Refund)\",\"Item Cost\",\"Order Refund Amount\",\"Order Total Amount\",\"Order Total Tax Amount\"\n\
\"5001\",Completed,\"2026-05-01 10:12\",,Ana,Lopez,ana@example.com,\"0612 345 678\",1,B-1,Bell,1,5.00,0,25.90,4.32\n\
\"5001\",Completed,\"2026-05-01 10:12\",,Ana,Lopez,ana@example.com,\"0612 345 678\",2,L-2,Light,1,15.00,0,25.90,4.32\n\
\"5002\",Refunded,\"2026-05-02 09:00\",,Ben,Okafor,ben@example.com,,1,B-1,Bell,1,5.00,10.90,10.90,1.82\n\
\"5003\",Processing,\"2026-05-03 18:40\",,Ana,Lopez,ana@example.com,,1,T-3,Tube,2,4.00,3.00,12.90,2.15\n\
\"5004\",Cancelled,\"2026-05-04 08:00\",,Cy,Diaz,cy@example.com,,1,B-1,Bell,1,5.00,0,10.90,1.82\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "woocommerce-orders");
    assert_eq!(
        summary(&parsed),
        vec![("2026-05-01".into(), 25_90, Some("Ana Lopez".into())), ("2026-05-03".into(), 9_90, Some("Ana Lopez".into()))],
        "one sale per order, the partial refund netted"
    );
    assert_eq!(parsed.description(0), "Bell, Light");
    assert_eq!(parsed.skipped.count(), 2, "the refunded and the cancelled order (their lines once each): {:?}", parsed.skipped);
    assert_eq!(parsed.revenue, regulars_import::Revenue::Paid);
}

/// A file from a known platform, but not the download Regulars reads, says which one to get.
#[test]
fn the_wrong_download_of_a_known_platform_names_the_right_one() {
    let cases = [
        ("Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Total Orders\n", "Shopify"),
        ("Date,Time,Time Zone,Gross Sales,Discounts,Transaction ID,Payment ID,Device Name\n", "Square"),
        ("id,Description,Amount,Fee,Net,Currency,Created (UTC)\n", "Stripe"),
        ("Date,Order #,Status,Customer,Items sold\n", "WooCommerce"),
    ];
    for (header, platform) in cases {
        let (table, _) = read(format!("{header}x,y,z,1,2,3,4\n").as_bytes()).expect("reads");
        let err = regulars_import::ImportError::UnknownColumns { headers: table.headers.clone() }.to_string();
        assert!(err.contains(platform) && err.contains("export"), "{platform}: {err}");
    }
}

/// A sale's description is its rows' items in the file's order, however its rows are spread
/// among other orders' rows; an order left out takes its items with it; a description past
/// 500 characters is cut, and the cut one is what a row without an id is fingerprinted by.
#[test]
fn descriptions_follow_their_order_through_interleaved_and_left_out_rows() {
    let long = "x".repeat(600);
    let file = format!(
        "Date,Time,Time Zone,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Transaction ID,Customer ID,Customer Name\n\
2026-04-01,09:00:00,Europe/London,Parts,Gone,1,€0.00,€0.00,€0.00,TX0,,\n\
2026-04-02,10:01:00,Europe/London,Bikes,Service,1,€45.00,€0.00,€45.00,TX1,C9,Maria Rossi\n\
2026-04-03,16:30:00,Europe/London,Parts,Bell,2,€6.00,€0.00,€6.00,TX2,,\n\
2026-04-02,10:01:00,Europe/London,Parts,Chain,1,€20.00,-€2.00,€18.00,TX1,C9,Maria Rossi\n\
2026-04-01,09:00:00,Europe/London,Parts,Still gone,1,€0.00,€0.00,€0.00,TX0,,\n\
2026-04-04,11:00:00,Europe/London,Parts,,1,€3.00,€0.00,€3.00,TX3,,\n\
2026-04-02,10:01:00,Europe/London,Parts,Lock,1,€9.00,€0.00,€9.00,TX1,C9,Maria Rossi\n\
2026-04-05,12:00:00,Europe/London,Parts,{long},1,€5.00,€0.00,€5.00,TX4,,\n"
    );
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "square-items");
    let keys: Vec<String> = parsed.sales.iter().map(|s| parsed.key_text(&s)).collect();
    assert_eq!(keys, ["square-items:TX1", "square-items:TX2", "square-items:TX3", "square-items:TX4"], "TX0 came to nothing");
    let descriptions: Vec<std::borrow::Cow<str>> = (0..parsed.sales.len()).map(|i| parsed.description(i)).collect();
    let clipped = format!("{}…", "x".repeat(499));
    assert_eq!(descriptions, ["Service, Chain, Lock", "2 × Bell", "", clipped.as_str()]);
    assert_eq!(parsed.description(99), "", "past the last sale");

    // Without an id, the cut description is the one in the fingerprint: a 600 and a 700
    // character item that agree on their first 499 characters are one sale written twice.
    let plain =
        format!("customer_id,date,amount,description\nC1,2026-04-05,5.00,{long}\nC1,2026-04-05,5.00,{long}y\nC1,2026-04-05,5.00,short\n");
    let parsed = import(plain.as_bytes(), None).expect("parses");
    let keys: Vec<String> = parsed.sales.iter().map(|s| parsed.key_text(&s)).collect();
    assert_eq!(keys[0].split('#').next(), keys[1].split('#').next(), "{keys:?}");
    assert_eq!((keys[0].ends_with("#1"), keys[1].ends_with("#2"), keys[2].ends_with("#1")), (true, true, true), "{keys:?}");
    assert_eq!((&*parsed.description(0), &*parsed.description(2)), (clipped.as_str(), "short"));
}

/// Orders are counted once each, however their rows come: an id on several lines, an id whose
/// first rows are refused and a later one is read, an id only ever refused, an order left out
/// with its later lines, and a row with no id (an order of its own).
#[test]
fn each_order_of_a_file_is_counted_once() {
    let file = "\"Order Number\",\"Order Status\",\"Order Date\",\"First Name (Billing)\",\"Last Name (Billing)\",\"Email (Billing)\",\"Item Name\",\"Quantity (- Refund)\",\"Order Refund Amount\",\"Order Total Amount\"\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,Bell,1,0,25.90\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,Light,1,0,25.90\n\
5002,Completed,2026-05-02 09:00,Ben,Okafor,ben@example.com,Bell,1,0,abc\n\
5002,Completed,2026-05-02 09:00,Ben,Okafor,ben@example.com,Bell,1,0,abc\n\
5003,Completed,2026-05-03 09:00,Cy,Diaz,cy@example.com,Bell,1,0,xyz\n\
5003,Completed,2026-05-03 09:00,Cy,Diaz,cy@example.com,Bell,1,0,12.00\n\
5003,Completed,2026-05-03 09:00,Cy,Diaz,cy@example.com,Pump,1,0,12.00\n\
5004,Cancelled,2026-05-04 09:00,Dev,Patel,dev@example.com,Bell,1,0,9.00\n\
5004,Cancelled,2026-05-04 09:00,Dev,Patel,dev@example.com,Tube,1,0,9.00\n\
,Completed,2026-05-05 09:00,Eve,Ng,eve@example.com,Bell,1,0,7.00\n\
5001,Completed,2026-05-01 10:12,Ana,Lopez,ana@example.com,Lock,1,0,25.90\n";
    let parsed = import(file.as_bytes(), None).expect("parses");
    assert_eq!(parsed.preset.name, "woocommerce-orders");
    assert_eq!(parsed.file_orders, 5, "5001 to 5004 and the row with no id");
    assert_eq!(summary(&parsed).len(), 3, "5001, 5003 and the row with no id");
    assert_eq!(parsed.description(0), "Bell, Light, Lock");
    assert_eq!(parsed.problems.count(), 3, "{:?}", parsed.problems);
}
