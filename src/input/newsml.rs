//! NewsML-G2 (IPTC): a `newsItem`, or a `newsMessage` carrying several; one story per text item.
//!
//! Per item: id from `@guid`, source from `itemMeta/provider` (`@literal`, `name`, `@qcode`),
//! headline, `dateline`, `located/name`, `language/@tag` and `by` from `contentMeta`, body from
//! `contentSet`: `inlineXML` holding NITF (its `body.content`) or XHTML (its `body`), or
//! `inlineData` plain text (one paragraph per line). Items without inline text (pictures,
//! packages of references) are passed over.

use super::markup::{self, Parts, Source, Tree};
use super::{InputError, ReadOptions};
use crate::document::{Document, DocumentBuilder};

/// Root elements that make an XML file NewsML-G2.
pub fn is_root(name: &str) -> bool {
    matches!(name, "newsItem" | "newsMessage" | "packageItem" | "knowledgeItem" | "conceptItem" | "planningItem")
}

/// Reads every text item of a NewsML-G2 file.
pub fn read(src: &Source, tree: &Tree, root: usize, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let mut items = Vec::new();
    if &*tree.elem(root).name == "newsItem" {
        items.push(root);
    } else {
        tree.find_all(root, "newsItem", &mut items);
    }
    let mut n = 0;
    for item in items {
        if let Some(doc) = story(src, tree, item, opts) {
            n += 1;
            sink(Ok(doc));
        }
    }
    if n == 0 {
        sink(Err(src.error_at(
            tree.elem(root).start,
            format!("no NewsML-G2 newsItem with inline text (inlineXML or inlineData) in <{}>", tree.elem(root).name),
        )));
    }
}

/// The story of one `newsItem`, or `None` when it carries no inline text.
pub fn story(src: &Source, tree: &Tree, item: usize, opts: &ReadOptions) -> Option<Document> {
    let text: &str = &src.text;
    let content_set = tree.child(item, "contentSet")?;
    let inline_xml = tree.children(content_set).find(|&c| &*tree.elem(c).name == "inlineXML" && !tree.plain_text(text, c).is_empty());
    let inline_data = tree.children(content_set).find(|&c| &*tree.elem(c).name == "inlineData" && !tree.plain_text(text, c).is_empty());
    if inline_xml.is_none() && inline_data.is_none() {
        return None;
    }
    let mut b = DocumentBuilder::new(&src.path);
    let orig = b.original_shared(None, src.text.clone(), src.lines.clone(), None);
    b.id = tree.attr(item, "guid").map(str::to_string);
    if let Some(v) = tree.attr(item, "version") {
        b.meta.extra.insert("version".into(), v.to_string());
    }
    let item_meta = tree.child(item, "itemMeta");
    b.meta.source = item_meta.and_then(|m| tree.child(m, "provider")).and_then(|p| {
        tree.attr(p, "literal")
            .map(str::to_string)
            .or_else(|| tree.child(p, "name").map(|n| tree.plain_text(text, n)).filter(|s| !s.is_empty()))
            .or_else(|| tree.attr(p, "qcode").map(|q| q.rsplit(':').next().unwrap_or(q).to_string()))
    });
    let meta = tree.child(item, "contentMeta");
    b.meta.language = meta
        .and_then(|m| tree.child(m, "language"))
        .and_then(|l| tree.attr(l, "tag"))
        .or_else(|| tree.attr(item, "xml:lang"))
        .and_then(markup::language_tag);
    let mut headline = meta.and_then(|m| {
        let all: Vec<usize> = tree.children(m).filter(|&c| &*tree.elem(c).name == "headline").collect();
        all.iter()
            .copied()
            .find(|&h| tree.attr(h, "role").is_none_or(|r| r.ends_with(":main") || r == "main"))
            .or_else(|| all.first().copied())
    });
    let mut dateline = meta.and_then(|m| tree.child(m, "dateline")).filter(|&d| !tree.plain_text(text, d).is_empty());
    if let Some(located) = meta.and_then(|m| tree.child(m, "located")) {
        let name = tree.child(located, "name").map(|n| tree.plain_text(text, n)).filter(|s| !s.is_empty());
        if let Some(name) = name {
            b.meta.extra.insert("located".into(), name);
        }
    }
    if let Some(by) = meta.and_then(|m| tree.child(m, "by")).map(|e| tree.plain_text(text, e)).filter(|s| !s.is_empty()) {
        b.meta.extra.insert("byline".into(), by);
    }
    let mut parts = if let Some(x) = inline_xml {
        if let Some(nitf) = tree.find(x, "nitf") {
            let p = super::nitf::fill(src, tree, nitf, &mut b);
            headline = headline.or(p.headline);
            dateline = dateline.or(p.dateline);
            p
        } else {
            let body = tree.find(x, "body").unwrap_or(x);
            let h1 = tree.find(body, "h1");
            let mut p = Parts { body: vec![body], ..Parts::default() };
            if headline.is_none() {
                headline = h1;
                p.omit.extend(h1);
            }
            p
        }
    } else {
        Parts { body: inline_data.into_iter().collect(), plain_body: true, ..Parts::default() }
    };
    if b.meta.dateline.is_none() && dateline.is_none() {
        b.meta.dateline = b.meta.extra.get("located").cloned();
    }
    parts.headline = headline;
    parts.dateline = dateline;
    Some(markup::assemble(b, orig, &src.text, tree, &parts, &super::nitf::RULES, &opts.analyse))
}
