//! Throughput of the surface rules over analysed stories (rule time only, analysis excluded).
//! `cargo test --release --test it surface_speed:: -- --ignored --nocapture` with
//! `WIRELINT_BENCH_DIR` pointing at a folder of `.txt` stories.

use std::time::Instant;

use wirelint::document::{AnalyseOptions, Document};
use wirelint::rules::{Context, Output};
use wirelint::{Lexicons, RULES};

#[test]
#[ignore = "timing; run by hand in release mode"]
fn surface_rule_throughput() {
    let Some(dir) = std::env::var_os("WIRELINT_BENCH_DIR") else { return };
    let docs: Vec<Document> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| Document::from_text(p.display().to_string(), std::fs::read_to_string(&p).unwrap(), &AnalyseOptions::default()))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let lex = Lexicons::embedded();
    let cx = Context::new(lex);
    for rule in RULES.iter().filter(|r| ["TR", "SC", "FM", "UN"].iter().any(|p| r.meta().code.starts_with(p))) {
        rule.prepare(lex).unwrap();
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..3 {
            for d in &docs {
                let mut out = Output::default();
                rule.check(&cx, d, &mut out);
                n += out.findings.len();
            }
        }
        let secs = t.elapsed().as_secs_f64() / 3.0;
        eprintln!("{:<22} {:>8.1} MB/s  ({} findings)", rule.meta().name, bytes as f64 / secs / 1e6, n / 3);
    }
}
