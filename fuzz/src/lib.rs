//! Shared by every fuzz target: read an input in one format, check it with every rule, hold
//! the invariants (`check.rs`, also used by the regression tests in `tests/it/fuzz_regressions.rs`).

#[path = "check.rs"]
mod check;

pub use check::{check_bytes, line_col, linter, read_holds};
