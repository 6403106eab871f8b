//! The module graph of src/ points one way (issue #16): every `crate::<module>` a file names
//! (in `use` lines and in paths like `crate::text::fold(`) must be in its own layer or a lower
//! one. A new top-level module must be given a layer in [`LAYERS`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top-level modules of src/ (src/<name>.rs or src/<name>/) and their layers, lowest first.
/// `lib` is src/lib.rs (the crate root: module declarations and re-exports).
const LAYERS: &[(&str, u32)] = &[
    // leaves: use nothing else in the crate
    ("span", 0),          // byte spans, line index
    ("text", 0),          // pure text helpers (`fold`)
    ("flat", 0),          // flat tables: indexes frozen by build.rs (or at run time), read in place
    ("lexicon", 0),       // lexicon files, embedded and parsed, and their typed indexes
    ("decoding", 0),      // how a story was decoded: `EncodingInfo`, `OffsetMap` back to file bytes
    ("finding", 1),       // `Finding`, `Severity`, `RuleMeta` (spans)
    ("story", 2),         // `StoryReport`: a checked story's findings and facts
    ("document", 2),      // the analysed story: segmentation, datelines, quotes, analyses over lexicons, inline allows
    ("input", 3),         // formats (text, JSONL, NITF, NewsML, ninjs, HTML) into documents
    ("corpus", 3),        // corpus counts a rule reads: `BoilerplateSummary`, a story's source key (documents)
    ("rules", 4),         // the rule registry and the rules (documents, lexicons, findings, corpus counts)
    ("config", 5),        // wirelint.toml: rule settings, selectors (knows the registry)
    ("suppress", 6),      // inline and config suppressions applied to findings (config selectors)
    ("linter", 7),        // `Linter`, `Settings`: rules, then confidence, superseding and suppressions
    ("render", 8),        // output formats of findings
    ("runner", 9),        // files to stories to renderers, in parallel, panic-isolated
    ("names_report", 10), // `wirelint names`: corpus name summaries (runs the runner)
    ("report", 11),       // `wirelint report`: corpus reports (renders, name summaries)
    ("boilerplate", 12),  // `--boilerplate` corpus line counts: collect, save, report (runner)
    ("baseline", 12),     // `--baseline` files of known findings
    ("fix", 12),          // `--fix`: applies suggestions
    ("lib", 13),          // the crate root: declares the modules, re-exports the entry points
    ("api", 14),          // the library API over `Linter`
    ("cli", 14),          // the command line (starts serve and lsp, which print its rule help)
    ("serve", 14),        // `wirelint serve`
    ("lsp", 14),          // `wirelint lsp`
];

/// Edges that still point up, `(from, to, why)`: each is a known knot, left for later.
/// An entry no longer needed fails the test, so the list only shrinks.
const ALLOWED: &[(&str, &str, &str)] = &[];

/// Items re-exported at the crate root, by the module that defines them (`crate::Lexicons`).
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Document", "document"),
    ("Applicability", "finding"),
    ("Confidence", "finding"),
    ("Finding", "finding"),
    ("Severity", "finding"),
    ("Suggestion", "finding"),
    ("RuleMeta", "finding"),
    ("LexiconError", "lexicon"),
    ("Lexicons", "lexicon"),
    ("ActiveRule", "linter"),
    ("Linter", "linter"),
    ("Settings", "linter"),
    ("RULES", "rules"),
    ("Rule", "rules"),
    ("Span", "span"),
    ("StoryReport", "story"),
];

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn ident(s: &str) -> &str {
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
    &s[..end]
}

/// The module a `crate::` path names, from the text after `crate::`.
fn target(item: &str) -> String {
    let name = ident(item);
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        ROOT_ITEMS.iter().find(|(i, _)| *i == name).map_or("lib", |(_, m)| m).to_string()
    } else {
        name.to_string()
    }
}

/// `(line, module)` for every crate module the code (not comments) of a file names.
fn references(text: &str, bare: &[&str]) -> Vec<(usize, String)> {
    // comments out, lines kept
    let code: Vec<&str> = text
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("//") { "" } else { l.find(" //").map_or(l, |i| &l[..i]) }
        })
        .collect();
    let joined = code.join("\n");
    let line_of = |at: usize| joined[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    for (at, _) in joined.match_indices("crate::") {
        if joined[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `wirelint_crate::` and the like
        }
        let rest = &joined[at + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(list.len())];
            for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                out.push((line_of(at), target(item)));
            }
        } else {
            out.push((line_of(at), target(rest)));
        }
    }
    // the crate root names its modules without `crate::`
    for m in bare {
        let pat = format!("{m}::");
        for (at, _) in joined.match_indices(&pat) {
            if joined[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            out.push((line_of(at), m.to_string()));
        }
    }
    out
}

#[test]
fn modules_only_use_their_own_or_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    files.sort();
    let layer = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|(_, l)| *l);
    let modules: Vec<&str> = LAYERS.iter().map(|(n, _)| *n).filter(|n| *n != "lib").collect();
    let mut offences = Vec::new();
    let mut unplaced = BTreeSet::new();
    let mut used_allowances = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_str().unwrap();
        let from = first.strip_suffix(".rs").unwrap_or(first);
        if from == "main" {
            continue; // the binary: uses the library as `wirelint::`
        }
        let Some(from_layer) = layer(from) else {
            unplaced.insert(from.to_string());
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let bare: &[&str] = if from == "lib" { &modules } else { &[] };
        for (line, to) in references(&text, bare) {
            if to == from {
                continue;
            }
            let Some(to_layer) = layer(&to) else {
                unplaced.insert(to);
                continue;
            };
            if to_layer <= from_layer {
                continue;
            }
            if let Some(a) = ALLOWED.iter().find(|(f, t, _)| *f == from && *t == to) {
                used_allowances.insert((a.0, a.1));
                continue;
            }
            offences.push(format!("src/{}:{line}: {from} (layer {from_layer}) uses {to} (layer {to_layer})", rel.display()));
        }
    }
    assert!(unplaced.is_empty(), "modules with no layer in tests/it/layers.rs LAYERS: {unplaced:?}");
    let stale: Vec<_> = ALLOWED.iter().filter(|(f, t, _)| !used_allowances.contains(&(*f, *t))).collect();
    assert!(stale.is_empty(), "allow-list entries no longer needed (remove them from ALLOWED): {stale:?}");
    assert!(offences.is_empty(), "imports that point up the layers (see LAYERS in tests/it/layers.rs):\n{}", offences.join("\n"));
}
