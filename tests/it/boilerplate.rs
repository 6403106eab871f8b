//! The corpus view of boilerplate through the binary: `wirelint boilerplate` counts lines per
//! source, saves mergeable counts, and `check --boilerplate` reports the recurring lines.

use std::path::Path;
use std::process::Command;

fn wirelint(args: &[&str], dir: &Path) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_wirelint")).args(args).current_dir(dir).output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

const PROMO: &str = "Download the Harbour Post app for alerts on every story";

/// Stories of two sources; only the Harbour Post closes each story with its app promo.
fn feed(first: usize, n: usize) -> String {
    let mut s = String::new();
    for i in first..first + n {
        let (source, tail) = if i % 2 == 0 { ("Harbour Post", PROMO) } else { ("Valley Times", "") };
        let body = format!(
            "PORT ELLEN, March {d} - The harbour board approved plan number {i} on Tuesday after a long debate, its chair said.\n\n\
             Work on the {what} will start in the spring and should take about a year, the board said.\n\n{tail}",
            d = 1 + i % 27,
            what = ["north pier", "ferry ramp", "fish market", "old customs house", "breakwater", "slipway", "marina"][i % 7]
        );
        let rec =
            serde_json::json!({ "id": format!("s{i}"), "source": source, "headline": format!("Board approves plan {i}"), "body": body });
        s.push_str(&rec.to_string());
        s.push('\n');
    }
    s
}

#[test]
fn recurring_source_lines_are_reported_with_their_count() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("feed.jsonl"), feed(0, 20)).unwrap();
    let (out, err, code) = wirelint(&["boilerplate", "feed.jsonl", "--save-summary", "bp.json"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Harbour Post (10 stories)"), "{out}");
    assert!(out.contains(&format!("10 stories  {PROMO}")), "{out}");
    // the other source repeats no line often enough: its stories' own sentences differ
    assert!(!out.contains("Valley Times"), "{out}");

    let (out, err, code) = wirelint(
        &["check", "--no-config", "--format", "jsonl", "--select", "scrape-residue", "--boilerplate", "bp.json", "feed.jsonl"],
        dir.path(),
    );
    assert!(code == 0 || code == 1, "{err}");
    let findings: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).filter(|r| r["rule"] == "scrape-residue").collect();
    assert_eq!(findings.len(), 10, "{out}");
    for f in &findings {
        assert_eq!(f["text"], PROMO);
        assert!(f["message"].as_str().unwrap().contains("appears in 10 of 10 stories from Harbour Post"), "{f}");
        assert_eq!(f["fix"]["replacement"], "");
    }
    // without the counts, the promo is a sentence like any other: no finding
    let (out, _, _) = wirelint(&["check", "--no-config", "--format", "jsonl", "--select", "scrape-residue", "feed.jsonl"], dir.path());
    assert!(!out.contains("\"rule\":\"scrape-residue\""), "{out}");
}

#[test]
fn shard_counts_merge_into_the_counts_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("all.jsonl"), feed(0, 30)).unwrap();
    std::fs::write(dir.path().join("a.jsonl"), feed(0, 13)).unwrap();
    std::fs::write(dir.path().join("b.jsonl"), feed(13, 17)).unwrap();
    // one source for the three files: the record's own `source` field, not the file
    let (whole, _, c1) = wirelint(&["boilerplate", "all.jsonl", "-f", "json"], dir.path());
    let (_, _, c2) = wirelint(&["boilerplate", "a.jsonl", "--save-summary", "a.json"], dir.path());
    let (_, _, c3) = wirelint(&["boilerplate", "b.jsonl", "--save-summary", "b.json"], dir.path());
    let (merged, err, c4) = wirelint(&["boilerplate", "--merge", "a.json", "b.json", "-f", "json"], dir.path());
    assert_eq!((c1, c2, c3, c4), (0, 0, 0, 0), "{err}");
    assert_eq!(whole, merged);
    assert!(whole.contains("\"stories\": 15"), "{whole}");
}

#[test]
fn a_broken_summary_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bp.json"), "{\"version\": 1, \"sources\": [").unwrap();
    std::fs::write(dir.path().join("s.txt"), "A short story.\n").unwrap();
    let (_, err, code) = wirelint(&["check", "--no-config", "--boilerplate", "bp.json", "s.txt"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bp.json") && err.contains("not a boilerplate summary"), "{err}");
}
