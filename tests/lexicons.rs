//! Lexicon hygiene: every embedded file parses, names its source and licence, is NFC,
//! has unique keys and is in canonical order. `UPDATE_LEXICONS=1 cargo test --test lexicons`
//! rewrites files into canonical order (rows sorted; header and comments kept).

use std::collections::HashSet;
use std::path::Path;

use wirelint::lexicon::{LexiconFile, canonical_cmp, embedded};

#[test]
fn every_lexicon_is_valid_and_canonical() {
    let update = std::env::var_os("UPDATE_LEXICONS").is_some();
    let mut problems = Vec::new();
    for (path, text) in embedded::files() {
        let file = match LexiconFile::parse(path, text) {
            Ok(f) => f,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if file.source.is_empty() {
            problems.push(format!("{path}: missing `# source:` header"));
        }
        if file.licence.is_empty() {
            problems.push(format!("{path}: missing `# licence:` header"));
        }
        let mut seen = HashSet::new();
        for row in &file.rows {
            let key: Vec<String> = file.key_of(row).iter().map(ToString::to_string).collect();
            if !seen.insert(key.clone()) {
                problems.push(format!("{path}:{}: duplicate key {key:?}", row.line));
            }
        }
        let sorted = file.rows.windows(2).all(|w| canonical_cmp(&file.key_of(&w[0]), &file.key_of(&w[1])).is_le());
        if !sorted {
            if update {
                rewrite(path, text, &file);
            } else {
                let bad = file.rows.windows(2).find(|w| canonical_cmp(&file.key_of(&w[0]), &file.key_of(&w[1])).is_gt()).unwrap();
                problems.push(format!(
                    "{path}:{}: rows not in canonical order (run UPDATE_LEXICONS=1 cargo test --test lexicons)",
                    bad[1].line
                ));
            }
        }
    }
    assert!(problems.is_empty(), "lexicon problems:\n{}", problems.join("\n"));
}

fn rewrite(path: &str, text: &str, file: &LexiconFile) {
    let lines: Vec<&str> = text.lines().collect();
    let first_row = file.rows.first().map(|r| r.line - 1).unwrap_or(lines.len());
    let mut rows: Vec<_> = file.rows.iter().collect();
    rows.sort_by(|a, b| canonical_cmp(&file.key_of(a), &file.key_of(b)));
    let mut out: Vec<String> = lines[..first_row].iter().map(ToString::to_string).collect();
    out.extend(rows.iter().map(|r| lines[r.line - 1].to_string()));
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::write(full, out.join("\n") + "\n").unwrap();
}

#[test]
fn every_derived_file_is_in_notice() {
    let notice = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/NOTICE.md")).unwrap_or_default();
    for (path, text) in embedded::files() {
        let f = LexiconFile::parse(path, text).unwrap();
        let lic = f.licence.to_lowercase();
        let own = lic.starts_with("own work") && !lic.contains(';') || lic == "cc0";
        if !own {
            let short = path.trim_start_matches("lexicons/");
            assert!(
                notice.contains(short) || notice.contains(path),
                "{path}: licence `{}` needs an entry in lexicons/NOTICE.md naming the file",
                f.licence
            );
        }
    }
}
