//! Reliability: files as Windows tools and old CMSs write them (byte-order mark, CRLF or lone CR
//! line endings, non-Latin text) never crash the run, in any format or renderer, and every
//! finding's span and line:column point at the flagged bytes of the file.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint")).env("NO_COLOR", "1").current_dir(dir).args(args).output().unwrap()
}

const NITF: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf>\n<head><title>Заголовок</title></head>\n<body>\n<body.head><hedline><hl1>Заголовок</hl1></hedline></body.head>\n<body.content>\n<p>МОСКВА - Президент сказал, что переговоры продолжатся.</p>\n<p>The militant groups Hamas and Israeli Jihad were invited, officials said.</p>\n</body.content>\n</body>\n</nitf>\n";

const NEWSML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x:1\">\n<contentMeta><headline>Заголовок</headline></contentMeta>\n<contentSet><inlineXML contenttype=\"application/nitf+xml\">\n<nitf><body><body.content>\n<p>МОСКВА - Президент сказал, что переговоры продолжатся.</p>\n<p>The militant groups Hamas and Israeli Jihad were invited, officials said.</p>\n</body.content></body></nitf>\n</inlineXML></contentSet>\n</newsItem>\n";

const TEXT: &str = "Заголовок\n\nМОСКВА - Президент сказал, что переговоры продолжатся.\n\nThe militant groups Hamas and Israeli Jihad were invited, officials said.\n";

/// Every shape of one file: LF, CRLF, lone CR, each with and without a UTF-8 byte-order mark.
fn shapes(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, eol) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let t = text.replace('\n', eol);
        out.push((name, t.clone()));
        out.push((name, format!("\u{feff}{t}")));
    }
    out
}

/// 1-based line and column of a byte offset, lines ending at LF, CRLF or CR.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = std::str::from_utf8(&bytes[..at]).expect("span on a char boundary");
    let mut line = 1;
    let mut col = 1;
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            line += 1;
            col = 1;
        } else if c != '\r' {
            col += 1;
        }
    }
    (line, col)
}

#[test]
fn windows_shaped_files_are_read_and_located_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for (ext, text) in [("nitf.xml", NITF), ("newsml.xml", NEWSML), ("txt", TEXT)] {
        for (i, (shape, t)) in shapes(text).into_iter().enumerate() {
            let name = format!("{shape}-{i}.{ext}");
            std::fs::write(dir.path().join(&name), &t).unwrap();
            names.push(name);
        }
    }
    for fmt in ["human", "json", "jsonl", "sarif", "github"] {
        let o = run(dir.path(), &["check", ".", "--no-config", "--format", fmt]);
        assert_eq!(o.status.code(), Some(1), "{fmt}: {}", String::from_utf8_lossy(&o.stderr));
        if fmt == "json" || fmt == "sarif" {
            serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap_or_else(|e| panic!("{fmt} output is not JSON: {e}"));
        }
    }
    let o = run(dir.path(), &["names", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));

    let o = run(dir.path(), &["check", ".", "--no-config", "--format", "jsonl"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let mut checked = std::collections::BTreeSet::new();
    for line in out.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_ne!(r["type"], "error", "{r}");
        if r["type"] != "finding" || r["rule"] != "entity-corruption" {
            continue;
        }
        let path = r["path"].as_str().unwrap();
        let bytes = std::fs::read(dir.path().join(path)).unwrap();
        let (s, e) = (r["span"]["start"].as_u64().unwrap() as usize, r["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&bytes[s..e], b"Israeli Jihad", "{path}");
        let (line, col) = line_col(&bytes, s);
        assert_eq!((r["line"].as_u64().unwrap() as usize, r["column"].as_u64().unwrap() as usize), (line, col), "{path}");
        checked.insert(path.to_string());
    }
    assert_eq!(checked.len(), names.len(), "every file gets its finding: {checked:?}");
}

#[test]
fn a_byte_order_mark_does_not_shift_xml_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.xml"), "\u{feff}<nitf>\r\n<body>\r\n</bdy>\r\n</nitf>\r\n").unwrap();
    std::fs::write(dir.path().join("good.txt"), TEXT).unwrap();
    let o = run(dir.path(), &["check", ".", "--no-config", "--format", "jsonl"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let err: serde_json::Value =
        out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()).find(|r| r["type"] == "error").expect("an error record");
    assert_eq!((err["line"].as_u64(), err["column"].as_u64()), (Some(3), Some(1)), "{err}");
    assert!(out.lines().any(|l| l.contains("\"type\":\"story\"") && l.contains("good.txt")), "the other file is still checked: {out}");
}
