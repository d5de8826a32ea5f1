//! Any bytes as an imported sales or customer file.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| regulars_tests::hostile::import_file(bytes));
