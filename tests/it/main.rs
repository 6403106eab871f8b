//! The integration tests of wirelint, as one test binary (one link instead of one per file).
//! Each module is a former `tests/NAME.rs`; run one with `cargo test --test it NAME::`
//! (e.g. `cargo test --test it golden::`). `common`, `webdriver` and `report_corpus` are
//! helpers shared by the modules.

/// The fuzz targets' invariants, shared with `fuzz/` (used by `fuzz_regressions`).
#[path = "../../fuzz/src/check.rs"]
mod fuzz_check;

// helpers
mod common;
mod report_corpus;
mod webdriver;

// tests
mod boilerplate;
#[cfg(feature = "serve")]
mod browser;
mod cli;
mod encodings;
mod eval;
mod fix;
mod fuzz_regressions;
mod golden;
mod inputs;
mod language;
mod layers;
mod lexicons;
#[cfg(feature = "lsp")]
mod lsp;
mod names;
mod readme;
mod registry;
mod reliability;
mod report;
mod report_browser;
mod rules;
mod segmentation;
#[cfg(feature = "serve")]
mod serve;
mod snapshot;
mod surface_seed;
mod surface_speed;
mod workflow;
