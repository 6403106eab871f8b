#![no_main]
//! Any format (sniffed as stdin is) through every rule and every renderer (`src/check.rs`).

use libfuzzer_sys::fuzz_target;
use wirelint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    wirelint_fuzz::check_bytes(InputFormat::sniff(data), data);
});
