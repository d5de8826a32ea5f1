//! Hostile input as property tests, run in every CI run: random and structured text through
//! the same harness the fuzz targets use (`tests/hostile.rs`). Zero panics.

use proptest::prelude::*;
use regulars_tests::hostile;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn no_bytes_make_the_importer_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        hostile::import_file(&bytes);
    }

    /// Text shaped like a sales export (a known header, then cells made of the characters
    /// exports use), so that the parser's deeper paths are reached, not just the reader's.
    #[test]
    fn no_export_shaped_text_makes_the_importer_panic(
        header in prop::sample::select(vec![
            "customer_id,date,amount",
            "Date,Time,Time Zone,Total Collected,Transaction ID,Customer ID,Customer Name",
            "Name,Email,Financial Status,Created at,Currency,Total,Refunded Amount,Lineitem quantity,Lineitem name,Cancelled at,Billing Name,Billing Phone",
            "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email",
            "name,email,phone,notes,tags",
        ]),
        body in "[a-zA-Z0-9 ,;\"'\n\r./:€$()+=@#-]{0,600}",
    ) {
        hostile::import_file(format!("{header}\n{body}").as_bytes());
    }

    #[test]
    fn no_typed_text_makes_a_parser_panic(a in any::<String>(), b in any::<String>(), c in any::<String>(), d in any::<String>()) {
        hostile::typed_text(&a, &b, &c, &d);
    }

    /// Text that looks like an amount or a day, so the round trips are reached often.
    #[test]
    fn amount_and_day_shaped_text_reads_back(a in "[-+ €$]{0,2}[0-9]{0,9}([.,][0-9]{0,3})?[ A-Z]{0,4}|[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}") {
        hostile::typed_text(&a, "", "", "");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_input_text_makes_a_command_panic(a in any::<String>(), b in any::<String>(), c in any::<String>(), n in any::<u32>(), id in -3i64..5) {
        let mut commands = hostile::Commands::default();
        commands.throw(&a, &b, &c, n, id);
    }
}

/// Inputs the fuzzer found, kept so that each stays fixed.
#[test]
fn inputs_the_fuzzer_found_do_not_panic() {
    // A Shopify orders file whose time offsets hold bytes that are not UTF-8 digits.
    hostile::import_file(include_bytes!("found/shopify-mangled-offset.csv"));
    // Two UTF-8 byte-order marks, then a one-word line: read whole and read in blocks differed.
    hostile::import_file(include_bytes!("found/double-bom.csv"));
}
