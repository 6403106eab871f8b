//! The fuzz targets' invariants (`fuzz/src/check.rs`, shared with `fuzz/`) on the shapes that
//! broke wirelint once, and on every input the fuzzer turned up (`tests/fixtures/fuzz/TARGET/`,
//! replayed through that target's format): no panic; every span inside the text and on char
//! boundaries; line:column counted as editors count them; `json`, `jsonl` and `sarif` output
//! well-formed.

use crate::fuzz_check::{check_bytes, line_col, read_holds};
use wirelint::input::InputFormat;

const FORMATS: [InputFormat; 6] =
    [InputFormat::Text, InputFormat::Jsonl, InputFormat::Nitf, InputFormat::Newsml, InputFormat::Ninjs, InputFormat::Html];

/// Every format (a wrong one is an error, never a panic) and the sniffed one.
fn holds_everywhere(data: &[u8]) {
    for fmt in FORMATS {
        check_bytes(fmt, data);
    }
    check_bytes(InputFormat::sniff(data), data);
}

/// LF, CRLF and lone CR endings, each with and without a UTF-8 byte-order mark.
fn shapes(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for eol in ["\n", "\r\n", "\r"] {
        let t = text.replace('\n', eol);
        out.push(format!("\u{feff}{t}").into_bytes());
        out.push(t.into_bytes());
    }
    out
}

#[test]
fn line_col_counts_as_editors_do() {
    let t = "ab\r\ncd\re\nf";
    assert_eq!(line_col(t, 0), (1, 1));
    assert_eq!(line_col(t, 2), (1, 3));
    assert_eq!(line_col(t, 3), (1, 4), "between CR and LF: still the first line");
    assert_eq!(line_col(t, 4), (2, 1));
    assert_eq!(line_col(t, 7), (3, 1));
    assert_eq!(line_col(t, 9), (4, 1));
    assert_eq!(line_col(t, 10), (4, 2));
}

#[test]
fn the_shapes_of_issue_20_hold() {
    let nitf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf>\n<head><title>Заголовок</title></head>\n<body>\n<body.head><hedline><hl1>Заголовок</hl1></hedline></body.head>\n<body.content>\n<p>МОСКВА - Президент сказал, что переговоры продолжатся.</p>\n<p>The militant groups Hamas and Israeli Jihad were invited, officials said.</p>\n</body.content>\n</body>\n</nitf>\n";
    let newsml = "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"u\">\n<contentMeta><headline>Заголовок</headline></contentMeta>\n<contentSet><inlineXML><nitf><body><body.content>\n<p>МОСКВА - Hamas and Israeli Jihad.</p>\n</body.content></body></nitf></inlineXML></contentSet>\n</newsItem>\n";
    let ninjs = "{\n \"uri\": \"a\",\n \"headline\": \"Заголовок\",\n \"x\": [[[[[[[[{\"y\": [1, [2, [3]]]}]]]]]]]],\n \"body_text\": \"МОСКВА - Президент.\\nThe militant groups Hamas and Israeli Jihad were invited.\"\n}\n";
    let text = "Заголовок\n\nМОСКВА - Президент сказал.\n\n\u{2009}\n\nThe militant groups Hamas and Israeli Jihad were invited.\n";
    for (fmt, t) in [(InputFormat::Nitf, nitf), (InputFormat::Newsml, newsml), (InputFormat::Ninjs, ninjs), (InputFormat::Text, text)] {
        for bytes in shapes(t) {
            assert!(check_bytes(fmt, &bytes) > 0, "{fmt:?}: no finding in {:?}", String::from_utf8_lossy(&bytes));
            holds_everywhere(&bytes);
        }
    }
}

#[test]
fn hostile_shapes_hold() {
    let attrs: String = (0..5000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let inputs: Vec<Vec<u8>> = vec![
        format!("<p{attrs}>Hamas and Israeli Jihad met.</p>").into_bytes(),
        format!("<nitf><body><body.content><p{attrs}>Hamas and Israeli Jihad met.</p></body.content></body></nitf>").into_bytes(),
        format!("{}Hamas and Israeli Jihad{}", "<div>".repeat(3000), "</div>".repeat(3000)).into_bytes(),
        format!("{}1{}", "[".repeat(3000), "]".repeat(3000)).into_bytes(),
        format!("{{\"body\":\"a\",\"x\":{}1{}}}\n{{\"body\":\"Hamas and Israeli Jihad\"}}\n", "[".repeat(3000), "]".repeat(3000))
            .into_bytes(),
        format!("Headline\n\nBERLIN - {} Hamas and Israeli Jihad.\n", "\u{202e}\u{2066}".repeat(5000)).into_bytes(),
        format!("Headline\n\n{}\n", "\"Quote\" he said. ".repeat(2000)).into_bytes(),
        b"\xef\xbb\xbf\r\r\n\r\xe2\x80\x89\r\n".to_vec(),
        b"{\"body\":\"\\ud800\"}\n{\"body\":\"\\u0000\\r\\r\\n\"}\n".to_vec(),
    ];
    for data in inputs {
        holds_everywhere(&data);
        read_holds(InputFormat::sniff(&data), &data);
    }
}

#[test]
fn fuzzer_finds_hold() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let Ok(targets) = std::fs::read_dir(&root) else { return };
    let mut n = 0;
    for t in targets {
        let t = t.unwrap().path();
        let name = t.file_name().unwrap().to_string_lossy().into_owned();
        let fmt = match name.as_str() {
            "read_text" | "check_text" => Some(InputFormat::Text),
            "read_jsonl" => Some(InputFormat::Jsonl),
            "read_nitf" => Some(InputFormat::Nitf),
            "read_newsml" => Some(InputFormat::Newsml),
            "read_ninjs" => Some(InputFormat::Ninjs),
            "read_html" => Some(InputFormat::Html),
            _ => None,
        };
        for f in std::fs::read_dir(&t).unwrap() {
            let data = std::fs::read(f.unwrap().path()).unwrap();
            check_bytes(fmt.unwrap_or_else(|| InputFormat::sniff(&data)), &data);
            holds_everywhere(&data);
            n += 1;
        }
    }
    eprintln!("{n} fuzzer inputs replayed");
}
