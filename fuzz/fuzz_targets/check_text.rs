#![no_main]
//! Plain text through every rule (lowest confidence) and every renderer: no panic, every
//! finding's span and line:column hold, JSON and SARIF output parse (`src/check.rs`).

use libfuzzer_sys::fuzz_target;
use wirelint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    wirelint_fuzz::check_bytes(InputFormat::Text, data);
});
