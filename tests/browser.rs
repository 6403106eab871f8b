//! The editor's page in headless Chromium, driven over WebDriver (chromedriver) with a small
//! hand-written client: paste the example story, check it, compare the highlights with the
//! API's findings, apply one fix, save a screenshot (to docs/serve-screenshot.png with WIRELINT_SCREENSHOT=1).
//!
//! Skips (passing) when /usr/bin/chromium or /usr/bin/chromedriver is missing.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../examples/translated-story.txt");
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(60))).build().into()
}

fn call(method: &str, url: &str, body: Option<&Value>) -> Value {
    let a = agent();
    let mut r = match (method, body) {
        ("GET", _) => a.get(url).call(),
        ("DELETE", _) => a.delete(url).call(),
        (_, b) => a.post(url).header("content-type", "application/json").send(b.cloned().unwrap_or(json!({})).to_string()),
    }
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = r.status().as_u16();
    let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap_or(Value::Null);
    assert!(status < 400 || url.contains("/v1/"), "{method} {url}: {status} {v}");
    v
}

/// A WebDriver session.
struct Browser {
    base: String,
    _driver: Killed,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Killed(
            Command::new(CHROMEDRIVER).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap(),
        );
        let root = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent().get(&format!("{root}/status")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1100",
                     format!("--user-data-dir={}", profile.path().display())]
        } } } });
        let v = call("POST", &format!("{root}/session"), Some(&caps));
        let id = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        Browser { base: format!("{root}/session/{id}"), _driver: driver, _profile: profile }
    }

    fn post(&self, path: &str, body: Value) -> Value {
        call("POST", &format!("{}{path}", self.base), Some(&body))["value"].clone()
    }

    fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    fn find(&self, css: &str) -> String {
        let v = self.post("/element", json!({ "using": "css selector", "value": css }));
        v.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap_or_else(|| panic!("no element {css}: {v}")).to_string()
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.post(&format!("/element/{e}/click"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.post(&format!("/element/{e}/value"), json!({ "text": text }));
    }

    fn js(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
    }

    fn wait_for(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.js(script, json!([]));
            if !v.is_null() && v != json!(false) {
                return v;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, path: &Path) {
        let v = call("GET", &format!("{}/screenshot", self.base), None);
        std::fs::write(path, base64(v["value"].as_str().unwrap())).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = agent().delete(&self.base).call();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=' && !c.is_ascii_whitespace()).map(val).collect();
    bytes
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().enumerate().fold(0u32, |n, (i, &v)| n | (u32::from(v) << (18 - 6 * i)));
            let out = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.into_iter().take(c.len() - 1)
        })
        .collect()
}

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
