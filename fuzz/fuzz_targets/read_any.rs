#![no_main]
//! Stdin's path: the format sniffed from the content, then the reader's invariants.

use libfuzzer_sys::fuzz_target;
use wirelint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    wirelint_fuzz::read_holds(InputFormat::sniff(data), data);
});
