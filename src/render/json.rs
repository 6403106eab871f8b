//! `--format json` (one document) and `--format jsonl` (one object per line).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::{FindingView, Render, Stats, StoryView};
use crate::StoryReport;
use crate::document::Document;
use crate::input::InputError;

/// One JSON document, written at the end: `{version, stories:[{..., findings:[...]}], errors, summary}`.
pub struct Json<'w> {
    out: Box<dyn Write + 'w>,
    stories: Vec<serde_json::Value>,
    errors: Vec<serde_json::Value>,
}

impl<'w> Json<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Json { out, stories: Vec::new(), errors: Vec::new() }
    }
}

#[derive(Serialize)]
struct StoryWithFindings<'a> {
    #[serde(flatten)]
    story: StoryView<'a>,
    #[serde(rename = "results")]
    findings: Vec<FindingView<'a>>,
}

impl Render for Json<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        let v = StoryWithFindings {
            story: StoryView::new(doc, report),
            findings: report.findings.iter().map(|f| FindingView::new(doc, f)).collect(),
        };
        self.stories.push(serde_json::to_value(v)?);
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        self.errors.push(serde_json::to_value(err)?);
        Ok(())
    }

    fn finish(&mut self, stats: &Stats) -> io::Result<()> {
        let doc = json!({
            "tool": "wirelint",
            "version": env!("CARGO_PKG_VERSION"),
            "stories": self.stories,
            "errors": self.errors,
            "summary": stats,
        });
        serde_json::to_writer_pretty(&mut self.out, &doc)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

/// One JSON object per line, streamed: `{"type":"finding",...}`, `{"type":"story",...}`,
/// `{"type":"error",...}`, and a final `{"type":"summary",...}`.
pub struct JsonLines<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> JsonLines<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        JsonLines { out }
    }

    fn line(&mut self, kind: &str, v: impl Serialize) -> io::Result<()> {
        let mut buf = Vec::with_capacity(512);
        write_record(&mut buf, kind, &v)?;
        buf.push(b'\n');
        self.out.write_all(&buf)
    }
}

/// Writes [`record`]`(kind, v)` as `serde_json::to_writer` writes it (keys sorted at every
/// level, as a `Value`'s map holds them), without building the `Value` (#16: the tree, its
/// strings and its maps were 24 M instructions per 1,000 stories). A value this writer does not
/// take (a map key that is no string, number, char or bool; a 128-bit number) goes the `Value`
/// way.
fn write_record(buf: &mut Vec<u8>, kind: &str, v: &impl Serialize) -> serde_json::Result<()> {
    let start = buf.len();
    let mut w = sorted::Writer { buf: std::mem::take(buf), keys: Vec::new(), depth: 0, kind: Some(kind), scratch: Vec::new() };
    let done = v.serialize(&mut w);
    *buf = w.buf;
    if done.is_err() {
        buf.truncate(start);
        serde_json::to_writer(&mut *buf, &record(kind, v)?)?;
    }
    Ok(())
}

/// Writes a story record as [`write_record`]`("story", v)` writes it: its fields one by one in
/// key order (#16: the sorted writer's entry list, sort and copy were most of the 15,000
/// instructions a story record cost; a test holds the two equal).
fn write_story(buf: &mut Vec<u8>, v: &StoryView<'_>) -> serde_json::Result<()> {
    let mut first = true;
    let mut key = |buf: &mut Vec<u8>, k: &str| {
        // (field names: nothing to escape)
        buf.extend_from_slice(if first { b"{\"" } else { b",\"" });
        first = false;
        buf.extend_from_slice(k.as_bytes());
        buf.extend_from_slice(b"\":");
    };
    if let Some(d) = v.date {
        key(buf, "date");
        serde_json::to_writer(&mut *buf, d)?;
    }
    if let Some(d) = v.dateline {
        key(buf, "dateline");
        let mut first = true;
        for (k, s) in
            [("agency", d.agency.as_deref()), ("city", Some(d.city.as_str())), ("date", d.date.as_deref()), ("region", d.region.as_deref())]
        {
            if let Some(s) = s {
                buf.extend_from_slice(if first { b"{\"" } else { b",\"" });
                first = false;
                buf.extend_from_slice(k.as_bytes());
                buf.extend_from_slice(b"\":");
                serde_json::to_writer(&mut *buf, s)?;
            }
        }
        // (`city` is always written, so `span` never opens the object)
        write!(buf, ",\"span\":{{\"end\":{},\"start\":{}}}}}", d.span.end, d.span.start).map_err(serde_json::Error::io)?;
    }
    if let Some(e) = v.encoding {
        key(buf, "encoding");
        serde_json::to_writer(&mut *buf, e)?;
    }
    if let Some(e) = v.encoding_source {
        key(buf, "encoding_source");
        serde_json::to_writer(&mut *buf, &e)?;
    }
    if !v.facts.is_empty() {
        // a map's keys in order, each value as a `Value` writes itself (its maps are sorted)
        key(buf, "facts");
        let mut first = true;
        for (k, value) in v.facts {
            buf.push(if first { b'{' } else { b',' });
            first = false;
            serde_json::to_writer(&mut *buf, k)?;
            buf.push(b':');
            serde_json::to_writer(&mut *buf, value)?;
        }
        buf.push(b'}');
    }
    key(buf, "findings");
    write!(buf, "{}", v.findings).map_err(serde_json::Error::io)?;
    for (k, s) in [
        ("headline", v.headline),
        ("id", v.id),
        ("language", v.language),
        ("language_source", Some(v.language_source)),
        ("path", Some(v.path)),
        ("source", v.source),
    ] {
        if let Some(s) = s {
            key(buf, k);
            serde_json::to_writer(&mut *buf, s)?;
        }
    }
    key(buf, "type");
    buf.extend_from_slice(b"\"story\"}");
    Ok(())
}

/// A serializer that writes JSON with the keys of every object sorted, byte for byte what
/// `serde_json::to_writer(serde_json::to_value(v))` writes (last of equal keys wins; an `f32` is
/// written as the `f64` it widens to; a non-finite float is `null`).
mod sorted {
    use serde::ser::{self, Error as _, Serialize};
    use serde_json::Error;

    pub(super) struct Writer<'k> {
        pub(super) buf: Vec<u8>,
        /// The entries of the open objects, innermost last: key and the range of its value in `buf`.
        pub(super) keys: Vec<(Key, usize, usize)>,
        /// Open objects.
        pub(super) depth: usize,
        /// `"type"`'s value, added to the outermost value when it is an object.
        pub(super) kind: Option<&'k str>,
        /// An object's text while its entries are put in order.
        pub(super) scratch: Vec<u8>,
    }

    pub(super) enum Key {
        Static(&'static str),
        Owned(String),
    }

    impl Key {
        fn as_str(&self) -> &str {
            match self {
                Key::Static(s) => s,
                Key::Owned(s) => s,
            }
        }
    }

    fn unsupported() -> Error {
        Error::custom("not written by the sorted writer")
    }

    impl Writer<'_> {
        fn json(&mut self, v: &(impl Serialize + ?Sized)) -> Result<(), Error> {
            serde_json::to_writer(&mut self.buf, v)
        }

        fn open(&mut self) -> Object {
            self.depth += 1;
            Object { base: self.keys.len(), start: self.buf.len(), seq: false, wrapper: None }
        }

        /// Closes the object whose entries start at `base` and whose text starts at `start`.
        fn close(&mut self, o: &Object) {
            self.depth -= 1;
            if self.depth == 0
                && let Some(kind) = self.kind.take()
            {
                let s = self.buf.len();
                serde_json::to_writer(&mut self.buf, kind).expect("a string is written");
                self.keys.push((Key::Static("type"), s, self.buf.len()));
            }
            let entries = &mut self.keys[o.base..];
            // stable: of equal keys the last is kept, as a map's insert keeps it
            entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
            let mut text = std::mem::take(&mut self.scratch);
            text.clear();
            text.push(b'{');
            let mut first = true;
            for (k, e) in entries.iter().enumerate() {
                if entries.get(k + 1).is_some_and(|n| n.0.as_str() == e.0.as_str()) {
                    continue;
                }
                if !first {
                    text.push(b',');
                }
                first = false;
                let key = e.0.as_str();
                if key.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
                    // nothing to escape (every field name)
                    text.push(b'"');
                    text.extend_from_slice(key.as_bytes());
                    text.push(b'"');
                } else {
                    serde_json::to_writer(&mut text, key).expect("a string is written");
                }
                text.push(b':');
                text.extend_from_slice(&self.buf[e.1..e.2]);
            }
            text.push(b'}');
            self.keys.truncate(o.base);
            self.buf.truncate(o.start);
            self.buf.extend_from_slice(&text);
            self.scratch = text;
        }
    }

    /// An open object (or array, `seq`); `wrapper`: the variant name of an enum variant written
    /// as `{"Variant": ...}`, closed after it.
    pub(super) struct Object {
        base: usize,
        start: usize,
        seq: bool,
        wrapper: Option<(&'static str, usize, usize)>,
    }

    pub(super) struct Compound<'a, 'k> {
        w: &'a mut Writer<'k>,
        o: Object,
        /// Elements written (arrays).
        n: usize,
        /// A map's key waiting for its value.
        key: Option<Key>,
    }

    impl Compound<'_, '_> {
        fn element(&mut self, v: &(impl Serialize + ?Sized)) -> Result<(), Error> {
            if self.n > 0 {
                self.w.buf.push(b',');
            }
            self.n += 1;
            v.serialize(&mut *self.w)
        }

        fn field(&mut self, key: Key, v: &(impl Serialize + ?Sized)) -> Result<(), Error> {
            let s = self.w.buf.len();
            v.serialize(&mut *self.w)?;
            self.w.keys.push((key, s, self.w.buf.len()));
            Ok(())
        }

        fn finish(mut self) {
            if self.o.seq {
                self.w.buf.push(b']');
            } else {
                self.w.close(&self.o);
            }
            if let Some((variant, base, start)) = self.o.wrapper.take() {
                // `{"Variant": value}`: the value was written from `start` on
                let end = self.w.buf.len();
                self.w.keys.push((Key::Static(variant), start, end));
                let outer = Object { base, start, seq: false, wrapper: None };
                self.w.close(&outer);
            }
        }
    }

    /// Opens `{"variant": ` for an enum variant written as an object around its value.
    fn wrap(w: &mut Writer<'_>) -> (usize, usize) {
        w.depth += 1;
        (w.keys.len(), w.buf.len())
    }

    /// Booleans and integers, written as `serde_json` writes them.
    macro_rules! primitive {
        ($($method:ident: $t:ty),+) => {$(
            fn $method(self, v: $t) -> Result<(), Error> {
                self.json(&v)
            }
        )+};
    }

    impl<'a, 'k> ser::Serializer for &'a mut Writer<'k> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = Compound<'a, 'k>;
        type SerializeTuple = Compound<'a, 'k>;
        type SerializeTupleStruct = Compound<'a, 'k>;
        type SerializeTupleVariant = Compound<'a, 'k>;
        type SerializeMap = Compound<'a, 'k>;
        type SerializeStruct = Compound<'a, 'k>;
        type SerializeStructVariant = Compound<'a, 'k>;

        primitive!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);
        primitive!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
        fn serialize_i128(self, _: i128) -> Result<(), Error> {
            Err(unsupported())
        }
        fn serialize_u128(self, _: u128) -> Result<(), Error> {
            Err(unsupported())
        }
        fn serialize_f32(self, v: f32) -> Result<(), Error> {
            // a `Value` holds an f32 as the f64 it widens to (`null` when not finite)
            self.json(&f64::from(v))
        }
        fn serialize_f64(self, v: f64) -> Result<(), Error> {
            self.json(&v)
        }
        fn serialize_char(self, v: char) -> Result<(), Error> {
            self.json(&v)
        }
        fn serialize_str(self, v: &str) -> Result<(), Error> {
            self.json(v)
        }
        fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
            self.json(&v.iter().collect::<Vec<_>>())
        }
        fn serialize_none(self) -> Result<(), Error> {
            self.buf.extend_from_slice(b"null");
            Ok(())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
            v.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), Error> {
            self.serialize_none()
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
            self.serialize_none()
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
            self.json(variant)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            v: &T,
        ) -> Result<(), Error> {
            let (base, start) = wrap(self);
            v.serialize(&mut *self)?;
            let end = self.buf.len();
            self.keys.push((Key::Static(variant), start, end));
            self.close(&Object { base, start, seq: false, wrapper: None });
            Ok(())
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'k>, Error> {
            if self.depth == 0 {
                // an array at the top: no `"type"` is added
                self.kind = None;
            }
            self.buf.push(b'[');
            let o = Object { base: 0, start: 0, seq: true, wrapper: None };
            Ok(Compound { w: self, o, n: 0, key: None })
        }
        fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'k>, Error> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'k>, Error> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, len: usize) -> Result<Compound<'a, 'k>, Error> {
            let (base, start) = wrap(self);
            let mut c = self.serialize_seq(Some(len))?;
            c.o.wrapper = Some((variant, base, start));
            Ok(c)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'k>, Error> {
            let o = self.open();
            Ok(Compound { w: self, o, n: 0, key: None })
        }
        fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'k>, Error> {
            self.serialize_map(Some(len))
        }
        fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, len: usize) -> Result<Compound<'a, 'k>, Error> {
            let (base, start) = wrap(self);
            let mut c = self.serialize_map(Some(len))?;
            c.o.wrapper = Some((variant, base, start));
            Ok(c)
        }
    }

    /// The sequence-like and struct-like halves of serde's compound traits: each writes an element
    /// or a keyed field and closes the container the same way.
    macro_rules! compound {
        ($($trait:ident :: $method:ident),+ ; element) => {$(
            impl ser::$trait for Compound<'_, '_> {
                type Ok = ();
                type Error = Error;
                fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                    self.element(v)
                }
                fn end(self) -> Result<(), Error> {
                    self.finish();
                    Ok(())
                }
            }
        )+};
        ($($trait:ident :: $method:ident),+ ; field) => {$(
            impl ser::$trait for Compound<'_, '_> {
                type Ok = ();
                type Error = Error;
                fn $method<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
                    self.field(Key::Static(key), v)
                }
                fn end(self) -> Result<(), Error> {
                    self.finish();
                    Ok(())
                }
            }
        )+};
    }
    compound!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field; element);
    compound!(SerializeStruct::serialize_field, SerializeStructVariant::serialize_field; field);

    impl ser::SerializeMap for Compound<'_, '_> {
        type Ok = ();
        type Error = Error;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
            // a map key as a `Value`'s map holds it: a string, or a number, char or bool as text
            let v = serde_json::to_value(key)?;
            let k = match v {
                serde_json::Value::String(s) => s,
                // (a float key is written unwidened by a `Value`'s map key serializer)
                serde_json::Value::Number(n) if !n.is_f64() => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => return Err(unsupported()),
            };
            self.key = Some(Key::Owned(k));
            Ok(())
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
            let key = self.key.take().ok_or_else(unsupported)?;
            self.field(key, v)
        }
        fn end(self) -> Result<(), Error> {
            self.finish();
            Ok(())
        }
    }
}

/// One JSON Lines record: `v` with `"type": kind` added.
pub fn record(kind: &str, v: impl Serialize) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(v)?;
    if let serde_json::Value::Object(m) = &mut value {
        m.insert("type".into(), kind.into());
    }
    Ok(value)
}

/// A finding exactly as `--format jsonl` writes it (`"type": "finding"`).
pub fn finding_record(doc: &Document, f: &crate::Finding) -> serde_json::Value {
    record("finding", FindingView::new(doc, f)).expect("a finding serializes")
}

/// An unreadable input exactly as `--format jsonl` writes it (`"type": "error"`).
pub fn error_record(err: &InputError) -> serde_json::Value {
    record("error", err).expect("an error serializes")
}

/// A story exactly as `--format jsonl` writes it (`"type": "story"`).
pub fn story_record(doc: &Document, report: &StoryReport) -> serde_json::Value {
    record("story", StoryView::new(doc, report)).expect("a story serializes")
}

impl Render for JsonLines<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        for f in &report.findings {
            self.line("finding", FindingView::new(doc, f))?;
        }
        let mut buf = Vec::with_capacity(512);
        write_story(&mut buf, &StoryView::new(doc, report))?;
        buf.push(b'\n');
        self.out.write_all(&buf)
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        self.line("error", err)
    }

    fn finish(&mut self, stats: &Stats) -> io::Result<()> {
        self.line("summary", stats)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::AnalyseOptions;
    use crate::{Linter, Settings};
    use std::collections::BTreeMap;

    /// What `--format jsonl` wrote before the sorted writer: the record as a `Value`.
    fn oracle(kind: &str, v: &impl Serialize) -> Vec<u8> {
        serde_json::to_vec(&record(kind, v).unwrap()).unwrap()
    }

    fn written(kind: &str, v: &impl Serialize) -> Vec<u8> {
        let mut buf = Vec::new();
        write_record(&mut buf, kind, v).unwrap();
        buf
    }

    #[test]
    fn the_sorted_writer_writes_what_a_value_writes() {
        let linter = Linter::new(Settings::default()).unwrap();
        let mut docs: Vec<Document> = Vec::new();
        for (i, t) in crate::document::test_texts().into_iter().enumerate().filter(|(i, _)| i % 4 == 0) {
            docs.push(Document::from_text(format!("t{i}.txt"), t, &AnalyseOptions::default()));
        }
        // structured stories: ids, metadata, extra fields, datelines from a field
        let jsonl = concat!(
            r#"{"id":"a1","headline":"Talks in \"Moscow\"","dateline":"MOSCOW","body":"MOSCOW (Reuters) - Hamas said yes.\n\nThe talks failed.","language":"en","source":"wire","date":"2026-12-05"}"#,
            "\n",
            r#"{"id":"b2","body":"JAKARTA (ANTARA) - Menteri itu mengatakan bahwa perundingan akan dilanjutkan.","wirelint_allow":["untranslated-fragment"]}"#,
            "\n"
        );
        crate::input::read_bytes(
            "s.jsonl",
            crate::input::InputFormat::Jsonl,
            jsonl.as_bytes().to_vec(),
            &crate::input::ReadOptions::default(),
            &mut |d| docs.push(d.unwrap()),
        );
        // a record in a legacy encoding: the story says which
        let mut latin = br#"{"id":"c3","body":"PARIS (AFP) - Le pr"#.to_vec();
        latin.push(0xE9);
        latin.extend_from_slice(b"sident a dit non.\"}\n");
        crate::input::read_bytes("l.jsonl", crate::input::InputFormat::Jsonl, latin, &crate::input::ReadOptions::default(), &mut |d| {
            docs.push(d.unwrap());
        });
        assert!(docs.last().is_some_and(|d| d.encoding.is_some()));
        let mut findings = 0;
        for doc in &docs {
            let report = linter.check(doc);
            for f in &report.findings {
                let v = FindingView::new(doc, f);
                assert_eq!(written("finding", &v), oracle("finding", &v), "{}", doc.path);
                findings += 1;
            }
            let v = StoryView::new(doc, &report);
            assert_eq!(written("story", &v), oracle("story", &v), "{}", doc.path);
            let mut direct = Vec::new();
            write_story(&mut direct, &v).unwrap();
            assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(oracle("story", &v)).unwrap(), "{}", doc.path);
        }
        assert!(findings > 200, "findings: {findings}");
        let stats = Stats { stories: 3, findings: 7, ..Stats::default() };
        assert_eq!(written("summary", &stats), oracle("summary", &stats));
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        New(u8),
        Tuple(u8, &'static str),
        Struct { b: f32, a: Option<f64> },
    }

    #[derive(Serialize)]
    struct Odd {
        z: Vec<Shape>,
        #[serde(flatten)]
        extra: BTreeMap<String, u32>,
        ints: BTreeMap<u32, &'static str>,
        bytes: &'static [u8],
        c: char,
        nan: f64,
        #[serde(rename = "type")]
        kind: &'static str,
        unit: (),
    }

    #[test]
    fn the_sorted_writer_takes_every_shape_a_value_takes() {
        let odd = Odd {
            z: vec![Shape::Unit, Shape::New(3), Shape::Tuple(1, "x\"y"), Shape::Struct { b: 0.7, a: None }],
            extra: [("é".to_string(), 1), ("a".to_string(), 2), ("type".to_string(), 5)].into_iter().collect(),
            ints: [(10, "ten"), (2, "two")].into_iter().collect(),
            bytes: b"ab",
            c: '\n',
            nan: f64::NAN,
            kind: "mine",
            unit: (),
        };
        assert_eq!(String::from_utf8(written("finding", &odd)).unwrap(), String::from_utf8(oracle("finding", &odd)).unwrap());
        for v in [Shape::Unit, Shape::New(1), Shape::Tuple(2, "t"), Shape::Struct { b: 1.5, a: Some(2.25) }] {
            assert_eq!(written("x", &v), oracle("x", &v));
        }
        let top = vec![Shape::Struct { b: 2.0, a: None }, Shape::New(4)];
        assert_eq!(written("x", &top), oracle("x", &top));
        assert_eq!(written("x", &"plain"), oracle("x", &"plain"));
        // a 128-bit number goes the `Value` way
        assert_eq!(written("x", &5u128), oracle("x", &5u128));
    }
}
