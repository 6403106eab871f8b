//! The story model: one story's text, its sections and segments, and the map back
//! to the file it came from.
//!
//! The analysed text is never rewritten after construction; every span is a byte range
//! into [`Document::text`]. For plain text the analysed text *is* the file, so spans are
//! file offsets. Structured inputs (JSON Lines, XML, ...) assemble the text from pieces;
//! [`Document::locate`] maps a span back to the field or file position it came from.

pub mod allow;
pub(crate) mod attribution;
pub(crate) mod dateline;
pub(crate) mod facts;
pub(crate) mod gazetteer;
pub mod language;
pub(crate) mod media;
pub(crate) mod names;
pub(crate) mod places;
pub(crate) mod quotes;
pub(crate) mod segment;

use std::any::{Any, TypeId};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

pub use dateline::Dateline;
pub use segment::{Case, Script, Sentence, Token, TokenKind};

use crate::decoding::{EncodingInfo, OffsetMap};
use crate::lexicon::Lexicons;
use crate::span::{LineIndex, Span};

/// Which part of the story a span is in (vale's `scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Headline,
    Dateline,
    Body,
}

/// Metadata a structured input declares about a story.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    /// Declared language code (`en`, `id`, ...), overrides detection.
    pub language: Option<String>,
    /// Source / outlet / partner that supplied the story.
    pub source: Option<String>,
    /// Declared dateline place, when the format carries one separately.
    pub dateline: Option<String>,
    /// Format-specific extras.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// An original text a document was assembled from: the file itself, or one field.
#[derive(Debug, Clone)]
pub struct Original {
    /// `None` for the whole file; `Some("body")` for a structured field.
    pub field: Option<String>,
    pub text: Arc<str>,
    /// The line index of `text`, built on first use ([`Original::lines`]): most stories have no
    /// finding to locate (#16: an index per field of every JSON Lines record).
    lines: OnceLock<LineIndex>,
    /// JSON Lines: the 1-based line of the record in the file.
    pub record_line: Option<usize>,
}

impl Original {
    /// The whole file as the one original of a plain-text story.
    fn whole_file(text: &str) -> Original {
        Original { field: None, lines: OnceLock::new(), text: Arc::from(text), record_line: None }
    }

    /// The line index of the text.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// A run of document text that came from one original, linearly (or not, for decoded entities).
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    /// Range in the document text.
    pub text: Span,
    /// Index into [`Document::originals`].
    pub original: usize,
    /// Range in that original.
    pub source: Span,
}

/// Where a span of the document lies in its original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Structured inputs: which field the offsets refer to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// JSON Lines: the line of the story's record in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in Unicode scalar values) in the file, or in the field value.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One story, analysed.
pub struct Document {
    /// Display path of the file (`-` for stdin).
    pub path: String,
    /// Story id from a structured input.
    pub id: Option<String>,
    /// The analysed text.
    pub text: String,
    pub headline: Option<Span>,
    pub dateline: Option<Dateline>,
    pub body: Span,
    /// Paragraphs (non-empty lines / blocks) of headline and body.
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub meta: Metadata,
    /// The copy's language (declared or detected), ISO 639-1 where one exists.
    pub language: Option<&'static str>,
    /// How sure the language is: `declared`, `detected`, or `default`.
    pub language_source: &'static str,
    /// The region of a declared language tag (`MX` of `es-MX`, `419` of `es-419`), upper case;
    /// `None` when the language was detected or its tag names no region.
    pub region: Option<String>,
    pub originals: Vec<Original>,
    pub pieces: Vec<Piece>,
    /// The encoding the file was read in, when it was not UTF-8.
    pub encoding: Option<EncodingInfo>,
    /// Suppressions the story's record carries (JSON Lines `wirelint_allow`); markup comments
    /// are read from the file text when findings are filtered.
    pub allow: Vec<allow::Inline>,
    /// For a file read in a legacy encoding: decoded offsets of the whole-file original
    /// (`field == None`) mapped back to byte offsets of the file.
    file_map: Option<Arc<OffsetMap>>,
    /// The shared analyses computed, by type: a story asks for a handful, so a list read
    /// through rather than a map grown and rehashed per story (#16).
    cache: Mutex<Vec<(TypeId, Arc<dyn Any + Send + Sync>)>>,
    quotes: OnceLock<quotes::Quotes>,
    word_starts: OnceLock<Vec<usize>>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document").field("path", &self.path).field("id", &self.id).field("len", &self.text.len()).finish_non_exhaustive()
    }
}

/// A derived analysis of a document (attributions, name mentions...), computed once and shared by rules.
pub trait Analysis: Any + Send + Sync + Sized {
    fn compute(doc: &Document, lex: &Lexicons) -> Self;
}

/// Options that steer analysis.
#[derive(Debug, Clone, Default)]
pub struct AnalyseOptions {
    /// Force the copy language (ISO 639-1).
    pub language: Option<String>,
    /// Languages detection may choose from (empty = the built-in copy languages).
    pub languages: Vec<String>,
}

impl Document {
    /// A plain-text story: the text is the file. First line = headline when it is short and
    /// followed by a blank line or a dateline; a dateline prefix starts the body.
    pub fn from_text(path: impl Into<String>, text: impl Into<String>, opts: &AnalyseOptions) -> Document {
        let text: String = text.into();
        let original = Original::whole_file(&text);
        Document::plain(path.into(), original, text, opts)
    }

    /// A plain-text story whose analysed text differs from the file only by bytes blanked to
    /// spaces (suppression comments): same length, so spans are still file offsets; code frames
    /// show the file.
    pub(crate) fn from_text_masked(path: impl Into<String>, file: String, analysed: String, opts: &AnalyseOptions) -> Document {
        assert_eq!(file.len(), analysed.len(), "a mask keeps the length");
        Document::plain(path.into(), Original::whole_file(&file), analysed, opts)
    }

    /// A plain-text story: one piece covering the whole file, the headline split off by shape.
    fn plain(path: String, original: Original, analysed: String, opts: &AnalyseOptions) -> Document {
        let piece = Piece { text: Span::new(0, analysed.len()), original: 0, source: Span::new(0, analysed.len()) };
        let (headline, body) = segment::split_headline(&analysed);
        let mut doc = Document::raw(path, analysed, vec![original], vec![piece]);
        doc.headline = headline;
        doc.body = body;
        doc.analyse(opts);
        doc
    }

    /// A story assembled from pieces (structured inputs); see [`DocumentBuilder`].
    fn raw(path: String, text: String, originals: Vec<Original>, pieces: Vec<Piece>) -> Document {
        let len = text.len();
        Document {
            path,
            id: None,
            text,
            headline: None,
            dateline: None,
            body: Span::new(0, len),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            meta: Metadata::default(),
            language: None,
            language_source: "default",
            region: None,
            originals,
            pieces,
            encoding: None,
            allow: Vec::new(),
            file_map: None,
            cache: Mutex::new(Vec::new()),
            quotes: OnceLock::new(),
            word_starts: OnceLock::new(),
        }
    }

    /// Segments the text, finds the dateline and the language.
    fn analyse(&mut self, opts: &AnalyseOptions) {
        if self.dateline.is_none() {
            self.dateline = dateline::find(&self.text, self.body);
        }
        segment::segment(self);
        language::assign(self, opts);
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The body text after the dateline.
    pub(crate) fn body_after_dateline(&self) -> Span {
        match &self.dateline {
            Some(d) if d.span.end > self.body.start && d.span.end <= self.body.end => Span::new(d.span.end, self.body.end),
            _ => self.body,
        }
    }

    /// Which section a span is in.
    pub(crate) fn section_of(&self, span: Span) -> Section {
        if self.headline.is_some_and(|h| h.contains(span)) {
            Section::Headline
        } else if self.dateline.as_ref().is_some_and(|d| d.span.contains(span)) {
            Section::Dateline
        } else {
            Section::Body
        }
    }

    /// Tokens inside a span.
    pub(crate) fn tokens_in(&self, span: Span) -> &[Token] {
        let lo = self.tokens.partition_point(|t| t.span.start < span.start);
        let hi = self.tokens.partition_point(|t| t.span.end <= span.end);
        if hi < lo { &[] } else { &self.tokens[lo..hi] }
    }

    /// The sentence containing a byte offset.
    pub(crate) fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences.get(i).filter(|s| s.span.start <= offset)
    }

    /// The quotations of every paragraph, paired once on first use (see [`quotes`]).
    pub(crate) fn quotes(&self) -> &quotes::Quotes {
        self.quotes.get_or_init(|| quotes::Quotes::new(&self.text, &self.paragraphs))
    }

    /// The word starts of the text ([`crate::text::for_each_word_start`]), found once on first
    /// use: the calque and loan-phrase tries are walked from them (#16).
    pub(crate) fn word_starts(&self) -> &[usize] {
        self.word_starts.get_or_init(|| {
            let mut v = Vec::with_capacity(self.text.len() / 5);
            crate::text::for_each_word_start(&self.text, |p| v.push(p));
            v
        })
    }

    /// Is the byte offset inside a quotation in its paragraph?
    pub(crate) fn in_quotes(&self, offset: usize) -> bool {
        self.quotes().at(&self.paragraphs, offset).is_some()
    }

    /// A shared derived analysis, computed on first use.
    pub fn analysis<T: Analysis>(&self, lex: &Lexicons) -> Arc<T> {
        let id = TypeId::of::<T>();
        let cached = |cache: &[(TypeId, Arc<dyn Any + Send + Sync>)]| cache.iter().find(|(k, _)| *k == id).map(|(_, v)| v.clone());
        if let Some(v) = cached(&self.cache.lock().unwrap()) {
            return v.downcast::<T>().expect("type id matches");
        }
        let value: Arc<T> = Arc::new(T::compute(self, lex));
        let mut cache = self.cache.lock().unwrap();
        // (the first value computed is kept, as a map's entry kept it)
        if let Some(v) = cached(&cache) {
            return v.downcast::<T>().expect("type id matches");
        }
        if cache.capacity() == 0 {
            cache.reserve(8);
        }
        cache.push((id, value.clone()));
        value
    }

    /// Drops the shared analyses and the quotations and word starts found for the rules: what a
    /// renderer reads of a story (its text, fields and map back to the file) stays, and an
    /// analysis asked for again is computed again. The runner calls it on the thread that
    /// checked the story, whose allocator frees the many small blocks of the analyses locally
    /// (#16: freed on the rendering thread, each was a cross-thread free).
    pub(crate) fn release_analyses(&mut self) {
        match self.cache.get_mut() {
            Ok(cache) => cache.clear(),
            Err(poisoned) => poisoned.into_inner().clear(),
        }
        self.quotes.take();
        self.word_starts.take();
    }

    /// Maps a span of the document text to its original (file or field) position: byte
    /// offsets into the file as it is on disk (for a file read in a legacy encoding, translated
    /// back through the decoding map), or into the named field's decoded value. Line and column
    /// (columns count Unicode scalar values) are the same in the file and its decoded text.
    pub fn locate(&self, span: Span) -> Location {
        let mut loc = self.locate_text(span);
        if let (Some(map), None) = (&self.file_map, &loc.field) {
            loc.start = map.to_original(loc.start);
            loc.end = map.to_original(loc.end);
        }
        loc
    }

    /// Like [`Document::locate`], but offsets index the original's decoded text
    /// ([`Original::text`]), for code frames.
    pub fn locate_text(&self, span: Span) -> Location {
        let (oi, start) = self.map_offset(span.start, false);
        let (oj, mut end) = self.map_offset(span.end, true);
        if oj != oi || end < start {
            end = start;
        }
        let o = &self.originals[oi];
        let (l0, c0) = o.lines().line_col(&o.text, start);
        let (l1, c1) = o.lines().line_col(&o.text, end);
        Location { field: o.field.clone(), record_line: o.record_line, start, end, line: l0, column: c0, end_line: l1, end_column: c1 }
    }

    /// Records the encoding a story was read in (and, for whole files, the offset map back to
    /// the file's bytes).
    pub(crate) fn set_encoding(&mut self, info: Option<EncodingInfo>, file_map: Option<Arc<OffsetMap>>) {
        self.encoding = info;
        self.file_map = file_map;
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> (usize, usize) {
        if self.pieces.is_empty() {
            return (0, offset);
        }
        // the piece containing the offset (for an end offset, the piece containing offset-1)
        let probe = if is_end { offset.saturating_sub(1) } else { offset };
        let i = self.pieces.partition_point(|p| p.text.end <= probe).min(self.pieces.len() - 1);
        let p = &self.pieces[i];
        if probe < p.text.start {
            // in a separator between pieces: snap to the piece start
            return (p.original, p.source.start);
        }
        let linear = p.text.len() == p.source.len();
        let d = offset.saturating_sub(p.text.start);
        let pos = if linear {
            p.source.start + d.min(p.source.len())
        } else if is_end || d > 0 {
            // a decoded entity or other non-linear run: whole piece
            if is_end { p.source.end } else { p.source.start }
        } else {
            p.source.start
        };
        (p.original, pos)
    }

    /// The original text (file or field) a location refers to, for code frames.
    pub fn original_for(&self, loc: &Location) -> &Original {
        self.originals.iter().find(|o| o.field == loc.field).unwrap_or(&self.originals[0])
    }
}

/// Assembles a document from the fields or text runs of a structured input.
pub struct DocumentBuilder {
    path: String,
    text: String,
    originals: Vec<Original>,
    pieces: Vec<Piece>,
    headline: Option<Span>,
    dateline_span: Option<Span>,
    body_start: Option<usize>,
    pub id: Option<String>,
    pub meta: Metadata,
    pub allow: Vec<allow::Inline>,
}

impl DocumentBuilder {
    pub fn new(path: impl Into<String>) -> Self {
        DocumentBuilder {
            path: path.into(),
            text: String::new(),
            originals: Vec::new(),
            pieces: Vec::new(),
            headline: None,
            dateline_span: None,
            body_start: None,
            id: None,
            meta: Metadata::default(),
            allow: Vec::new(),
        }
    }

    /// Registers an original text (a field value, or the whole file); returns its index.
    pub fn original(&mut self, field: Option<&str>, text: &str, record_line: Option<usize>) -> usize {
        self.originals.push(Original { field: field.map(str::to_string), lines: OnceLock::new(), text: Arc::from(text), record_line });
        self.originals.len() - 1
    }

    /// Registers an original shared with other documents (one file holding several stories),
    /// without copying it; `lines` must be the line index of `text`.
    pub(crate) fn original_shared(&mut self, field: Option<&str>, text: Arc<str>, lines: LineIndex, record_line: Option<usize>) -> usize {
        self.originals.push(Original { field: field.map(str::to_string), lines: OnceLock::from(lines), text, record_line });
        self.originals.len() - 1
    }

    /// Appends text that is exactly `source` of original `original` (or, when lengths differ, decoded from it).
    pub fn push(&mut self, original: usize, source: Span, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        let span = Span::new(start, self.text.len());
        if !text.is_empty() {
            self.pieces.push(Piece { text: span, original, source });
        }
        span
    }

    /// Appends a whole original field verbatim.
    pub fn push_field(&mut self, original: usize) -> Span {
        let text = self.originals[original].text.clone();
        self.push(original, Span::new(0, text.len()), &text)
    }

    /// Appends separator text that maps to nothing (paragraph breaks between fields).
    pub fn separator(&mut self, sep: &str) {
        self.text.push_str(sep);
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Marks a span as the headline.
    pub fn headline(&mut self, span: Span) {
        self.headline = Some(span);
    }

    /// Marks a span as a structured dateline (its text is parsed for city/agency).
    pub fn dateline(&mut self, span: Span) {
        self.dateline_span = Some(span);
    }

    /// Marks where the body starts (everything after it is body).
    pub fn body_starts_here(&mut self) {
        self.body_start = Some(self.text.len());
    }

    pub fn finish(self, opts: &AnalyseOptions) -> Document {
        let len = self.text.len();
        let mut doc = Document::raw(self.path, self.text, self.originals, self.pieces);
        doc.id = self.id;
        doc.meta = self.meta;
        doc.allow = self.allow;
        doc.headline = self.headline;
        doc.body = Span::new(self.body_start.unwrap_or(0).min(len), len);
        if let Some(d) = self.dateline_span {
            doc.dateline = dateline::parse_structured(&doc.text, d);
        }
        let mut opts = opts.clone();
        if opts.language.is_none() {
            opts.language = doc.meta.language.clone();
        }
        doc.analyse(&opts);
        doc
    }
}

#[cfg(test)]
pub(crate) use crate::text::TestRng;

/// Texts for tests that hold a faster analysis equal to the plain one it replaced (#16): every
/// rule fixture and evaluation story, and generated text mixing ASCII with the chars the
/// analyses treat specially (apostrophes, marks, uncased and title-case letters, wide spaces,
/// terminators, joiners).
#[cfg(test)]
pub(crate) fn test_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let mut dirs = vec![root.join("tests/eval/stories")];
    if let Ok(rules) = std::fs::read_dir(root.join("tests/fixtures/rules")) {
        dirs.extend(rules.flatten().map(|e| e.path()));
    }
    dirs.sort();
    for dir in dirs {
        let Ok(files) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = files.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        texts.extend(files.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    assert!(texts.len() > 100, "the fixtures and evaluation stories are read");
    // pieces between `|`
    const PIECES: &str = concat!(
        "the |The |Der |yang |de la |l'Élysée |qu'il |dell'Italia |d’Assurance |L'|U.S. |Gen. |Mr. |J. |3.5 |28,985 |5G |2nd |",
        "COVID-19 | - | — |\n|\n\n|\r\n|\r|\t| |  |’|'|-|.|!|?|...|\"|“|”|«|»|(|)|[|]|:|;|,|é|É|İ|ı|ß|ẞ|Σ|ς|ǅ|Ǆ|Ⅻ|½|٣|",
        "\u{a0}|\u{202f}|\u{2028}|\u{3000}|\u{85}|\u{301}|\u{200b}|\u{feff}|\u{2060}|\u{ad}|\u{2010}|\u{2011}|\u{200c}|\u{200d}|",
        "\u{0}|\u{b}|\u{c}|\u{7f}|中|国|。|！|？|…|」|д|Д|ğ|ư|ả|ا|لا|가|ア|ﬁ|Ⓐ|𝐀|McDonald|iPhone|O'Neill|al-Quds|JAKARTA|Москва|",
        "Straße|ÇALIŞMA|no|Co|St|a|b|Z|7|0|x|Messrs. |MESSRS. |DÑA. |ул. |No. |approxi. |Sr. |e.g. |Ü. "
    );
    let pieces: Vec<&str> = PIECES.split('|').collect();
    // xorshift64*: the same texts on every run
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    for _ in 0..3000 {
        let n = (next() % 120) as usize;
        let mut t = String::new();
        for _ in 0..n {
            let r = next();
            if r % 4 == 0 {
                // any ASCII char, control chars included
                t.push(char::from((r >> 8) as u8 & 0x7f));
            } else {
                t.push_str(pieces[(r >> 8) as usize % pieces.len()]);
            }
        }
        texts.push(t);
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_maps_fields_back() {
        let mut b = DocumentBuilder::new("x.jsonl");
        let h = b.original(Some("headline"), "Talks in Moscow", Some(3));
        let body = b.original(Some("body"), "MOSCOW (Reuters) - Hamas said yes.", Some(3));
        let hs = b.push_field(h);
        b.headline(hs);
        b.separator("\n\n");
        b.body_starts_here();
        b.push_field(body);
        let doc = b.finish(&AnalyseOptions::default());
        let at = doc.text.find("Hamas").unwrap();
        let loc = doc.locate(Span::new(at, at + 5));
        assert_eq!(loc.field.as_deref(), Some("body"));
        assert_eq!(loc.start, "MOSCOW (Reuters) - ".len());
        assert_eq!((loc.line, loc.record_line), (1, Some(3)));
        assert!(doc.dateline.is_some());
    }
}
