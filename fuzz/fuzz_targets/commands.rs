//! Any text the window can send, through every command that parses it, on one real shop file
//! per fuzzing process.
#![no_main]

use std::cell::RefCell;

use regulars_tests::hostile::Commands;

thread_local! {
    static SHOP: RefCell<Commands> = RefCell::new(Commands::default());
}

libfuzzer_sys::fuzz_target!(|input: (&str, &str, &str, u32, i64)| {
    SHOP.with_borrow_mut(|shop| shop.throw(input.0, input.1, input.2, input.3, input.4 % 8));
});
