//! The README's rules table is generated from the registry (`UPDATE_README=1 cargo test --test it
//! readme::` rewrites it); the other tables that list rules are checked against it.

use std::path::Path;

fn table() -> String {
    let mut s = String::from("| code | name | severity | what it flags |\n|---|---|---|---|\n");
    for r in wirelint::RULES {
        let m = r.meta();
        s.push_str(&format!("| {} | {} | {} | {} |\n", m.code, m.name, m.severity, m.summary.replace('|', "\\|")));
    }
    s
}

#[test]
fn readme_rules_table_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start_tag = "<!-- rules-table: generated from `wirelint rules`; tests/it/readme.rs keeps it in sync -->\n";
    let end_tag = "<!-- /rules-table -->";
    let s = readme.find(start_tag).expect("start tag") + start_tag.len();
    let e = readme.find(end_tag).expect("end tag");
    let want = table();
    if readme[s..e] != want {
        if std::env::var_os("UPDATE_README").is_some() {
            let new = format!("{}{}{}", &readme[..s], want, &readme[e..]);
            std::fs::write(&path, new).unwrap();
        } else {
            panic!("README rules table is stale; run UPDATE_README=1 cargo test --test it readme::");
        }
    }
}

/// Tables in the docs that list rules by code (docs/surface-rules.md, docs/evaluation.md, ...)
/// name registered rules with their right names, and the lexicon kinds table of
/// lexicons/README.md names registered rules in its `used by` column. These tables carry prose
/// of their own (what each rule flags, its fix), so they are checked, not generated.
#[test]
fn rule_tables_in_docs_match_the_registry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = vec![root.join("README.md"), root.join("CONTRIBUTING.md"), root.join("lexicons/README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            docs.push(e.path());
        }
    }
    let mut problems = Vec::new();
    for path in &docs {
        let text = std::fs::read_to_string(path).unwrap();
        let file = path.strip_prefix(root).unwrap().display();
        for (i, line) in text.lines().enumerate() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // `| CODE | name | ...`: cells[0] is before the first bar
            let (Some(code), Some(name)) = (cells.get(1), cells.get(2)) else { continue };
            let is_code =
                code.len() == 5 && code[..2].chars().all(|c| c.is_ascii_uppercase()) && code[2..].chars().all(|c| c.is_ascii_digit());
            if !line.starts_with('|') || !is_code || *code == "WL001" {
                continue;
            }
            let name = name.trim_matches('`');
            match wirelint::rules::find(code) {
                Some(r) if r.meta().name == name => {}
                Some(r) => problems.push(format!("{file}:{}: {code} is `{}`, not `{name}`", i + 1, r.meta().name)),
                None => problems.push(format!("{file}:{}: no rule {code}", i + 1)),
            }
        }
    }
    // lexicons/README.md: `| kind | files | columns | used by |`
    let lex = std::fs::read_to_string(root.join("lexicons/README.md")).unwrap();
    let mut in_table = false;
    for (i, line) in lex.lines().enumerate() {
        if line.starts_with("| kind | files | columns | used by |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        let used_by = line.trim_end_matches('|').rsplit('|').next().unwrap_or("").trim();
        // `entity-corruption (real names ...)`, `dateline-provenance (gazetteer)`, `story language`
        let outside_parens: String = used_by.split('(').next().unwrap_or("").to_string();
        for user in outside_parens.split(',').map(str::trim).filter(|u| !u.is_empty() && *u != "story language") {
            if wirelint::rules::find(user).is_none_or(|r| r.meta().name != user) {
                problems.push(format!("lexicons/README.md:{}: `used by` names `{user}`, which is no rule", i + 1));
            }
        }
    }
    assert!(problems.is_empty(), "rule tables out of step with wirelint::RULES:\n{}", problems.join("\n"));
}
