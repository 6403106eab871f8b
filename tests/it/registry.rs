//! The rule registry is a public contract: names and codes unique, sorted, documented.

use std::collections::HashSet;

use wirelint::RULES;

#[test]
fn names_and_codes_are_unique_sorted_and_well_formed() {
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    let mut prev = "";
    for r in RULES {
        let m = r.meta();
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is not kebab-case", m.name);
        assert!(
            m.code.len() == 5 && m.code[..2].chars().all(|c| c.is_ascii_uppercase()) && m.code[2..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            m.code
        );
        assert!(m.code > prev, "RULES must be sorted by code: {} after {prev}", m.code);
        prev = m.code;
        assert!(!m.summary.is_empty() && !m.summary.contains('\n'), "{}: summary must be one line", m.name);
    }
}

#[test]
fn explain_has_all_headings() {
    for r in RULES {
        let m = r.meta();
        let mut at = 0;
        for h in ["## What it flags", "## Why it matters", "## Example", "## Better", "## False positives", "## Lexicon"] {
            let pos = m.explain[at..].find(h).unwrap_or_else(|| panic!("{}: explain lacks `{h}` (or it is out of order)", m.name));
            at += pos + h.len();
        }
        for lex in m.lexicons {
            let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(lex);
            assert!(p.exists(), "{}: lexicon {lex} does not exist", m.name);
        }
    }
}

/// Everything a rule needs besides its file, so that a rule cannot be half added: a fixture
/// folder with a flagged and a clean story, a row in the README's rules table (generated:
/// `UPDATE_README=1 cargo test --test it readme::`), and supersede entries that name other rules.
/// A row in `tests/eval/thresholds.tsv` is not required: without one the rule is scored and
/// reported by `eval::`, not asserted.
#[test]
fn every_rule_is_complete() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut problems = Vec::new();
    for r in RULES {
        let m = r.meta();
        let dir = root.join(format!("tests/fixtures/rules/{}-{}", m.code, m.name));
        let stories: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if !dir.is_dir() {
            problems.push(format!("{}: no fixture folder {}", m.name, dir.display()));
        } else {
            if !stories.iter().any(|n| n.starts_with("flagged-") || n.starts_with("issue-")) {
                problems.push(format!("{}: no flagged-*.txt story in {}", m.name, dir.display()));
            }
            if !stories.iter().any(|n| n.starts_with("clean-")) {
                problems.push(format!("{}: no clean-*.txt story in {}", m.name, dir.display()));
            }
        }
        if !readme.contains(&format!("| {} | {} |", m.code, m.name)) {
            problems.push(format!("{}: not in the README's rules table (UPDATE_README=1 cargo test --test it readme::)", m.name));
        }
        for s in m.supersedes {
            if s.loser == m.name || wirelint::rules::find(s.loser).is_none_or(|l| l.meta().name != s.loser) {
                problems.push(format!("{}: supersedes `{}`, which is not another rule's name", m.name, s.loser));
            }
        }
    }
    assert!(problems.is_empty(), "incomplete rules:\n{}", problems.join("\n"));
}

/// Every fixture folder belongs to a registered rule (a renamed rule leaves none behind).
#[test]
fn every_fixture_folder_is_a_rule() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(
            RULES.iter().any(|r| format!("{}-{}", r.meta().code, r.meta().name) == name),
            "tests/fixtures/rules/{name} is not CODE-name of a registered rule"
        );
    }
}
