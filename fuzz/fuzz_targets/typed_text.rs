//! Any text into the parsers of typed and imported values; amounts and days must read back.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: (&str, &str, &str, &str)| regulars_tests::hostile::typed_text(text.0, text.1, text.2, text.3));
