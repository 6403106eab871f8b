//! Lexicons: TSV data files (see `lexicons/README.md`), embedded in the binary and
//! extendable with the user's own files of the same format.
//!
//! A [`Lexicons`] set holds every parsed file. Rules read typed indexes built from
//! it with [`Lexicons::index`]; each index is built once per set and shared.

use rustc_hash::FxHashMap as HashMap;
use std::any::{Any, TypeId};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError, RwLock};
use std::thread::ThreadId;

pub mod embedded;
mod file;

pub use file::{LexiconError, LexiconFile, Row};
#[cfg(test)]
use file::{split_lines, split_tabs, trim_field};

/// A typed view of lexicon data, built once per [`Lexicons`] set.
pub trait LexiconIndex: Any + Send + Sync + Sized {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError>;
}

/// The lexicon files in effect: the embedded ones plus the user's.
pub struct Lexicons {
    files: Vec<Slot>,
    cache: RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
    /// Indexes being built: the building thread, and a gate the other threads wait at.
    building: Mutex<HashMap<TypeId, Builder>>,
}

/// The thread building an index, and the gate other threads wait at until it is built.
type Builder = (ThreadId, Arc<Mutex<()>>);

/// One file of a set: parsed, or embedded and parsed on first use. A run reads only the
/// kinds its rules' indexes ask for, so a file no index of the run needs (the 43k-row
/// vocabulary when no story has a short segment) is never parsed (#16: start-up).
enum Slot {
    Parsed(LexiconFile),
    Embedded { path: &'static str, text: &'static str, kind: &'static str, file: OnceLock<LexiconFile> },
}

impl Slot {
    fn embedded(path: &'static str, text: &'static str) -> Slot {
        Slot::Embedded { path, text, kind: header_kind(text), file: OnceLock::new() }
    }

    fn kind(&self) -> &str {
        match self {
            Slot::Parsed(f) => &f.kind,
            Slot::Embedded { kind, .. } => kind,
        }
    }

    fn file(&self) -> &LexiconFile {
        match self {
            Slot::Parsed(f) => f,
            Slot::Embedded { path, text, file, .. } => file.get_or_init(|| {
                let mut f = LexiconFile::parse_embedded(path, text).expect("embedded lexicons are valid (tests/it/lexicons.rs)");
                f.embedded = true;
                f
            }),
        }
    }
}

/// The `# lexicon: KIND` of a file's header, read without parsing the file (`""` when the
/// header has none: such a file fails to parse, which tests/it/lexicons.rs checks for every
/// embedded file).
fn header_kind(text: &str) -> &str {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map_while(|l| l.strip_prefix('#'))
        .find_map(|c| c.split_once(':').filter(|(k, _)| k.trim() == "lexicon").map(|(_, v)| v.trim()))
        .unwrap_or("")
}

impl fmt::Debug for Lexicons {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicons").field("files", &self.files.len()).finish_non_exhaustive()
    }
}

static EMBEDDED: LazyLock<Lexicons> = LazyLock::new(Lexicons::embedded_set);

impl Lexicons {
    pub fn new(files: Vec<LexiconFile>) -> Self {
        Lexicons::of_slots(files.into_iter().map(Slot::Parsed).collect())
    }

    /// A fresh set of the embedded files, each parsed on first use.
    fn embedded_set() -> Self {
        let files = embedded::files().iter().map(|&(path, text)| Slot::embedded(path, text)).collect();
        Lexicons::of_slots(files)
    }

    fn of_slots(files: Vec<Slot>) -> Self {
        Lexicons { files, cache: RwLock::new(HashMap::default()), building: Mutex::new(HashMap::default()) }
    }

    /// The lexicons compiled into the binary.
    pub fn embedded() -> &'static Lexicons {
        &EMBEDDED
    }

    /// Embedded files plus user files (read from disk), in that order. The user's files are
    /// parsed (and their errors reported) here; the embedded ones on first use.
    pub fn with_user_files<P: AsRef<Path>>(paths: &[P]) -> Result<Lexicons, LexiconError> {
        let mut set = Lexicons::embedded_set();
        let kinds: std::collections::BTreeSet<&str> = embedded::files().iter().map(|(_, text)| header_kind(text)).collect();
        for p in paths {
            let p = p.as_ref();
            let display = p.display().to_string();
            let bytes = std::fs::read(p).map_err(|e| LexiconError::at(&display, 0, 0, format!("cannot read: {e}")))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = ok.iter().filter(|&&b| b == b'\n').count() + 1;
                let start = ok.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let col = String::from_utf8_lossy(&ok[start..]).chars().count() + 1;
                LexiconError::at(&display, line, col, "invalid UTF-8; lexicon files are UTF-8 text")
            })?;
            let file = LexiconFile::parse(&display, &text)?;
            // a kind no rule reads would be ignored in silence: a typo in `# lexicon:` is an error
            if !kinds.contains(file.kind.as_str()) {
                let (line, col) = text
                    .lines()
                    .enumerate()
                    .find_map(|(i, l)| {
                        l.find(&file.kind)
                            .filter(|_| l.trim_start().starts_with('#') && l.contains("lexicon"))
                            .map(|c| (i + 1, l[..c].chars().count() + 1))
                    })
                    .unwrap_or((0, 0));
                let known: Vec<&str> = kinds.iter().copied().collect();
                return Err(LexiconError::at(
                    &display,
                    line,
                    col,
                    format!("unknown lexicon kind `{}`; kinds are: {}", file.kind, known.join(", ")),
                ));
            }
            set.files.push(Slot::Parsed(file));
        }
        Ok(set)
    }

    /// Is this the embedded set as far as `kinds` go: every embedded file, and no file of the
    /// user's of these kinds? Then an index built from these kinds alone is the one `build.rs`
    /// compiled from the embedded lexicons.
    pub(crate) fn embedded_only(&self, kinds: &[&str]) -> bool {
        self.files.len() >= embedded::files().len()
            && self.files.iter().take(embedded::files().len()).all(|f| matches!(f, Slot::Embedded { .. }))
            && self.files[embedded::files().len()..].iter().all(|f| !kinds.contains(&f.kind()))
    }

    /// Every file (each embedded one parsed, if it was not yet).
    pub fn files(&self) -> impl Iterator<Item = &LexiconFile> {
        self.files.iter().map(Slot::file)
    }

    /// Files of one kind (embedded first, then the user's).
    pub(crate) fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a LexiconFile> + 'a {
        self.files.iter().filter(move |f| f.kind() == kind).map(Slot::file)
    }

    /// The typed index `T`, built on first use and cached.
    ///
    /// One thread builds an index; another that asks for it meanwhile waits for that build
    /// instead of building it again (two story threads reaching a lazily built index at once
    /// built it twice, #16). The building thread itself never waits: a rayon job it runs while
    /// it joins inside the build may ask for the same index, and builds it then.
    pub fn index<T: LexiconIndex>(&self) -> Result<Arc<T>, LexiconError> {
        let id = TypeId::of::<T>();
        if let Some(v) = self.cached::<T>() {
            return Ok(v);
        }
        let me = std::thread::current().id();
        let gate = Arc::new(Mutex::new(()));
        let mut own = None;
        let wait = {
            let mut building = self.building.lock().unwrap_or_else(PoisonError::into_inner);
            match building.get(&id) {
                Some((owner, other)) if *owner != me => Some(other.clone()),
                Some(_) => None,
                None => {
                    // the gate is shut before other threads can see it
                    own = Some(gate.lock().unwrap_or_else(PoisonError::into_inner));
                    building.insert(id, (me, gate.clone()));
                    None
                }
            }
        };
        if let Some(other) = wait {
            drop(other.lock().unwrap_or_else(PoisonError::into_inner));
            if let Some(v) = self.cached::<T>() {
                return Ok(v);
            }
            // the other build failed: build here, and report the error here too
        }
        let built = T::build(self).map(Arc::new);
        let result = built.map(|b| {
            let mut cache = self.cache.write().unwrap_or_else(PoisonError::into_inner);
            let entry = cache.entry(id).or_insert_with(|| b as Arc<dyn Any + Send + Sync>);
            entry.clone().downcast::<T>().expect("type id matches")
        });
        if own.is_some() {
            self.building.lock().unwrap_or_else(PoisonError::into_inner).remove(&id);
        }
        drop(own);
        result
    }

    fn cached<T: LexiconIndex>(&self) -> Option<Arc<T>> {
        let cache = self.cache.read().unwrap_or_else(PoisonError::into_inner);
        cache.get(&TypeId::of::<T>()).map(|v| v.clone().downcast::<T>().expect("type id matches"))
    }
}

/// Case-insensitive then byte-wise order, the canonical row order of lexicon files.
pub fn canonical_cmp(a: &[&str], b: &[&str]) -> std::cmp::Ordering {
    let la: Vec<String> = a.iter().map(|s| s.to_lowercase()).collect();
    let lb: Vec<String> = b.iter().map(|s| s.to_lowercase()).collect();
    la.cmp(&lb).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index that takes a while to build and counts its builds.
    struct Slow;
    static SLOW_BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    impl LexiconIndex for Slow {
        fn build(_: &Lexicons) -> Result<Self, LexiconError> {
            SLOW_BUILDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(50));
            Ok(Slow)
        }
    }

    #[test]
    fn threads_asking_at_once_share_one_build() {
        let lex = Lexicons::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| lex.index::<Slow>().unwrap());
            }
        });
        assert_eq!(SLOW_BUILDS.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn line_and_field_splits_are_the_standard_ones() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "a\n\nb\n", "\tx\t\ty\t", "é\tü\n中\t", "a\r"] {
            // the parser strips a `\r` left at a line's end, as `str::lines` does before `\n`
            let cr = |l: &'static str| l.strip_suffix('\r').unwrap_or(l);
            assert_eq!(split_lines(text).map(cr).collect::<Vec<_>>(), text.lines().map(cr).collect::<Vec<_>>(), "{text:?}");
            for line in text.lines() {
                assert_eq!(split_tabs(line).collect::<Vec<_>>(), line.split('\t').collect::<Vec<_>>(), "{line:?}");
            }
        }
        for f in ["x", " x", "x ", "\u{a0}x\u{a0}", "", " ", "é", "中 "] {
            assert_eq!(trim_field(f), f.trim(), "{f:?}");
        }
    }

    #[test]
    fn parses_header_and_rows() {
        let f = LexiconFile::parse(
            "x.tsv",
            "# lexicon: confusions\n# lang: en\n# source: own\n# licence: MIT\n# columns: wrong\tright\tnote\n# key: wrong,right\nIsraeli\tIslamic\tMT\n",
        )
        .unwrap();
        assert_eq!(f.kind, "confusions");
        assert_eq!(f.key, vec![0, 1]);
        assert_eq!(f.rows[0].get(1), "Islamic");
        assert_eq!(f.rows[0].line, 7);
    }

    #[test]
    fn errors_name_path_and_line() {
        let e = LexiconFile::parse("u.tsv", "# lexicon: x\n# columns: a\nb\tc\n").unwrap_err();
        assert_eq!(e.to_string(), "u.tsv:3:3: 2 fields but only 1 columns (a)");
        let e = LexiconFile::parse("u.tsv", "a\tb\n").unwrap_err();
        assert!(e.to_string().starts_with("u.tsv:1:1:"));
        let e = LexiconFile::parse("u.tsv", "# lexicon: x\n# columns: a\tb\nab\tCafe\u{301}\n").unwrap_err();
        assert_eq!(e.to_string(), "u.tsv:3:8: text is not in Unicode NFC form");
    }

    #[test]
    fn a_duplicate_key_is_an_error() {
        let e = LexiconFile::parse("u.tsv", "# lexicon: x\n# columns: a\tb\n# key: a,b\nx\ty\nx\tz\nx\ty\n").unwrap_err();
        assert_eq!(e.to_string(), "u.tsv:6:1: duplicate key `x, y` (first on line 4)");
    }

    #[test]
    fn an_unknown_kind_in_a_user_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("house.tsv");
        std::fs::write(&p, "# lexicon: entites\n# columns: name\nAcme\n").unwrap();
        let e = Lexicons::with_user_files(&[&p]).unwrap_err();
        assert_eq!((e.line, e.column), (1, 12), "{e}");
        assert!(e.message.starts_with("unknown lexicon kind `entites`; kinds are: ") && e.message.contains("entities"), "{e}");
        std::fs::write(&p, b"# lexicon: entities\n# columns: name\nAc\xffme\n").unwrap();
        let e = Lexicons::with_user_files(&[&p]).unwrap_err();
        assert_eq!((e.line, e.column), (3, 3), "{e}");
    }
}
