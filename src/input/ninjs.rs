//! ninjs 1.x / 2.x (IPTC News in JSON): one object, an array of objects, or several objects
//! one after another; one story per object.
//!
//! Fields: `uri` (else `guid`, `id`) as id; `headline` (1.x) or `headlines[]` (2.x, role
//! `main` first); `body_text` / `body_html` (1.x) or `bodies[]` (2.x, `text/plain` before
//! `text/html`, role `main` first); `located` (string or `{name}`) or `dateline` as the
//! dateline; `language`; `byline` / `by`; source from `infosources[0].name`, `provider`, or
//! `copyrightholder`. Findings name the field (`body_text`, `bodies[0].value`) and give
//! offsets in its decoded value; `record_line` is the line where the object starts.
//! Objects without a text body (pictures) are passed over.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::jsonl::kind;
use super::{InputError, ReadOptions, markup};
use crate::document::{Document, DocumentBuilder};
use crate::span::LineIndex;

/// Reads a ninjs file.
pub fn read(path: &str, text: &str, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let lines = LineIndex::new(text);
    let err_at = |offset: usize, msg: String| {
        let (l, c) = lines.line_col(text, offset.min(text.len()));
        InputError::new(path, Some(l), Some(c), msg)
    };
    let mut stories = 0usize;
    // whether any value looks like a ninjs item; until one does, item errors wait here: a JSON
    // file with no ninjs item at all is "not a story" (one error, passed over by a folder walk)
    let mut ninjs_like = false;
    let mut pending: Vec<InputError> = Vec::new();
    let mut emit = |value: &Value, at: usize, sink: &mut dyn FnMut(Result<Document, InputError>)| {
        let line = lines.line_col(text, at).0;
        if !ninjs_like && looks_like_ninjs(value) {
            ninjs_like = true;
            pending.drain(..).for_each(|e| sink(Err(e)));
        }
        match story(path, value, line, opts) {
            Ok(Some(doc)) => {
                stories += 1;
                sink(Ok(doc));
            }
            Ok(None) => {}
            Err(m) if ninjs_like => sink(Err(err_at(at, m))),
            Err(m) => pending.push(err_at(at, m)),
        }
    };
    let mut pos = skip_ws(text, 0);
    if pos >= text.len() {
        return sink(Err(InputError::new(path, None, None, "empty file: no JSON value")));
    }
    if text[pos..].starts_with('[') {
        pos += 1;
        loop {
            pos = skip_ws(text, pos);
            if text[pos..].starts_with(']') {
                break;
            }
            let (value, len) = match one_value(&text[pos..]) {
                Ok(v) => v,
                Err(e) => return sink(Err(json_error(e, pos, text, &err_at))),
            };
            emit(&value, pos, sink);
            pos = skip_ws(text, pos + len);
            match text[pos..].chars().next() {
                Some(',') => pos += 1,
                Some(']') => break,
                _ => return sink(Err(err_at(pos, "invalid JSON: expected `,` or `]` after an array item".into()))),
            }
        }
        pos += 1;
        if skip_ws(text, pos) < text.len() {
            sink(Err(err_at(skip_ws(text, pos), "invalid JSON: trailing characters after the array".into())));
        }
    } else {
        while pos < text.len() {
            let (value, len) = match one_value(&text[pos..]) {
                Ok(v) => v,
                Err(e) => return sink(Err(json_error(e, pos, text, &err_at))),
            };
            emit(&value, pos, sink);
            pos = skip_ws(text, pos + len);
        }
    }
    if stories == 0 {
        let mut e = InputError::new(path, None, None, "no ninjs item with a text body (`body_text`, `body_html` or `bodies`)");
        if let Some(first) = pending.first() {
            e.message =
                format!("{} ({}: {})", e.message, first.line.map_or("first item".to_string(), |l| format!("line {l}")), first.message);
        }
        sink(Err(if ninjs_like { e } else { e.not_a_story() }));
    }
}

/// A JSON object with a ninjs headline or body field.
fn looks_like_ninjs(value: &Value) -> bool {
    let Value::Object(o) = value else { return false };
    ["body_text", "body_html", "bodies", "headline", "headlines"].iter().any(|k| o.contains_key(*k))
}

fn skip_ws(text: &str, mut pos: usize) -> usize {
    let b = text.as_bytes();
    if pos == 0 && text.starts_with('\u{feff}') {
        pos = 3;
    }
    while pos < b.len() && b[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// Parses the JSON value at the start of `s`; its length in bytes.
fn one_value(s: &str) -> Result<(Value, usize), serde_json::Error> {
    let mut it = serde_json::Deserializer::from_str(s).into_iter::<Value>();
    match it.next() {
        Some(Ok(v)) => Ok((v, it.byte_offset())),
        Some(Err(e)) => Err(e),
        None => Err(serde::de::Error::custom("expected a JSON value")),
    }
}

/// A serde_json error in the slice starting at `base`, as a file position.
fn json_error(e: serde_json::Error, base: usize, text: &str, err_at: &dyn Fn(usize, String) -> InputError) -> InputError {
    let slice = &text[base..];
    let mut off = 0;
    for _ in 1..e.line().max(1) {
        match slice[off..].find('\n') {
            Some(i) => off += i + 1,
            None => break,
        }
    }
    // serde_json's column 0 means "at the line break that ended the previous line"
    let mut at = if e.column() == 0 && off > 0 { base + off - 1 } else { (base + off + e.column().saturating_sub(1)).min(text.len()) };
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let msg = e.to_string();
    let msg = msg.rsplit_once(" at line ").map(|(m, _)| m.to_string()).unwrap_or(msg);
    err_at(at, format!("invalid JSON: {msg}"))
}

fn str_field<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    obj.get(name).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// A name from a string or an object with `name`.
fn name_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(o) => o.get("name").and_then(Value::as_str),
        Value::Array(a) => a.first().and_then(name_of),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// The preferred `{value, role, contenttype}` entry of a 2.x array, with its index.
fn pick<'a>(arr: &'a [Value], prefer_type: &[&str]) -> Option<(usize, &'a str, &'a str)> {
    let entries: Vec<(usize, &str, &str, &str)> = arr
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let o = v.as_object()?;
            let value = o.get("value")?.as_str().filter(|s| !s.trim().is_empty())?;
            let role = o.get("role").and_then(Value::as_str).unwrap_or("");
            let ct = o.get("contenttype").and_then(Value::as_str).unwrap_or("text/plain");
            Some((i, value, role, ct))
        })
        .collect();
    let rank = |(_, _, role, ct): &(usize, &str, &str, &str)| {
        let t = prefer_type.iter().position(|p| ct.starts_with(p)).unwrap_or(prefer_type.len());
        let r = i32::from(!(role.is_empty() || role.eq_ignore_ascii_case("main")));
        (r, t)
    };
    entries.iter().min_by_key(|e| rank(e)).map(|&(i, v, _, ct)| (i, v, ct))
}

/// Builds the story of one ninjs object; `None` for objects without a text body.
pub fn story(path: &str, value: &Value, record_line: usize, opts: &ReadOptions) -> Result<Option<Document>, String> {
    let Value::Object(obj) = value else {
        return Err(format!("expected a ninjs object, found {}", kind(value)));
    };
    // the body: (field name, text, is html)
    let body: Option<(String, &str, bool)> = if let Some(t) = str_field(obj, "body_text") {
        Some(("body_text".into(), t, false))
    } else if let Some(h) = str_field(obj, "body_html") {
        Some(("body_html".into(), h, true))
    } else if let Some(arr) = obj.get("bodies").and_then(Value::as_array) {
        pick(arr, &["text/plain", "text/html", "application/xhtml"])
            .map(|(i, v, ct)| (format!("bodies[{i}].value"), v, ct.contains("html")))
    } else {
        None
    };
    let Some((body_field, body_text, html)) = body else {
        return Ok(None);
    };
    let mut b = DocumentBuilder::new(path);
    b.id = ["uri", "guid", "id"].iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    });
    b.meta.language = str_field(obj, "language").and_then(markup::language_tag);
    b.meta.source = obj
        .get("infosources")
        .and_then(name_of)
        .or_else(|| obj.get("provider").and_then(name_of))
        .or_else(|| str_field(obj, "copyrightholder"))
        .map(str::to_string);
    if let Some(date) = ["firstcreated", "versioncreated", "contentcreated"].iter().find_map(|k| str_field(obj, k)) {
        b.meta.extra.insert("date".into(), date.trim().to_string());
    }
    if let Some(by) = str_field(obj, "byline").or_else(|| str_field(obj, "by")) {
        b.meta.extra.insert("byline".into(), by.to_string());
    }
    let headline: Option<(String, &str)> = str_field(obj, "headline").map(|h| ("headline".to_string(), h)).or_else(|| {
        let arr = obj.get("headlines")?.as_array()?;
        pick(arr, &["text/plain"]).map(|(i, v, _)| (format!("headlines[{i}].value"), v))
    });
    if let Some((field, h)) = headline {
        let (o, text) = shared(&mut b, &field, h, record_line);
        let lead = text.len() - text.trim_start().len();
        let s = b.push(o, crate::span::Span::new(lead, lead + text.trim().len()), text.trim());
        b.headline(s);
        b.separator("\n\n");
    }
    b.body_starts_here();
    let dateline = [("located", obj.get("located").and_then(name_of)), ("dateline", str_field(obj, "dateline"))]
        .into_iter()
        .find_map(|(k, v)| v.map(|v| (k, v)));
    if let Some((field, d)) = dateline {
        b.meta.dateline = Some(d.trim().to_string());
        let city = d.split([',', '(']).next().unwrap_or("").trim().to_lowercase();
        let opening = if html {
            crate::text::entities::decode_str(&strip_tags(body_text)).trim_start().to_lowercase()
        } else {
            body_text.trim_start().to_lowercase()
        };
        // a body that opens with the dateline already carries it
        if city.is_empty() || !opening.starts_with(&city) {
            let o = b.original(Some(field), d, Some(record_line));
            let s = b.push_field(o);
            b.dateline(s);
            b.separator(" ");
        }
    }
    let (o, src) = shared(&mut b, &body_field, body_text, record_line);
    if html {
        super::html::write_fragment(&mut b, o, &src);
    } else {
        b.push_field(o);
    }
    Ok(Some(b.finish(&opts.analyse)))
}

/// Registers a field value as an original; its index and text.
fn shared(b: &mut DocumentBuilder, field: &str, value: &str, record_line: usize) -> (usize, Arc<str>) {
    let text: Arc<str> = Arc::from(value);
    let o = b.original_shared(Some(field), text.clone(), LineIndex::new(&text), Some(record_line));
    (o, text)
}

/// Tags removed, for comparing an HTML body's opening words with a dateline.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars().take(400) {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn read_all(s: &str) -> (Vec<Document>, Vec<InputError>) {
        let (mut docs, mut errs) = (Vec::new(), Vec::new());
        read("n.json", s, &ReadOptions::default(), &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errs.push(e),
        });
        (docs, errs)
    }

    #[test]
    fn reads_1x_and_2x_items_in_an_array() {
        let s = r#"[
  {"uri": "a", "headline": "Talks", "located": "Cairo", "language": "en", "body_text": "Hamas and Israeli Jihad met."},
  {"uri": "b", "headlines": [{"role": "sub", "value": "Sub"}, {"role": "main", "value": "Main"}],
   "bodies": [{"contenttype": "text/html", "value": "<p>Q&amp;A with Israeli Jihad</p>"}]},
  {"uri": "pic", "type": "picture"}
]"#;
        let (docs, errs) = read_all(s);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.text, "Talks\n\nCairo Hamas and Israeli Jihad met.");
        assert_eq!(d.dateline.as_ref().unwrap().city, "Cairo");
        let at = d.text.find("Israeli").unwrap();
        let loc = d.locate(Span::new(at, at + 13));
        assert_eq!((loc.field.as_deref(), loc.start, loc.record_line), (Some("body_text"), 10, Some(2)));
        let d = &docs[1];
        assert_eq!(d.text, "Main\n\nQ&A with Israeli Jihad");
        let at = d.text.find("Israeli").unwrap();
        let loc = d.locate(Span::new(at, at + 13));
        assert_eq!((loc.field.as_deref(), loc.start, loc.record_line), (Some("bodies[0].value"), 16, Some(3)));
    }

    #[test]
    fn malformed_json_reports_file_position() {
        let (docs, errs) = read_all("[\n {\"uri\": \"a\", \"body_text\": \"ok\"},\n {\"uri\": \"b\" \"body_text\": \"x\"}\n]");
        assert_eq!(docs.len(), 1);
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (Some(3), Some(14)), "{}", errs[0]);
        let (_, errs) = read_all("{\"body_text\": 5}");
        assert!(errs[0].message.contains("no ninjs item"), "{}", errs[0]);
        // no item looks like ninjs: one error (a folder walk passes over such a file), naming the first item's fault
        let (_, errs) = read_all("[1]");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].not_a_story && errs[0].message.contains("expected a ninjs object"), "{}", errs[0]);
    }

    #[test]
    fn deep_json_is_an_error_not_a_crash() {
        let s = "[".repeat(100_000) + &"]".repeat(100_000);
        let (docs, errs) = read_all(&s);
        assert!(docs.is_empty());
        assert_eq!(errs.len(), 1, "{errs:?}");
    }
}
