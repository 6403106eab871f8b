//! HTML articles: the story text of a web page (html5gum tokenizer + a small tree builder).
//!
//! The story root is the first `[itemprop~=articleBody]`, else the `<article>` with the most
//! text, else `<main>` / `[role=main]`, else `<body>`. Inside it, scripts, styles, navigation,
//! headers, footers, asides, forms, figures and hidden elements are dropped; blocks (`p`, `div`,
//! `li`, `h2`...) become paragraphs and `<br>` a line break. Headline: the root's first `<h1>`,
//! else `og:title`, else `<title>`. Language from `<html lang>` (else `og:locale`,
//! `content-language`), source from `og:site_name`, id from the canonical link (else `og:url`).
//!
//! Text maps back to the file byte for byte; character references and collapsed whitespace
//! map as whole pieces.

use std::sync::Arc;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::markup::{self, Child, Elem, MAX_DEPTH, MAX_ELEMENTS, Parts, Source, TextSink, Tree, WalkRules};
use super::{InputError, ReadOptions};
use crate::document::{Document, DocumentBuilder};
use crate::span::Span;

/// How page text is walked.
pub static RULES: WalkRules = WalkRules {
    blocks: markup::BLOCKS,
    skip: &[
        "aside", "audio", "button", "canvas", "dialog", "figure", "footer", "form", "head", "header", "iframe", "input", "label", "math",
        "menu", "nav", "noscript", "object", "option", "script", "select", "style", "svg", "template", "textarea", "title", "video",
    ],
    decode: true,
};

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"];
/// Start tags that close an open `<p>` (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];
/// Elements an implied end tag search does not cross.
const SCOPE: &[&str] =
    &["html", "body", "table", "td", "th", "caption", "button", "template", "object", "article", "section", "div", "main"];

/// Page metadata found while parsing.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub lang: Option<String>,
    pub site_name: Option<String>,
    /// `og:title` content and the span of its value in the file.
    pub og_title: Option<(Span, String)>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    pub og_locale: Option<String>,
    pub content_language: Option<String>,
    pub title: Option<usize>,
}

/// Builds the element tree of an HTML document or fragment.
pub fn parse(text: &str) -> Result<(Tree, PageMeta), (usize, String)> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut tree = Tree::default();
    let mut meta = PageMeta::default();
    let mut stack: Vec<usize> = vec![0];
    let tokenized = break_attribute_chains(text);
    for token in Tokenizer::new_with_emitter(&*tokenized, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if CLOSES_P.contains(&name.as_str()) {
                    close_implied(&tree, &mut stack, &["p"], &[]);
                }
                match name.as_str() {
                    "li" => close_implied(&tree, &mut stack, &["li"], &["ul", "ol"]),
                    "dd" | "dt" => close_implied(&tree, &mut stack, &["dd", "dt"], &["dl"]),
                    _ => {}
                }
                if tree.elems.len() >= MAX_ELEMENTS {
                    return Err((tag.span.start, format!("more than {MAX_ELEMENTS} elements")));
                }
                let attrs: Vec<(Box<str>, String)> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (Box::from(String::from_utf8_lossy(k).to_ascii_lowercase()), String::from_utf8_lossy(&v.value).into_owned())
                    })
                    .collect();
                let top = *stack.last().expect("root stays");
                tree.elems.push(Elem { name: name.clone().into(), attrs, children: Vec::new(), start: tag.span.start });
                let i = tree.elems.len() - 1;
                tree.elems[top].children.push(Child::Elem(i));
                page_meta(&tree, i, &tag, &mut meta);
                if !VOID.contains(&name.as_str()) && !tag.self_closing && stack.len() <= MAX_DEPTH {
                    stack.push(i);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if let Some(k) = stack.iter().rposition(|&e| *tree.elems[e].name == *name).filter(|&k| k > 0) {
                    stack.truncate(k);
                }
            }
            Token::String(s) => {
                let top = *stack.last().expect("root stays");
                if top != 0 && s.span.end > s.span.start {
                    tree.elems[top].children.push(Child::Text(Span::new(s.span.start, s.span.end)));
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    Ok((tree, meta))
}

/// Attributes of one tag (`name="value"` followed by white space) after which the tokenizer's
/// chain of calls is broken; see [`break_attribute_chains`].
const ATTRIBUTE_CHAIN: usize = 16;

/// html5gum 0.9 goes from one `name="value"` attribute to the next by a direct call from state to
/// state, so a tag with thousands of attributes overflows the stack (the process aborts, no
/// panic to catch). The tokenizer is handed a copy of the text where, in a tag, every
/// [`ATTRIBUTE_CHAIN`]th white space after a double-quoted value is a `/`: the tokenizer reads
/// `a="1"/b="2"` as `a="1" b="2"` (an unexpected solidus is dropped), but returns to its loop
/// there. Same length, same bytes elsewhere: every span of the copy is a span of the text.
/// A white space followed by `>` is left alone (`a="1"/>` would be a self-closing tag).
fn break_attribute_chains(text: &str) -> std::borrow::Cow<'_, str> {
    #[derive(Clone, Copy)]
    enum St {
        BeforeName,
        Name,
        AfterName,
        SelfClosing,
        BeforeValue,
        Quoted(u8),
        Unquoted,
        AfterQuoted,
    }
    const RAW: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"iframe", b"xmp", b"noembed", b"noframe", b"noscript"];
    let ws = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0C' | b' ');
    let b = text.as_bytes();
    let n = b.len();
    let mut out: Option<Vec<u8>> = None;
    // the raw-text element being read (its content is text up to its end tag)
    let mut raw: Option<Vec<u8>> = None;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        i += p + 1;
        if let Some(name) = &raw {
            let at = i + 1 + name.len();
            let ends = b.get(i) == Some(&b'/')
                && b.get(i + 1..at).is_some_and(|t| t.eq_ignore_ascii_case(name))
                && b.get(at).is_none_or(|&c| ws(c) || c == b'/' || c == b'>');
            if !ends {
                continue;
            }
            raw = None;
        }
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i + 3..], b"-->").map_or(n, |k| i + 3 + k + 3);
            continue;
        }
        if matches!(b.get(i), Some(b'!' | b'?')) {
            i = memchr::memchr(b'>', &b[i..]).map_or(n, |k| i + k + 1);
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_at = if end_tag { i + 1 } else { i };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        i = name_at;
        while i < n && !ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = b[name_at..i].to_ascii_lowercase();
        let mut chain = 0;
        let mut st = St::BeforeName;
        while let Some(&c) = b.get(i) {
            match st {
                St::BeforeName if ws(c) => i += 1,
                St::BeforeName if c == b'/' || c == b'>' => st = St::AfterName,
                St::BeforeName if c == b'=' => (i, st) = (i + 1, St::Name),
                St::BeforeName => st = St::Name,
                St::Name if ws(c) || c == b'/' || c == b'>' => st = St::AfterName,
                St::Name if c == b'=' => (i, st) = (i + 1, St::BeforeValue),
                St::Name => i += 1,
                St::AfterName if ws(c) => i += 1,
                St::AfterName if c == b'/' => (i, st) = (i + 1, St::SelfClosing),
                St::AfterName if c == b'=' => (i, st) = (i + 1, St::BeforeValue),
                St::AfterName if c == b'>' => break,
                St::AfterName => st = St::Name,
                St::SelfClosing if c == b'>' => break,
                St::SelfClosing => st = St::BeforeName,
                St::BeforeValue if ws(c) => i += 1,
                St::BeforeValue if c == b'"' || c == b'\'' => (i, st) = (i + 1, St::Quoted(c)),
                St::BeforeValue if c == b'>' => break,
                St::BeforeValue => st = St::Unquoted,
                St::Quoted(q) => {
                    // a single-quoted value returns to the tokenizer's loop: the chain starts again
                    chain = if q == b'"' { chain + 1 } else { 0 };
                    i = memchr::memchr(q, &b[i..]).map_or(n, |k| i + k + 1);
                    st = St::AfterQuoted;
                }
                St::Unquoted if ws(c) => (i, st, chain) = (i + 1, St::BeforeName, 0),
                St::Unquoted if c == b'>' => break,
                St::Unquoted => i += 1,
                St::AfterQuoted => {
                    if ws(c) && chain >= ATTRIBUTE_CHAIN && b.get(i + 1) != Some(&b'>') {
                        out.get_or_insert_with(|| b.to_vec())[i] = b'/';
                        chain = 0;
                    }
                    st = St::BeforeName;
                }
            }
        }
        if !end_tag && RAW.contains(&name.as_slice()) {
            raw = Some(name);
        }
    }
    match out {
        // only ASCII white space was replaced, by ASCII
        Some(v) => std::borrow::Cow::Owned(String::from_utf8(v).expect("still UTF-8")),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// Pops an open `names` element (an implied end tag), not crossing `scope` or `extra_scope`.
fn close_implied(tree: &Tree, stack: &mut Vec<usize>, names: &[&str], extra_scope: &[&str]) {
    for k in (1..stack.len()).rev() {
        let n = &*tree.elems[stack[k]].name;
        if names.contains(&n) {
            stack.truncate(k);
            return;
        }
        if SCOPE.contains(&n) || extra_scope.contains(&n) {
            return;
        }
    }
}

fn page_meta(tree: &Tree, i: usize, tag: &html5gum::StartTag<usize>, meta: &mut PageMeta) {
    let attr = |k: &str| tree.attr(i, k).map(str::trim).filter(|v| !v.is_empty());
    match &*tree.elems[i].name {
        "html" => meta.lang = attr("lang").or_else(|| attr("xml:lang")).map(str::to_string),
        "title" if meta.title.is_none() => meta.title = Some(i),
        "link" if attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical"))) => {
            meta.canonical = attr("href").map(str::to_string);
        }
        "meta" => {
            let key = attr("property").or_else(|| attr("name")).or_else(|| attr("http-equiv")).unwrap_or("").to_ascii_lowercase();
            let Some(content) = attr("content") else { return };
            match key.as_str() {
                "og:site_name" => meta.site_name = Some(content.to_string()),
                "og:url" => meta.og_url = Some(content.to_string()),
                "og:locale" => meta.og_locale = Some(content.to_string()),
                "content-language" => meta.content_language = Some(content.to_string()),
                "og:title" => {
                    let span = tag.attributes.get(b"content".as_slice()).map(|v| Span::new(v.span.start, v.span.end));
                    if let Some(span) = span {
                        meta.og_title = Some((span, tree.attr(i, "content").unwrap_or("").to_string()));
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// The element holding the story: `[itemprop~=articleBody]`, the `<article>` with the most
/// text, `<main>`, `<body>`, or the whole fragment.
pub fn story_root(tree: &Tree, src: &str) -> usize {
    if let Some(i) = (1..tree.elems.len())
        .find(|&i| tree.attr(i, "itemprop").is_some_and(|v| v.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("articleBody"))))
    {
        return i;
    }
    let mut articles = Vec::new();
    tree.find_all(0, "article", &mut articles);
    if let Some(best) = articles
        .iter()
        .copied()
        .map(|a| (markup::text_weight(tree, src, a, &RULES), a))
        .filter(|(w, _)| *w > 0)
        .max_by_key(|(w, a)| (*w, std::cmp::Reverse(*a)))
    {
        return best.1;
    }
    if let Some(m) = tree
        .find(0, "main")
        .or_else(|| (1..tree.elems.len()).find(|&i| tree.attr(i, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"))))
    {
        return m;
    }
    tree.find(0, "body").unwrap_or(0)
}

/// Reads an HTML page as one story.
pub fn read(path: &str, text: String, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let src = Source::new(path, text);
    let (tree, meta) = match parse(&src.text) {
        Ok(t) => t,
        Err((at, msg)) => return sink(Err(src.error_at(at, msg))),
    };
    let mut b = DocumentBuilder::new(path);
    let orig = b.original_shared(None, src.text.clone(), src.lines.clone(), None);
    b.meta.language = [&meta.lang, &meta.content_language, &meta.og_locale].into_iter().flatten().find_map(|l| markup::language_tag(l));
    b.meta.source.clone_from(&meta.site_name);
    b.id = meta.canonical.clone().or_else(|| meta.og_url.clone());
    let root = story_root(&tree, &src.text);
    let h1 = tree.find(root, "h1").filter(|&h| !tree.plain_text(&src.text, h).is_empty());
    let mut parts = Parts { body: vec![root], ..Parts::default() };
    if let Some(h) = h1 {
        parts.headline = Some(h);
        parts.omit.push(h);
    } else if let Some((span, value)) = meta.og_title.clone().filter(|(_, v)| !v.trim().is_empty()) {
        parts.headline_value = Some((span, value));
    } else {
        parts.headline = meta.title.filter(|&t| !tree.plain_text(&src.text, t).is_empty());
    }
    sink(Ok(markup::assemble(b, orig, &src.text, &tree, &parts, &RULES, &opts.analyse)));
}

/// Writes the story text of an HTML fragment (ninjs `body_html`) into a builder whose original
/// `orig` is the fragment.
pub fn write_fragment(b: &mut DocumentBuilder, orig: usize, html: &Arc<str>) {
    let Ok((tree, _)) = parse(html) else { return };
    let root = story_root(&tree, html);
    let mut sink = TextSink::new(b, orig, html.clone());
    markup::walk(&tree, root, &RULES, &[], &mut sink);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::AnalyseOptions;

    fn doc(html: &str) -> Document {
        let mut out = Vec::new();
        read("t.html", html.to_string(), &ReadOptions::default(), &mut |r| out.push(r.unwrap()));
        out.pop().unwrap()
    }

    #[test]
    fn article_text_only_with_paragraphs() {
        let html = "<html lang=\"en\"><head><title>T - Site</title><style>p{}</style><script>var x='<p>no</p>';</script></head>\
            <body><nav><a>Home</a></nav><article><header><h1>Talks &amp; truce</h1><p>By A. Writer</p></header>\
            <p>GAZA CITY (AP) &mdash; Hamas and\n   Israeli Jihad met.<p>Second <b>para</b>.<br>Line two.</p>\
            <aside>Related</aside><figure><figcaption>Photo</figcaption></figure></article><footer>(c)</footer></body></html>";
        let d = doc(html);
        assert_eq!(d.text, "Talks & truce\n\nGAZA CITY (AP) — Hamas and Israeli Jihad met.\n\nSecond para.\nLine two.");
        assert_eq!(d.meta.language.as_deref(), Some("en"));
        assert_eq!(d.language, Some("en"));
        let at = d.text.find("Israeli Jihad").unwrap();
        let loc = d.locate(Span::new(at, at + "Israeli Jihad".len()));
        assert_eq!(&html[loc.start..loc.end], "Israeli Jihad");
        // a span across the collapsed newline maps to the whole run
        let at = d.text.find("and Israeli").unwrap();
        let loc = d.locate(Span::new(at, at + "and Israeli".len()));
        assert_eq!(&html[loc.start..loc.end], "and\n   Israeli");
        let at = d.text.find('—').unwrap();
        let loc = d.locate(Span::new(at, at + '—'.len_utf8()));
        assert_eq!(&html[loc.start..loc.end], "&mdash;");
    }

    #[test]
    fn picks_the_biggest_article_and_falls_back_to_body() {
        let d = doc("<body><article><p>Teaser.</p></article><article><p>The real story is longer than the teaser.</p></article></body>");
        assert_eq!(d.text, "The real story is longer than the teaser.");
        let d = doc("<body><header>Menu</header><div><p>One.</p><p>Two.</p></div><footer>x</footer></body>");
        assert_eq!(d.text, "One.\n\nTwo.");
        let d =
            doc("<meta property=\"og:title\" content=\"Q&amp;A headline\"><div itemprop=\"articleBody\"><p>Body.</p></div><p>Comments</p>");
        assert_eq!(d.text, "Q&A headline\n\nBody.");
        assert!(d.headline.is_some());
    }

    #[test]
    fn thousands_of_attributes_in_one_tag_are_read_without_overflowing_the_stack() {
        let attrs: String = (0..5000).map(|i| format!(" data-a{i}=\"v{i}\"")).collect();
        let html = format!("<html lang=\"en\"><body><p{attrs}>Hamas and the Israeli Jihad met.</p><p title=\"t\">Two.</p></body></html>");
        let (tree, _) = parse(&html).unwrap();
        let p = (0..tree.elems.len()).find(|&i| &*tree.elems[i].name == "p").unwrap();
        // every attribute is still read, with its value
        assert_eq!(tree.elems[p].attrs.len(), 5000);
        assert_eq!(tree.attr(p, "data-a4999"), Some("v4999"));
        let d = doc(&html);
        assert_eq!(d.text, "Hamas and the Israeli Jihad met.\n\nTwo.");
        // the copy the tokenizer reads differs only in white space inside tags
        let copy = break_attribute_chains(&html);
        assert_eq!(copy.len(), html.len());
        assert!(copy.bytes().zip(html.bytes()).all(|(a, b)| a == b || (b == b' ' && a == b'/')));
        // a short tag, a self-closing end, and a single-quoted run are left as they are
        for s in ["<p a=\"1\" b=\"2\">x</p>", "<br a=\"1\" />", "<script>var s = '<p a=\"1\" b=\"2\">';</script>"] {
            assert!(matches!(break_attribute_chains(s), std::borrow::Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn hostile_html_is_bounded() {
        let html = "<div>".repeat(200_000) + "deep text";
        let d = doc(&html);
        assert!(d.text.ends_with("deep text"));
        let frag: Arc<str> = Arc::from("<p>A &amp; B</p><script>x</script>");
        let mut b = DocumentBuilder::new("x");
        let o = b.original(Some("body_html"), &frag, None);
        write_fragment(&mut b, o, &frag);
        assert_eq!(b.finish(&AnalyseOptions::default()).text, "A & B");
    }
}
