//! The editor's page in headless Chromium, driven over WebDriver (chromedriver) with a small
//! hand-written client: paste the example story, check it, compare the highlights with the
//! API's findings, apply one fix, save a screenshot (to docs/serve-screenshot.png with WIRELINT_SCREENSHOT=1).
//!
//! Skips (passing) when /usr/bin/chromium or /usr/bin/chromedriver is missing.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::webdriver;

use webdriver::{Browser, CHROMEDRIVER, CHROMIUM, Killed, call};

const EXAMPLE: &str = include_str!("../../examples/translated-story.txt");

/// What the page shows: per finding id, the text of its highlights; the list items.
const SHOWN: &str = r#"
const marks = {};
document.querySelectorAll('#view mark').forEach(m => m.dataset.f.split(' ').forEach(id => { marks[id] = (marks[id] || '') + m.textContent; }));
const items = [...document.querySelectorAll('#findings li')].map(li => ({
  id: li.dataset.f, rule: li.querySelector('.f-rule').textContent, text: li.querySelector('.f-text').textContent,
  message: li.querySelector('.f-msg').textContent, fix: !!li.querySelector('button.apply') }));
return { marks, items, view: document.getElementById('view').textContent };
"#;

/// The findings the page shows by default: the API's at low confidence, filtered at medium.
fn expected(base: &str, text: &str) -> Vec<(usize, Value)> {
    let v = call("POST", &format!("{base}/v1/check"), Some(&json!({ "text": text, "min_confidence": "low" })));
    v["findings"].as_array().unwrap().iter().cloned().enumerate().filter(|(_, f)| f["confidence"] != "low").collect()
}

fn assert_page_matches(shown: &Value, expected: &[(usize, Value)], text: &str) {
    assert_eq!(shown["view"].as_str().unwrap(), text, "the view shows the checked text");
    let items = shown["items"].as_array().unwrap();
    assert_eq!(items.len(), expected.len(), "{shown}");
    for ((id, f), item) in expected.iter().zip(items) {
        assert_eq!(item["id"], id.to_string());
        assert_eq!(item["rule"], f["rule"]);
        assert_eq!(item["message"], f["message"]);
        let want = f["text"].as_str().unwrap();
        if !want.is_empty() {
            assert_eq!(item["text"].as_str().unwrap(), want);
            // the highlight sits exactly on the flagged words
            assert_eq!(shown["marks"][id.to_string()].as_str(), Some(want), "highlight of {f}");
        }
    }
}

#[test]
fn the_page_highlights_the_findings_and_applies_a_fix() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        println!("skipped: chromium/chromedriver not installed");
        return;
    }
    let mut server = Killed(
        Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .args(["serve", "--no-config", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().trim_end_matches('/').to_string();

    let b = Browser::start();
    b.goto(&format!("{base}/"));
    b.wait_for("the rules", "return document.querySelectorAll('#f-rule option').length > 1");
    // paste the example story (typed, as a person would) and check it
    b.type_into("#story", EXAMPLE);
    assert_eq!(b.js("return document.getElementById('story').value", json!([])), EXAMPLE);
    b.click("#check");
    b.wait_for("the findings", "return document.querySelectorAll('#findings li').length > 0 && document.getElementById('status').textContent.includes('shown')");
    let want = expected(&base, EXAMPLE);
    assert!(want.len() >= 5);
    let shown = b.js(SHOWN, json!([]));
    assert_page_matches(&shown, &want, EXAMPLE);
    // the list jumps to the highlight
    let (first_id, _) = &want[0];
    b.click(&format!("#findings li[data-f=\"{first_id}\"] .f-go"));
    let focused = b.js("return document.activeElement.tagName + ' ' + (document.activeElement.dataset.f || '')", json!([]));
    assert!(focused.as_str().unwrap().starts_with("MARK "), "{focused}");
    // explain on demand
    b.click(&format!("#findings li[data-f=\"{first_id}\"] .f-actions button:last-child"));
    b.wait_for("the explanation", &format!("const e = document.querySelector('#findings li[data-f=\"{first_id}\"] .explain'); return !e.hidden && e.textContent.includes('Default severity')"));
    b.js("window.scrollTo(0, 0)", json!([]));
    std::fs::create_dir_all(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")).unwrap();
    // the docs' screenshot is refreshed on request (WIRELINT_SCREENSHOT=1), so a test run leaves the checkout clean
    let shot = if std::env::var_os("WIRELINT_SCREENSHOT").is_some() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/serve-screenshot.png")
    } else {
        std::env::temp_dir().join(format!("wirelint-serve-screenshot-{}.png", std::process::id()))
    };
    b.screenshot(&shot);

    // apply one safe fix: the text changes exactly at the fix's span, and the page checks again
    let (fix_id, f) = want.iter().find(|(_, f)| f["fix"]["applicability"] == "safe").expect("a safe fix in the example");
    let (s, e) = (f["fix"]["span"]["start"].as_u64().unwrap() as usize, f["fix"]["span"]["end"].as_u64().unwrap() as usize);
    let fixed = format!("{}{}{}", &EXAMPLE[..s], f["fix"]["replacement"].as_str().unwrap(), &EXAMPLE[e..]);
    b.click(&format!("#findings li[data-f=\"{fix_id}\"] button.apply"));
    b.wait_for("the fix", "return document.getElementById('status').textContent.startsWith('Applied')");
    assert_eq!(b.js("return document.getElementById('story').value", json!([])).as_str().unwrap(), fixed);
    let shown = b.js(SHOWN, json!([]));
    assert_page_matches(&shown, &expected(&base, &fixed), &fixed);

    // non-ASCII text (2-, 3- and 4-byte characters before the findings): byte spans still land
    let text = "Négociations à São Paulo 😀 — «Trêve» 東京\n\nJAKARTA - Le ministre 😀😀 a dit : « ça va ». Secretary of State Antony Blinkin said, as quoted from Compass.\nBaca juga: Harga Emas Antam Naik Lagi Hari Ini\n";
    b.js("document.getElementById('story').value = arguments[0]; document.getElementById('status').textContent = '';", json!([text]));
    b.click("#check");
    b.wait_for("the findings", "return document.getElementById('status').textContent.includes('shown')");
    let want = expected(&base, text);
    assert!(want.iter().any(|(_, f)| f["text"] == "Antony Blinkin"), "{want:?}");
    assert_page_matches(&b.js(SHOWN, json!([])), &want, text);

    // apply all safe fixes (server side) and copy
    b.click("#fix-all");
    b.wait_for("the fixes", "return document.getElementById('status').textContent.startsWith('Applied')");
    let value = b.js("return document.getElementById('story').value", json!([]));
    assert!(!value.as_str().unwrap().contains("Baca juga"), "{value}");
    drop(b);
}
