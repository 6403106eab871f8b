//! `wirelint report`: the audit's numbers are the numbers of a `check --format jsonl` run; a
//! saved run (whole or in shards) gives the same report as the stories; the page is
//! self-contained and escapes what it quotes.

use crate::report_corpus;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn wirelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint")).current_dir(dir).env("NO_COLOR", "1").args(args).output().expect("run wirelint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The Markdown report without the line naming the inputs (which differ by design).
fn body(md: &str) -> String {
    md.lines().filter(|l| !l.starts_with("Read by wirelint")).collect::<Vec<_>>().join("\n")
}

struct Corpus {
    dir: tempfile::TempDir,
    /// `check --format jsonl` of the corpus.
    saved: String,
}

fn corpus(n: usize) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("corpus.jsonl"), report_corpus::jsonl(n)).unwrap();
    let o = wirelint(dir.path(), &["check", "--no-config", "--no-progress", "-f", "jsonl", "corpus.jsonl"]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    Corpus { saved: stdout(&o), dir }
}

#[test]
fn the_report_counts_what_check_finds_per_source_and_rule() {
    let c = corpus(120);
    // tally the check run by hand
    let mut stories: BTreeMap<String, u64> = BTreeMap::new();
    let mut findings: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    let mut translated: BTreeMap<String, u64> = BTreeMap::new();
    for line in c.saved.lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        match r["type"].as_str().unwrap() {
            "finding" => pending.push(r["rule"].as_str().unwrap().to_string()),
            "story" => {
                let s = r["source"].as_str().unwrap().to_string();
                *stories.entry(s.clone()).or_default() += 1;
                for rule in pending.drain(..) {
                    *findings.entry((s.clone(), rule)).or_default() += 1;
                }
                if r["facts"].get("translated_from").is_some() {
                    *translated.entry(s).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!(stories.len(), 3);
    let rules: Vec<&str> = {
        let mut r: Vec<&str> = findings.keys().map(|(_, r)| r.as_str()).collect();
        r.sort_unstable();
        r.dedup();
        r
    };
    for want in ["entity-corruption", "scrape-residue", "translationese", "number-format"] {
        assert!(rules.contains(&want), "the corpus should trigger {want}: {rules:?}");
    }
    assert_eq!(translated.get("Partner A"), Some(&20), "every Russian-calque story of Partner A: {translated:?}");

    let o = wirelint(c.dir.path(), &["report", "--no-config", "--no-progress", "corpus.jsonl", "-o", "audit.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(c.dir.path().join("audit.html")).unwrap();
    // the heat map has one cell per source and rule with findings, each with the rule's rate
    assert_eq!(html.matches("<rect class=\"cell\"").count(), stories.len() * rules.len());
    for ((source, rule), n) in &findings {
        let rate = *n as f64 * 1000.0 / stories[source] as f64;
        let tip = format!("{source} · {rule}: {n} findings in {} stories", stories[source]);
        assert!(html.contains(&tip), "heat-map cell {tip}");
        assert!(html.contains(&format!("data-v=\"{rate:.3}\"")), "{source} {rule} {rate}");
    }
    // the translated share per source
    assert!(html.contains("Partner A: 20 of 40 stories likely translated"));
    // one chart per section, each drawn with SVG shapes
    for chart in ["heatmap", "languages", "timeline", "translated", "entities", "residue", "rules"] {
        assert!(html.contains(&format!("data-chart=\"{chart}\"")), "chart {chart}");
    }
    // dates span four months: the time chart is per month
    assert!(html.contains("Per month of the story dates"));
    assert_eq!(html.matches("<text transform=\"translate(").count() - rules.len(), 4, "four month labels");
    // examples carry the exact words, the message and the fix
    assert!(html.contains("Flagged: <code class=\"words\">Israeli Jihad</code> → fix: <code class=\"fix\">Islamic Jihad</code>"));
    assert!(html.contains("<code class=\"words\">Baca juga:</code>"));
    // the most frequent corrupted entity with its count
    let ec = findings[&("Partner A".to_string(), "entity-corruption".to_string())];
    assert!(html.contains(&format!("Israeli Jihad → Islamic Jihad: {ec} findings from 1 sources")));
    // self-contained: nothing loaded from elsewhere
    for banned in ["<link", "src=", "url(", "@import", "https://"] {
        assert!(!html.contains(banned), "the page must not load `{banned}`");
    }
    assert_eq!(html.matches("http://").count(), html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count());
}

#[test]
fn a_saved_run_and_its_shards_give_the_same_report_as_the_stories() {
    let c = corpus(90);
    let dir = c.dir.path();
    std::fs::write(dir.join("run.jsonl"), &c.saved).unwrap();
    // two shards cut after a story record (the summary line goes to the second)
    let lines: Vec<&str> = c.saved.lines().collect();
    let cut = lines.iter().enumerate().filter(|(_, l)| l.contains("\"type\":\"story\"")).nth(40).unwrap().0 + 1;
    std::fs::write(dir.join("shard-1.jsonl"), lines[..cut].join("\n") + "\n").unwrap();
    std::fs::write(dir.join("shard-2.jsonl"), lines[cut..].join("\n") + "\n").unwrap();

    let md = |args: &[&str]| {
        let mut all = vec!["report", "--no-config", "--no-progress", "-f", "md"];
        all.extend_from_slice(args);
        let o = wirelint(dir, &all);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    let from_stories = md(&["corpus.jsonl"]);
    let from_run = md(&["run.jsonl"]);
    let from_shards = md(&["shard-1.jsonl", "shard-2.jsonl"]);
    assert!(from_run.contains("run.jsonl (saved run)") && from_stories.contains("corpus.jsonl (stories)"));
    assert_eq!(body(&from_run), body(&from_stories));
    assert_eq!(body(&from_shards), body(&from_stories));
    // the same numbers as the Markdown tables show
    assert!(from_stories.starts_with("# wirelint audit\n\n90 stories from 3 sources;"), "{from_stories}");
    assert!(from_stories.contains("| Partner A | 30 | 30 |"), "{from_stories}");
    assert!(from_stories.contains("| `Israeli Jihad` | `Islamic Jihad` | 15 | 1 | corpus.jsonl#s0000 |"), "{from_stories}");
    assert!(from_stories.contains("| month | stories |"));
    // stories and a saved run together: counted once each
    let both = md(&["corpus.jsonl", "run.jsonl"]);
    assert!(both.contains("180 stories from 3 sources"), "{both}");
}

#[test]
fn quoted_text_is_escaped_and_unreadable_inputs_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let rec = serde_json::json!({ "id": "x<1>", "source": "<b>Evil & Co</b>", "headline": "<script>alert(1)</script>",
        "body": "CAIRO - The militant groups Hamas and Israeli Jihad <i>met</i> | on Monday." });
    std::fs::write(dir.path().join("s.jsonl"), format!("{rec}\nnot json\n")).unwrap();
    let o = wirelint(dir.path(), &["report", "--no-config", "s.jsonl", "missing.txt", "-o", "a.html"]);
    assert_eq!(o.status.code(), Some(2), "an unreadable input fails the run as check does, the report is still written");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("missing.txt") && stderr.contains("s.jsonl:2"), "{stderr}");
    let html = std::fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert!(!html.contains("<b>Evil") && !html.contains("<script>alert") && !html.contains("<i>met"));
    assert!(html.contains("&lt;b&gt;Evil &amp; Co&lt;/b&gt;"));
    assert!(html.contains("2</b><span>inputs not read"));
    // Markdown keeps table cells whole
    let o = wirelint(dir.path(), &["report", "--no-config", "s.jsonl", "-o", "a.md"]);
    let md = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(o.status.code(), Some(2));
    let row = md.lines().find(|l| l.starts_with("| <b>Evil")).unwrap();
    assert_eq!(row.matches(" | ").count() + 2, md.lines().find(|l| l.starts_with("| source |")).unwrap().matches(" | ").count() + 2);
}

#[test]
fn a_report_of_nothing_still_renders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.txt"), "NAIROBI - The weather was fine on Monday, the office said.\n").unwrap();
    let o = wirelint(dir.path(), &["report", "--no-config", "clean.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(html.contains("No findings to chart.") && html.contains("No story in this input has a date"));
    assert_eq!(html.matches("<section").count(), html.matches("</section>").count());
}

#[test]
fn story_dates_come_from_each_format_and_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("wirelint.toml"), "[jsonl]\ndate = \"published\"\n").unwrap();
    let rec = serde_json::json!({ "id": "1", "published": "March 5, 2024", "date": "1999-01-01", "body": "NAIROBI - Calm on Monday." });
    std::fs::write(d.join("feed.jsonl"), format!("{rec}\n")).unwrap();
    let ninjs = serde_json::json!({ "uri": "n1", "type": "text", "firstcreated": "2024-03-07T08:00:00Z",
        "versioncreated": "2024-04-01T08:00:00Z", "headline": "Calm", "body_text": "LIMA - Calm on Tuesday." });
    std::fs::write(d.join("story.json"), ninjs.to_string()).unwrap();
    let o = wirelint(d, &["report", "-f", "md", "feed.jsonl", "story.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let md = stdout(&o);
    assert!(md.contains("Per day; 0 stories have no date."), "{md}");
    assert!(md.contains("| 2024-03-05 | 1 |") && md.contains("| 2024-03-07 | 1 |"), "{md}");
    // the story records carry the date as the input wrote it
    let o = wirelint(d, &["check", "-f", "jsonl", "feed.jsonl", "story.json"]);
    let dates: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["type"] == "story")
        .map(|r| r["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["March 5, 2024", "2024-03-07T08:00:00Z"]);
}
