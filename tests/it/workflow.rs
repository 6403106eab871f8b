//! The CI and newsroom workflow (issue 18), through the real binary: baselines and
//! suppressions from the config, markup comments and JSON Lines records.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn wirelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--no-progress"])
        .args(args)
        .output()
        .unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn findings(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect()
}

fn rules(o: &Output) -> Vec<String> {
    findings(o).iter().map(|f| format!("{} {}", f["rule"].as_str().unwrap(), f["text"].as_str().unwrap())).collect()
}

const CAIRO: &str = "Truce talks resume in Cairo\n\nCAIRO (Reuters) - The militant groups Hamas and Israeli Jihad were invited to the talks, Egypt's foreign minister said on Monday.\n\nIt is known that the delegation arrives on Tuesday, officials said, adding that 28.985 people had been displaced.\n";

const FEED: &str = concat!(
    "{\"id\":\"afp-101\",\"headline\":\"Talks\",\"body\":\"PARIS (AFP) - The groups Hamas and Israeli Jihad were invited, officials said.\"}\n",
    "{\"id\":\"afp-102\",\"body\":\"LONDON (Reuters) - European shares were little changed on Monday.\"}\n",
);

fn sandbox(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

#[test]
fn baseline_accepts_todays_findings_and_reports_new_ones() {
    let dir = sandbox(&[("copy/cairo.txt", CAIRO), ("copy/feed.jsonl", FEED)]);
    let d = dir.path();
    let before = wirelint(d, &["--no-config", "-f", "jsonl", "copy"]);
    assert_eq!(before.status.code(), Some(1));
    let today = findings(&before).len();
    assert!(today >= 3, "{:?}", rules(&before));

    let o = wirelint(d, &["--no-config", "--write-baseline", ".wirelint-baseline.json", "copy"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains(&format!("wrote baseline .wirelint-baseline.json: {today} findings")), "{}", err(&o));
    let b: Value = serde_json::from_str(&std::fs::read_to_string(d.join(".wirelint-baseline.json")).unwrap()).unwrap();
    assert_eq!(b["baseline_version"], 1);
    let e = b["entries"].as_array().unwrap();
    assert!(e.iter().any(|e| e["path"] == "copy/cairo.txt" && e["rule"] == "translationese" && e["text"] == "It is known that"));
    assert!(e.iter().any(|e| e["id"] == "afp-101" && e["text"] == "Israeli Jihad"));
    assert!(e.iter().all(|e| e.get("line").is_none() && e["context"].as_str().unwrap().len() == 16));

    // the same files against their baseline: nothing to report, exit 0
    let o = wirelint(d, &["--no-config", "-f", "jsonl", "--baseline", ".wirelint-baseline.json", "copy"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", rules(&o));
    assert!(findings(&o).is_empty());

    // from another folder, the paths still resolve against the baseline file's folder
    let o = wirelint(&d.join("copy"), &["--no-config", "-f", "jsonl", "--baseline", "../.wirelint-baseline.json", "."]);
    assert_eq!(o.status.code(), Some(0), "{:?}", rules(&o));

    // an edit elsewhere in the story (a new first paragraph, lines shift) keeps the old
    // findings absorbed; a new finding is reported and fails the run
    let edited = CAIRO.replace("CAIRO (Reuters) - ", "CAIRO (Reuters) - Egypt hosted a new round of talks on Monday.\n\nAt the talks, ")
        + "\nIt is worth mentioning that the Israeli Jihad delegation left early.\n";
    std::fs::write(d.join("copy/cairo.txt"), &edited).unwrap();
    let o = wirelint(d, &["--no-config", "-f", "jsonl", "--baseline", ".wirelint-baseline.json", "--show-stale-baseline", "copy"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let new = rules(&o);
    assert_eq!(new, vec!["translationese It is worth mentioning that", "entity-corruption Israeli Jihad"], "{}", err(&o));
    // the reported Israeli Jihad is the new one (line 9), not the baselined one
    assert_eq!(findings(&o)[1]["line"], 9);

    // fixing a baselined finding makes its entry stale
    std::fs::write(d.join("copy/cairo.txt"), CAIRO.replace("It is known that the", "The")).unwrap();
    let o = wirelint(d, &["--no-config", "--baseline", ".wirelint-baseline.json", "--show-stale-baseline", "copy"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("stale baseline entry: copy/cairo.txt: translationese `It is known that` (1 not found)"), "{}", err(&o));
}

#[test]
fn baseline_is_a_multiset() {
    let story = "Talks\n\nPARIS (AFP) - Hamas and Israeli Jihad met. Hamas and Israeli Jihad met.\n";
    let dir = sandbox(&[("s.txt", story)]);
    let d = dir.path();
    let o = wirelint(d, &["--no-config", "--write-baseline", "b.json", "s.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let b: Value = serde_json::from_str(&std::fs::read_to_string(d.join("b.json")).unwrap()).unwrap();
    assert_eq!(b["entries"].as_array().unwrap().iter().map(|e| e["count"].as_u64().unwrap()).sum::<u64>(), 2);
    assert_eq!(wirelint(d, &["--no-config", "--baseline", "b.json", "s.txt"]).status.code(), Some(0));
    // a third identical sentence is one more finding than the baseline holds
    std::fs::write(d.join("s.txt"), story.replace("met.\n", "met. Hamas and Israeli Jihad met.\n")).unwrap();
    let o = wirelint(d, &["--no-config", "-f", "jsonl", "--baseline", "b.json", "s.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(rules(&o), vec!["entity-corruption Israeli Jihad"]);
}

#[test]
fn bad_baseline_is_a_clear_error() {
    let dir = sandbox(&[("s.txt", CAIRO), ("b.json", "{\"entries\": 3}")]);
    let o = wirelint(dir.path(), &["--no-config", "--baseline", "b.json", "s.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("b.json:1:") && err(&o).contains("not a wirelint baseline"), "{}", err(&o));
    let o = wirelint(dir.path(), &["--no-config", "--baseline", "missing.json", "s.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("missing.json: cannot read baseline"), "{}", err(&o));
}

#[test]
fn config_allow_entries_by_path_story_and_text() {
    let config = r#"
[[allow]]
rule = "translationese"
path = "copy/*.txt"
reason = "Antara calques are edited on the desk"

[[allow]]
rule = "EN001"
story = "afp-101"
text = "Israeli Jihad"

[[allow]]
rule = "mojibake"
story = "no-such-story"
"#;
    let dir = sandbox(&[("wirelint.toml", config), ("copy/cairo.txt", CAIRO), ("copy/feed.jsonl", FEED)]);
    let o = wirelint(dir.path(), &["-f", "jsonl", "copy"]);
    let got = rules(&o);
    assert!(!got.iter().any(|r| r.starts_with("translationese")), "{got:?}");
    // the path glob and the story id each silence only what they name
    assert_eq!(findings(&o).iter().filter(|f| f["text"] == "Israeli Jihad").count(), 1, "{got:?}");
    assert!(findings(&o).iter().any(|f| f["text"] == "Israeli Jihad" && f["path"] == "copy/cairo.txt"));
    assert!(got.contains(&"number-format 28.985".to_string()), "{got:?}");
    // the entry that matched nothing is a warning on stderr, naming the config and the entry
    assert!(
        err(&o).contains("wirelint.toml: [[allow]] entry 3 (rule = \"mojibake\", story = \"no-such-story\") silenced no finding"),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("entry 1"), "{}", err(&o));

    let dir = sandbox(&[("wirelint.toml", "[[allow]]\nrule = \"no-such-rule\"\npath = \"*\"\n"), ("s.txt", CAIRO)]);
    let o = wirelint(dir.path(), &["s.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("[[allow]] entry 1: `rule = \"no-such-rule\"` names no rule"), "{}", err(&o));
}

const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf>
  <body>
    <body.head><hedline><hl1>Talks resume in Cairo</hl1></hedline></body.head>
    <body.content>
      <!-- wirelint-allow entity-corruption: the group's own statement, quoted verbatim -->
      <p>CAIRO (Reuters) - The militant groups Hamas and Israeli Jihad were invited, officials said.</p>
      <p>A second delegation from Israeli Jihad is expected on Tuesday, the ministry said.</p>
      <!-- wirelint-allow translationese -->
      <p>The talks will continue on Wednesday, officials said.</p>
    </body.content>
  </body>
</nitf>
"#;

#[test]
fn markup_comments_silence_the_next_paragraph_and_unused_ones_are_reported() {
    let dir = sandbox(&[("story.xml", NITF)]);
    let o = wirelint(dir.path(), &["--no-config", "-f", "jsonl", "story.xml"]);
    let f = findings(&o);
    // the first paragraph's finding is silenced, the second paragraph's is not
    let ec: Vec<&Value> = f.iter().filter(|f| f["rule"] == "entity-corruption").collect();
    assert_eq!(ec.len(), 1, "{f:?}");
    assert_eq!(ec[0]["line"], 8);
    // the translationese comment silenced nothing: reported at its paragraph, severity info
    let unused: Vec<&Value> = f.iter().filter(|f| f["rule"] == "unused-suppression").collect();
    assert_eq!(unused.len(), 1, "{f:?}");
    assert_eq!((unused[0]["line"].as_u64(), unused[0]["severity"].as_str()), (Some(10), Some("info")));
    assert!(unused[0]["message"].as_str().unwrap().contains("<!-- wirelint-allow translationese -->"));
    // unused suppressions do not fail a run at the default --fail-on
    let dir = sandbox(&[("clean.xml", &NITF.replace("Israeli Jihad", "Islamic Jihad"))]);
    let o = wirelint(dir.path(), &["--no-config", "-f", "jsonl", "clean.xml"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", rules(&o));
    assert_eq!(rules(&o).len(), 2);
    // ... but they can: --fail-on info
    assert_eq!(wirelint(dir.path(), &["--no-config", "--fail-on", "info", "clean.xml"]).status.code(), Some(1));
    // a suppression for a rule that did not run is not "unused"
    let o = wirelint(dir.path(), &["--no-config", "-f", "jsonl", "--select", "EN", "clean.xml"]);
    assert_eq!(rules(&o).len(), 1, "{:?}", rules(&o));
    // SARIF knows the pseudo-rule
    let o = wirelint(dir.path(), &["--no-config", "-f", "sarif", "clean.xml"]);
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    let i = s["runs"][0]["results"][0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(s["runs"][0]["tool"]["driver"]["rules"][i]["id"], "unused-suppression");
}

#[test]
fn html_and_markdown_comments() {
    let html = "<html><body><article><h1>Talks resume</h1>\n<!-- wirelint-allow-file EN -->\n<p>CAIRO (Reuters) - Hamas and Israeli Jihad met.</p>\n<p>Israeli Jihad said it would attend.</p></article></body></html>\n";
    let md = "<!-- wirelint-allow-file translationese -->\nTruce talks resume in Cairo\n\nCAIRO (Reuters) - It is known that the delegation arrives on Tuesday.\n\n<!-- wirelint-allow entity-corruption -->\nHamas and Israeli Jihad met.\n\nIsraeli Jihad said it would attend.\n";
    let dir = sandbox(&[("a.html", html), ("b.md", md)]);
    let o = wirelint(dir.path(), &["--no-config", "-f", "jsonl", "a.html", "b.md"]);
    let f = findings(&o);
    assert!(!f.iter().any(|f| f["path"] == "a.html"), "{f:?}");
    let b: Vec<String> = f.iter().filter(|f| f["path"] == "b.md").map(|f| format!("{}@{}", f["rule"], f["line"])).collect();
    assert_eq!(b, vec!["\"entity-corruption\"@9"], "{f:?}");
    // the comment on the first line is not the headline
    let story = String::from_utf8_lossy(&o.stdout).lines().find(|l| l.contains("\"story\"") && l.contains("b.md")).unwrap().to_string();
    assert!(story.contains("\"headline\":\"Truce talks resume in Cairo\""), "{story}");
}

#[test]
fn json_lines_wirelint_allow_field() {
    let feed = concat!(
        "{\"id\":\"a\",\"body\":\"PARIS (AFP) - Hamas and Israeli Jihad met. Israeli Jihad said so.\",\"wirelint_allow\":[{\"rule\":\"entity-corruption\",\"text\":\"Israeli Jihad\"}]}\n",
        "{\"id\":\"b\",\"body\":\"PARIS (AFP) - Hamas and Israeli Jihad met.\",\"wirelint_allow\":[\"scrape-residue\",\"no-such-rule\"]}\n",
        "{\"id\":\"c\",\"body\":\"PARIS (AFP) - Hamas met.\",\"wirelint_allow\":\"entity-corruption\"}\n",
    );
    let dir = sandbox(&[("feed.jsonl", feed)]);
    let o = wirelint(dir.path(), &["--no-config", "-f", "jsonl", "feed.jsonl"]);
    let f = findings(&o);
    assert!(!f.iter().any(|f| f["id"] == "a"), "{f:?}");
    let b: Vec<&str> = f.iter().filter(|f| f["id"] == "b").map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(b, vec!["unused-suppression", "unused-suppression", "entity-corruption"], "{f:?}");
    assert!(f.iter().any(|f| f["message"].as_str().unwrap().contains("names no rule (no-such-rule)")));
    // a malformed field is an error for that record only
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"type\":\"error\"") && out.contains("wirelint_allow"), "{out}");
    assert_eq!(o.status.code(), Some(2));
}
