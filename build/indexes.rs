//! Builds the indexes that are compiled in: the crate's own builders (included by `build.rs`
//! with `#[path]`) run over the embedded lexicons, parsed by the crate's own parser, and the
//! index is frozen as flat tables (`src/flat.rs`) into `OUT_DIR`:
//!
//! - `entity_index.bin`, `entity_index.txt`: entity-corruption's entity index
//!   (`src/rules/entity/entity_corruption/index.rs`), read by its `load.rs`;
//! - `gazetteer.bin`, `gazetteer.txt`: the gazetteer (`src/document/gazetteer.rs`), read by
//!   `src/document/places.rs`;
//! - `entity_names.*`, `name_variants.*`, `distinct_names.*`: the name lexicons' tables
//!   (`src/document/names/tables.rs`), read by `src/document/names/lexicon.rs`;
//! - `media.bin`, `media.txt`: the media lexicon's outlets and the trie of their forms
//!   (`src/document/media.rs`), read by `src/document/attribution.rs`;
//! - `vocabulary.bin`, `vocabulary.txt`: untranslated-fragment's common words per language
//!   (`src/rules/language/untranslated_fragment/vocabulary.rs`), read by its `short.rs`.
//!
//! Tests (`compiled_entity_index_is_the_run_time_build`, `compiled_gazetteer_is_the_run_time_build`,
//! `compiled_name_tables_are_the_run_time_builds`, `compiled_media_tables_are_the_run_time_build`)
//! hold each compiled index equal to the one the crate builds and freezes at run time from the
//! same lexicons.

use std::fs;
use std::path::{Path, PathBuf};

use super::entity_index::Built;
use super::lexicon::{LexiconError, LexiconFile};
use super::name_tables::{BuiltEntityNames, BuiltGroups};

/// The embedded lexicon files, parsed as the crate parses them (`Lexicons::of_kind` order:
/// sorted paths).
pub struct Lexicons {
    files: Vec<LexiconFile>,
}

impl Lexicons {
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a LexiconFile> + 'a {
        self.files.iter().filter(move |f| f.kind == kind)
    }
}

fn check<T>(r: Result<T, LexiconError>) -> T {
    r.unwrap_or_else(|e| panic!("embedded lexicons: {e}"))
}

pub fn generate(root: &Path, out_dir: &Path, files: &[PathBuf]) {
    let parsed = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let text = fs::read_to_string(f).unwrap();
            let mut file = LexiconFile::parse(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
            file.embedded = true;
            file
        })
        .collect();
    let lexicons = Lexicons { files: parsed };
    let write = |name: &str, (words, text): (Vec<u8>, String)| {
        super::write_if_changed(&out_dir.join(format!("{name}.bin")), &words);
        super::write_if_changed(&out_dir.join(format!("{name}.txt")), text.as_bytes());
    };
    write("entity_index", check(Built::build(&lexicons)).freeze());
    write("gazetteer", check(super::gazetteer::Built::build(&lexicons)).freeze());
    write("entity_names", BuiltEntityNames::build(&lexicons).freeze());
    write("name_variants", check(BuiltGroups::variants(&lexicons)).freeze());
    write("distinct_names", check(BuiltGroups::distinct(&lexicons)).freeze());
    write("media", check(super::media::Built::build(&lexicons)).freeze());
    write("vocabulary", check(super::vocabulary::BuiltVocabulary::build(&lexicons)).freeze());
}
