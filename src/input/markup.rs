//! Shared machinery for markup inputs (NITF, NewsML-G2, HTML): a small element tree whose
//! text nodes are byte ranges of the original file, character-reference decoding, and a
//! [`TextSink`] that turns text runs into document pieces that map back to the file.
//!
//! Mapping rule: literal text maps byte for byte; a character reference (`&amp;`, `&#8217;`)
//! and a collapsed whitespace run (a newline and indentation inside a paragraph become one
//! space) are pieces of their own, so a finding that covers them maps to the whole reference.

use std::sync::Arc;

use super::InputError;
use crate::document::DocumentBuilder;
use crate::span::{LineIndex, Span};
// (re-exported: `wirelint::input::markup::decode_str` is the library's path to it)
pub use crate::text::entities::{decode_ref, decode_str};

/// A markup file held once and shared by every story read from it.
#[derive(Clone)]
pub struct Source {
    pub path: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl Source {
    pub fn new(path: &str, text: String) -> Source {
        let lines = LineIndex::new(&text);
        Source { path: path.to_string(), text: Arc::from(text), lines }
    }

    /// An input error at a byte offset of the file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> InputError {
        let (l, c) = self.lines.line_col(&self.text, offset);
        InputError::new(&self.path, Some(l), Some(c), message)
    }
}

/// Deepest element nesting accepted in XML and HTML inputs.
pub(crate) const MAX_DEPTH: usize = 256;
/// Most elements accepted in one markup file.
pub(crate) const MAX_ELEMENTS: usize = 1_000_000;

/// An element of a parsed markup file.
#[derive(Debug, Clone)]
pub struct Elem {
    /// Local name (namespace prefix dropped), lower-cased for HTML.
    pub name: Box<str>,
    /// Attributes: qualified name as written (`xml:lang`) and decoded value.
    pub attrs: Vec<(Box<str>, String)>,
    pub children: Vec<Child>,
    /// Byte offset of the start tag in the file.
    pub start: usize,
}

/// A child of an element.
#[derive(Debug, Clone, Copy)]
pub enum Child {
    Elem(usize),
    /// Raw text as written (character references still encoded).
    Text(Span),
    /// CDATA content (taken literally).
    CData(Span),
}

/// A parsed markup file: elements in document order; element 0 is a synthetic root.
#[derive(Debug, Clone)]
pub struct Tree {
    pub elems: Vec<Elem>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree { elems: vec![Elem { name: "#root".into(), attrs: Vec::new(), children: Vec::new(), start: 0 }] }
    }
}

impl Tree {
    pub(crate) fn elem(&self, i: usize) -> &Elem {
        &self.elems[i]
    }

    /// A decoded attribute by qualified or local name (case-insensitive).
    pub(crate) fn attr(&self, i: usize, name: &str) -> Option<&str> {
        self.elems[i]
            .attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name) || local(k).eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Child elements of `i`.
    pub(crate) fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.elems[i].children.iter().filter_map(|c| if let Child::Elem(e) = c { Some(*e) } else { None })
    }

    /// The first child element of `i` named `name`.
    pub fn child(&self, i: usize, name: &str) -> Option<usize> {
        self.children(i).find(|&c| self.elems[c].name.eq_ignore_ascii_case(name))
    }

    /// All elements named `name` below `i` (pre-order, not descending into matches).
    pub(crate) fn find_all(&self, i: usize, name: &str, out: &mut Vec<usize>) {
        for c in self.children(i) {
            if self.elems[c].name.eq_ignore_ascii_case(name) {
                out.push(c);
            } else {
                self.find_all(c, name, out);
            }
        }
    }

    /// The first element named `name` below `i` (pre-order).
    pub fn find(&self, i: usize, name: &str) -> Option<usize> {
        for c in self.children(i) {
            if self.elems[c].name.eq_ignore_ascii_case(name) {
                return Some(c);
            }
            if let Some(f) = self.find(c, name) {
                return Some(f);
            }
        }
        None
    }

    /// The decoded text of an element, whitespace collapsed (for metadata, not for mapping).
    pub(crate) fn plain_text(&self, src: &str, i: usize) -> String {
        let mut s = String::new();
        self.collect_text(src, i, &mut s);
        collapse(&s)
    }

    fn collect_text(&self, src: &str, i: usize, out: &mut String) {
        for c in &self.elems[i].children {
            match *c {
                Child::Elem(e) => {
                    out.push(' ');
                    self.collect_text(src, e, out);
                }
                Child::Text(s) => out.push_str(&decode_str(s.of(src))),
                Child::CData(s) => out.push_str(s.of(src)),
            }
        }
    }
}

/// The local part of a qualified name.
pub fn local(name: &str) -> &str {
    name.rsplit_once(':').map(|(_, l)| l).unwrap_or(name)
}

fn collapse(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Para,
}

/// Writes the text of markup into a [`DocumentBuilder`], collapsing whitespace the way a
/// browser renders it and keeping paragraph structure (blocks become lines separated by a
/// blank line; `<br>` a line break).
pub struct TextSink<'a> {
    pub b: &'a mut DocumentBuilder,
    orig: usize,
    src: Arc<str>,
    /// Whitespace seen inside the current paragraph, not yet written.
    space: Option<Span>,
    /// Text written in the current paragraph.
    in_para: bool,
    brk: Break,
    /// Anything written since the last [`TextSink::reset`].
    written: bool,
}

impl<'a> TextSink<'a> {
    pub fn new(b: &'a mut DocumentBuilder, orig: usize, src: Arc<str>) -> Self {
        TextSink { b, orig, src, space: None, in_para: false, brk: Break::None, written: false }
    }

    /// Ends the current paragraph.
    pub fn block(&mut self) {
        if self.in_para || self.brk == Break::Line {
            self.brk = Break::Para;
        }
        self.in_para = false;
        self.space = None;
    }

    /// A line break (`<br>`).
    pub fn line(&mut self) {
        if self.in_para {
            self.brk = self.brk.max(Break::Line);
        }
        self.in_para = false;
        self.space = None;
    }

    /// Forgets pending breaks: the next text starts a new section the caller has separated.
    pub(crate) fn reset(&mut self) {
        self.in_para = false;
        self.space = None;
        self.brk = Break::None;
        self.written = false;
    }

    /// Whether any text was written since the last reset.
    pub fn written(&self) -> bool {
        self.written
    }

    fn flush(&mut self) {
        if self.written && self.brk != Break::None {
            self.b.separator(if self.brk == Break::Para { "\n\n" } else { "\n" });
        } else if let Some(sp) = self.space.filter(|_| self.in_para) {
            // a single space maps linearly; a longer run (newline + indentation) as a whole
            self.b.push(self.orig, sp, " ");
        }
        self.brk = Break::None;
        self.space = None;
        self.in_para = true;
        self.written = true;
    }

    /// Writes raw text `span` of the original, decoding character references when `decode`.
    pub fn text(&mut self, span: Span, decode: bool) {
        let src = self.src.clone();
        let s = span.of(&src);
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut lit = 0; // start of the pending literal run
        while i < bytes.len() {
            let c = bytes[i];
            if c.is_ascii_whitespace() {
                self.literal(span.start + lit, span.start + i);
                let ws = bytes[i..].iter().take_while(|c| c.is_ascii_whitespace()).count();
                if self.in_para && self.space.is_none() {
                    self.space = Some(Span::new(span.start + i, span.start + i + ws));
                }
                i += ws;
                lit = i;
            } else if c == b'&' && decode {
                if let Some((ch, len)) = decode_ref(&s[i..]) {
                    self.literal(span.start + lit, span.start + i);
                    let mut buf = [0u8; 4];
                    let t = ch.encode_utf8(&mut buf);
                    self.flush();
                    self.b.push(self.orig, Span::new(span.start + i, span.start + i + len), t);
                    i += len;
                    lit = i;
                } else {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        self.literal(span.start + lit, span.start + bytes.len());
    }

    fn literal(&mut self, start: usize, end: usize) {
        if end > start {
            self.flush();
            let src = self.src.clone();
            self.b.push(self.orig, Span::new(start, end), &src[start..end]);
        }
    }

    /// Writes a decoded value whose source is `span` (attribute values): linear when the
    /// value is written exactly as in the source, one piece otherwise.
    pub fn value(&mut self, span: Span, value: &str) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        if span.of(&self.src) == value {
            let lead = value.len() - value.trim_start().len();
            // collapse whitespace the same way text does
            self.text(Span::new(span.start + lead, span.start + lead + v.len()), false);
        } else {
            self.flush();
            self.b.push(self.orig, span, &collapse(v));
        }
    }
}

/// How to walk an element tree into text.
pub struct WalkRules {
    /// Elements that end a paragraph.
    pub blocks: &'static [&'static str],
    /// Elements whose content is not story text.
    pub skip: &'static [&'static str],
    /// Whether text nodes carry character references (always, for XML and HTML).
    pub decode: bool,
}

/// Block-level elements of NITF, XHTML and HTML.
pub(crate) const BLOCKS: &[&str] = &[
    "address",
    "article",
    "block",
    "blockquote",
    "body",
    "body.content",
    "bq",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hl1",
    "hl2",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

impl WalkRules {
    fn is_block(&self, name: &str) -> bool {
        self.blocks.iter().any(|b| b.eq_ignore_ascii_case(name))
    }
    fn is_skipped(&self, name: &str) -> bool {
        self.skip.iter().any(|b| b.eq_ignore_ascii_case(name))
    }
}

/// Writes the text below element `i` into the sink; `omit` elements (and `skip` names, and
/// anything `hidden`) are left out.
pub fn walk(tree: &Tree, i: usize, rules: &WalkRules, omit: &[usize], sink: &mut TextSink<'_>) {
    for c in &tree.elems[i].children {
        match *c {
            Child::Text(s) => sink.text(s, rules.decode),
            Child::CData(s) => sink.text(s, false),
            Child::Elem(e) => {
                let name = &*tree.elems[e].name;
                if omit.contains(&e) || rules.is_skipped(name) || is_hidden(tree, e) {
                    continue;
                }
                if name.eq_ignore_ascii_case("br") {
                    sink.line();
                    continue;
                }
                let block = rules.is_block(name);
                if block {
                    sink.block();
                }
                walk(tree, e, rules, omit, sink);
                if block {
                    sink.block();
                }
            }
        }
    }
}

/// Elements a reader would not see: `hidden`, `aria-hidden="true"`, or landmark roles
/// that are not the story (navigation, banner, footer, sidebars).
fn is_hidden(tree: &Tree, e: usize) -> bool {
    tree.elems[e].attrs.iter().any(|(k, v)| match &**k {
        "hidden" => true,
        "aria-hidden" => v.eq_ignore_ascii_case("true"),
        "role" => matches!(v.to_ascii_lowercase().as_str(), "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "dialog"),
        _ => false,
    })
}

/// The number of text bytes below `i`, skipping what `walk` would skip (to choose the main article).
pub(crate) fn text_weight(tree: &Tree, src: &str, i: usize, rules: &WalkRules) -> usize {
    let mut n = 0;
    for c in &tree.elems[i].children {
        match *c {
            Child::Text(s) | Child::CData(s) => n += s.of(src).trim().len(),
            Child::Elem(e) => {
                if !rules.is_skipped(&tree.elems[e].name) && !is_hidden(tree, e) {
                    n += text_weight(tree, src, e, rules);
                }
            }
        }
    }
    n
}

/// A language tag worth passing on (`en`, `id-ID`, `pt_BR`), or `None` for anything else.
pub(crate) fn language_tag(s: &str) -> Option<String> {
    let s = s.trim();
    let primary = s.split(['-', '_']).next()?;
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()) && s.len() <= 35;
    ok.then(|| s.to_string())
}

/// The parts of one story in a markup tree.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    /// Element whose text is the headline.
    pub headline: Option<usize>,
    /// Or a headline given as an attribute value (`og:title`): its span in the file and decoded value.
    pub headline_value: Option<(Span, String)>,
    /// Element whose text is a structured dateline (`<dateline>`).
    pub dateline: Option<usize>,
    /// Elements whose content is the body, in order.
    pub body: Vec<usize>,
    /// Body elements holding plain text (NewsML-G2 `inlineData`): one paragraph per line.
    pub plain_body: bool,
    /// Elements left out of the body (a headline `<h1>` already used).
    pub omit: Vec<usize>,
}

/// Writes a story's headline, dateline and body into `b` (whose original `orig` is the file).
pub(crate) fn assemble(
    mut b: DocumentBuilder,
    orig: usize,
    src: &Arc<str>,
    tree: &Tree,
    parts: &Parts,
    rules: &WalkRules,
    opts: &crate::document::AnalyseOptions,
) -> crate::document::Document {
    let mut sink = TextSink::new(&mut b, orig, src.clone());
    if parts.headline.is_some() || parts.headline_value.is_some() {
        let start = sink.b.len();
        match (parts.headline, &parts.headline_value) {
            (Some(h), _) => walk(tree, h, rules, &[], &mut sink),
            (None, Some((span, value))) => sink.value(*span, value),
            (None, None) => {}
        }
        if sink.written() {
            let span = Span::new(start, sink.b.len());
            sink.b.headline(span);
            sink.b.separator("\n\n");
        }
        sink.reset();
    }
    sink.b.body_starts_here();
    if let Some(d) = parts.dateline {
        let plain = tree.plain_text(src, d);
        let city = plain.split([',', '(', '-', '–', '—']).next().unwrap_or("").trim().to_lowercase();
        let body_opening: String = parts.body.iter().map(|&e| tree.plain_text(src, e)).find(|t| !t.is_empty()).unwrap_or_default();
        // many feeds repeat the dateline at the start of the first paragraph: use that one
        let repeated = !city.is_empty() && body_opening.to_lowercase().starts_with(&city);
        if !plain.is_empty() {
            sink.b.meta.dateline = Some(plain);
        }
        if !repeated {
            let start = sink.b.len();
            walk(tree, d, rules, &[], &mut sink);
            if sink.written() {
                let span = Span::new(start, sink.b.len());
                sink.b.dateline(span);
                sink.b.separator(" ");
            }
            sink.reset();
        }
    }
    for &e in &parts.body {
        if parts.plain_body {
            plain_lines(tree, e, &mut sink);
        } else {
            walk(tree, e, rules, &parts.omit, &mut sink);
        }
        sink.block();
    }
    b.finish(opts)
}

/// Plain text content: every line is a paragraph.
fn plain_lines(tree: &Tree, i: usize, sink: &mut TextSink<'_>) {
    for c in &tree.elems[i].children {
        let (span, decode) = match *c {
            Child::Text(s) => (s, true),
            Child::CData(s) => (s, false),
            Child::Elem(_) => continue,
        };
        let src = sink.src.clone();
        let mut pos = span.start;
        for line in span.of(&src).split('\n') {
            sink.text(Span::new(pos, pos + line.len()), decode);
            // a character reference never spans a line, so splitting first is safe
            if pos + line.len() < span.end {
                sink.line();
                if line.trim().is_empty() {
                    sink.block();
                }
            }
            pos += line.len() + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert_eq!(language_tag(" id-ID ").as_deref(), Some("id-ID"));
        assert_eq!(language_tag("english please"), None);
        assert_eq!(language_tag(""), None);
    }
}
