//! Character encodings of partner files: UTF-8 (the fast path), and legacy encodings decoded
//! with `encoding_rs` (Windows-1252, ISO-8859-x, UTF-16 with a byte-order mark, KOI8-R,
//! Shift_JIS, GBK, ...).
//!
//! How the encoding of a file is chosen, first match wins:
//!
//! 1. `--encoding NAME` (or `encoding = "NAME"` in wirelint.toml): that encoding; `utf-8` means
//!    strict UTF-8, and bytes that are not UTF-8 are one error naming the file and the place.
//! 2. A byte-order mark: UTF-8, UTF-16LE or UTF-16BE.
//! 3. Bytes that are valid UTF-8 are UTF-8 (so real mojibake in a UTF-8 file stays visible to
//!    the `mojibake` rule, and a UTF-8 file mislabelled as Latin-1 is still read as UTF-8).
//! 4. A declared encoding: the XML declaration's `encoding="..."` or an HTML
//!    `<meta charset="...">` / `<meta http-equiv="Content-Type" content="...; charset=...">`
//!    in the first 4 KB.
//! 5. Detection with `chardetng` (the Firefox detector).
//!
//! A decoded file keeps an `OffsetMap` from offsets in the decoded text to byte offsets in the
//! original file, so every span wirelint reports is a byte range of the file on disk.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::InputError;
pub(crate) use crate::decoding::OffsetMap;
pub use crate::decoding::{EncodingInfo, EncodingSource};

/// How to choose the encoding of an input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EncodingChoice {
    /// BOM, valid UTF-8, declaration, detection (the default).
    #[default]
    Auto,
    /// Exactly this encoding (`UTF_8` = strict UTF-8).
    Forced(&'static Encoding),
}

impl EncodingChoice {
    /// Parses an encoding label (`utf-8`, `windows-1252`, `latin1`, `iso-8859-2`, `utf-16le`,
    /// `shift_jis`, ... the WHATWG labels) or `auto`.
    pub fn parse(label: &str) -> Result<EncodingChoice, String> {
        let l = label.trim();
        if l.eq_ignore_ascii_case("auto") {
            return Ok(EncodingChoice::Auto);
        }
        match Encoding::for_label(l.as_bytes()) {
            // the WHATWG "replacement" encoding decodes nothing; refuse it as a name
            Some(e) if e != encoding_rs::REPLACEMENT => Ok(EncodingChoice::Forced(e)),
            _ => Err(format!(
                "unknown encoding `{l}` (use a WHATWG label such as utf-8, windows-1252, iso-8859-2, utf-16le, koi8-r, shift_jis, or `auto`)"
            )),
        }
    }
}

/// A decoded input.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// `None` for UTF-8 (offsets are already file offsets).
    pub info: Option<EncodingInfo>,
    pub map: Option<OffsetMap>,
}

/// Decodes a whole file (or stdin). UTF-8 costs one validation pass and no copy.
pub(crate) fn decode_file(path: &str, bytes: Vec<u8>, choice: EncodingChoice, markup: bool) -> Result<Decoded, InputError> {
    let utf8 = |bytes: Vec<u8>| super::decode(path, bytes).map(|text| Decoded { text, info: None, map: None });
    let (encoding, source) = match choice {
        EncodingChoice::Forced(e) if e == UTF_8 => return utf8(bytes),
        EncodingChoice::Forced(e) => (e, EncodingSource::Forced),
        EncodingChoice::Auto => match Encoding::for_bom(&bytes).map(|(e, _)| e) {
            Some(e) if e == UTF_8 => return utf8(bytes),
            Some(e) => (e, EncodingSource::Bom),
            None => {
                // the common case: one validation pass, no copy
                let bytes = match String::from_utf8(bytes) {
                    Ok(text) => return Ok(Decoded { text, info: None, map: None }),
                    Err(e) => e.into_bytes(),
                };
                let found = declared(&bytes, markup)
                    .map(|e| (e, EncodingSource::Declared))
                    .or_else(|| detect(&bytes).map(|e| (e, EncodingSource::Detected)));
                match found {
                    Some(found) => return decode_with(path, &bytes, found.0, found.1),
                    // nothing better than UTF-8: its error names the bad byte
                    None => return utf8(bytes),
                }
            }
        },
    };
    decode_with(path, &bytes, encoding, source)
}

/// Decodes one JSON Lines record that is not UTF-8 (offsets in JSON inputs are offsets in the
/// decoded field values, so no map is kept). `None` when the record should be reported as
/// invalid UTF-8 (strict mode, or nothing decodes it).
pub(crate) fn decode_record(bytes: &[u8], choice: EncodingChoice) -> Option<(String, EncodingInfo)> {
    let (encoding, source) = match choice {
        EncodingChoice::Forced(e) if e == UTF_8 => return None,
        EncodingChoice::Forced(e) => (e, EncodingSource::Forced),
        EncodingChoice::Auto => (detect(bytes)?, EncodingSource::Detected),
    };
    if encoding == UTF_16LE || encoding == UTF_16BE {
        // records are split at 0x0A bytes, which UTF-16 does not allow
        return None;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), EncodingInfo { name: encoding.name(), source }))
}

/// The encoding a markup head declares (XML declaration, HTML meta charset), when it is one
/// that can have read these bytes: a UTF-8 or UTF-16 declaration over bytes that are neither
/// is a wrong label, and detection decides.
fn declared(bytes: &[u8], markup: bool) -> Option<&'static Encoding> {
    if !markup && !bytes.starts_with(b"<?xml") {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let label = if lower.starts_with(b"<?xml") {
        let end = memchr::memmem::find(&lower, b"?>")?;
        attr_value(&lower[..end], b"encoding")
    } else {
        None
    };
    let label = label.or_else(|| {
        // <meta charset="x"> or <meta http-equiv="content-type" content="text/html; charset=x">
        let mut at = 0;
        while let Some(i) = memchr::memmem::find(&lower[at..], b"<meta") {
            let start = at + i;
            let end = lower[start..].iter().position(|&c| c == b'>').map(|j| start + j)?;
            let tag = &lower[start..end];
            if let Some(v) = attr_value(tag, b"charset") {
                return Some(v);
            }
            if let Some(j) = memchr::memmem::find(tag, b"charset=") {
                let v: Vec<u8> =
                    tag[j + 8..].iter().copied().take_while(|c| !matches!(c, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')).collect();
                if !v.is_empty() {
                    return Some(v);
                }
            }
            at = end;
        }
        None
    })?;
    let e = Encoding::for_label(&label)?;
    (e != UTF_8 && e != UTF_16LE && e != UTF_16BE && e != encoding_rs::REPLACEMENT).then_some(e)
}

/// The value of `name=` / `name="..."` in a lower-cased tag.
fn attr_value(tag: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&tag[at..], name) {
        let mut j = at + i + name.len();
        at = j;
        // a whole attribute name: preceded by space
        if at - name.len() > 0 && !tag[at - name.len() - 1].is_ascii_whitespace() {
            continue;
        }
        while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if tag.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let quote = tag.get(j).copied().filter(|&c| c == b'"' || c == b'\'');
        if quote.is_some() {
            j += 1;
        }
        let v: Vec<u8> = tag[j..]
            .iter()
            .copied()
            .take_while(|&c| match quote {
                Some(q) => c != q,
                None => !c.is_ascii_whitespace() && c != b'>' && c != b'/',
            })
            .collect();
        return (!v.is_empty()).then_some(v);
    }
    None
}

/// chardetng's guess for bytes that are not UTF-8.
fn detect(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut d = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    d.feed(bytes, true);
    let e = d.guess(None, chardetng::Utf8Detection::Deny);
    (e != UTF_8 && e != encoding_rs::REPLACEMENT).then_some(e)
}

/// Decodes `bytes` in `encoding`, building the offset map; a byte sequence the encoding does
/// not define is an error naming the place (a U+FFFD that wirelint made up would be reported
/// as mojibake in the copy).
pub(crate) fn decode_with(path: &str, bytes: &[u8], encoding: &'static Encoding, source: EncodingSource) -> Result<Decoded, InputError> {
    let info = EncodingInfo { name: encoding.name(), source };
    // a BOM of this encoding is skipped (its bytes map to nothing)
    let bom = match Encoding::for_bom(bytes) {
        Some((e, n)) if e == encoding => n,
        _ => 0,
    };
    let ascii_unit: u8 = if encoding == UTF_16LE || encoding == UTF_16BE { 2 } else { 1 };
    let ascii_compatible = encoding.is_ascii_compatible();
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut map = OffsetMap { runs: Vec::new(), decoded_len: 0, original_len: bytes.len() };
    let mut pending = bom; // original offset where the character being decoded starts
    let mut i = bom;
    while i < bytes.len() {
        // ASCII runs of an ASCII-compatible encoding decode to themselves: copy them whole
        if ascii_compatible && pending == i {
            let run = bytes[i..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - i);
            if run > 0 {
                map.push(text.len(), i, 1);
                text.push_str(std::str::from_utf8(&bytes[i..i + run]).expect("ASCII"));
                i += run;
                pending = i;
                continue;
            }
        }
        let before = text.len();
        text.reserve(16);
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[i..=i], &mut text, false);
        debug_assert!(read <= 1);
        if let encoding_rs::DecoderResult::Malformed(_, _) = result {
            return Err(undecodable(path, bytes, pending, &info));
        }
        i += 1;
        if text.len() > before {
            let out = &text[before..];
            if out.len() == 1 && ascii_unit == 2 && out.as_bytes()[0].is_ascii() && i - pending == 2 {
                map.push(before, pending, 2);
            } else {
                map.push(before, pending, 0);
            }
            pending = i;
        }
    }
    let mut rest = String::new();
    let (result, _) = decoder.decode_to_string_without_replacement(b"", &mut rest, true);
    if let encoding_rs::DecoderResult::Malformed(_, _) = result {
        return Err(undecodable(path, bytes, pending, &info));
    }
    if !rest.is_empty() {
        map.push(text.len(), pending, 0);
        text.push_str(&rest);
    }
    map.decoded_len = text.len();
    Ok(Decoded { text, info: Some(info), map: Some(map) })
}

fn undecodable(path: &str, bytes: &[u8], at: usize, info: &EncodingInfo) -> InputError {
    let line = bytes[..at].iter().filter(|&&c| c == b'\n').count() + 1;
    let how = match info.source {
        EncodingSource::Forced => "given with --encoding",
        EncodingSource::Bom => "from its byte-order mark",
        EncodingSource::Declared => "as declared in the file",
        EncodingSource::Detected => "detected",
    };
    InputError::new(
        path,
        Some(line),
        None,
        format!(
            "not valid UTF-8, and byte offset {at} is not valid {} ({how}) either; name the file's encoding with --encoding NAME or convert it to UTF-8",
            info.name
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(d: &Decoded, bytes: &[u8], encoding: &'static Encoding) {
        let map = d.map.as_ref().unwrap();
        // every char boundary maps to the start of that char's bytes
        for (k, (at, c)) in d.text.char_indices().enumerate() {
            let o = map.to_original(at);
            let e = map.to_original(at + c.len_utf8());
            let (s, _) = encoding.decode_without_bom_handling(&bytes[o..e]);
            assert_eq!(s.chars().collect::<Vec<_>>(), vec![c], "char {k} {c:?} at {at} -> {o}..{e}");
        }
        assert_eq!(map.to_original(d.text.len()), bytes.len());
    }

    #[test]
    fn windows_1252_maps_back_to_file_bytes() {
        let s = "Erdoğan’s “talks” — São Paulo, café";
        let s = s.replace('ğ', "g"); // not in windows-1252
        let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&s);
        assert!(!bad);
        let d = decode_file("f.txt", bytes.to_vec(), EncodingChoice::Auto, false).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.info.as_ref().unwrap().name, "windows-1252");
        check_map(&d, &bytes, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let s = "MOSCOW (Reuters) - Путин said \u{1F600} yes.\r\nEnd";
        for (enc, bom) in [(UTF_16LE, &[0xFF, 0xFE][..]), (UTF_16BE, &[0xFE, 0xFF][..])] {
            let mut bytes = bom.to_vec();
            for u in s.encode_utf16() {
                let b = if enc == UTF_16LE { u.to_le_bytes() } else { u.to_be_bytes() };
                bytes.extend_from_slice(&b);
            }
            let d = decode_file("f.txt", bytes.clone(), EncodingChoice::Auto, false).unwrap();
            assert_eq!(d.text, s);
            assert_eq!(d.info.as_ref().unwrap().source, EncodingSource::Bom);
            let map = d.map.as_ref().unwrap();
            assert_eq!(map.to_original(0), 2);
            let at = s.find("said").unwrap();
            assert_eq!(map.to_original(at), 2 + 2 * s[..at].encode_utf16().count());
            assert_eq!(map.to_original(s.len()), bytes.len());
        }
    }

    #[test]
    fn valid_utf8_stays_utf8_even_with_mojibake_or_a_latin1_label() {
        let s = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf>ErdoÄŸan</nitf>";
        let d = decode_file("f.xml", s.as_bytes().to_vec(), EncodingChoice::Auto, true).unwrap();
        assert_eq!(d.text, s);
        assert!(d.info.is_none() && d.map.is_none());
    }

    #[test]
    fn xml_declaration_and_html_meta() {
        let (body, _, _) = encoding_rs::WINDOWS_1250.encode("Łódź i Kraków");
        let mut x = b"<?xml version='1.0' encoding='ISO-8859-2'?>\n<nitf>".to_vec();
        let (b2, _, _) = encoding_rs::ISO_8859_2.encode("Łódź i Kraków");
        x.extend_from_slice(&b2);
        let d = decode_file("f.xml", x, EncodingChoice::Auto, true).unwrap();
        assert_eq!(d.info.as_ref().map(|i| (i.name, i.source)), Some(("ISO-8859-2", EncodingSource::Declared)));
        assert!(d.text.ends_with("Łódź i Kraków"));
        let mut h = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1250\"></head><p>".to_vec();
        h.extend_from_slice(&body);
        let d = decode_file("f.html", h, EncodingChoice::Auto, true).unwrap();
        assert_eq!(d.info.as_ref().map(|i| i.name), Some("windows-1250"));
        assert!(d.text.ends_with("<p>Łódź i Kraków"));
    }

    #[test]
    fn strict_utf8_and_undecodable_bytes_are_errors() {
        let e = decode_file("f.txt", b"abc\n\xe9t\xe9".to_vec(), EncodingChoice::Forced(UTF_8), false).unwrap_err();
        assert!(e.to_string().starts_with("f.txt:2:1: invalid UTF-8 (byte offset 4)"), "{e}");
        // Shift_JIS lead byte with a bad trail byte
        let e = decode_with("f.txt", b"ab\x81\x20cd", encoding_rs::SHIFT_JIS, EncodingSource::Forced).unwrap_err();
        assert!(e.message.contains("byte offset 2") && e.message.contains("Shift_JIS"), "{e}");
    }

    #[test]
    fn labels() {
        assert_eq!(EncodingChoice::parse("latin1"), Ok(EncodingChoice::Forced(encoding_rs::WINDOWS_1252)));
        assert_eq!(EncodingChoice::parse("AUTO"), Ok(EncodingChoice::Auto));
        assert!(EncodingChoice::parse("klingon").is_err());
    }
}
