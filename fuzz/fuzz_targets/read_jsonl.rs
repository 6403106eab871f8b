#![no_main]
//! The jsonl reader: every story's spans and every error's place hold (`src/check.rs`).

use libfuzzer_sys::fuzz_target;
use wirelint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    wirelint_fuzz::read_holds(InputFormat::Jsonl, data);
});
