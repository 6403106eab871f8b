//! The README's rules table matches the registry. `UPDATE_README=1 cargo test --test it readme::` rewrites it.

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
