//! Lexicon files: the parser of the TSV format (see `lexicons/README.md`) and its errors.
//! `build.rs` includes this file (`#[path]`) to build the indexes it compiles in from the same
//! rows the crate reads, so it uses only `std`, `rustc_hash`, `memchr` and
//! `unicode_normalization`.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fmt;

use unicode_normalization::is_nfc;

/// An error in a lexicon file, naming `path:line:column` (line and column 1-based, 0 when
/// the error has no one place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl LexiconError {
    pub fn at(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        LexiconError { path: path.to_string(), line, column, message: message.into() }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// 1-based column (in chars) of field `i` of a tab-separated line.
fn field_column(line: &str, i: usize) -> usize {
    let at = line.split('\t').take(i).map(|f| f.len() + 1).sum::<usize>().min(line.len());
    line[..at].chars().count() + 1
}

impl std::error::Error for LexiconError {}

/// The tab-separated fields of a line, split byte by byte (a tab is one byte and never inside
/// a UTF-8 sequence): `str::split('\t')` costs a char searcher per field, and the lexicons
/// have about 300,000 fields to read at start-up (#16).
pub(super) fn split_tabs(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A field without surrounding whitespace; a field that starts and ends with a visible ASCII
/// character (nearly all of them) is returned as it is, without decoding chars.
pub(super) fn trim_field(f: &str) -> &str {
    match (f.as_bytes().first(), f.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => f,
        _ => f.trim(),
    }
}

/// The lines of a text as `str::lines` gives them (a final `\n` ends the last line rather
/// than starting an empty one; a `\r` before a `\n` stays, for the caller to strip), found
/// with `memchr` rather than a char searcher per line.
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if let Some(end) = ends.next() {
            let line = &text[start..end];
            start = end + 1;
            Some(line)
        } else if start < text.len() {
            let line = &text[start..];
            start = text.len();
            Some(line)
        } else {
            None
        }
    })
}

/// One data row of a lexicon file.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line number in the file.
    pub line: usize,
    /// The fields, trimmed: borrowed from the binary for embedded files, owned for the user's.
    pub fields: Vec<Cow<'static, str>>,
}

impl Row {
    /// Field `i`, or `""` when the row is short.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).map(|f| &**f).unwrap_or("")
    }
    /// Field `i` split on `|`, empty parts dropped.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &str> {
        self.get(i).split('|').map(str::trim).filter(|s| !s.is_empty())
    }
}

/// A parsed lexicon file.
#[derive(Debug, Clone)]
pub struct LexiconFile {
    /// `lexicons/...` for embedded files, the user's path otherwise.
    pub path: String,
    pub kind: String,
    /// Language of the terms (`en`, `id`, ... or `mul`).
    pub lang: String,
    pub source: String,
    pub licence: String,
    pub columns: Vec<String>,
    /// Indexes of the key columns.
    pub key: Vec<usize>,
    pub rows: Vec<Row>,
    pub embedded: bool,
}

impl LexiconFile {
    /// Parses a lexicon file.
    pub fn parse(path: &str, text: &str) -> Result<LexiconFile, LexiconError> {
        Self::parse_with(path, text, |f| Cow::Owned(f.to_string()), true)
    }

    /// Parses a lexicon file compiled into the binary: its fields are borrowed, not copied, and
    /// the NFC and duplicate-key checks are left to tests/it/lexicons.rs, which runs
    /// [`LexiconFile::parse`] over every embedded file (#16: start-up).
    pub(crate) fn parse_embedded(path: &str, text: &'static str) -> Result<LexiconFile, LexiconError> {
        Self::parse_with(path, text, Cow::Borrowed, false)
    }

    fn parse_with<'t>(
        path: &str,
        text: &'t str,
        field: impl Fn(&'t str) -> Cow<'static, str>,
        check: bool,
    ) -> Result<LexiconFile, LexiconError> {
        let err = |line: usize, message: String| LexiconError::at(path, line, usize::from(line > 0), message);
        let err_col = |line: usize, column: usize, message: String| LexiconError::at(path, line, column, message);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut file = LexiconFile {
            path: path.to_string(),
            kind: String::new(),
            lang: "mul".into(),
            source: String::new(),
            licence: String::new(),
            columns: Vec::new(),
            key: vec![0],
            rows: Vec::new(),
            embedded: false,
        };
        let mut key_names: Option<(usize, Vec<String>)> = None;
        for (i, raw) in split_lines(text).enumerate() {
            let n = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                if !file.rows.is_empty() {
                    continue;
                }
                let comment = comment.trim_start();
                if let Some((k, v)) = comment.split_once(':') {
                    let v = v.trim();
                    match k.trim() {
                        "lexicon" => file.kind = v.to_string(),
                        "lang" => file.lang = v.to_string(),
                        "source" => {
                            if !file.source.is_empty() {
                                file.source.push(' ');
                            }
                            file.source.push_str(v);
                        }
                        "licence" | "license" => file.licence = v.to_string(),
                        "columns" => {
                            let cols = comment.split_once(':').unwrap().1;
                            file.columns = cols.split('\t').flat_map(|c| c.split_whitespace()).map(str::to_string).collect();
                        }
                        "key" => key_names = Some((n, v.split(',').map(|s| s.trim().to_string()).collect())),
                        _ => {}
                    }
                }
                continue;
            }
            if file.kind.is_empty() {
                return Err(err(n, "data before the `# lexicon: KIND` header".into()));
            }
            if file.columns.is_empty() {
                return Err(err(n, "data before the `# columns:` header".into()));
            }
            if check && !line.is_ascii() && !is_nfc(line) {
                // the first char from which the line stops being NFC
                let at = line.char_indices().map(|(i, c)| i + c.len_utf8()).find(|&end| !is_nfc(&line[..end])).unwrap_or(line.len());
                let col = line[..at].chars().count().max(1);
                return Err(err_col(n, col, "text is not in Unicode NFC form".into()));
            }
            let mut fields: Vec<Cow<'static, str>> = Vec::with_capacity(file.columns.len());
            fields.extend(split_tabs(line).map(|f| field(trim_field(f))));
            if fields.len() > file.columns.len() {
                return Err(err_col(
                    n,
                    field_column(line, file.columns.len()),
                    format!("{} fields but only {} columns ({})", fields.len(), file.columns.len(), file.columns.join(", ")),
                ));
            }
            if fields[0].is_empty() {
                return Err(err(n, format!("empty first field `{}`", file.columns[0])));
            }
            file.rows.push(Row { line: n, fields });
        }
        if file.kind.is_empty() {
            return Err(err(0, "missing `# lexicon: KIND` header".into()));
        }
        if let Some((line, names)) = key_names {
            file.key = names
                .iter()
                .map(|k| file.column(k).ok_or_else(|| err(line, format!("key column `{k}` is not in `# columns:`"))))
                .collect::<Result<_, _>>()?;
        }
        // a key given twice is an error: which of the two rows wins would be an accident
        if !check {
            return Ok(file);
        }
        let mut seen: HashMap<Vec<&str>, usize> = HashMap::with_capacity_and_hasher(file.rows.len(), Default::default());
        for row in &file.rows {
            if let Some(first) = seen.insert(file.key_of(row), row.line) {
                let key = file.key_of(row).join(", ");
                return Err(err(row.line, format!("duplicate key `{key}` (first on line {first})")));
            }
        }
        Ok(file)
    }

    /// Index of a named column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Index of a named column, or an error naming the file.
    pub(crate) fn require(&self, name: &str) -> Result<usize, LexiconError> {
        self.column(name).ok_or_else(|| LexiconError::at(&self.path, 0, 0, format!("lexicon `{}` needs a `{name}` column", self.kind)))
    }

    /// An error at a row of this file.
    pub fn error(&self, row: &Row, message: impl Into<String>) -> LexiconError {
        LexiconError::at(&self.path, row.line, 1, message)
    }

    /// The key of a row (its key columns' values).
    pub fn key_of<'a>(&self, row: &'a Row) -> Vec<&'a str> {
        self.key.iter().map(|&i| row.get(i)).collect()
    }
}
