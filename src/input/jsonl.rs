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
    let names = [&fields.id, &fields.headline, &fields.dateline, &fields.body, &fields.source, &fields.language, &fields.date];
    let mut wanted: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
    wanted.push(ALLOW);
    let mut de = serde_json::Deserializer::from_str(record);
    let parsed = serde::de::DeserializeSeed::deserialize(fast::TopSeed(&wanted), &mut de).and_then(|top| de.end().map(|()| top));
    let top = parsed.map_err(|e| {
        // serde_json counts bytes, and says column 0 at the end of an empty input; columns are
        // 1-based and count chars
        let mut at = e.column().saturating_sub(1).min(record.len());
        while !record.is_char_boundary(at) {
            at -= 1;
        }
        InputError::new(path, Some(n), Some(record[..at].chars().count() + 1), format!("invalid JSON: {e}"))
    })?;
    let built = match &top {
        fast::Top::Object(entries) => build(path, Some(n), |name| fast::get(entries, name), fields, analyse),
        fast::Top::Other(kind) => Err(not_an_object(kind)),
    };
    let mut doc = built.map_err(|m| InputError::new(path, Some(n), None, m))?;
    if encoding.is_some() {
        doc.set_encoding(encoding, None);
    }
    Ok(doc)
}

/// The field `wirelint_allow` (inline suppressions).
const ALLOW: &str = "wirelint_allow";

/// A field of a record as [`build`] reads it: a string, or any other JSON value.
#[derive(Clone, Copy)]
enum Got<'a> {
    Str(&'a str),
    Value(&'a Value),
}

impl<'a> Got<'a> {
    fn of(v: &'a Value) -> Got<'a> {
        match v {
            Value::String(s) => Got::Str(s),
            v => Got::Value(v),
        }
    }

    fn as_str(self) -> Option<&'a str> {
        match self {
            Got::Str(s) => Some(s),
            Got::Value(_) => None,
        }
    }
}

fn field_str<'a>(get: &impl Fn(&str) -> Option<Got<'a>>, name: &str) -> Result<Option<&'a str>, String> {
    match get(name) {
        None | Some(Got::Value(Value::Null)) => Ok(None),
        Some(Got::Str(s)) => Ok(Some(s)),
        Some(Got::Value(other)) => Err(format!("field `{name}` must be a string, found {}", kind(other))),
    }
}

fn not_an_object(kind: &str) -> String {
    format!("expected a JSON object per line, found {kind}")
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
        return Err(not_an_object(kind(value)));
    };
    build(path, record_line, |name| obj.get(name).map(Got::of), f, analyse)
}

/// Builds a document from the fields of one JSON story object, `get` looking one up by name.
fn build<'a>(
    path: &str,
    record_line: Option<usize>,
    get: impl Fn(&str) -> Option<Got<'a>>,
    f: &JsonlFields,
    analyse: &AnalyseOptions,
) -> Result<Document, String> {
    let body = field_str(&get, &f.body)?
        .ok_or_else(|| format!("missing string field `{}` (set [jsonl] body = \"...\" in wirelint.toml)", f.body))?;
    let mut b = DocumentBuilder::new(path);
    b.id = match get(&f.id) {
        Some(Got::Str(s)) => Some(s.to_string()),
        Some(Got::Value(Value::Number(n))) => Some(n.to_string()),
        _ => None,
    };
    b.meta.source = field_str(&get, &f.source)?.map(str::to_string);
    match get(ALLOW) {
        Some(Got::Value(v)) => b.allow = crate::document::allow::from_json(v)?,
        Some(Got::Str(s)) => b.allow = crate::document::allow::from_json(&Value::String(s.to_string()))?,
        None => {}
    }
    b.meta.language = field_str(&get, &f.language)?.map(str::to_string);
    // a date that is not a string (an epoch number) is not an error: the story is still checked
    if let Some(d) = get(&f.date).and_then(Got::as_str).map(str::trim).filter(|d| !d.is_empty()) {
        b.meta.extra.insert("date".into(), d.to_string());
    }
    if let Some(h) = field_str(&get, &f.headline)?.filter(|h| !h.trim().is_empty()) {
        let o = b.original(Some(&f.headline), h, record_line);
        let s = b.push_field(o);
        b.headline(s);
        b.separator("\n\n");
    }
    b.body_starts_here();
    if let Some(d) = field_str(&get, &f.dateline)?.filter(|d| !d.trim().is_empty()) {
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

/// A record read without a [`Value`] tree (#16: the tree, its strings and its maps, built and
/// dropped for every record): the fields a story is built from, borrowed from the line when they
/// hold no escape, and every other value parsed and checked as a `Value` is but not kept. The
/// parse accepts and rejects the same lines as `serde_json::from_str::<Value>`, with the same
/// errors (the parser's own), and keeps the last of equal keys, as a `Value`'s map does.
mod fast {
    use std::borrow::Cow;
    use std::fmt;

    use serde::Deserialize;
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    use super::Got;

    /// A record: a JSON object's wanted fields, or the kind of the value that is no object.
    pub(super) enum Top<'de> {
        Object(Vec<(Cow<'de, str>, Field<'de>)>),
        Other(&'static str),
    }

    /// A wanted field's value.
    pub(super) enum Field<'de> {
        Str(Cow<'de, str>),
        Value(Value),
    }

    /// The value of field `name`.
    pub(super) fn get<'a>(entries: &'a [(Cow<'_, str>, Field<'_>)], name: &str) -> Option<Got<'a>> {
        entries.iter().find(|(k, _)| k == name).map(|(_, v)| match v {
            Field::Str(s) => Got::Str(s),
            Field::Value(v) => Got::Value(v),
        })
    }

    /// Reads a record, keeping the fields named in `.0`.
    pub(super) struct TopSeed<'n>(pub(super) &'n [&'n str]);

    impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
        type Value = Top<'de>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top<'de>, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for TopSeed<'_> {
        type Value = Top<'de>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Top<'de>, E> {
            Ok(Top::Other("a boolean"))
        }
        fn visit_i64<E>(self, _: i64) -> Result<Top<'de>, E> {
            Ok(Top::Other("a number"))
        }
        fn visit_u64<E>(self, _: u64) -> Result<Top<'de>, E> {
            Ok(Top::Other("a number"))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Top<'de>, E> {
            // (a `Value` holds a float that is no JSON number as null)
            Ok(Top::Other(if v.is_finite() { "a number" } else { "null" }))
        }
        fn visit_str<E>(self, _: &str) -> Result<Top<'de>, E> {
            Ok(Top::Other("a string"))
        }
        fn visit_unit<E>(self) -> Result<Top<'de>, E> {
            Ok(Top::Other("null"))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top<'de>, A::Error> {
            while seq.next_element_seed(Skip)?.is_some() {}
            Ok(Top::Other("an array"))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
            let mut entries: Vec<(Cow<'de, str>, Field<'de>)> = Vec::new();
            while let Some(key) = map.next_key_seed(Text)? {
                if self.0.contains(&key.as_ref()) {
                    let v = map.next_value_seed(FieldSeed)?;
                    // the last of equal keys wins, as in a `Value`'s map
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(e) => e.1 = v,
                        None => entries.push((key, v)),
                    }
                } else {
                    map.next_value_seed(Skip)?;
                }
            }
            Ok(Top::Object(entries))
        }
    }

    /// A string (a key), borrowed from the line when it holds no escape.
    struct Text;

    impl<'de> DeserializeSeed<'de> for Text {
        type Value = Cow<'de, str>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Text {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(v))
        }
    }

    /// A wanted field: a string kept as [`Text`], any other value as the `Value` it parses to.
    struct FieldSeed;

    impl<'de> DeserializeSeed<'de> for FieldSeed {
        type Value = Field<'de>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field<'de>, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for FieldSeed {
        type Value = Field<'de>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Field<'de>, E> {
            Ok(Field::Value(Value::Bool(v)))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Field<'de>, E> {
            Ok(Field::Value(Value::Number(v.into())))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Field<'de>, E> {
            Ok(Field::Value(Value::Number(v.into())))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Field<'de>, E> {
            Ok(Field::Value(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)))
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Field<'de>, E> {
            Ok(Field::Str(Cow::Borrowed(v)))
        }
        fn visit_str<E>(self, v: &str) -> Result<Field<'de>, E> {
            Ok(Field::Str(Cow::Owned(v.to_string())))
        }
        fn visit_string<E>(self, v: String) -> Result<Field<'de>, E> {
            Ok(Field::Str(Cow::Owned(v)))
        }
        fn visit_unit<E>(self) -> Result<Field<'de>, E> {
            Ok(Field::Value(Value::Null))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field<'de>, A::Error> {
            Value::deserialize(SeqAccessDeserializer::new(seq)).map(Field::Value)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field<'de>, A::Error> {
            Value::deserialize(MapAccessDeserializer::new(map)).map(Field::Value)
        }
    }

    /// Any value, parsed and checked as a `Value` is, and dropped.
    struct Skip;

    impl<'de> DeserializeSeed<'de> for Skip {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Skip {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Skip)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_key_seed(Skip)?.is_some() {
                map.next_value_seed(Skip)?;
            }
            Ok(())
        }
    }
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

    /// `parse_line` as it was: the record parsed into a `Value`, then [`from_value`].
    fn parse_line_by_value(path: &str, n: usize, line: &str, opts: &ReadOptions) -> Result<Document, InputError> {
        let record = line.trim_end();
        let value: Value = serde_json::from_str(record).map_err(|e| {
            let mut at = e.column().saturating_sub(1).min(record.len());
            while !record.is_char_boundary(at) {
                at -= 1;
            }
            InputError::new(path, Some(n), Some(record[..at].chars().count() + 1), format!("invalid JSON: {e}"))
        })?;
        from_value(path, Some(n), &value, &opts.fields, &opts.analyse).map_err(|m| InputError::new(path, Some(n), None, m))
    }

    /// What a test compares of a document built from a record.
    fn summary(d: &Document) -> String {
        let originals: Vec<_> = d.originals.iter().map(|o| (&o.field, &*o.text, o.record_line)).collect();
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            d.text, d.id, d.meta, d.allow, d.headline, d.dateline, d.body, d.language, d.pieces, originals
        )
    }

    #[test]
    fn records_read_without_a_value_tree_read_as_before() {
        let pieces = [
            r#"{"#,
            r#"}"#,
            r#"["#,
            r#"]"#,
            r#","#,
            r#":"#,
            r#"""#,
            r#"\"#,
            r#"\""#,
            r#"\u00e9"#,
            r#"\ud800"#,
            r#"\n"#,
            " ",
            "\t",
            "\n",
            r#""id""#,
            r#""body""#,
            r#""headline""#,
            r#""dateline""#,
            r#""source""#,
            r#""language""#,
            r#""date""#,
            r#""wirelint_allow""#,
            r#""b\u006fdy""#,
            r#""other""#,
            r#""JAKARTA (ANTARA) - Hamas said.""#,
            r#""Talks \"in\" Moscow""#,
            r#""MOSCOW""#,
            r#""2026-12-05""#,
            r#""en""#,
            r#""untranslated-fragment""#,
            r#"["untranslated-fragment"]"#,
            r#"{"rules":["x"]}"#,
            "12",
            "-3",
            "1.5",
            "1e400",
            "-0",
            "18446744073709551616",
            "true",
            "false",
            "null",
            "nul",
            "é",
            "中",
            "x",
        ];
        let mut lines: Vec<String> = vec![
            r#"{"id":"a","body":"Hamas said."}"#.into(),
            r#"{"id":7,"body":"JAKARTA (ANTARA) - Hamas said.","headline":"Talks","dateline":"JAKARTA","language":"id","source":"wire","date":" 2026 "}"#.into(),
            r#"{"id":"a","body":"first","body":"second","id":null}"#.into(),
            r#"{"body":"x","other":1e400}"#.into(),
            r#"{"body":"x","other":[[[[[[]]]]]],"more":{"a":{"b":[1,2,{"c":"\u00e9"}]}}}"#.into(),
            r#"{"body":"x","wirelint_allow":"untranslated-fragment"}"#.into(),
            r#"{"body":"x","wirelint_allow":["untranslated-fragment"]}"#.into(),
            r#"{"body":"x","wirelint_allow":7}"#.into(),
            r#"{"body":12}"#.into(),
            r#"{"body":"x","headline":["a"]}"#.into(),
            r#"{"body":"x","date":5}"#.into(),
            r#"{"b\u006fdy":"esc\"aped \u4e2d"}"#.into(),
            r#"{"body":"x"} trailing"#.into(),
            r#"[1,2,{"body":"x"}]"#.into(),
            r#""just a string""#.into(),
            "12".into(),
            "null".into(),
            "true".into(),
            String::new(),
            format!("{}{{\"body\":\"x\"}}{}", "[".repeat(130), "]".repeat(130)),
            format!("{{\"body\":\"x\",\"deep\":{}1{}}}", "[".repeat(126), "]".repeat(126)),
            format!("{{\"body\":\"x\",\"deep\":{}1{}}}", "[".repeat(127), "]".repeat(127)),
        ];
        let mut rng = crate::text::TestRng::new();
        for _ in 0..3000 {
            let mut t = String::from(if rng.next_u64().is_multiple_of(4) { "" } else { "{" });
            for _ in 0..rng.next_u64() % 24 {
                t.push_str(pieces[(rng.next_u64() % pieces.len() as u64) as usize]);
            }
            lines.push(t);
            // well-formed objects of the pieces that are values
            let values: Vec<&str> = pieces.iter().copied().filter(|p| serde_json::from_str::<Value>(p).is_ok()).collect();
            let keys: Vec<&str> = values.iter().copied().filter(|p| p.starts_with('"')).collect();
            let mut o = String::from("{");
            for i in 0..rng.next_u64() % 8 {
                if i > 0 {
                    o.push(',');
                }
                o.push_str(keys[(rng.next_u64() % keys.len() as u64) as usize]);
                o.push(':');
                o.push_str(values[(rng.next_u64() % values.len() as u64) as usize]);
            }
            o.push('}');
            lines.push(o);
        }
        let configs = [
            ReadOptions::default(),
            ReadOptions {
                fields: JsonlFields { id: "body".into(), body: "other".into(), date: "id".into(), ..JsonlFields::default() },
                ..ReadOptions::default()
            },
        ];
        let (mut ok, mut errs) = (0, 0);
        for opts in &configs {
            for line in &lines {
                let got = parse_line("f.jsonl", 3, line.as_bytes(), opts);
                let want = parse_line_by_value("f.jsonl", 3, line, opts);
                match (&got, &want) {
                    (Ok(g), Ok(w)) => {
                        assert_eq!(summary(g), summary(w), "{line}");
                        ok += 1;
                    }
                    (Err(g), Err(w)) => {
                        assert_eq!(g, w, "{line}");
                        errs += 1;
                    }
                    _ => panic!("{line}: {:?} against {:?}", got.as_ref().map(summary), want.as_ref().map(summary)),
                }
            }
        }
        assert!(ok > 500 && errs > 500, "{ok} read, {errs} errors");
    }
}
