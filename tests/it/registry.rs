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
