//! The labelled evaluation set: precision and recall of every rule on stories we wrote.
//!
//! - `tests/eval/stories/<lang>-<desk>-<slug>.txt`: one plain-text story each, in wire style:
//!   translated-style copy with artifacts, and clean native copy full of hard negatives.
//! - `tests/eval/labels.tsv`: `story<TAB>rule<TAB>text`: what SHOULD be flagged, by the rule
//!   definitions (docs/evaluation.md), whatever the code does today. `text` is the flagged text
//!   as it appears in the story; `\u{200B}`-style escapes spell invisible characters.
//! - `tests/eval/thresholds.tsv`: `rule<TAB>precision<TAB>recall` minimums. Precision is asserted
//!   on medium- and high-confidence findings (the default output), recall on all findings.
//!
//! Matching: a finding of rule R in story S is a true positive when its span overlaps an
//! occurrence of a label text of (S, R); a label is found when at least one finding overlaps
//! one of its occurrences. So a rule may choose its own span (the marker or the whole residue
//! line, one finding per occurrence or one per story) without being scored differently; the
//! `exact` column counts matched findings whose text is exactly the label's.
//!
//! All rules run with default settings (every confidence level), as `wirelint check` does.
//! The rules are those of `wirelint::RULES`. A rule is asserted against its thresholds once it
//! is documented (its `explain` is not empty) and has a row in `thresholds.tsv`; a stub or a
//! rule without a row is scored and reported (status `stub`, `no threshold`), not asserted.
//!
//! `WIRELINT_EVAL_VERBOSE=1` prints every false positive and missed label;
//! `WIRELINT_EVAL_UPDATE=1` rewrites the table in docs/evaluation.md.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use wirelint::document::{AnalyseOptions, Document};
use wirelint::{Confidence, Finding, Linter, Settings, Span};

/// The labelled set: `tests/eval`, or any directory of the same shape named by
/// `WIRELINT_EVAL_DIR` (scored and printed, thresholds not asserted).
fn root() -> PathBuf {
    match std::env::var_os("WIRELINT_EVAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval"),
    }
}

fn other_set() -> bool {
    std::env::var_os("WIRELINT_EVAL_DIR").is_some()
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Label {
    story: String,
    rule: String,
    text: String,
    line: usize,
}

/// Decodes `\u{XXXX}` escapes (and `\t`, `\\`).
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err(format!("bad escape in {s:?}"));
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).map_err(|_| format!("bad \\u{{{hex}}} in {s:?}"))?;
                out.push(char::from_u32(cp).ok_or_else(|| format!("bad code point {hex} in {s:?}"))?);
            }
            other => return Err(format!("bad escape \\{} in {s:?}", other.map(String::from).unwrap_or_default())),
        }
    }
    Ok(out)
}

fn read_tsv(path: &Path) -> Vec<(usize, Vec<String>)> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

fn load_labels(stories: &BTreeMap<String, String>) -> Vec<Label> {
    let path = root().join("labels.tsv");
    let mut labels = Vec::new();
    let mut problems = Vec::new();
    let names: BTreeSet<&str> = wirelint::RULES.iter().map(|r| r.meta().name).collect();
    for (line, cols) in read_tsv(&path) {
        if cols.len() != 3 {
            problems.push(format!("labels.tsv:{line}: expected story<TAB>rule<TAB>text, found {} columns", cols.len()));
            continue;
        }
        let text = match unescape(&cols[2]) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("labels.tsv:{line}: {e}"));
                continue;
            }
        };
        let label = Label { story: cols[0].clone(), rule: cols[1].clone(), text, line };
        if !names.contains(label.rule.as_str()) {
            problems.push(format!("labels.tsv:{line}: unknown rule `{}`", label.rule));
        }
        match stories.get(&label.story) {
            None => problems.push(format!("labels.tsv:{line}: no story `{}`", label.story)),
            Some(s) if label.text.is_empty() || !s.contains(&label.text) => {
                problems.push(format!("labels.tsv:{line}: `{}` does not occur in {}", label.text.escape_debug(), label.story));
            }
            _ => {}
        }
        if labels.iter().any(|l: &Label| l.story == label.story && l.rule == label.rule && l.text == label.text) {
            problems.push(format!("labels.tsv:{line}: duplicate label"));
        }
        labels.push(label);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    labels
}

fn load_thresholds() -> BTreeMap<String, (f64, f64)> {
    let mut out = BTreeMap::new();
    let path = root().join("thresholds.tsv");
    if other_set() && !path.exists() {
        return out;
    }
    for (line, cols) in read_tsv(&path) {
        assert_eq!(cols.len(), 3, "thresholds.tsv:{line}: expected rule<TAB>precision<TAB>recall");
        let p: f64 = cols[1].trim().parse().unwrap_or_else(|_| panic!("thresholds.tsv:{line}: bad precision"));
        let r: f64 = cols[2].trim().parse().unwrap_or_else(|_| panic!("thresholds.tsv:{line}: bad recall"));
        assert!(wirelint::rules::find(&cols[0]).is_some(), "thresholds.tsv:{line}: no rule named `{}`", cols[0]);
        out.insert(cols[0].clone(), (p, r));
    }
    out
}

fn load_stories() -> BTreeMap<String, String> {
    let dir = root().join("stories");
    let mut stories = BTreeMap::new();
    for e in fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            stories.insert(stem, fs::read_to_string(&p).unwrap());
        }
    }
    stories
}

/// Occurrences (byte spans) of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<Span> {
    hay.match_indices(needle).map(|(i, m)| Span::new(i, i + m.len())).collect()
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    labels: usize,
    found: usize,
    findings: usize,
    matched: usize,
    exact: usize,
}

impl Score {
    fn precision(&self) -> Option<f64> {
        (self.findings > 0).then(|| self.matched as f64 / self.findings as f64)
    }
    fn recall(&self) -> Option<f64> {
        (self.labels > 0).then(|| self.found as f64 / self.labels as f64)
    }
    fn add(&mut self, o: &Score) {
        self.labels += o.labels;
        self.found += o.found;
        self.findings += o.findings;
        self.matched += o.matched;
        self.exact += o.exact;
    }
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into())
}

/// Scores one rule on one story; pushes descriptions of misses into `notes`.
fn score_story(doc: &Document, findings: &[&Finding], labels: &[&Label], notes: &mut Vec<String>) -> Score {
    let occ: Vec<Vec<Span>> = labels.iter().map(|l| occurrences(&doc.text, &l.text)).collect();
    let mut s = Score { labels: labels.len(), findings: findings.len(), ..Score::default() };
    let mut found = vec![false; labels.len()];
    for f in findings {
        let mut hit = false;
        for (i, spans) in occ.iter().enumerate() {
            if spans.iter().any(|o| o.overlaps(f.span) || (f.span.is_empty() && o.start <= f.span.start && f.span.start < o.end)) {
                hit = true;
                found[i] = true;
                if doc.slice(f.span) == labels[i].text {
                    s.exact += 1;
                }
            }
        }
        if hit {
            s.matched += 1;
        } else {
            notes.push(format!("  FP {} `{}` ({}): {}", doc.path, doc.slice(f.span).escape_debug(), f.confidence, f.message));
        }
    }
    // an exact match is counted once per finding, not once per overlapping label
    s.exact = s.exact.min(s.matched);
    s.found = found.iter().filter(|&&b| b).count();
    for (i, l) in labels.iter().enumerate() {
        if !found[i] {
            notes.push(format!("  FN {} `{}` (labels.tsv:{})", l.story, l.text.escape_debug(), l.line));
        }
    }
    s
}

struct RuleRow {
    code: &'static str,
    name: &'static str,
    status: &'static str,
    all: Score,
    medium: Score,
    threshold: Option<(f64, f64)>,
    notes: Vec<String>,
}

#[test]
fn evaluation_set() {
    let stories = load_stories();
    assert!(other_set() || stories.len() >= 100, "the evaluation set needs at least 100 stories, has {}", stories.len());
    let labels = load_labels(&stories);
    let thresholds = load_thresholds();
    let linter = Linter::new(Settings::default()).unwrap();
    let docs: Vec<(String, Document)> = stories
        .iter()
        .map(|(name, text)| (name.clone(), Document::from_text(format!("{name}.txt"), text.as_str(), &AnalyseOptions::default())))
        .collect();
    let reports: Vec<_> = docs.iter().map(|(_, d)| linter.check(d)).collect();

    let mut rows = Vec::new();
    for rule in wirelint::RULES {
        let (code, name) = (rule.meta().code, rule.meta().name);
        let status = if rule.meta().explain.trim().is_empty() {
            "stub"
        } else if !thresholds.contains_key(name) {
            "no threshold"
        } else {
            "asserted"
        };
        let mut row = RuleRow {
            code,
            name,
            status,
            all: Score::default(),
            medium: Score::default(),
            threshold: thresholds.get(name).copied(),
            notes: Vec::new(),
        };
        for ((story, doc), report) in docs.iter().zip(&reports) {
            let ls: Vec<&Label> = labels.iter().filter(|l| &l.story == story && l.rule == name).collect();
            let fs: Vec<&Finding> = report.findings.iter().filter(|f| f.rule.name == name).collect();
            let fm: Vec<&Finding> = fs.iter().copied().filter(|f| f.confidence >= Confidence::Medium).collect();
            row.all.add(&score_story(doc, &fs, &ls, &mut row.notes));
            row.medium.add(&score_story(doc, &fm, &ls, &mut Vec::new()));
        }
        rows.push(row);
    }

    // clean stories (no label at all) that got any finding: the noise an editor sees
    let labelled: BTreeSet<&str> = labels.iter().map(|l| l.story.as_str()).collect();
    let clean: Vec<&str> = stories.keys().map(String::as_str).filter(|s| !labelled.contains(s)).collect();
    let noisy: Vec<&str> = docs
        .iter()
        .zip(&reports)
        .filter(|((s, _), r)| !labelled.contains(s.as_str()) && !r.findings.is_empty())
        .map(|((s, _), _)| s.as_str())
        .collect();

    let table = render_table(&rows, &stories, &labels, clean.len(), &noisy);
    println!("{table}");
    let verbose = std::env::var_os("WIRELINT_EVAL_VERBOSE").is_some();
    let mut failures = Vec::new();
    for row in &rows {
        let (p_min, r_min) = row.threshold.unwrap_or((0.9, 0.8));
        // precision is asserted on what users see by default (medium and high confidence);
        // recall on every finding, weak evidence included
        let failed = row.status == "asserted"
            && !other_set()
            && (row.medium.precision().unwrap_or(1.0) < p_min || row.all.recall().unwrap_or(1.0) < r_min);
        if failed {
            failures.push(format!(
                "{} ({}): precision at ≥medium {} (min {p_min}), recall {} (min {r_min})",
                row.name,
                row.code,
                pct(row.medium.precision()),
                pct(row.all.recall()),
            ));
        }
        if row.status == "no threshold" && !other_set() {
            println!("{} ({}): no row in tests/eval/thresholds.tsv: scored, not asserted", row.name, row.code);
        }
        if (failed || verbose) && !row.notes.is_empty() {
            println!("{} ({}):\n{}", row.name, row.status, row.notes.join("\n"));
        }
    }
    if std::env::var_os("WIRELINT_EVAL_UPDATE").is_some() && !other_set() {
        update_doc(&table);
    }
    assert!(failures.is_empty(), "rules below their evaluation thresholds:\n{}\n(see the table above)", failures.join("\n"));
}

fn render_table(rows: &[RuleRow], stories: &BTreeMap<String, String>, labels: &[Label], clean: usize, noisy: &[&str]) -> String {
    let mut t = String::new();
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    for s in stories.keys() {
        *langs.entry(s.split('-').next().unwrap_or("?")).or_default() += 1;
    }
    let lang_list: Vec<String> = langs.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let bytes: usize = stories.values().map(String::len).sum();
    writeln!(
        t,
        "Evaluation set: {} stories ({}), {} KB, {} labels; {} stories with no label.",
        stories.len(),
        lang_list.join(", "),
        bytes / 1024,
        labels.len(),
        clean
    )
    .unwrap();
    writeln!(t).unwrap();
    writeln!(t, "| code | rule | status | labels | findings | precision | recall | exact span | P ≥medium | R ≥medium | min P / R |")
        .unwrap();
    writeln!(t, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|").unwrap();
    let mut total = Score::default();
    let mut total_m = Score::default();
    for r in rows {
        total.add(&r.all);
        total_m.add(&r.medium);
        let min = r.threshold.map(|(p, r)| format!("{p:.2} / {r:.2}")).unwrap_or_else(|| "–".into());
        writeln!(
            t,
            "| {} | {} | {} | {} | {} | {} | {} | {}/{} | {} | {} | {min} |",
            r.code,
            r.name,
            r.status,
            r.all.labels,
            r.all.findings,
            pct(r.all.precision()),
            pct(r.all.recall()),
            r.all.exact,
            r.all.matched,
            pct(r.medium.precision()),
            pct(r.medium.recall()),
        )
        .unwrap();
    }
    writeln!(
        t,
        "| | **all implemented** | | {} | {} | {} | {} | {}/{} | {} | {} | |",
        total.labels,
        total.findings,
        pct(total.precision()),
        pct(total.recall()),
        total.exact,
        total.matched,
        pct(total_m.precision()),
        pct(total_m.recall()),
    )
    .unwrap();
    writeln!(t).unwrap();
    if noisy.is_empty() {
        writeln!(t, "Clean stories with any finding: none of {clean}.").unwrap();
    } else {
        writeln!(t, "Clean stories with any finding: {} of {clean} ({}).", noisy.len(), noisy.join(", ")).unwrap();
    }
    t
}

fn update_doc(table: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/evaluation.md");
    let doc = fs::read_to_string(&path).expect("docs/evaluation.md");
    let (start, end) = ("<!-- eval:start -->", "<!-- eval:end -->");
    let a = doc.find(start).expect("start marker") + start.len();
    let b = doc.find(end).expect("end marker");
    let new = format!("{}\n{}{}", &doc[..a], table, &doc[b..]);
    fs::write(&path, new).unwrap();
}

#[test]
fn every_story_is_named_by_language_and_desk() {
    const LANGS: &[&str] = &["en", "id", "es", "fr", "de", "pt", "ru", "tr"];
    if other_set() {
        return;
    }
    for name in load_stories().keys() {
        let parts: Vec<&str> = name.splitn(3, '-').collect();
        assert!(parts.len() == 3 && LANGS.contains(&parts[0]), "{name}: expected <lang>-<desk>-<slug>.txt with lang in {LANGS:?}");
    }
}
