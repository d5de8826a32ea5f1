//! This package exists for its test binaries: `it` (use cases on real SQLite files) and, in
//! `tests/e2e`, the end-to-end tests of the real app. Its library is the hostile-input harness
//! that the property tests (`it/hostile.rs`, every CI run) and the fuzz targets (`fuzz/`,
//! `cargo xtask fuzz`) share, so that both throw the same inputs at the same code.
//!
//! Where things are: `it/` is one integration-test binary (a module per feature) over real SQLite
//! files through `regulars-core` (`crash.rs` and `faults.rs` kill, starve or lock out the child in
//! `crash/child.rs`; `lock.rs` the passphrase); the package's library, `hostile.rs`, is the
//! hostile-input harness shared by `it/hostile.rs` (proptest) and the fuzz targets; `e2e/` drives
//! the real app binary over WebDriver (tauri-driver → WebKitWebDriver) and also holds the
//! screenshot and start-up tools; `pseudo/` is a test binary of its own that speaks a
//! pseudo-language (every message wrapped in ⟦ ⟧) and finds any word of the charts, definitions,
//! reasons, errors and import notes outside the brackets. docs/RELIABILITY.md maps each promise to
//! its test.

pub mod hostile;
