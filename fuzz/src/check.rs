//! The invariants every input must hold, whatever its bytes: read in a format, checked with
//! every rule at the lowest confidence, rendered in every output format.
//!
//! - no panic (a panic is the fuzzer's crash);
//! - every finding's span (and its fix's span) lies inside the story text, on char boundaries;
//! - its place in the original (file or field) lies inside that original, on char boundaries,
//!   and its 1-based line:column is the one counted from the start of the original, lines
//!   ending at LF, CRLF or a lone CR (columns are never 0);
//! - for plain text and JSON Lines fields the flagged text is the original's text at that place,
//!   and for a plain-text UTF-8 file the file bytes at the reported offsets;
//! - an input error's line and column are 1-based;
//! - `json` and `sarif` output parse as one JSON document, `jsonl` output line by line; the
//!   `human` and `github` renderers finish without error.
//!
//! This file is shared by the fuzz targets (`fuzz/`) and the regression tests
//! (`tests/it/fuzz_regressions.rs`), so a crash the fuzzer finds is replayed by `cargo test`.

use std::sync::OnceLock;

use wirelint::input::{InputError, InputFormat, ReadOptions, read_bytes};
use wirelint::render::{Format, Stats, renderer};
use wirelint::{Document, Linter, Settings, StoryReport};

/// One linter with every rule at the lowest confidence, built once.
pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(Settings::default()).expect("the embedded lexicons load"))
}

/// Reads `data` as `fmt` and holds the invariants of every story's own spans (headline,
/// dateline, paragraphs, body) and of every error; no rule runs. Returns the stories.
pub fn read_holds(fmt: InputFormat, data: &[u8]) -> Vec<Result<Document, InputError>> {
    let mut items: Vec<Result<Document, InputError>> = Vec::new();
    read_bytes("fuzz.input", fmt, data.to_vec(), &ReadOptions::default(), &mut |r| items.push(r));
    for item in &items {
        match item {
            Ok(doc) => {
                let spans = doc.headline.iter().chain(doc.dateline.as_ref().map(|d| &d.span)).chain(&doc.paragraphs).chain([&doc.body]);
                for s in spans {
                    span_holds(fmt, data, doc, *s, "story structure");
                }
            }
            Err(e) => {
                assert!(e.line.is_none_or(|l| l >= 1), "error line 0: {e:?}");
                assert!(e.column.is_none_or(|c| c >= 1), "error column 0: {e:?}");
            }
        }
    }
    items
}

/// [`read_holds`], then every rule and every renderer: each finding's spans hold, and every
/// output format is well-formed. Returns the number of findings.
pub fn check_bytes(fmt: InputFormat, data: &[u8]) -> usize {
    let linter = linter();
    let mut checked: Vec<Result<(Document, StoryReport), InputError>> = Vec::new();
    let mut findings = 0;
    for item in read_holds(fmt, data) {
        match item {
            Ok(doc) => {
                let report = linter.check(&doc);
                for f in &report.findings {
                    span_holds(fmt, data, &doc, f.span, f.rule.name);
                    if let Some(s) = &f.suggestion {
                        assert!(
                            s.span.start <= s.span.end && doc.text.get(s.span.range()).is_some(),
                            "{}: fix span {:?} outside the text",
                            f.rule.name,
                            s.span
                        );
                    }
                }
                findings += report.findings.len();
                checked.push(Ok((doc, report)));
            }
            Err(e) => checked.push(Err(e)),
        }
    }
    for format in [Format::Json, Format::Jsonl, Format::Sarif, Format::Github, Format::Human] {
        let out = render(format, &checked);
        match format {
            Format::Json | Format::Sarif => {
                serde_json::from_slice::<serde_json::Value>(&out).unwrap_or_else(|e| panic!("{format:?} output is not JSON: {e}"));
            }
            Format::Jsonl => {
                for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                    serde_json::from_slice::<serde_json::Value>(line).unwrap_or_else(|e| panic!("a jsonl line is not JSON: {e}"));
                }
            }
            Format::Github | Format::Human => {
                std::str::from_utf8(&out).expect("text output is UTF-8");
            }
        }
    }
    findings
}

fn render(format: Format, checked: &[Result<(Document, StoryReport), InputError>]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut r = renderer(format, Box::new(&mut out), false);
        let mut stats = Stats::with_summary(3);
        for item in checked {
            match item {
                Ok((doc, report)) => {
                    stats.add(doc, report);
                    r.story(doc, report).expect("rendering to memory");
                }
                Err(e) => {
                    stats.errors += 1;
                    r.error(e).expect("rendering to memory");
                }
            }
        }
        r.finish(&stats).expect("rendering to memory");
    }
    out
}

/// 1-based line and column of a byte offset, lines ending at LF, CRLF or a lone CR, columns
/// counting chars (the CR of a CRLF counts as a char of its line).
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut line, mut col) = (1, 1);
    for (i, c) in text[..at].char_indices() {
        // a CR ends a line unless an LF follows it (in the whole text, not only before `at`)
        if c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// A span of a story (a finding's, or the headline's...) holds: inside the text on char
/// boundaries; its place in the original inside the original on char boundaries, at the
/// line:column counted from the original's start; for plain text and JSON Lines fields the
/// original's text there is the flagged text, and for a plain-text UTF-8 file the file's bytes.
fn span_holds(fmt: InputFormat, data: &[u8], doc: &Document, span: wirelint::Span, what: &str) {
    let text = &doc.text;
    assert!(span.start <= span.end && text.get(span.range()).is_some(), "{what}: span {span:?} outside the text or off a char boundary");
    let loc = doc.locate_text(span);
    let original = doc.original_for(&loc);
    let otext: &str = &original.text;
    assert!(
        loc.start <= loc.end && otext.get(loc.start..loc.end).is_some(),
        "{what}: located {}..{} outside the original ({} bytes) or off a char boundary",
        loc.start,
        loc.end,
        otext.len()
    );
    assert!(loc.column >= 1 && loc.end_column >= 1 && loc.line >= 1, "{what}: column or line 0: {loc:?}");
    assert_eq!((loc.line, loc.column), line_col(otext, loc.start), "{what}: line:column of the start");
    assert_eq!((loc.end_line, loc.end_column), line_col(otext, loc.end), "{what}: line:column of the end");
    let flagged = doc.slice(span);
    if matches!(fmt, InputFormat::Text | InputFormat::Jsonl) && loc.end > loc.start {
        assert_eq!(&otext[loc.start..loc.end], flagged, "{what}: the original's text at the place differs from the flagged text");
    }
    if fmt == InputFormat::Text && doc.encoding.is_none() {
        let file = doc.locate(span);
        assert!(file.end <= data.len(), "{what}: file offsets {}..{} past the end", file.start, file.end);
        if file.end > file.start {
            assert_eq!(&data[file.start..file.end], flagged.as_bytes(), "{what}: file bytes at the offsets differ");
        }
    }
}
