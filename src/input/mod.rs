//! Reading stories: plain text (`.txt`, `.md`), JSON Lines (`.jsonl`, `.ndjson`), NITF and
//! NewsML-G2 (`.xml`, `.nitf`, `.newsml`), ninjs (`.json`), HTML (`.html`, `.htm`), stdin.
//!
//! A reader turns one input into zero or more [`Document`]s, or [`InputError`]s that name
//! the file and the place; one bad record never stops the others.

pub mod encoding;
pub(crate) mod html;
pub(crate) mod jsonl;
pub mod markup;
pub(crate) mod newsml;
pub(crate) mod ninjs;
pub(crate) mod nitf;
pub(crate) mod xml;

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::Serialize;

pub use self::jsonl::JsonlFields;

use crate::document::{AnalyseOptions, Document};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text story (headline, dateline and body heuristics).
    Text,
    /// One JSON story object per line.
    Jsonl,
    /// IPTC NITF 3.x XML (an XML file is read as NITF or NewsML-G2 by its root element).
    Nitf,
    /// IPTC NewsML-G2 XML: a newsItem, or a newsMessage of several.
    Newsml,
    /// IPTC ninjs 1.x/2.x JSON: one object or an array of them.
    Ninjs,
    /// An HTML page (the article text) or fragment.
    Html,
}

impl InputFormat {
    /// The format by its name (`text`, `jsonl`, `nitf`, `newsml`, `ninjs`, `html`), ASCII case
    /// ignored, as `--input-format` reads it.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        [InputFormat::Text, InputFormat::Jsonl, InputFormat::Nitf, InputFormat::Newsml, InputFormat::Ninjs, InputFormat::Html]
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format's name, as [`InputFormat::from_name`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Nitf => "nitf",
            InputFormat::Newsml => "newsml",
            InputFormat::Ninjs => "ninjs",
            InputFormat::Html => "html",
        }
    }

    /// The format for a path by extension; `None` when the file is not a story file.
    pub fn for_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "text" => Some(InputFormat::Text),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "xml" | "nitf" => Some(InputFormat::Nitf),
            "newsml" => Some(InputFormat::Newsml),
            "json" => Some(InputFormat::Ninjs),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            _ => None,
        }
    }

    /// Guesses from content (stdin): `<` opens markup (NITF, NewsML-G2 or HTML by the first
    /// element), `[` a ninjs array, `{` JSON Lines unless the first record reads as ninjs
    /// (or spans several lines); anything else is plain text.
    pub fn sniff(bytes: &[u8]) -> InputFormat {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let Some(at) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else { return InputFormat::Text };
        let rest = &bytes[at..];
        match rest[0] {
            b'[' => InputFormat::Ninjs,
            b'{' => {
                // a record's bytes read leniently: invalid UTF-8 in the first record is that
                // record's error, not a reason to read the whole stream as one ninjs document
                let object = |line: &[u8]| match serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(line)) {
                    Ok(serde_json::Value::Object(o)) => Some(o),
                    _ => None,
                };
                let mut lines = rest.split(|&b| b == b'\n');
                match object(lines.next().unwrap_or(rest)) {
                    Some(o) if !["body_text", "body_html", "bodies", "headlines"].iter().any(|k| o.contains_key(*k)) => InputFormat::Jsonl,
                    Some(_) => InputFormat::Ninjs,
                    // a first line that is no JSON object (a broken record, or the first line of
                    // a pretty-printed ninjs object): JSON Lines when one of the next lines is a
                    // whole JSON object of its own, not indented (as nested objects are)
                    None => {
                        let later = lines.filter(|l| l.first() == Some(&b'{')).take(8);
                        if later.into_iter().find_map(object).is_some() { InputFormat::Jsonl } else { InputFormat::Ninjs }
                    }
                }
            }
            b'<' => sniff_markup(&rest[..rest.len().min(16 * 1024)]),
            _ => InputFormat::Text,
        }
    }
}

/// The markup format of a file head, by its first element.
fn sniff_markup(head: &[u8]) -> InputFormat {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!doctype html") {
            return InputFormat::Html;
        }
        if rest.starts_with(['?', '!']) {
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')).collect();
        let local = name.rsplit(':').next().unwrap_or("");
        return match local {
            "nitf" => InputFormat::Nitf,
            "newsitem" | "newsmessage" | "packageitem" | "knowledgeitem" | "conceptitem" | "planningitem" => InputFormat::Newsml,
            _ => InputFormat::Html,
        };
    }
    InputFormat::Html
}

/// An input that could not be read, with the place it went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
    /// The file is well-formed JSON or XML but holds no story of any kind (a `package.json`,
    /// a `pom.xml`): a folder walk passes over it (and counts it); named on the command line
    /// it is an error like any other.
    #[serde(skip)]
    pub not_a_story: bool,
}

impl InputError {
    pub fn new(path: &str, line: Option<usize>, column: Option<usize>, message: impl Into<String>) -> Self {
        InputError { path: path.to_string(), line, column, message: message.into(), not_a_story: false }
    }

    /// This error, marked as "not a story" (see [`InputError::not_a_story`]).
    pub(crate) fn not_a_story(mut self) -> Self {
        self.not_a_story = true;
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force a format instead of choosing by extension / content.
    pub format: Option<InputFormat>,
    pub fields: JsonlFields,
    pub analyse: AnalyseOptions,
    /// How to choose each file's character encoding (`--encoding`).
    pub encoding: encoding::EncodingChoice,
    /// Largest input read whole as one unit: a story file, one JSON Lines record, stdin that
    /// is not JSON Lines (`--max-story-bytes`, `max-story-bytes` in wirelint.toml). Above it the
    /// input is one error and is never held in memory.
    pub max_story_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            fields: JsonlFields::default(),
            analyse: AnalyseOptions::default(),
            encoding: encoding::EncodingChoice::default(),
            max_story_bytes: DEFAULT_MAX_STORY_BYTES,
        }
    }
}

/// The default of [`ReadOptions::max_story_bytes`]: 8 MiB, far above any real story (a long
/// wire story is 10-50 KB) and a bound on the memory one story can take (about 40 times its
/// size while it is analysed).
pub const DEFAULT_MAX_STORY_BYTES: usize = 8 * 1024 * 1024;

/// The error of an input over [`ReadOptions::max_story_bytes`]; `size` when it is known.
pub fn too_large(path: &str, line: Option<usize>, size: Option<u64>, limit: usize) -> InputError {
    let what = if line.is_some() { "record" } else { "story" };
    let size = size.map_or_else(String::new, |n| format!("{n} bytes, "));
    InputError::new(
        path,
        line,
        None,
        format!(
            "{what} is {size}over the limit of {limit} bytes for one story; not read (raise it with --max-story-bytes or max-story-bytes in wirelint.toml)"
        ),
    )
}

/// Decodes bytes as UTF-8, or reports where they are not.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let b = e.as_bytes();
        let line = b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        let col =
            String::from_utf8_lossy(&b[b[..at].iter().rposition(|&c| c == b'\n').map(|i| i + 1).unwrap_or(0)..at]).chars().count() + 1;
        InputError::new(path, Some(line), Some(col), format!("invalid UTF-8 (byte offset {at}); convert the file to UTF-8"))
    })
}

/// Reads one path (`-` = stdin) and hands each story or error to `sink`, in input order.
pub fn read_path(path: &Path, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let display = if path == Path::new("-") { "-".to_string() } else { path.display().to_string() };
    if display == "-" {
        let mut buf = Vec::new();
        if let Err(e) = std::io::stdin().lock().take(opts.max_story_bytes as u64 + 1).read_to_end(&mut buf) {
            sink(Err(InputError::new("-", None, None, format!("cannot read stdin: {e}"))));
            return;
        }
        if buf.len() > opts.max_story_bytes {
            return sink(Err(too_large("-", None, None, opts.max_story_bytes)));
        }
        let fmt = opts.format.unwrap_or_else(|| InputFormat::sniff(&buf));
        return read_bytes(&display, fmt, buf, opts, sink);
    }
    let fmt = opts.format.or_else(|| InputFormat::for_path(path)).unwrap_or(InputFormat::Text);
    if fmt == InputFormat::Jsonl {
        match std::fs::File::open(path) {
            Ok(f) => jsonl::read_stream(&display, std::io::BufReader::new(f), opts, sink),
            Err(e) => sink(Err(InputError::new(&display, None, None, format!("cannot open: {e}")))),
        }
        return;
    }
    match std::fs::metadata(path) {
        Ok(m) if m.len() > opts.max_story_bytes as u64 => {
            return sink(Err(too_large(&display, None, Some(m.len()), opts.max_story_bytes)));
        }
        Err(e) => {
            sink(Err(InputError::new(&display, None, None, format!("cannot read: {e}"))));
            return;
        }
        _ => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&display, fmt, bytes, opts, sink),
        Err(e) => sink(Err(InputError::new(&display, None, None, format!("cannot read: {e}")))),
    }
}

/// A plain-text (or Markdown) story; `<!-- wirelint-allow ... -->` comments are blanked in the
/// analysed text, so they are never read as a headline or a paragraph.
pub fn text_document(path: &str, text: String, opts: &AnalyseOptions) -> Document {
    let comments = crate::document::allow::scan_comments(&text);
    if comments.is_empty() {
        return Document::from_text(path, text, opts);
    }
    let analysed = crate::document::allow::mask_comments(&text, &comments);
    Document::from_text_masked(path, text, analysed, opts)
}

/// Reads stories from bytes already in memory.
pub fn read_bytes(path: &str, fmt: InputFormat, bytes: Vec<u8>, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    if fmt == InputFormat::Jsonl {
        return jsonl::read_stream(path, std::io::Cursor::new(bytes), opts, sink);
    }
    let markup = matches!(fmt, InputFormat::Nitf | InputFormat::Newsml | InputFormat::Html);
    let decoded = match encoding::decode_file(path, bytes, opts.encoding, markup) {
        Ok(d) => d,
        Err(e) => return sink(Err(e)),
    };
    let encoding::Decoded { text, info, map } = decoded;
    // a file read in a legacy encoding: every story from it carries the encoding and the map
    // from decoded offsets back to the file's bytes
    let map = map.map(std::sync::Arc::new);
    let mut sink = |r: Result<Document, InputError>| {
        sink(r.map(|mut doc| {
            if info.is_some() {
                doc.set_encoding(info.clone(), map.clone());
            }
            doc
        }));
    };
    match fmt {
        InputFormat::Text => sink(Ok(text_document(path, text, &opts.analyse))),
        InputFormat::Jsonl => unreachable!("handled above"),
        InputFormat::Nitf | InputFormat::Newsml => read_xml(path, text, opts, &mut sink),
        InputFormat::Html => html::read(path, text, opts, &mut sink),
        InputFormat::Ninjs => ninjs::read(path, &text, opts, &mut sink),
    }
}

/// Reads an XML story file: NITF or NewsML-G2, chosen by the root element.
fn read_xml(path: &str, text: String, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let src = markup::Source::new(path, text);
    let tree = match xml::parse(&src) {
        Ok(t) => t,
        Err(e) => return sink(Err(e)),
    };
    let root = tree.children(0).next().expect("parse checks a root");
    let name = &*tree.elem(root).name;
    if name.eq_ignore_ascii_case("nitf") {
        sink(Ok(nitf::story(&src, &tree, root, opts)));
    } else if newsml::is_root(name) {
        newsml::read(&src, &tree, root, opts, sink);
    } else if name.eq_ignore_ascii_case("html") {
        html::read(path, src.text.to_string(), opts, sink);
    } else {
        sink(Err(src
            .error_at(
                tree.elem(root).start,
                format!("XML root <{name}> is neither NITF (<nitf>) nor NewsML-G2 (<newsItem>, <newsMessage>)"),
            )
            .not_a_story()));
    }
}
