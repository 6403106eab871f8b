//! CLI behaviour: every output format, exit codes, config discovery, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_wirelint"));
    c.env("NO_COLOR", "1");
    c
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const STORY: &str = "Truce talks resume\n\nCAIRO (Reuters) - The militant groups Hamas and Israeli Jihad were invited, officials said.\n";
const CLEAN: &str =
    "Markets steady\n\nLONDON (Reuters) - European shares were little changed on Monday as investors awaited inflation data.\n";

fn sandbox(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = dir.path().to_path_buf();
    (dir, root)
}

#[test]
fn human_output_has_code_frame_and_exit_1() {
    let (_d, root) = sandbox(&[("story.txt", STORY)]);
    let o = run_in(&root, &["check", "story.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let s = stdout(&o);
    assert!(s.contains("error[entity-corruption]"), "{s}");
    assert!(s.contains("story.txt:3:"), "{s}");
    assert!(s.contains("Israeli Jihad"), "{s}");
    assert!(s.contains("Islamic Jihad"), "{s}");
    assert!(s.contains("confidence: high"), "{s}");
}

#[test]
fn clean_story_exits_0() {
    let (_d, root) = sandbox(&[("clean.txt", CLEAN)]);
    let o = run_in(&root, &["check", "clean.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn json_finding_fields_and_span() {
    let (_d, root) = sandbox(&[("story.txt", STORY)]);
    let o = run_in(&root, &["check", "--format", "json", "story.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["stories"][0]["results"][0];
    assert_eq!(f["rule"], "entity-corruption");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["confidence"], "high");
    assert_eq!(f["text"], "Israeli Jihad");
    assert_eq!(f["suggestion"], "Islamic Jihad");
    let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&STORY[s..e], "Israeli Jihad");
    assert_eq!(f["line"], 3);
    assert_eq!(v["stories"][0]["dateline"]["city"], "CAIRO");
}

#[test]
fn jsonl_streams_typed_lines_with_field_offsets() {
    let corpus = concat!(
        "{\"id\":\"s1\",\"headline\":\"Talks\",\"body\":\"The groups Hamas and Israeli Jihad were invited.\"}\n",
        "{\"id\":\"s2\",\"body\":\"Nothing to see here today.\"}\n",
    );
    let (_d, root) = sandbox(&[("feed.jsonl", corpus)]);
    let o = run_in(&root, &["check", "--format", "jsonl", "feed.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let f = lines.iter().find(|l| l["type"] == "finding").unwrap();
    assert_eq!(f["id"], "s1");
    assert_eq!(f["field"], "body");
    assert_eq!(f["record_line"], 1);
    let body = "The groups Hamas and Israeli Jihad were invited.";
    let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&body[s..e], "Israeli Jihad");
    assert_eq!(lines.iter().filter(|l| l["type"] == "story").count(), 2);
    assert_eq!(lines.last().unwrap()["type"], "summary");
}

#[test]
fn sarif_has_rules_and_results() {
    let (_d, root) = sandbox(&[("story.txt", STORY)]);
    let o = run_in(&root, &["check", "--format", "sarif", "story.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().iter().any(|r| r["id"] == "entity-corruption"));
    let r = &run["results"][0];
    assert_eq!(r["ruleId"], "entity-corruption");
    assert_eq!(r["level"], "error");
    assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn github_annotations() {
    let (_d, root) = sandbox(&[("story.txt", STORY)]);
    let o = run_in(&root, &["check", "--format", "github", "story.txt"]);
    let s = stdout(&o);
    assert!(s.starts_with("::error file=story.txt,line=3,col="), "{s}");
    assert!(s.contains("title=wirelint entity-corruption (EN001)::"), "{s}");
}

#[test]
fn non_ascii_columns_count_chars() {
    let text = "Gespräche\n\nÄÖÜ éé: The militant groups Hamas and Israeli Jihad were invited.\n";
    let (_d, root) = sandbox(&[("u.txt", text)]);
    let o = run_in(&root, &["check", "--format", "json", "u.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v["stories"][0]["results"][0];
    let line = text.lines().nth(2).unwrap();
    let col = line[..line.find("Israeli").unwrap()].chars().count() + 1;
    assert_eq!(f["column"], col);
    let s = f["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[s..s + "Israeli Jihad".len()], "Israeli Jihad");
}

#[test]
fn fail_on_and_min_confidence() {
    let (_d, root) = sandbox(&[("story.txt", STORY)]);
    assert_eq!(run_in(&root, &["check", "--fail-on", "error", "story.txt"]).status.code(), Some(1));
    let (_d2, root2) = sandbox(&[("story.txt", STORY), ("wirelint.toml", "[rules.entity-corruption]\nseverity = \"info\"\n")]);
    assert_eq!(run_in(&root2, &["check", "story.txt"]).status.code(), Some(0));
    assert_eq!(run_in(&root2, &["check", "--fail-on", "info", "story.txt"]).status.code(), Some(1));
}

#[test]
fn bad_inputs_report_and_continue_with_exit_2() {
    let (_d, root) = sandbox(&[
        ("a/good.txt", STORY),
        ("a/bad.txt", ""),
        ("a/feed.jsonl", "{\"id\":1,\"body\":\"Hamas and Israeli Jihad met.\"}\n{broken\n"),
    ]);
    std::fs::write(root.join("a/bad.txt"), [0x66, 0x6f, 0xff, 0xfe]).unwrap();
    // strict UTF-8 (by default, bytes that are not UTF-8 are decoded as the detected legacy encoding)
    let o = run_in(&root, &["check", "--encoding", "utf-8", "--format", "json", "a"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e["path"].as_str().unwrap().ends_with("bad.txt") && e["line"] == 1));
    assert!(errors.iter().any(|e| e["path"].as_str().unwrap().ends_with("feed.jsonl") && e["line"] == 2));
    // the good stories' findings are still there
    assert_eq!(v["summary"]["findings"], 2);
}

#[test]
fn missing_path_and_bad_config_exit_2() {
    let (_d, root) = sandbox(&[("wirelint.toml", "language = \"en\"\nmin-confidense = \"high\"\n")]);
    let o = run_in(&root, &["check", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wirelint.toml:2:") && err.contains("min-confidense"), "{err}");
    let o = run_in(&root, &["check", "--no-config", "nope.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run_in(&root, &["check", "--no-config", "--select", "no-such-rule", "."]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn config_is_found_upward_and_lexicons_extend() {
    let lex = "# lexicon: entities\n# lang: en\n# source: test\n# licence: CC0\n# columns: id\tkind\tlang\tcanonical\taliases\tcontext\n# key: id,lang\nx-test\tarmed-group\ten\tGreen Falcon Brigades\t\t\n";
    let (_d, root) = sandbox(&[
        ("wirelint.toml", "lexicons = [\"house.tsv\"]\n"),
        ("house.tsv", lex),
        ("sub/story.txt", "Fighting\n\nThe Green Falcom Brigades said they had withdrawn.\n"),
    ]);
    let o = run_in(&root.join("sub"), &["check", "--format", "json", "story.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["stories"][0]["results"][0]["suggestion"], "Green Falcon Brigades", "{v}");
    // a broken user lexicon names path:line
    let (_d, root) =
        sandbox(&[("wirelint.toml", "lexicons = [\"house.tsv\"]\n"), ("house.tsv", "# lexicon: entities\n# columns: id\tkind\nA\tB\tC\n")]);
    let o = run_in(&root, &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("house.tsv:3:"), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A user's lexicon file `lexicon` extends an embedded one: `story` has no finding of `rule`
/// without it and one whose JSON holds `needle` with it; `bad`, the same file with a value its
/// kind does not know on line 7, is an error naming the file and the line.
fn assert_user_lexicon_extends(story: &str, lexicon: &str, bad: &str, rule: &str, needle: &str) {
    let rule = format!("\"rule\":\"{rule}\"");
    let (_d, root) = sandbox(&[("story.txt", story), ("house.tsv", lexicon)]);
    let o = run_in(&root, &["check", "--no-config", "--format", "jsonl", "story.txt"]);
    assert!(!stdout(&o).contains(&rule), "{}", stdout(&o));
    let o = run_in(&root, &["check", "--no-config", "--lexicon", "house.tsv", "--format", "jsonl", "story.txt"]);
    let s = stdout(&o);
    assert!(s.contains(&rule) && s.contains(needle), "{s}");
    let (_d, root) = sandbox(&[("story.txt", story), ("house.tsv", bad)]);
    let o = run_in(&root, &["check", "--no-config", "--lexicon", "house.tsv", "story.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("house.tsv:7"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn entity_words_extend_with_a_user_lexicon() {
    // "wire" is no outlet word of the embedded `entity-words`: the slip before it is left alone
    // until the user's lexicon adds it; a role the lexicon does not know is an error
    let story = "Talks resume in Ankara\n\nANKARA, May 3 - Turkish officials met on Monday, the Andalou wire reported, citing sources close to the talks.\n";
    let words =
        "# lexicon: entity-words\n# lang: en\n# source: test\n# licence: CC0\n# columns: word\trole\n# key: word,role\nwire\toutlet\n";
    let bad = words.replace("\toutlet", "\toutlets");
    assert_user_lexicon_extends(story, words, &bad, "entity-corruption", "\"suggestion\":\"Anadolu\"");
}

#[test]
fn agency_marks_extend_with_a_user_lexicon() {
    // ANGOP is no agency of the embedded `agency-marks`: its credit after the last sentence is
    // left alone until the user's lexicon names it; a mark the lexicon does not know is an error
    let story = "Port reopens after dredging\n\nLUANDA, March 9 - The port of Lobito reopened to container ships on Tuesday after three weeks of dredging, the port authority said. (ANGOP)\n";
    let marks = "# lexicon: agency-marks\n# lang: mul\n# source: test\n# licence: CC0\n# columns: name\tmarks\tnote\n# key: name\nANGOP\tcredit|signoff\tAngola\n";
    let bad = marks.replace("credit|", "credits|");
    assert_user_lexicon_extends(story, marks, &bad, "scrape-residue", "agency credit");
}

#[test]
fn other_calendars_extend_with_a_user_lexicon() {
    // the Hebrew calendar is no calendar of the embedded `calendar-other`: its month with a day
    // is left alone until the user's lexicon adds it; a unit the lexicon does not know is an error
    let story = "Court sets hearing date\n\nJERUSALEM, Oct 2 - The court said the hearing would open on 15 Tishrei, after the holiday, a spokesman said.\n";
    let months = "# lexicon: calendar-other\n# lang: mul\n# source: test\n# licence: CC0\n# columns: form\tcalendar\tunit\tn\tgregorian\tword\n# key: form,calendar\nTishrei\tHebrew\tmonth\t1\t09-16\t\n";
    let bad = months.replace("\tmonth\t", "\tmonths\t");
    assert_user_lexicon_extends(story, months, &bad, "date-format", "Hebrew calendar");
}

#[test]
fn outlet_cues_extend_with_a_user_lexicon() {
    // "as carried by" is no cue of the embedded `outlet-words`: Compass after it is left alone
    // until the user's lexicon adds the cue; a role the lexicon does not know is an error
    let story = "Rupiah firms as exports rise\n\nJAKARTA, June 4 - The rupiah firmed on Thursday after exports rose for a third month, as carried by Compass on its website.\n";
    let words = "# lexicon: outlet-words\n# lang: en\n# source: test\n# licence: CC0\n# columns: word\trole\tnote\n# key: word,role\nas carried by\tcue\t\n";
    let bad = words.replace("\tcue", "\tcues");
    assert_user_lexicon_extends(story, words, &bad, "entity-corruption", "\"suggestion\":\"Kompas\"");
}

#[test]
fn a_user_bare_agency_name_longer_than_the_embedded_ones_is_read() {
    // a bare sign-off is read up to the longest name the lexicons hold: a user's name of 20
    // bytes, alone on the story's last line, is the sign-off it names
    let story = "Port reopens after dredging\n\nLUANDA, March 9 - The port of Lobito reopened to container ships on Tuesday after three weeks of dredging, the port authority said.\n\nAgencia Angola Press\n";
    let marks = "# lexicon: agency-marks\n# lang: mul\n# source: test\n# licence: CC0\n# columns: name\tmarks\tnote\n# key: name\nAgencia Angola Press\tbare\tAngola\n";
    let bad = marks.replace("\tbare", "\tbares");
    assert_user_lexicon_extends(story, marks, &bad, "scrape-residue", "agency sign-off");
}

#[test]
fn stdin_and_rules_and_explain() {
    use std::io::Write;
    let mut child = bin()
        .args(["check", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(STORY.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\"path\":\"-\""));
    let o = bin().args(["rules"]).output().unwrap();
    assert!(stdout(&o).contains("entity-corruption"));
    let o = bin().args(["explain", "entity-corruption"]).output().unwrap();
    let s = stdout(&o);
    for h in ["## What it flags", "## Why it matters", "## Example", "## Better", "## False positives", "## Lexicon"] {
        assert!(s.contains(h), "missing {h}");
    }
    assert_eq!(bin().args(["explain", "nope"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn example_story_in_repo_is_flagged() {
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/translated-story.txt");
    let o = bin().args(["check", "--format", "json"]).arg(&ex).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let texts: Vec<&str> = v["stories"][0]["results"].as_array().unwrap().iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"Israeli Jihad"), "{texts:?}");
    assert!(texts.contains(&"Antony Blinkin"), "{texts:?}");
}

#[test]
fn folder_walk_skips_non_story_json_and_xml() {
    let (_d, root) = sandbox(&[
        ("repo/story.txt", CLEAN),
        ("repo/package.json", "{\"name\": \"site\", \"version\": \"1.0.0\"}\n"),
        ("repo/pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>\n"),
    ]);
    let o = run_in(&root, &["check", "--format", "json", "repo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["stories"], 1);
    // named explicitly, a non-story JSON file is still an error
    assert_eq!(run_in(&root, &["check", "repo/package.json"]).status.code(), Some(2));
}

#[test]
fn entity_finding_supersedes_name_inconsistency_on_the_same_words() {
    let text = "Talks in Cairo\n\nCAIRO (Reuters) - U.S. Secretary of State Antony Blinken arrived on Monday. Antony Blinkin later met Egypt's foreign minister.\n";
    let (_d, root) = sandbox(&[("s.txt", text)]);
    let o = run_in(&root, &["check", "--format", "json", "--min-confidence", "low", "s.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<(&str, &str)> =
        v["stories"][0]["results"].as_array().unwrap().iter().map(|f| (f["rule"].as_str().unwrap(), f["text"].as_str().unwrap())).collect();
    assert!(rules.contains(&("entity-corruption", "Antony Blinkin")), "{rules:?}");
    assert!(!rules.iter().any(|(r, t)| *r == "name-inconsistency" && t.contains("Blinkin")), "{rules:?}");
}

/// Story facts (the dateline resolved to a place, the outlets cited) come from the analysis:
/// a run of one unrelated rule still reports them (#16).
#[test]
fn story_facts_do_not_depend_on_the_rules_selected() {
    let story =
        "Port reopens\n\nJAKARTA (Antara) - The port reopened on Monday, the harbour master said, citing a Xinhua report on the storm.\n";
    let (_d, root) = sandbox(&[("story.txt", story)]);
    for select in [None, Some("mojibake")] {
        let mut args = vec!["check", "--no-config", "--format", "json", "story.txt"];
        if let Some(rule) = select {
            args.extend(["--select", rule]);
        }
        let o = run_in(&root, &args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let facts = &v["stories"][0]["facts"];
        assert_eq!(facts["dateline"]["place"], "Jakarta", "{select:?}: {facts}");
        assert_eq!(facts["dateline"]["agency_country"], "ID", "{select:?}: {facts}");
        assert_eq!(facts["media_sources"][0]["outlet"], "Xinhua", "{select:?}: {facts}");
    }
}
