//! Wire-native inputs: the same story as plain text, NITF, NewsML-G2, ninjs and HTML
//! (`tests/fixtures/inputs/`) must give the same findings, each reported at the right place
//! in the file it came from.

use std::path::Path;

use wirelint::document::Document;
use wirelint::input::markup::decode_str;
use wirelint::input::{InputError, InputFormat, ReadOptions, read_bytes, read_path};
use wirelint::{Linter, Settings, Span};

const DIR: &str = "tests/fixtures/inputs";

/// Rules whose findings depend only on the words of the copy, so every format must agree.
/// (Dateline rules may legitimately differ: a structured `<dateline>` has no dash.)
const TEXT_RULES: &[&str] = &["entity-corruption", "scrape-residue"];

fn read(path: &Path) -> (Vec<Document>, Vec<InputError>) {
    let (mut docs, mut errs) = (Vec::new(), Vec::new());
    read_path(path, &ReadOptions::default(), &mut |r| match r {
        Ok(d) => docs.push(d),
        Err(e) => errs.push(e),
    });
    (docs, errs)
}

fn linter() -> Linter {
    Linter::new(Settings::default()).unwrap()
}

/// `(rule, flagged text, suggestion)` of the text-level findings.
fn findings(linter: &Linter, doc: &Document) -> Vec<(String, String, String)> {
    linter
        .check(doc)
        .findings
        .iter()
        .filter(|f| TEXT_RULES.contains(&f.rule.name))
        .map(|f| {
            (
                f.rule.name.to_string(),
                doc.slice(f.span).to_string(),
                f.suggestion.as_ref().map(|s| s.replacement.clone()).unwrap_or_default(),
            )
        })
        .collect()
}

/// What a reader sees in a span of markup: references decoded, whitespace collapsed, tags dropped.
fn rendered(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_str(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every finding of every story maps to file bytes that render as the flagged text.
fn assert_spans_map_back(path: &Path, docs: &[Document], linter: &Linter) {
    let file = std::fs::read_to_string(path).unwrap();
    for doc in docs {
        for f in linter.check(doc).findings {
            let loc = doc.locate(f.span);
            let flagged = doc.slice(f.span);
            let original: &str = &doc.original_for(&loc).text;
            let at = &original[loc.start..loc.end];
            if loc.field.is_none() {
                assert_eq!(original, file, "a markup story's original is the file");
            }
            assert_eq!(
                rendered(at),
                flagged.split_whitespace().collect::<Vec<_>>().join(" "),
                "{}: {} at {loc:?}",
                path.display(),
                f.rule.name
            );
        }
    }
}

#[test]
fn every_format_gives_the_plain_text_findings() {
    let linter = linter();
    let (txt, errs) = read(&Path::new(DIR).join("story.txt"));
    assert!(errs.is_empty());
    let expected = findings(&linter, &txt[0]);
    assert_eq!(expected.iter().filter(|f| f.0 == "entity-corruption").count(), 2, "{expected:?}");
    for name in ["story.nitf.xml", "story.newsml.xml", "story.html", "story.ninjs.json"] {
        let path = Path::new(DIR).join(name);
        let (docs, errs) = read(&path);
        assert!(errs.is_empty(), "{name}: {errs:?}");
        // the first story of each file is the same article
        assert_eq!(findings(&linter, &docs[0]), expected, "{name}");
        assert_spans_map_back(&path, &docs, &linter);
        let d = &docs[0];
        assert_eq!(d.headline.map(|h| d.slice(h)), Some("Egypt Hosts Gaza Ceasefire Talks as Factions Trade Blame"), "{name}");
        assert_eq!(d.language, Some("en"), "{name}");
        assert_eq!(d.dateline.as_ref().map(|x| x.city.as_str()), Some("CAIRO"), "{name}");
        // paragraph structure survives: the residue line is a paragraph of its own
        let see = d.text.find("SEE ALSO:").unwrap_or_else(|| panic!("{name}: {}", d.text));
        assert!(d.paragraphs.iter().any(|p| p.start == see && d.slice(*p).ends_with("desalination plant")), "{name}: {:?}", d.paragraphs);
        let loc = d.locate(Span::new(see, see + "SEE ALSO:".len()));
        assert_eq!(&d.original_for(&loc).text[loc.start..loc.end], "SEE ALSO:", "{name}");
        // nothing from scripts, navigation, asides, captions or media leaks in
        for leak in ["dataLayer", "renderAd", "Home", "Related", "Delegates arrive", "By Staff Writer", "Example News"] {
            assert!(!d.text.contains(leak), "{name}: `{leak}` leaked into {:?}", d.text);
        }
    }
}

/// Field, record line, line, column, end line, end column of a finding.
type Position = (Option<String>, Option<usize>, usize, usize, usize, usize);

/// Where each entity-corruption finding of a fixture is reported.
fn positions(path: &str) -> Vec<Position> {
    let linter = linter();
    let (docs, errs) = read(&Path::new(DIR).join(path));
    assert!(errs.is_empty(), "{errs:?}");
    docs.iter()
        .flat_map(|d| {
            linter.check(d).findings.into_iter().filter(|f| f.rule.name == "entity-corruption").map(move |f| {
                let l = d.locate(f.span);
                (l.field, l.record_line, l.line, l.column, l.end_line, l.end_column)
            })
        })
        .collect()
}

#[test]
fn findings_report_file_line_and_column() {
    assert_eq!(positions("story.txt"), vec![(None, None, 3, 79, 3, 92), (None, None, 9, 32, 9, 45)]);
    assert_eq!(positions("story.nitf.xml"), vec![(None, None, 21, 9, 21, 22), (None, None, 24, 52, 24, 65)]);
    // the second story of the message is its inlineData item
    assert_eq!(
        positions("story.newsml.xml"),
        vec![(None, None, 24, 88, 24, 101), (None, None, 27, 49, 27, 62), (None, None, 44, 100, 44, 113)]
    );
    // a match across a wrapped line spans the file's line break
    assert_eq!(positions("story.html"), vec![(None, None, 19, 88, 19, 101), (None, None, 23, 55, 24, 14)]);
    let body = Some("body_text".to_string());
    let html = Some("bodies[0].value".to_string());
    assert_eq!(
        positions("story.ninjs.json"),
        vec![
            (body.clone(), Some(2), 1, 71, 1, 84),
            (body, Some(2), 7, 32, 7, 45),
            (html.clone(), Some(12), 1, 82, 1, 95),
            (html, Some(12), 4, 44, 4, 57)
        ]
    );
}

#[test]
fn metadata_feeds_the_story() {
    let (docs, _) = read(&Path::new(DIR).join("story.nitf.xml"));
    let d = &docs[0];
    assert_eq!(d.id.as_deref(), Some("wire-2024-0212-cairo-talks"));
    assert_eq!(d.meta.source.as_deref(), Some("Example Wire"));
    assert_eq!(d.language_source, "declared");
    assert_eq!(d.meta.extra.get("byline").map(String::as_str), Some("By Staff Writer"));

    let (docs, _) = read(&Path::new(DIR).join("story.newsml.xml"));
    assert_eq!(docs.len(), 2, "the picture item has no text");
    assert_eq!(docs[0].id.as_deref(), Some("urn:newsml:example.org:20240212:cairo-talks"));
    assert_eq!(docs[1].meta.source.as_deref(), Some("EXW"));
    assert_eq!(docs[1].dateline.as_ref().and_then(|d| d.agency.as_deref()), Some("Example Wire"));

    let (docs, _) = read(&Path::new(DIR).join("story.html"));
    assert_eq!(docs[0].id.as_deref(), Some("https://news.example.org/world/2024/02/12/cairo-talks"));
    assert_eq!(docs[0].meta.source.as_deref(), Some("Example News"));

    let (docs, _) = read(&Path::new(DIR).join("story.ninjs.json"));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].meta.dateline.as_deref(), Some("CAIRO"));
}

#[test]
fn declared_language_overrides_detection() {
    let xml = "<nitf xml:lang=\"id\"><body><body.content><p>The talks in Cairo went on late into the night, officials said.</p></body.content></body></nitf>";
    let mut docs = Vec::new();
    read_bytes("x.xml", InputFormat::Nitf, xml.as_bytes().to_vec(), &ReadOptions::default(), &mut |r| docs.push(r.unwrap()));
    assert_eq!((docs[0].language, docs[0].language_source), (Some("id"), "declared"));
}

fn read_str(name: &str, fmt: Option<InputFormat>, s: &str) -> (Vec<Document>, Vec<InputError>) {
    let fmt = fmt.unwrap_or_else(|| InputFormat::sniff(s.as_bytes()));
    let (mut docs, mut errs) = (Vec::new(), Vec::new());
    read_bytes(name, fmt, s.as_bytes().to_vec(), &ReadOptions::default(), &mut |r| match r {
        Ok(d) => docs.push(d),
        Err(e) => errs.push(e),
    });
    (docs, errs)
}

#[test]
fn malformed_input_is_one_error_with_a_position() {
    let (docs, errs) =
        read_str("bad.xml", Some(InputFormat::Nitf), "<nitf>\n <body>\n  <body.content><p>Text</body.content>\n </body>\n</nitf>\n");
    assert!(docs.is_empty());
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].line, errs[0].column), (Some(3), Some(24)), "{}", errs[0]);
    assert!(errs[0].to_string().starts_with("bad.xml:3:24: malformed XML"), "{}", errs[0]);

    let (_, errs) = read_str(
        "bad.xml",
        Some(InputFormat::Newsml),
        "<newsItem guid=\"a\">\n  <contentSet><inlineData>AT&T</inlineData></contentSet>\n</newsItem>",
    );
    assert_eq!((errs.len(), errs[0].line), (1, Some(2)), "{errs:?}");

    let (_, errs) = read_str("bad.xml", Some(InputFormat::Nitf), "<rss><channel/></rss>");
    assert!(errs[0].message.contains("neither NITF"), "{}", errs[0]);

    let (_, errs) = read_str("bad.json", Some(InputFormat::Ninjs), "{\n  \"uri\": \"a\",\n  \"body_text\": \"unterminated\n}");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, Some(3), "{}", errs[0]);
}

#[test]
fn a_bad_file_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.xml"), "<nitf><body><body.content><p>Hamas and the Israeli Jihad met.</p></body.content></body>")
        .unwrap();
    std::fs::copy(Path::new(DIR).join("story.html"), dir.path().join("b.html")).unwrap();
    std::fs::write(dir.path().join("c.json"), "[{\"body_text\": \"ok\"}, ").unwrap();
    let (targets, _) = wirelint::runner::collect_targets(&[dir.path().to_path_buf()], None);
    let linter = linter();
    let items: Vec<_> = targets.iter().flat_map(|t| wirelint::runner::check_target(&linter, t, &ReadOptions::default())).collect();
    let errors = items.iter().filter(|i| matches!(i, wirelint::runner::Item::Error(_))).count();
    let stories = items.iter().filter(|i| matches!(i, wirelint::runner::Item::Story(..))).count();
    assert_eq!((errors, stories), (2, 2));
}

#[test]
fn entity_and_depth_bombs_stay_small() {
    // billion laughs: declared entities are never expanded
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    let mut prev = "a".to_string();
    for i in 0..12 {
        let name = format!("e{i}");
        xml.push_str(&format!("<!ENTITY {name} \"{}\">\n", format!("&{prev};").repeat(10)));
        prev = name;
    }
    xml.push_str(&format!("]>\n<nitf><body><body.content><p>Before &{prev}; after.</p></body.content></body></nitf>"));
    let (docs, errs) = read_str("bomb.xml", None, &xml);
    assert!(errs.is_empty(), "{errs:?}");
    assert!(docs[0].text.len() < 64, "{}", docs[0].text);
    // external entities are not fetched
    let (docs, _) = read_str(
        "xxe.xml",
        None,
        "<!DOCTYPE nitf [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><nitf><body><body.content><p>&x;</p></body.content></body></nitf>",
    );
    assert_eq!(docs[0].text, "&x;");
    // nesting
    let deep = "<nitf>".to_string() + &"<block>".repeat(5000) + &"</block>".repeat(5000) + "</nitf>";
    let (_, errs) = read_str("deep.xml", None, &deep);
    assert!(errs[0].message.contains("nested deeper"), "{errs:?}");
    let deep_json = "[".repeat(10_000) + &"]".repeat(10_000);
    let (_, errs) = read_str("deep.json", Some(InputFormat::Ninjs), &deep_json);
    assert_eq!(errs.len(), 1);
    let deep_html = "<div>".repeat(50_000) + "<p>Hamas and the Israeli Jihad met.</p>";
    let (docs, _) = read_str("deep.html", None, &deep_html);
    assert_eq!(docs[0].text, "Hamas and the Israeli Jihad met.");
}

#[test]
fn formats_by_extension_and_content() {
    let f = |p: &str| InputFormat::for_path(Path::new(p));
    assert_eq!(f("a.nitf"), Some(InputFormat::Nitf));
    assert_eq!(f("a.XML"), Some(InputFormat::Nitf));
    assert_eq!(f("a.json"), Some(InputFormat::Ninjs));
    assert_eq!(f("a.htm"), Some(InputFormat::Html));
    let s = |t: &str| InputFormat::sniff(t.as_bytes());
    assert_eq!(s("\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<nitf>"), InputFormat::Nitf);
    assert_eq!(s("<?xml version=\"1.0\"?><g2:newsMessage xmlns:g2=\"x\">"), InputFormat::Newsml);
    assert_eq!(s("<!DOCTYPE html><html>"), InputFormat::Html);
    assert_eq!(s("<p>Hi</p>"), InputFormat::Html);
    assert_eq!(s("[{\"uri\": \"a\"}]"), InputFormat::Ninjs);
    assert_eq!(s("{\n  \"uri\": \"a\",\n  \"body_text\": \"b\"\n}"), InputFormat::Ninjs);
    assert_eq!(s("{\"uri\": \"a\", \"body_text\": \"b\"}"), InputFormat::Ninjs);
    assert_eq!(s("{\"id\": 1, \"body\": \"b\"}\n{\"id\": 2, \"body\": \"c\"}"), InputFormat::Jsonl);
    assert_eq!(s("JAKARTA - Text"), InputFormat::Text);
    // a stdin NewsML file is read the same as the file
    let file = std::fs::read_to_string(Path::new(DIR).join("story.newsml.xml")).unwrap();
    let (docs, errs) = read_str("-", None, &file);
    assert_eq!((docs.len(), errs.len()), (2, 0));
}
