//! Partner files in legacy encodings (issue 18): a story in Windows-1252, UTF-16 or a declared
//! ISO-8859-1 is checked like its UTF-8 twin: same findings, same line:column, and spans that
//! are byte offsets of the file on disk.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encodings").join(name);
    std::fs::read_to_string(p).unwrap()
}

fn wirelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--no-config", "--no-progress"])
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn utf16(text: &str, enc: &'static Encoding) -> Vec<u8> {
    let mut out = if enc == UTF_16LE { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if enc == UTF_16LE { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Findings and the story record of one file, from `--format jsonl`.
fn run_jsonl(dir: &Path, file: &str, extra: &[&str]) -> (Vec<Value>, Value, Output) {
    let mut args = vec!["--format", "jsonl"];
    args.extend_from_slice(extra);
    args.push(file);
    let o = wirelint(dir, &args);
    let mut findings = Vec::new();
    let mut story = Value::Null;
    for line in String::from_utf8(o.stdout.clone()).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        match v["type"].as_str() {
            Some("finding") => findings.push(v),
            Some("story") => story = v,
            _ => {}
        }
    }
    (findings, story, o)
}

/// What must not change with the encoding: rule, flagged text, message, line and column.
fn essence(f: &Value) -> (String, String, String, u64, u64, u64, u64) {
    (
        f["rule"].as_str().unwrap().into(),
        f["text"].as_str().unwrap().into(),
        f["message"].as_str().unwrap().into(),
        f["line"].as_u64().unwrap(),
        f["column"].as_u64().unwrap(),
        f["end_line"].as_u64().unwrap(),
        f["end_column"].as_u64().unwrap(),
    )
}

/// Every finding's span slices the original file to bytes that decode to the flagged text.
fn assert_spans_slice_file(bytes: &[u8], enc: &'static Encoding, findings: &[Value]) {
    for f in findings {
        let (s, e) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        let (text, _) = enc.decode_without_bom_handling(&bytes[s..e]);
        assert_eq!(text, f["text"].as_str().unwrap(), "span {s}..{e} of {f}");
        if let Some(fix) = f.get("fix") {
            let (fs, fe) = (fix["span"]["start"].as_u64().unwrap() as usize, fix["span"]["end"].as_u64().unwrap() as usize);
            assert!(fe <= bytes.len() && fs <= fe, "{fix}");
        }
    }
}

#[test]
fn windows_1252_story_is_checked_like_its_utf8_twin() {
    let text = fixture("cairo-talks.utf8.txt");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "utf8.txt", text.as_bytes());
    let (legacy, _, bad) = WINDOWS_1252.encode(&text);
    assert!(!bad);
    assert_ne!(legacy.len(), text.len(), "the fixture has characters whose byte length differs");
    write(dir.path(), "cp1252.txt", &legacy);

    let (want, story8, _) = run_jsonl(dir.path(), "utf8.txt", &[]);
    let (got, story, o) = run_jsonl(dir.path(), "cp1252.txt", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(want.len() >= 3, "{want:?}");
    assert_eq!(got.iter().map(essence).collect::<Vec<_>>(), want.iter().map(essence).collect::<Vec<_>>());
    assert!(got.iter().all(|f| f["rule"] != "mojibake"), "decoding must not make mojibake: {got:?}");
    // the spans differ from the UTF-8 twin's (fewer bytes per accented letter), and slice the file
    assert_ne!(got.last().unwrap()["span"], want.last().unwrap()["span"]);
    assert_spans_slice_file(&legacy, WINDOWS_1252, &got);
    assert_eq!(story["encoding"], "windows-1252");
    assert_eq!(story["encoding_source"], "detected");
    assert!(story8.get("encoding").is_none(), "UTF-8 stories carry no encoding field: {story8}");

    // human output notes the encoding, and the code frame shows the decoded text
    let o = wirelint(dir.path(), &["cp1252.txt"]);
    let human = String::from_utf8(o.stdout).unwrap();
    assert!(human.contains("read as windows-1252 (detected), not UTF-8"), "{human}");
    assert!(human.contains("cp1252.txt:4:124"), "{human}");
    assert!(human.contains("Égyptian café"), "{human}");

    // SARIF byte offsets are file offsets too
    let o = wirelint(dir.path(), &["--format", "sarif", "cp1252.txt"]);
    let sarif: Value = serde_json::from_slice(&o.stdout).unwrap();
    let r = &sarif["runs"][0]["results"][2]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(r["byteOffset"], got[2]["span"]["start"]);
}

#[test]
fn utf16_with_bom_in_both_byte_orders() {
    let text = fixture("cairo-talks.utf8.txt");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "utf8.txt", text.as_bytes());
    let (want, _, _) = run_jsonl(dir.path(), "utf8.txt", &[]);
    for (enc, name) in [(UTF_16LE, "UTF-16LE"), (UTF_16BE, "UTF-16BE")] {
        let bytes = utf16(&text.replace('\n', "\r\n"), enc);
        write(dir.path(), "u16.txt", &bytes);
        let (got, story, o) = run_jsonl(dir.path(), "u16.txt", &[]);
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(got.iter().map(essence).collect::<Vec<_>>(), want.iter().map(essence).collect::<Vec<_>>(), "{name}");
        assert_spans_slice_file(&bytes, enc, &got);
        assert_eq!((story["encoding"].as_str(), story["encoding_source"].as_str()), (Some(name), Some("bom")));
    }
}

#[test]
fn nitf_declaring_iso_8859_1_is_read_in_that_encoding() {
    let xml = fixture("kompas.utf8.nitf.xml");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "utf8.xml", xml.as_bytes());
    let latin = xml.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    // ISO-8859-1 is read as its WHATWG superset, windows-1252 (the en dash is 0x96)
    let (bytes, _, bad) = WINDOWS_1252.encode(&latin);
    assert!(!bad);
    write(dir.path(), "latin1.xml", &bytes);
    let (want, _, _) = run_jsonl(dir.path(), "utf8.xml", &[]);
    let (got, story, o) = run_jsonl(dir.path(), "latin1.xml", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!want.is_empty());
    assert_eq!(got.iter().map(essence).collect::<Vec<_>>(), want.iter().map(essence).collect::<Vec<_>>());
    assert_spans_slice_file(&bytes, WINDOWS_1252, &got);
    assert_eq!((story["encoding"].as_str(), story["encoding_source"].as_str()), (Some("windows-1252"), Some("declared")));
    assert_eq!(story["headline"], "Flood relief reaches Jakarta suburbs");
}

#[test]
fn utf8_mojibake_is_still_reported_and_never_redecoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ankara talks\n\nANKARA (Reuters) - President Tayyip ErdoÄŸan said on Tuesday that talks would resume.\n";
    write(dir.path(), "moji.txt", text.as_bytes());
    let (got, story, _) = run_jsonl(dir.path(), "moji.txt", &[]);
    assert!(got.iter().any(|f| f["rule"] == "mojibake" && f["text"] == "ÄŸ"), "{got:?}");
    assert!(story.get("encoding").is_none(), "{story}");
}

#[test]
fn strict_utf8_and_forced_encodings() {
    let text = fixture("cairo-talks.utf8.txt");
    let dir = tempfile::tempdir().unwrap();
    let (legacy, _, _) = WINDOWS_1252.encode(&text);
    write(dir.path(), "cp1252.txt", &legacy);
    // --encoding utf-8: today's strict behaviour, one error naming the file and the place
    let o = wirelint(dir.path(), &["--encoding", "utf-8", "cp1252.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("cp1252.txt:3:") && out.contains("invalid UTF-8 (byte offset"), "{out}");
    // a forced encoding is used and reported as forced
    let (got, story, _) = run_jsonl(dir.path(), "cp1252.txt", &["--encoding", "latin1"]);
    assert_eq!(got.len(), 3);
    assert_eq!(story["encoding_source"], "forced");
    // an unknown label is a usage error
    let o = wirelint(dir.path(), &["--encoding", "martian", "cp1252.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown encoding `martian`"));
}

#[test]
fn fix_refuses_to_change_a_legacy_file_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Markets steady\n\nLONDON (Reuters) - European shares were little changed on Monday, said Zoë Müller.\nSEE ALSO:\nBanks rally as rates hold\n";
    let (legacy, _, _) = WINDOWS_1252.encode(text);
    let p = write(dir.path(), "story.txt", &legacy);
    let o = wirelint(dir.path(), &["--fix", "story.txt"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("story.txt: not fixed: the file is windows-1252 (not UTF-8)"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), legacy.to_vec(), "the file is untouched");
    // the finding is still reported
    assert!(String::from_utf8_lossy(&o.stdout).contains("scrape-residue"));
}

#[test]
fn a_legacy_json_lines_record_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let rec = "{\"id\":\"afp-1\",\"body\":\"PARIS (AFP) - Les groupes Hamas et Israeli Jihad, a dit le médiateur égyptien à l’AFP.\"}\n";
    let (legacy, _, _) = WINDOWS_1252.encode(rec);
    let mut feed = b"{\"id\":\"ok\",\"body\":\"Nothing to see.\"}\n".to_vec();
    feed.extend_from_slice(&legacy);
    write(dir.path(), "feed.jsonl", &feed);
    let (got, story, o) = run_jsonl(dir.path(), "feed.jsonl", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(got[0]["text"], "Israeli Jihad");
    assert_eq!((story["id"].as_str(), story["encoding"].as_str()), (Some("afp-1"), Some("windows-1252")));
    // strict mode: that record is one error naming its line
    let o = wirelint(dir.path(), &["--encoding", "utf-8", "--format", "jsonl", "feed.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"line\":2"));

    // stdin, not JSON Lines
    let text = fixture("cairo-talks.utf8.txt");
    let (legacy, _, _) = WINDOWS_1252.encode(&text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["check", "--no-config", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&legacy).unwrap();
    let out = child.wait_with_output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("\"encoding\":\"windows-1252\""), "{s}");
    assert!(s.contains("\"text\":\"28.985\""), "{s}");
}
