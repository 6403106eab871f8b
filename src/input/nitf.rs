//! NITF 3.x (IPTC News Industry Text Format): one story per file.
//!
//! Headline from `body.head/hedline/hl1` (else `head/title`), structured dateline from
//! `body.head/dateline`, body from `body.content` (paragraphs, `block`s, lists; `media` and
//! `ed-msg` left out), id from `docdata/doc-id/@id-string`, source from `distributor`
//! (else `doc-id/@regsrc`, `doc.copyright/@holder`), language from `xml:lang`.

use super::ReadOptions;
use super::markup::{self, Parts, Source, Tree, WalkRules};
use crate::document::{Document, DocumentBuilder};

/// How NITF text is walked.
pub static RULES: WalkRules =
    WalkRules { blocks: markup::BLOCKS, skip: &["media", "ed-msg", "head", "body.end", "script", "style"], decode: true };

/// The story of a `<nitf>` element.
pub fn story(src: &Source, tree: &Tree, nitf: usize, opts: &ReadOptions) -> Document {
    let mut b = DocumentBuilder::new(&src.path);
    let orig = b.original_shared(None, src.text.clone(), src.lines.clone(), None);
    let parts = fill(src, tree, nitf, &mut b);
    markup::assemble(b, orig, &src.text, tree, &parts, &RULES, &opts.analyse)
}

/// Reads NITF metadata into `b` and returns the story's parts (also used for NITF inside NewsML-G2).
pub fn fill(src: &Source, tree: &Tree, nitf: usize, b: &mut DocumentBuilder) -> Parts {
    let text: &str = &src.text;
    let head = tree.child(nitf, "head");
    let body = tree.child(nitf, "body");
    let body_head = body.and_then(|x| tree.child(x, "body.head"));
    let content = body.and_then(|x| tree.child(x, "body.content"));
    let docdata = head.and_then(|h| tree.child(h, "docdata"));

    if b.id.is_none() {
        b.id = docdata.and_then(|d| tree.child(d, "doc-id")).and_then(|d| tree.attr(d, "id-string")).map(str::to_string);
    }
    if b.meta.source.is_none() {
        b.meta.source = body_head
            .and_then(|h| tree.child(h, "distributor"))
            .map(|d| tree.plain_text(text, d))
            .filter(|s| !s.is_empty())
            .or_else(|| docdata.and_then(|d| tree.child(d, "doc-id")).and_then(|d| tree.attr(d, "regsrc")).map(str::to_string))
            .or_else(|| docdata.and_then(|d| tree.child(d, "doc.copyright")).and_then(|d| tree.attr(d, "holder")).map(str::to_string));
    }
    if b.meta.language.is_none() {
        b.meta.language =
            [content, body, Some(nitf)].into_iter().flatten().find_map(|e| tree.attr(e, "xml:lang")).and_then(markup::language_tag);
    }
    if let Some(by) = body_head.and_then(|h| tree.child(h, "byline")).map(|e| tree.plain_text(text, e)).filter(|s| !s.is_empty()) {
        b.meta.extra.entry("byline".into()).or_insert(by);
    }
    if let Some(date) = docdata.and_then(|d| tree.child(d, "date.issue")).and_then(|d| tree.attr(d, "norm")) {
        b.meta.extra.entry("date".into()).or_insert_with(|| date.to_string());
    }
    let headline = body_head
        .and_then(|h| tree.child(h, "hedline"))
        .and_then(|h| tree.child(h, "hl1"))
        .or_else(|| head.and_then(|h| tree.child(h, "title")))
        .filter(|&e| !tree.plain_text(text, e).is_empty());
    let dateline = body_head.and_then(|h| tree.child(h, "dateline")).filter(|&e| !tree.plain_text(text, e).is_empty());
    Parts { headline, dateline, body: content.into_iter().collect(), ..Parts::default() }
}
