//! Checking from other programs (the Python package, notebooks, Spark jobs): text or a story
//! object in, the JSON Lines records of `wirelint check --format jsonl` out.
//!
//! ```
//! use wirelint::api;
//! let linter = api::linter(&api::Options::default()).unwrap();
//! let records = api::check_text(&linter, "story.txt", "CAIRO - Hamas and Israeli Jihad met.", None).unwrap();
//! assert_eq!(records[0]["rule"], "entity-corruption");
//! assert_eq!(records.last().unwrap()["type"], "story");
//! ```

use serde_json::Value;

use crate::config::{JsonlFields, selector_matches, selector_matches_any};
use crate::document::AnalyseOptions;
use crate::document::names::NameMentions;
use crate::input::{self, InputError, InputFormat, ReadOptions, jsonl};
use crate::names_report::{NameSummary, story_id};
use crate::render::{error_record, finding_record, story_record};
use crate::{ActiveRule, Confidence, Lexicons, Linter, RULES, Settings};

/// What to check with: the `check` flags that choose rules, confidence and language.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these rules (names, codes or code prefixes); empty: all.
    pub select: Vec<String>,
    /// Skip these rules.
    pub ignore: Vec<String>,
    /// Drop findings below this confidence (`None`: medium, as `wirelint check`).
    pub min_confidence: Option<Confidence>,
    /// The copy's language (ISO 639-1 or a locale); `None` or `auto` detects it.
    pub language: Option<String>,
}

/// A linter for these options (rules as `wirelint check --no-config` chooses them); an error
/// names a selector that matches no rule.
pub fn linter(o: &Options) -> Result<Linter, String> {
    for sel in o.select.iter().chain(&o.ignore) {
        if !selector_matches_any(sel) {
            return Err(format!("`{sel}` names no rule (see wirelint.rules())"));
        }
    }
    let rules = RULES
        .iter()
        .filter(|r| o.select.is_empty() || o.select.iter().any(|s| selector_matches(s, r.meta())))
        .filter(|r| !o.ignore.iter().any(|s| selector_matches(s, r.meta())))
        .map(|&rule| ActiveRule { rule, severity: None, min_confidence: None })
        .collect();
    let settings = Settings {
        rules,
        min_confidence: o.min_confidence.unwrap_or(Confidence::Medium),
        analyse: AnalyseOptions { language: o.language.clone().filter(|l| l != "auto"), ..AnalyseOptions::default() },
        lexicon_files: Vec::new(),
        boilerplate: None,
    };
    Linter::new(settings).map_err(|e| e.to_string())
}

/// Parses an input format name (`text`, `jsonl`, `nitf`, `newsml`, `ninjs`, `html`).
pub fn input_format(name: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(name).ok_or_else(|| format!("unknown format `{name}` (text, jsonl, nitf, newsml, ninjs, html)"))
}

fn read_options(linter: &Linter, format: Option<InputFormat>) -> ReadOptions {
    ReadOptions {
        format,
        fields: JsonlFields::default(),
        analyse: linter.analyse_options().clone(),
        encoding: Default::default(),
        ..Default::default()
    }
}

/// Records of one story or error, in the order `--format jsonl` writes them.
fn push_records(linter: &Linter, r: Result<crate::Document, InputError>, out: &mut Vec<Value>) {
    match r {
        Ok(doc) => {
            let report = linter.check(&doc);
            out.extend(report.findings.iter().map(|f| finding_record(&doc, f)));
            out.push(story_record(&doc, &report));
        }
        Err(e) => out.push(error_record(&e)),
    }
}

/// Checks one input held in memory (a story in `format`, default plain text; JSON Lines may
/// hold many) and returns the records `wirelint check --format jsonl` writes for it, without
/// the closing summary: each story's findings, then the story; an `error` record for what could
/// not be read. `Err` only for an unknown format name.
pub fn check_text(linter: &Linter, path: &str, text: &str, format: Option<&str>) -> Result<Vec<Value>, String> {
    let fmt = match format {
        Some(f) => input_format(f)?,
        None => InputFormat::Text,
    };
    let opts = read_options(linter, Some(fmt));
    let mut out = Vec::new();
    if fmt == InputFormat::Text {
        // exactly what `wirelint check story.txt` reads (inline suppression comments included)
        push_records(linter, Ok(input::text_document(path, text.to_string(), &opts.analyse)), &mut out);
    } else {
        input::read_bytes(path, fmt, text.as_bytes().to_vec(), &opts, &mut |r| push_records(linter, r, &mut out));
    }
    Ok(out)
}

/// Checks one story given as a JSON object with the JSON Lines fields (`body`, and optionally
/// `id`, `headline`, `dateline`, `source`, `language`, `date`), as if it were line `line` of
/// the JSON Lines file `path`: the records are those `wirelint check path` writes for it.
pub fn check_story(linter: &Linter, path: &str, line: Option<usize>, story: &Value) -> Vec<Value> {
    let opts = read_options(linter, Some(InputFormat::Jsonl));
    let doc = jsonl::from_value(path, line, story, &opts.fields, &opts.analyse).map_err(|m| InputError::new(path, line, None, m));
    let mut out = Vec::new();
    push_records(linter, doc, &mut out);
    out
}

/// Checks one JSON Lines record, line `line` of the file `path`: the records `wirelint check
/// path` writes for that line (its findings and story, or an `error` record), so a corpus
/// checked record by record anywhere (Spark partitions) gives exactly the single run's records.
pub fn check_line(linter: &Linter, path: &str, line: usize, record: &str) -> Vec<Value> {
    let opts = read_options(linter, Some(InputFormat::Jsonl));
    let mut out = Vec::new();
    push_records(linter, jsonl::parse_line(path, line, record.as_bytes(), &opts), &mut out);
    out
}

/// The names summary (`wirelint names --save-summary`) of JSON Lines records given with their
/// line numbers in the file `path`, the house style of `language`; records that cannot be read
/// are returned as `error` records. Summaries [`NameSummary::merge`] as `wirelint names --merge`
/// does, so shards summarised anywhere merge into the summary of one run.
pub fn names_summary<'a>(path: &str, records: impl IntoIterator<Item = (usize, &'a str)>, language: &str) -> (NameSummary, Vec<Value>) {
    let lexicons = Lexicons::embedded();
    let opts = ReadOptions {
        format: Some(InputFormat::Jsonl),
        fields: JsonlFields::default(),
        analyse: AnalyseOptions { language: Some(language.to_string()), ..AnalyseOptions::default() },
        encoding: Default::default(),
        ..Default::default()
    };
    let mut summary = NameSummary::default();
    let mut errors = Vec::new();
    for (line, record) in records {
        match jsonl::parse_line(path, line, record.as_bytes(), &opts) {
            Ok(doc) => {
                let names = doc.analysis::<NameMentions>(lexicons);
                summary.add_story(&story_id(&doc), &names, &doc);
            }
            Err(e) => errors.push(error_record(&e)),
        }
    }
    (summary, errors)
}

/// The report of `wirelint names --format json` for a (merged) summary.
pub fn names_report(summary: &NameSummary, language: &str) -> Value {
    serde_json::to_value(summary.report(Lexicons::embedded(), language)).expect("a names report serializes")
}

/// Every rule's metadata, as `wirelint rules --format json` lists it.
pub fn rules() -> Vec<Value> {
    RULES.iter().map(|r| serde_json::to_value(r.meta()).expect("rule metadata serializes")).collect()
}

/// The text of `wirelint explain RULE` (Markdown); `None` for a name or code of no rule.
pub fn explain(name: &str) -> Option<String> {
    let m = crate::rules::find(name)?.meta();
    let mut out = format!("# {} ({})\n\n{}\n\nDefault severity: {}.\n\n", m.name, m.code, m.summary, m.severity);
    out.push_str(m.explain.trim());
    out.push('\n');
    if !m.lexicons.is_empty() {
        out.push_str(&format!("\nLexicon files: {}\n", m.lexicons.join(", ")));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_story_objects_give_check_records() {
        let l = linter(&Options::default()).unwrap();
        let r = check_text(&l, "a.txt", "Talks\n\nCAIRO - The militant groups Hamas and Israeli Jihad were invited.", None).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0]["type"].as_str(), r[0]["text"].as_str()), (Some("finding"), Some("Israeli Jihad")));
        assert_eq!(r[1]["type"], "story");
        let story = serde_json::json!({"id": "7", "source": "P", "date": "2024-03-05", "body": "CAIRO - Hamas and Israeli Jihad met."});
        let s = check_story(&l, "c.jsonl", Some(3), &story);
        assert_eq!(s[0]["record_line"], 3);
        assert_eq!((s[1]["id"].as_str(), s[1]["source"].as_str(), s[1]["date"].as_str()), (Some("7"), Some("P"), Some("2024-03-05")));
        let bad = check_story(&l, "c.jsonl", Some(4), &serde_json::json!({"id": "8"}));
        assert_eq!(bad[0]["type"], "error");
        let many = check_text(&l, "m.jsonl", "{\"body\":\"One.\"}\n{\"body\":\"Two.\"}\n", Some("jsonl")).unwrap();
        assert_eq!(many.iter().filter(|r| r["type"] == "story").count(), 2);
        assert!(check_text(&l, "x", "y", Some("pdf")).is_err());
        // one record of a file, at its line: what the whole file's run says for that line
        let line = serde_json::to_string(&story).unwrap();
        assert_eq!(check_line(&l, "c.jsonl", 3, &line), s);
        assert_eq!(check_line(&l, "c.jsonl", 9, "not json")[0]["line"], 9);
    }

    #[test]
    fn names_summaries_merge_into_one_run() {
        let recs: Vec<String> = ["Volodymyr Zelensky spoke.", "Volodymyr Zelenskyy spoke.", "Zelensky said.", "Kyiv and Kiev."]
            .iter()
            .enumerate()
            .map(|(i, b)| serde_json::json!({"id": i.to_string(), "body": b}).to_string())
            .collect();
        let all: Vec<(usize, &str)> = recs.iter().enumerate().map(|(i, r)| (i + 1, r.as_str())).collect();
        let (whole, errors) = names_summary("f.jsonl", all.clone(), "en");
        assert!(errors.is_empty());
        let (mut a, _) = names_summary("f.jsonl", all[..2].to_vec(), "en");
        let (b, _) = names_summary("f.jsonl", all[2..].to_vec(), "en");
        a.merge(b);
        assert_eq!(a, whole);
        assert_eq!(whole.stories, 4);
        assert_eq!(names_report(&a, "en"), names_report(&whole, "en"));
    }

    #[test]
    fn options_choose_rules() {
        let only = linter(&Options { select: vec!["SC".into()], ..Options::default() }).unwrap();
        assert_eq!(only.settings.rules.len(), RULES.iter().filter(|r| r.meta().code.starts_with("SC")).count());
        assert!(only.settings.rules.iter().all(|r| r.rule.meta().code.starts_with("SC")));
        assert!(linter(&Options { select: vec!["nothing".into()], ..Options::default() }).is_err());
        assert!(explain("EN001").unwrap().starts_with("# entity-corruption (EN001)"));
        assert_eq!(rules().len(), RULES.len());
    }
}
