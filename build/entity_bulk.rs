//! Compiles the `*-bulk` lexicons (`lexicons/entities/people-bulk.generated.tsv`,
//! `organizations-bulk.generated.tsv`, `lexicons/media/outlets-bulk.generated.tsv`) into
//! lookup tables for entity-corruption, so that tens of thousands of names cost nothing at
//! start-up: `src/rules/entity/bulk.rs` reads the tables in place.
//!
//! Output in `OUT_DIR`:
//! - `bulk_str.txt`: every string, concatenated (interned);
//! - `bulk_*.bin`: little-endian `u32` arrays; a string is a pair (offset, length) into
//!   `bulk_str.txt`, a sorted set is a sorted array of such pairs, a map from keys to lists is
//!   a sorted key array, a start array (n + 1 entries) and a posting array (CSR); each key
//!   array has an open-addressing hash table beside it (`*_slots.bin`, `flat::hash` of the key:
//!   the rule hashes each word once for all its tables), so a look-up is one hash and a probe
//!   or two; the surname deletion keys also have a Bloom filter (`bulk_surname_bloom.bin`,
//!   `keys::Bloom` of the `keys::pair_hash` of each person's last first name and each deletion
//!   key of the surname), so that a word none of whose deletions is a key of a person whose
//!   first name is the word before it is told so without writing a deletion out;
//! - `entity_bulk.rs`: `include_str!`/`include_bytes!` of those.
//!
//! Keys are made as the rule makes them at run time: words split on whitespace, trimmed by
//! `keys::name_word`, folded by `text::fold`; deletion variants by `keys::single_deletions`
//! (surnames) and `keys::deletions_upto2` (one-word outlet names).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use super::flat::hash;
use super::keys::{Bloom, deletions_upto2, name_word, pair_hash, poly, single_deletions};
use super::text::fold;

/// A parsed `*-bulk` file: kind, column names and rows.
struct Bulk {
    kind: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Bulk {
    fn read(path: &Path) -> Bulk {
        let text = fs::read_to_string(path).unwrap();
        let mut b = Bulk { kind: String::new(), columns: Vec::new(), rows: Vec::new() };
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("# lexicon:") {
                b.kind = h.trim().to_string();
            } else if let Some(h) = line.strip_prefix("# columns:") {
                b.columns = h.trim().split('\t').map(str::to_string).collect();
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                b.rows.push(line.split('\t').map(str::to_string).collect());
            }
        }
        assert!(!b.kind.is_empty() && !b.columns.is_empty(), "{}: `# lexicon:` and `# columns:` headers required", path.display());
        b
    }

    fn col(&self, name: &str) -> usize {
        self.columns.iter().position(|c| c == name).unwrap_or_else(|| panic!("bulk lexicon `{}` has no column `{name}`", self.kind))
    }
}

fn get(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", String::as_str)
}

/// The folded words of a name, as the rule keys them.
fn tokens(form: &str) -> Vec<String> {
    form.split_whitespace().map(name_word).filter(|t| !t.is_empty()).map(fold).collect()
}

/// Interned strings and the tables being built.
#[derive(Default)]
struct Out {
    text: String,
    interned: HashMap<String, (u32, u32)>,
}

impl Out {
    fn s(&mut self, s: &str) -> [u32; 2] {
        if let Some(&(o, l)) = self.interned.get(s) {
            return [o, l];
        }
        let at = (u32::try_from(self.text.len()).unwrap(), u32::try_from(s.len()).unwrap());
        self.text.push_str(s);
        self.interned.insert(s.to_string(), at);
        [at.0, at.1]
    }

    /// A sorted set of strings: (offset, length) pairs in key order.
    fn set(&mut self, keys: &BTreeSet<String>) -> Vec<u32> {
        keys.iter().flat_map(|k| self.s(k)).collect()
    }

    /// A map from keys to sorted id lists: (keys, starts, postings).
    fn map(&mut self, m: &BTreeMap<String, BTreeSet<u32>>) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let mut keys = Vec::new();
        let mut starts = vec![0u32];
        let mut post = Vec::new();
        for (k, ids) in m {
            keys.extend(self.s(k));
            post.extend(ids.iter().copied());
            starts.push(u32::try_from(post.len()).unwrap());
        }
        (keys, starts, post)
    }
}

/// An open-addressing hash table over the keys of a sorted table (as written by `Out::set` or
/// `Out::map`): a power of two of slots, at least twice the keys, each 0 (empty) or the key's
/// position + 1; a key sits at `hash(key) & mask` or after it (linear probing).
fn slots(keys: &[String]) -> Vec<u32> {
    let n = (keys.len() * 2).next_power_of_two().max(2);
    let mask = n - 1;
    let mut t = vec![0u32; n];
    for (i, k) in keys.iter().enumerate() {
        #[allow(clippy::cast_possible_truncation)]
        let mut at = (hash(k) as usize) & mask;
        while t[at] != 0 {
            at = (at + 1) & mask;
        }
        t[at] = u32::try_from(i + 1).unwrap();
    }
    t
}

fn write_u32(dir: &Path, name: &str, v: &[u32]) {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
    let path = dir.join(name);
    if fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
        fs::write(path, bytes).unwrap();
    }
}

pub fn generate(out_dir: &Path, files: &[std::path::PathBuf]) {
    let mut out = Out::default();
    // people: one entry per written form; 5 strings each (display, first names, surname,
    // country, context)
    let mut people: Vec<u32> = Vec::new();
    let mut surnames: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut person_tokens: BTreeSet<String> = BTreeSet::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    // one-word outlets: name and country
    let mut outlets: Vec<u32> = Vec::new();
    let mut outlet_keys: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    // (last first name, surname deletion key) of each person form: the filter of
    // `surname_candidates`
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut buf = String::new();
    for path in files {
        let b = Bulk::read(path);
        match b.kind.as_str() {
            "people-bulk" => {
                let (cc, canon, alias, ctx) = (b.col("country"), b.col("canonical"), b.col("aliases"), b.col("context"));
                for row in &b.rows {
                    let display = get(row, canon);
                    let context = fold(get(row, ctx));
                    let forms = std::iter::once(display).chain(get(row, alias).split('|').filter(|a| !a.is_empty()));
                    for form in forms {
                        let t = tokens(form);
                        if t.len() < 2 {
                            continue;
                        }
                        names.insert(t.join(" "));
                        person_tokens.extend(t.iter().filter(|x| x.chars().count() >= 3).cloned());
                        let surname = t.last().unwrap();
                        let id = u32::try_from(people.len() / 10).unwrap();
                        let first = t[..t.len() - 1].join(" ");
                        for s in [display, &first, surname, get(row, cc), &context] {
                            people.extend(out.s(s));
                        }
                        if surname.chars().count() >= 5 && surname.chars().all(char::is_alphabetic) {
                            let last_first = first.split(' ').next_back().unwrap_or("");
                            single_deletions(surname, &mut buf, |d| {
                                surnames.entry(d.to_string()).or_default().insert(id);
                                pairs.insert((last_first.to_string(), d.to_string()));
                            });
                        }
                    }
                }
            }
            "organizations-bulk" => {
                let name = b.col("name");
                for row in &b.rows {
                    let t = tokens(get(row, name));
                    if !t.is_empty() {
                        names.insert(t.join(" "));
                    }
                }
            }
            "media-bulk" => {
                let (name, cc) = (b.col("name"), b.col("country"));
                for row in &b.rows {
                    let form = get(row, name);
                    let t = tokens(form);
                    if t.is_empty() {
                        continue;
                    }
                    names.insert(t.join(" "));
                    if let [w] = &t[..]
                        && w.chars().count() >= 5
                        && w.chars().all(char::is_alphabetic)
                        && form.chars().next().is_some_and(char::is_uppercase)
                    {
                        let id = u32::try_from(outlets.len() / 4).unwrap();
                        outlets.extend(out.s(form));
                        outlets.extend(out.s(get(row, cc)));
                        deletions_upto2(w, |d| {
                            outlet_keys.entry(d.to_string()).or_default().insert(id);
                        });
                    }
                }
            }
            other => panic!("{}: unknown bulk lexicon kind `{other}`", path.display()),
        }
    }
    let (sk, ss, sp) = out.map(&surnames);
    let (ok, os, op) = out.map(&outlet_keys);
    let surname_slots = slots(&surnames.keys().cloned().collect::<Vec<_>>());
    let outlet_slots = slots(&outlet_keys.keys().cloned().collect::<Vec<_>>());
    let token_slots = slots(&person_tokens.iter().cloned().collect::<Vec<_>>());
    let name_slots = slots(&names.iter().cloned().collect::<Vec<_>>());
    let surname_bloom = Bloom::build(&pairs.iter().map(|(f, d)| pair_hash(poly(f.as_bytes()), poly(d.as_bytes()))).collect::<Vec<_>>(), 16);
    let tokens = out.set(&person_tokens);
    let names = out.set(&names);
    write_u32(out_dir, "bulk_surname_slots.bin", &surname_slots);
    write_u32(out_dir, "bulk_outlet_slots.bin", &outlet_slots);
    write_u32(out_dir, "bulk_token_slots.bin", &token_slots);
    write_u32(out_dir, "bulk_name_slots.bin", &name_slots);
    write_u32(out_dir, "bulk_surname_bloom.bin", &surname_bloom);
    write_u32(out_dir, "bulk_people.bin", &people);
    write_u32(out_dir, "bulk_surname_keys.bin", &sk);
    write_u32(out_dir, "bulk_surname_starts.bin", &ss);
    write_u32(out_dir, "bulk_surname_post.bin", &sp);
    write_u32(out_dir, "bulk_tokens.bin", &tokens);
    write_u32(out_dir, "bulk_names.bin", &names);
    write_u32(out_dir, "bulk_outlets.bin", &outlets);
    write_u32(out_dir, "bulk_outlet_keys.bin", &ok);
    write_u32(out_dir, "bulk_outlet_starts.bin", &os);
    write_u32(out_dir, "bulk_outlet_post.bin", &op);
    let str_path = out_dir.join("bulk_str.txt");
    if fs::read_to_string(&str_path).ok().as_deref() != Some(out.text.as_str()) {
        fs::write(&str_path, &out.text).unwrap();
    }
    let mut code = String::from("// Generated by build.rs (build/entity_bulk.rs) from the `*-bulk` lexicons.\n");
    for name in [
        "people",
        "surname_keys",
        "surname_starts",
        "surname_post",
        "tokens",
        "names",
        "outlets",
        "outlet_keys",
        "outlet_starts",
        "outlet_post",
        "surname_slots",
        "outlet_slots",
        "token_slots",
        "name_slots",
        "surname_bloom",
    ] {
        code.push_str(&format!(
            "pub(super) static {}: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/bulk_{name}.bin\"));\n",
            name.to_uppercase()
        ));
    }
    code.push_str("pub(super) static STR: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/bulk_str.txt\"));\n");
    let path = out_dir.join("entity_bulk.rs");
    if fs::read_to_string(&path).ok().as_deref() != Some(code.as_str()) {
        fs::write(path, code).unwrap();
    }
}
