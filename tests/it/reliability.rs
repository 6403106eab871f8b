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

fn records(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn an_html_tag_with_thousands_of_attributes_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let attrs: String = (0..5000).map(|i| format!(" data-x{i}=\"{i}\"")).collect();
    let html = format!("<html><body><p{attrs}>The militant groups Hamas and Israeli Jihad were invited, officials said.</p></body></html>");
    std::fs::write(dir.path().join("a.html"), &html).unwrap();
    std::fs::write(dir.path().join("b.html"), &html).unwrap();
    let o = run(dir.path(), &["check", ".", "--no-config", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let rs = records(&o.stdout);
    assert_eq!(rs.iter().filter(|r| r["type"] == "finding" && r["text"] == "Israeli Jihad").count(), 2);
    let o = run(dir.path(), &["names", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_folder_walk_loses_nothing_and_says_what_it_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("feed");
    std::fs::create_dir_all(d.join("2024.json")).unwrap();
    // the story part comes after the first 8 KB
    let pad = "x".repeat(9000);
    std::fs::write(d.join("late.json"), format!("{{\"uri\":\"a\",\"note\":\"{pad}\",\"body_text\":\"Hamas and Israeli Jihad met.\"}}"))
        .unwrap();
    std::fs::write(
        d.join("late.xml"),
        format!("<?xml version=\"1.0\"?>\n<!--{pad}-->\n<nitf><body><body.content><p>Hamas and Israeli Jihad met.</p></body.content></body></nitf>\n"),
    )
    .unwrap();
    for empty in ["empty.json", "empty.xml", "empty.jsonl"] {
        std::fs::write(d.join(empty), "").unwrap();
    }
    std::fs::write(d.join("package.json"), "{\"name\": \"site\", \"version\": \"1.0.0\"}\n").unwrap();
    std::fs::write(d.join("pom.xml"), "<project><modelVersion>4.0.0</modelVersion></project>\n").unwrap();
    std::fs::write(d.join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(d.join(".draft.txt"), "Hidden draft.\n").unwrap();
    std::fs::write(d.join(".ignore"), "old/\n").unwrap();
    std::fs::create_dir(d.join("old")).unwrap();
    std::fs::write(d.join("old/story.txt"), "An old story.\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();

    let o = run(dir.path(), &["check", "feed", "--no-config", "--format", "jsonl", "--verbose"]);
    assert_eq!(o.status.code(), Some(2));
    let rs = records(&o.stdout);
    let found: Vec<&str> = rs.iter().filter(|r| r["type"] == "finding").map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(found, ["feed/late.json", "feed/late.xml"], "{rs:?}");
    let mut errors: Vec<String> = rs.iter().filter(|r| r["type"] == "error").map(|r| r["path"].as_str().unwrap().to_string()).collect();
    errors.sort();
    let mut want = vec!["feed/2024.json", "feed/empty.json", "feed/empty.jsonl", "feed/empty.xml"];
    if cfg!(unix) {
        want.push("feed/dangling.txt");
        want.sort_unstable();
    }
    assert_eq!(errors, want, "{rs:?}");
    let summary = rs.last().unwrap();
    assert_eq!(summary["type"], "summary");
    let skipped = &summary["skipped"];
    assert_eq!(skipped["JSON with no ninjs item"], 1, "{summary}");
    assert_eq!(skipped["XML that is neither NITF nor NewsML-G2"], 1, "{summary}");
    assert_eq!(skipped["not a story file type"], 1, "{summary}");
    // .draft.txt and .ignore are hidden; old/ is ignored, once, without going into it
    assert_eq!(skipped["hidden"], 2, "{summary}");
    assert_eq!(skipped["ignored by .gitignore, .ignore or git's exclude file"], 1, "{summary}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    for line in ["feed/package.json: JSON with no ninjs item", "feed/photo.png: not a story file type", "feed/old: ignored"] {
        assert!(stderr.contains(&format!("skipped {line}")), "{stderr}");
    }
    // the human summary counts them too
    let o = run(dir.path(), &["check", "feed", "--no-config"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("skipped 6 paths (") && out.contains("--verbose lists them"), "{out}");
    // named on the command line, a file is read whatever it holds
    assert_eq!(run(dir.path(), &["check", "--no-config", "feed/package.json"]).status.code(), Some(2));
}

#[test]
fn json_lines_on_stdin_lose_only_the_bad_line() {
    let run_stdin = |input: &[u8], args: &[&str]| {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .args(["check", "-", "--no-config", "--format", "jsonl"])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        records(&child.wait_with_output().unwrap().stdout)
    };
    let good = "{\"id\":\"b\",\"body\":\"Hamas and Israeli Jihad met.\"}\n{\"id\":\"c\",\"body\":\"Fine.\"}\n";
    // invalid UTF-8 in the first record, read strictly
    let mut input = b"{\"id\":\"a\",\"body\":\"caf\xff\"}\n".to_vec();
    input.extend_from_slice(good.as_bytes());
    let rs = run_stdin(&input, &["--encoding", "utf-8"]);
    let errors: Vec<_> = rs.iter().filter(|r| r["type"] == "error").collect();
    assert_eq!(errors.len(), 1, "{rs:?}");
    assert_eq!((errors[0]["line"].as_u64(), errors[0]["path"].as_str()), (Some(1), Some("-")));
    let ids: Vec<_> = rs.iter().filter(|r| r["type"] == "story").map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b", "c"]);
    // a broken first record
    let rs = run_stdin(format!("{{\"id\":\"a\",\"body\":\"cut off\n{good}").as_bytes(), &[]);
    let errors: Vec<_> = rs.iter().filter(|r| r["type"] == "error").collect();
    assert_eq!((errors.len(), errors[0]["line"].as_u64()), (1, Some(1)), "{rs:?}");
    assert_eq!(rs.iter().filter(|r| r["type"] == "story").count(), 2);
}

#[test]
fn a_story_over_the_size_limit_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Hamas and Israeli Jihad met. ".repeat(100);
    std::fs::write(dir.path().join("big.txt"), format!("Headline\n\n{body}\n")).unwrap();
    std::fs::write(dir.path().join("small.txt"), "Headline\n\nHamas and Israeli Jihad met.\n").unwrap();
    let jsonl = format!("{{\"id\":\"a\",\"body\":\"Fine.\"}}\n{{\"id\":\"b\",\"body\":\"{body}\"}}\n{{\"id\":\"c\",\"body\":\"Fine.\"}}\n");
    std::fs::write(dir.path().join("feed.jsonl"), &jsonl).unwrap();
    let o = run(dir.path(), &["check", ".", "--no-config", "--format", "jsonl", "--max-story-bytes", "1K"]);
    assert_eq!(o.status.code(), Some(2));
    let rs = records(&o.stdout);
    let errors: Vec<String> =
        rs.iter().filter(|r| r["type"] == "error").map(|r| format!("{}:{}: {}", r["path"], r["line"], r["message"])).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("big.txt") && errors[0].contains("story is 2911 bytes, over the limit of 1024 bytes"), "{errors:?}");
    assert!(errors[1].contains("feed.jsonl\":2:") && errors[1].contains("record is over the limit of 1024 bytes"), "{errors:?}");
    let ids: Vec<_> = rs.iter().filter(|r| r["type"] == "story").filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    // the config key, and the default lets them through
    std::fs::write(dir.path().join("wirelint.toml"), "max-story-bytes = 1024\n").unwrap();
    assert_eq!(records(&run(dir.path(), &["check", ".", "--format", "jsonl"]).stdout).iter().filter(|r| r["type"] == "error").count(), 2);
    std::fs::remove_file(dir.path().join("wirelint.toml")).unwrap();
    assert_eq!(records(&run(dir.path(), &["check", ".", "--format", "jsonl"]).stdout).iter().filter(|r| r["type"] == "error").count(), 0);
}
