//! Empty: this package exists for its test binaries, `it` (use cases on real SQLite files)
//! and, in `tests/e2e`, the end-to-end tests of the real app.
