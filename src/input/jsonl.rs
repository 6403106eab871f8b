//! JSON Lines: one story object per line; field names from [`JsonlFields`].

use std::io::BufRead;

use serde::Deserialize;
use serde_json::Value;

use super::{InputError, ReadOptions};
use crate::document::{AnalyseOptions, Document, DocumentBuilder};

/// Field names of stories in JSON Lines (and JSON) inputs.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct JsonlFields {
    pub id: String,
    pub headline: String,
    pub dateline: String,
    pub body: String,
    pub source: String,
    pub language: String,
    /// The story's date (kept as written; `wirelint report` reads common date forms from it).
    pub date: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            id: "id".into(),
            headline: "headline".into(),
            dateline: "dateline".into(),
            body: "body".into(),
            source: "source".into(),
            language: "language".into(),
            date: "date".into(),
        }
    }
}

/// Streams a JSON Lines input; memory is bounded by the longest line.
pub fn read_stream(path: &str, mut reader: impl BufRead, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let mut buf = Vec::new();
    let mut n = 0;
    let mut records = 0usize;
    loop {
        buf.clear();
        let over = match read_record(&mut reader, &mut buf, opts.max_story_bytes) {
            Ok((0, _)) if records == 0 => return sink(Err(no_record(path))),
            Ok((0, _)) => break,
            Ok((_, over)) => over,
            Err(e) => {
                sink(Err(InputError::new(path, Some(n + 1), None, format!("cannot read: {e}"))));
                break;
            }
        };
        n += 1;
        if over {
            records += 1;
            sink(Err(super::too_large(path, Some(n), None, opts.max_story_bytes)));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        records += 1;
        sink(parse_line(path, n, &buf, opts));
    }
}

/// Reads one line (up to and including its `\n`) into `buf`, keeping it only while it is at
/// most `limit` bytes (its line end aside): a longer line is consumed to its end but not kept,
/// so memory stays bounded by the limit. Returns the bytes consumed and whether the line was
/// over the limit (then `buf` is empty).
pub fn read_record(r: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<(usize, bool)> {
    let (mut total, mut over) = (0, false);
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((total, over));
        }
        let (n, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !over {
            // the record's bytes, its line end aside
            if buf.len() + n - usize::from(done) > limit {
                over = true;
                *buf = Vec::new();
            } else {
                buf.extend_from_slice(&avail[..n]);
            }
        }
        r.consume(n);
        total += n;
        if done {
            return Ok((total, over));
        }
    }
}

/// The error of a JSON Lines input with no record at all (empty, or blank lines only): a
/// story file that holds nothing is reported, not passed over in silence.
pub fn no_record(path: &str) -> InputError {
    InputError::new(path, None, None, "no JSON Lines record (the input is empty or only blank lines)")
}

/// Parses one JSON Lines record (line `n`) into a document. A record that is not UTF-8 is
/// decoded in the encoding `--encoding` names, or the one detected for it (and the document
/// carries that encoding); with `--encoding utf-8` it is an error.
pub fn parse_line(path: &str, n: usize, bytes: &[u8], opts: &ReadOptions) -> Result<Document, InputError> {
    let (fields, analyse) = (&opts.fields, &opts.analyse);
    let (line, encoding) = match std::str::from_utf8(bytes) {
        Ok(line) => (std::borrow::Cow::Borrowed(line), None),
        Err(e) => match super::encoding::decode_record(bytes, opts.encoding) {
            Some((text, info)) => (std::borrow::Cow::Owned(text), Some(info)),
            None => return Err(InputError::new(path, Some(n), Some(e.valid_up_to() + 1), "invalid UTF-8; convert the file to UTF-8")),
        },
    };
    let record = line.trim_end();
    let value: Value = serde_json::from_str(record).map_err(|e| {
        // serde_json counts bytes, and says column 0 at the end of an empty input; columns are
        // 1-based and count chars
        let mut at = e.column().saturating_sub(1).min(record.len());
        while !record.is_char_boundary(at) {
            at -= 1;
        }
        InputError::new(path, Some(n), Some(record[..at].chars().count() + 1), format!("invalid JSON: {e}"))
    })?;
    let mut doc = from_value(path, Some(n), &value, fields, analyse).map_err(|m| InputError::new(path, Some(n), None, m))?;
    if encoding.is_some() {
        doc.set_encoding(encoding, None);
    }
    Ok(doc)
}

fn field_str<'a>(obj: &'a serde_json::Map<String, Value>, name: &str) -> Result<Option<&'a str>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(format!("field `{name}` must be a string, found {}", kind(other))),
    }
}

/// How a JSON value's type reads in an error message ("a number", "an array").
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Builds a document from one JSON story object.
pub fn from_value(
    path: &str,
    record_line: Option<usize>,
    value: &Value,
    f: &JsonlFields,
    analyse: &AnalyseOptions,
) -> Result<Document, String> {
    let Value::Object(obj) = value else {
        return Err(format!("expected a JSON object per line, found {}", kind(value)));
    };
    let body = field_str(obj, &f.body)?
        .ok_or_else(|| format!("missing string field `{}` (set [jsonl] body = \"...\" in wirelint.toml)", f.body))?;
    let mut b = DocumentBuilder::new(path);
    b.id = match obj.get(&f.id) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    b.meta.source = field_str(obj, &f.source)?.map(str::to_string);
    if let Some(v) = obj.get("wirelint_allow") {
        b.allow = crate::document::allow::from_json(v)?;
    }
    b.meta.language = field_str(obj, &f.language)?.map(str::to_string);
    // a date that is not a string (an epoch number) is not an error: the story is still checked
    if let Some(d) = obj.get(&f.date).and_then(Value::as_str).map(str::trim).filter(|d| !d.is_empty()) {
        b.meta.extra.insert("date".into(), d.to_string());
    }
    if let Some(h) = field_str(obj, &f.headline)?.filter(|h| !h.trim().is_empty()) {
        let o = b.original(Some(&f.headline), h, record_line);
        let s = b.push_field(o);
        b.headline(s);
        b.separator("\n\n");
    }
    b.body_starts_here();
    if let Some(d) = field_str(obj, &f.dateline)?.filter(|d| !d.trim().is_empty()) {
        b.meta.dateline = Some(d.to_string());
        let o = b.original(Some(&f.dateline), d, record_line);
        let s = b.push_field(o);
        b.dateline(s);
        b.separator(" ");
    }
    let o = b.original(Some(&f.body), body, record_line);
    b.push_field(o);
    Ok(b.finish(analyse))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_bad_lines_and_goes_on() {
        let input = "{\"id\":\"a\",\"body\":\"Hamas said.\"}\nnot json\n{\"id\":2}\n{\"id\":\"c\",\"body\":\"Fine.\",\"headline\":\"H\"}\n";
        let mut ok = Vec::new();
        let mut errs = Vec::new();
        read_stream("f.jsonl", std::io::Cursor::new(input), &ReadOptions::default(), &mut |r| match r {
            Ok(d) => ok.push(d.id.clone().unwrap()),
            Err(e) => errs.push(e.to_string()),
        });
        assert_eq!(ok, vec!["a", "c"]);
        assert_eq!(errs.len(), 2);
        assert!(errs[0].starts_with("f.jsonl:2:"), "{}", errs[0]);
        assert!(errs[1].starts_with("f.jsonl:3: missing string field `body`"), "{}", errs[1]);
    }

    #[test]
    fn a_record_over_the_limit_is_one_error_and_is_not_kept() {
        let long = format!("{{\"id\":\"b\",\"body\":\"{}\"}}", "x".repeat(5000));
        let input = format!("{{\"id\":\"a\",\"body\":\"Fine.\"}}\n{long}\n{{\"id\":\"c\",\"body\":\"Fine.\"}}");
        let opts = ReadOptions { max_story_bytes: 1000, ..ReadOptions::default() };
        let mut got = Vec::new();
        // a small buffer: the long line arrives in many pieces
        read_stream("f.jsonl", std::io::BufReader::with_capacity(64, input.as_bytes()), &opts, &mut |r| {
            got.push(r.map(|d| d.id.unwrap()).map_err(|e| e.to_string()));
        });
        assert_eq!(got[0], Ok("a".to_string()));
        assert!(got[1].as_ref().is_err_and(|e| e.starts_with("f.jsonl:2: record is over the limit of 1000 bytes")), "{got:?}");
        assert_eq!(got[2], Ok("c".to_string()));
        let mut buf = Vec::new();
        let mut r = std::io::BufReader::with_capacity(8, "abcdef\r\nxy".as_bytes());
        assert_eq!(read_record(&mut r, &mut buf, 7).unwrap(), (8, false));
        assert_eq!(buf, b"abcdef\r\n");
        buf.clear();
        assert_eq!(read_record(&mut r, &mut buf, 1).unwrap(), (2, true));
        assert!(buf.is_empty());
    }
}
