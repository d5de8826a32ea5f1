//! This package exists for its test binaries: `it` (use cases on real SQLite files) and, in
//! `tests/e2e`, the end-to-end tests of the real app. Its library is the hostile-input harness
//! that the property tests (`it/hostile.rs`, every CI run) and the fuzz targets (`fuzz/`,
//! `cargo xtask fuzz`) share, so that both throw the same inputs at the same code.

pub mod hostile;
