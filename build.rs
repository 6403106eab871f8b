//! Generates these files into `OUT_DIR`:
//!
//! - `embedded_lexicons.rs`: every `lexicons/**/*.tsv` file embedded in the binary, a table of
//!   `(relative path, include_str!(...))` that `src/lexicon/embedded.rs` includes;
//! - `rules.rs`: the rule registry that `src/rules/mod.rs` includes. Every `src/rules/<family>/`
//!   folder is a module, every `<rule>.rs` or `<rule>/mod.rs` in it a module of that family, and
//!   each file that has an `impl Rule for <Type>` and a `code: "XX000"` adds `&<Type>` to
//!   `RULES`, sorted by code. Adding a rule is adding its file: no module line, no list entry;
//! - `entity_bulk.rs` and its tables (`bulk_*.bin`, `bulk_str.txt`): the `*-bulk` lexicons
//!   (generated people, organisations and outlets) compiled into sorted lookup tables that
//!   `src/rules/entity/bulk.rs` reads in place, with no parsing at start-up (see
//!   `build/entity_bulk.rs`). Those files are not embedded as text;
//! - `entity_index.bin` and `entity_index.txt`: entity-corruption's entity index, built from the
//!   embedded lexicons by the rule's own builder (`src/rules/entity/entity_corruption/index.rs`,
//!   included here) and frozen as flat tables (`src/flat.rs`) that the rule reads in place
//!   (see `build/indexes.rs`);
//! - `gazetteer.bin` and `gazetteer.txt`: the gazetteer, likewise (`src/document/gazetteer.rs`);
//! - `entity_names.*`, `name_variants.*`, `distinct_names.*`: the name lexicons' entity names,
//!   variant groups and look-alike groups, likewise (`src/document/names/tables.rs`);
//! - `media.bin` and `media.txt`: the media lexicon's outlets and the trie of their forms that
//!   finds them in a story, likewise (`src/document/media.rs`);
//! - `vocabulary.bin` and `vocabulary.txt`: untranslated-fragment's common words per language,
//!   likewise (`src/rules/language/untranslated_fragment/vocabulary.rs`).

use std::fs;
use std::path::{Path, PathBuf};

// the build script uses only the folding helpers of text.rs
#[path = "build/entity_bulk.rs"]
mod entity_bulk;
#[path = "build/indexes.rs"]
mod indexes;
#[path = "src/rules/entity/keys.rs"]
#[allow(dead_code)]
mod keys;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;

// the crate's lexicon parser and index builders, at the paths their `use crate::...` name
#[path = "src/flat.rs"]
#[allow(dead_code)]
mod flat;
#[path = "src/lexicon/file.rs"]
#[allow(dead_code)]
mod lexicon_file;
mod lexicon {
    pub use crate::indexes::Lexicons;
    pub use crate::lexicon_file::{LexiconError, LexiconFile};
}
mod rules {
    pub mod entity {
        pub(crate) use crate::keys;
    }
    pub mod util {
        pub use crate::text::fold;
    }
}
#[path = "src/rules/entity/entity_corruption/index.rs"]
#[allow(dead_code)]
mod entity_index;
#[path = "src/document/gazetteer.rs"]
#[allow(dead_code)]
mod gazetteer;
#[path = "src/document/media.rs"]
#[allow(dead_code)]
mod media;
// the name tables and the spelling keys they are keyed by (`super::variant` in both crates)
#[path = "src/document/names/tables.rs"]
#[allow(dead_code)]
mod name_tables;
#[path = "src/document/names/variant.rs"]
#[allow(dead_code)]
mod variant;
#[path = "src/rules/language/untranslated_fragment/vocabulary.rs"]
#[allow(dead_code)]
mod vocabulary;

/// Is `path` a `*-bulk` lexicon (its `# lexicon:` header names a kind ending in `-bulk`)?
fn is_bulk(path: &Path) -> bool {
    fs::read_to_string(path)
        .ok()
        .and_then(|t| t.lines().next().map(|l| l.starts_with("# lexicon:") && l.trim_end().ends_with("-bulk")))
        .unwrap_or(false)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "tsv") {
            out.push(path);
        }
    }
}

/// Writes `path` only when its content changes, so an unchanged registry does not look new.
fn write_if_changed(path: &Path, content: impl AsRef<[u8]>) {
    let content = content.as_ref();
    if fs::read(path).ok().as_deref() != Some(content) {
        fs::write(path, content).unwrap();
    }
}

/// `impl Rule for Name` types and `code: "XX000"` values of a rule file.
fn rule_of(path: &Path) -> Option<(String, String)> {
    let text = fs::read_to_string(path).unwrap();
    let mut types = text.match_indices("impl Rule for ").map(|(i, m)| {
        let rest = &text[i + m.len()..];
        rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len())].to_string()
    });
    let ty = types.next()?;
    assert!(types.next().is_none(), "{}: one rule per file (found a second `impl Rule for`)", path.display());
    // the code of the `RuleMeta { .. }` the file declares
    let at = text
        .find("RuleMeta {")
        .and_then(|m| text[m..].find("code: \"").map(|c| m + c))
        .unwrap_or_else(|| panic!("{}: `impl Rule for {ty}` but no `RuleMeta {{ .. code: \"XX000\" .. }}`", path.display()));
    let code = text[at + 7..].chars().take_while(|&c| c != '"').collect();
    Some((code, ty))
}

/// The rule registry: family modules with their files, and `RULES` sorted by code.
fn rules(root: &Path) -> String {
    let dir = root.join("src/rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut families: Vec<PathBuf> = fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    families.sort();
    let mut code = String::from("// Generated by build.rs from the folders of src/rules/; see src/rules/mod.rs.\n");
    let mut rules = Vec::new();
    for family in &families {
        let fname = family.file_name().unwrap().to_str().unwrap();
        let mut modules: Vec<(String, PathBuf)> = Vec::new();
        for e in fs::read_dir(family).unwrap().flatten() {
            let p = e.path();
            let name = p.file_stem().unwrap().to_str().unwrap().to_string();
            if p.is_dir() && p.join("mod.rs").exists() {
                modules.push((name, p.join("mod.rs")));
            } else if p.extension().is_some_and(|x| x == "rs") {
                modules.push((name, p));
            }
        }
        modules.sort();
        code.push_str(&format!(
            "pub(crate) mod {fname} {{\n    #[allow(unused_imports, clippy::wildcard_imports)]\n    use super::{{shared::*, *}};\n"
        ));
        for (name, path) in &modules {
            code.push_str(&format!("    #[path = {:?}]\n    pub(crate) mod {name};\n", path.display().to_string()));
            if let Some((c, ty)) = rule_of(path) {
                rules.push((c, format!("{fname}::{name}::{ty}")));
            }
        }
        code.push_str("}\n");
    }
    rules.sort();
    for w in rules.windows(2) {
        assert!(w[0].0 != w[1].0, "two rules have the code {}: {} and {}", w[0].0, w[0].1, w[1].1);
    }
    code.push_str("\n/// Every rule, sorted by code (generated from the rule files by build.rs).\npub static RULES: &[&dyn Rule] = &[\n");
    for (_, path) in &rules {
        code.push_str(&format!("    &{path},\n"));
    }
    code.push_str("];\n");
    code
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    write_if_changed(&out_dir.join("rules.rs"), rules(&root));
    let lex = root.join("lexicons");
    println!("cargo:rerun-if-changed=lexicons");
    let mut files = Vec::new();
    collect(&lex, &mut files);
    files.sort();
    // `*-bulk` lexicons are compiled into lookup tables (entity-corruption's bulk indexes),
    // not embedded as text to parse at start-up
    let (bulk, files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| is_bulk(f));
    for f in &bulk {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    for f in [
        "build/entity_bulk.rs",
        "build/indexes.rs",
        "src/rules/entity/keys.rs",
        "src/text.rs",
        "src/flat.rs",
        "src/lexicon/file.rs",
        "src/rules/entity/entity_corruption/index.rs",
        "src/document/gazetteer.rs",
        "src/document/names/tables.rs",
        "src/document/names/variant.rs",
        "src/document/media.rs",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(f).display());
    }
    entity_bulk::generate(&out_dir, &bulk);
    indexes::generate(&root, &out_dir, &files);
    let mut code = String::from("pub(crate) static EMBEDDED: &[(&str, &str)] = &[\n");
    for f in &files {
        // every directory must be watched for new files to trigger a rebuild
        if let Some(parent) = f.parent() {
            println!("cargo:rerun-if-changed={}", parent.display());
        }
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.display().to_string()));
    }
    code.push_str("];\n");
    write_if_changed(&out_dir.join("embedded_lexicons.rs"), &code);
}
