//! Per-stage benchmarks (divan): parse + analyse, each rule alone, all rules, and the whole
//! per-story pipeline, over the English stories of the evaluation set (tests/eval/stories/en-*).
//!
//! `cargo bench --bench pipeline` (add `-- rule` to run only the per-rule group). Throughput is
//! reported in bytes of story text. Whole-process numbers (start-up, threads, RSS) come from
//! `scripts/bench-corpus.sh`; see docs/performance.md.

use std::path::Path;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use wirelint::document::{AnalyseOptions, Document};
use wirelint::rules::{Context, Output, RULES, find};
use wirelint::{Linter, Settings};

fn main() {
    divan::main();
}

/// The English stories of the evaluation set, as (name, text).
static STORIES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/stories");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("tests/eval/stories")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("en-") && p.extension().is_some_and(|e| e == "txt"))
        })
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    out
});

fn bytes() -> usize {
    STORIES.iter().map(|(_, t)| t.len()).sum()
}

fn analysed() -> Vec<Document> {
    let opts = AnalyseOptions::default();
    STORIES.iter().map(|(n, t)| Document::from_text(n.as_str(), t.as_str(), &opts)).collect()
}

/// Segmentation, dateline and story language: `Document::from_text`.
#[divan::bench]
fn parse_analyse(b: Bencher<'_, '_>) {
    let opts = AnalyseOptions::default();
    b.counter(BytesCount::new(bytes())).bench(|| {
        for (n, t) in STORIES.iter() {
            black_box(Document::from_text(n.as_str(), t.as_str(), &opts));
        }
    });
}

/// Same, with the language declared (no detection).
#[divan::bench]
fn parse_analyse_declared_language(b: Bencher<'_, '_>) {
    let opts = AnalyseOptions { language: Some("en".into()), ..Default::default() };
    b.counter(BytesCount::new(bytes())).bench(|| {
        for (n, t) in STORIES.iter() {
            black_box(Document::from_text(n.as_str(), t.as_str(), &opts));
        }
    });
}

fn rule_names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.meta().name).collect()
}

/// One rule alone over analysed documents. Shared analyses (`Document::analysis`) are cached on
/// the document, so after the first pass this measures the rule's own work.
#[divan::bench(args = rule_names())]
fn rule(b: Bencher<'_, '_>, name: &str) {
    let rule = find(name).expect("registered rule");
    let linter = Linter::new(Settings::default()).expect("lexicons");
    let docs = analysed();
    rule.prepare(linter.lexicons()).expect("lexicons");
    let cx = Context::new(linter.lexicons());
    b.counter(BytesCount::new(bytes())).bench(|| {
        for d in &docs {
            let mut out = Output::default();
            rule.check(&cx, d, &mut out);
            black_box(out);
        }
    });
}

/// Every rule (default settings) over freshly analysed documents, shared analyses included.
#[divan::bench]
fn all_rules(b: Bencher<'_, '_>) {
    let linter = Linter::new(Settings::default()).expect("lexicons");
    b.counter(BytesCount::new(bytes())).with_inputs(analysed).bench_local_values(|docs| {
        for d in &docs {
            black_box(linter.check(d));
        }
        docs
    });
}

/// The whole per-story pipeline: parse, analyse, all rules.
#[divan::bench]
fn end_to_end(b: Bencher<'_, '_>) {
    let linter = Linter::new(Settings::default()).expect("lexicons");
    let opts = AnalyseOptions::default();
    b.counter(BytesCount::new(bytes())).bench(|| {
        for (n, t) in STORIES.iter() {
            let d = Document::from_text(n.as_str(), t.as_str(), &opts);
            black_box(linter.check(&d));
        }
    });
}

/// Loading the embedded lexicons and preparing every rule's indexes (start-up work).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn linter_new() {
    black_box(Linter::new(Settings::default()).expect("lexicons"));
}
