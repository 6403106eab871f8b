//! `wirelint serve`: the real binary on 127.0.0.1 (a free port), spoken to over HTTP.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../../examples/translated-story.txt");

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .args(["serve", "--no-config", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        // "wirelint serve: listening on http://127.0.0.1:PORT/ (loopback only)"
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("no address in {line:?}"));
        assert!(line.contains("loopback only"), "{line}");
        Server { child, base: url.trim_end_matches('/').to_string() }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let mut r = agent().get(&self.url(path)).call().unwrap();
        let status = r.status().as_u16();
        (status, serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap_or(Value::Null))
    }

    fn post(&self, path: &str, body: &str) -> (u16, Value) {
        let mut r = agent().post(&self.url(path)).header("content-type", "application/json").send(body).unwrap();
        let status = r.status().as_u16();
        let text = r.body_mut().read_to_string().unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post(path, &body.to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(60))).build().into()
}

/// `wirelint ARGS` with `stdin`; stdout.
fn cli(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}

#[test]
fn check_returns_the_json_lines_records_of_the_cli() {
    let s = Server::start(&[]);
    let (status, v) = s.post_json("/v1/check", &json!({ "text": EXAMPLE, "path": "-" }));
    assert_eq!(status, 200, "{v}");
    let jsonl = cli(&["check", "--no-config", "--format", "jsonl", "-"], EXAMPLE);
    let records: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let findings: Vec<&Value> = records.iter().filter(|r| r["type"] == "finding").collect();
    let story = records.iter().find(|r| r["type"] == "story").unwrap();
    assert!(findings.len() >= 5, "{jsonl}");
    assert_eq!(v["findings"].as_array().unwrap().iter().collect::<Vec<_>>(), findings);
    assert_eq!(&v["story"], story);
    assert_eq!(v["format"], "text");
    // spans are byte offsets into the text
    for f in v["findings"].as_array().unwrap() {
        let (a, b) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&EXAMPLE[a..b], f["text"].as_str().unwrap());
    }
}

#[test]
fn spans_are_byte_offsets_in_non_ascii_text_and_options_apply() {
    let s = Server::start(&[]);
    let text = "Négociations à São Paulo — «Trêve»\n\nJAKARTA - Le ministre a dit : « ça va ». Meanwhile, U.S. Secretary of State Antony Blinkin said Washington would send its envoy.\n";
    let (status, v) = s.post_json("/v1/check", &json!({ "text": text, "select": ["entity-corruption"], "language": "en" }));
    assert_eq!(status, 200, "{v}");
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "entity-corruption", "{v}");
    assert_eq!(f["text"], "Antony Blinkin");
    let (a, b) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[a..b], "Antony Blinkin");
    assert_eq!(a, text.find("Antony").unwrap());
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["rule"] == "entity-corruption"), "{v}");
    // min_confidence high keeps only high-confidence findings; ignore drops a rule
    let (_, v) = s.post_json("/v1/check", &json!({ "text": EXAMPLE, "min_confidence": "high", "ignore": ["translationese"] }));
    let fs = v["findings"].as_array().unwrap();
    assert!(!fs.is_empty());
    assert!(fs.iter().all(|f| f["confidence"] == "high" && f["rule"] != "translationese"), "{v}");
}

#[test]
fn markup_formats_and_unreadable_text() {
    let s = Server::start(&[]);
    let nitf = "<nitf><head><title>Talks</title></head><body><body.head><hedline><hl1>Talks</hl1></hedline></body.head><body.content><p>The militant groups Hamas and Israeli Jihad were invited.</p></body.content></body></nitf>";
    let (status, v) = s.post_json("/v1/check", &json!({ "text": nitf }));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["format"], "nitf");
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "entity-corruption").expect("entity finding");
    let a = f["span"]["start"].as_u64().unwrap() as usize;
    let b = f["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&nitf[a..b], f["text"].as_str().unwrap());
    let (status, v) = s.post_json("/v1/check", &json!({ "text": "<nitf><body><p>broken</body>", "format": "nitf" }));
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["field"], "text");
}

#[test]
fn fix_applies_the_safe_fixes_like_the_cli() {
    let s = Server::start(&[]);
    let (status, v) = s.post_json("/v1/fix", &json!({ "text": EXAMPLE }));
    assert_eq!(status, 200, "{v}");
    assert!(v["applied"].as_u64().unwrap() >= 1, "{v}");
    assert!(!v["text"].as_str().unwrap().contains("Baca juga"), "{v}");
    assert!(v["diff"].as_str().unwrap().starts_with("--- a/story.txt\n+++ b/story.txt\n@@"), "{v}");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.txt");
    std::fs::write(&p, EXAMPLE).unwrap();
    Command::new(env!("CARGO_BIN_EXE_wirelint")).args(["check", "--no-config", "--fix", "--format", "jsonl"]).arg(&p).output().unwrap();
    assert_eq!(v["text"].as_str().unwrap(), std::fs::read_to_string(&p).unwrap());
    // nothing to fix: same text, empty diff
    let (_, w) = s.post_json("/v1/fix", &json!({ "text": v["text"] }));
    assert_eq!((w["applied"].as_u64(), w["diff"].as_str(), &w["text"]), (Some(0), Some(""), &v["text"]));
    let (status, e) = s.post_json("/v1/fix", &json!({ "text": "<nitf></nitf>" }));
    assert_eq!((status, e["field"].as_str()), (400, Some("format")), "{e}");
}

#[test]
fn rules_explain_healthz_and_page() {
    let s = Server::start(&[]);
    let (status, v) = s.get("/v1/rules");
    assert_eq!(status, 200);
    let cli_rules: Value = serde_json::from_str(&cli(&["rules", "--format", "json"], "")).unwrap();
    assert_eq!(v["rules"], cli_rules);
    let (status, v) = s.get("/v1/rules/entity-corruption");
    assert_eq!(status, 200);
    assert_eq!(v["explain_text"].as_str().unwrap(), cli(&["explain", "entity-corruption"], ""));
    assert_eq!(s.get("/v1/rules/EN001").1["name"], "entity-corruption");
    let (status, v) = s.get("/v1/rules/no-such-rule");
    assert_eq!((status, v["field"].as_str()), (404, Some("name")));
    assert!(v["error"].as_str().unwrap().contains("entity-corruption"));
    let (status, v) = s.get("/healthz");
    assert_eq!((status, v["status"].as_str()), (200, Some("ok")));
    let mut r = agent().get(&s.url("/")).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers().get("content-security-policy").is_some());
    let html = r.body_mut().read_to_string().unwrap();
    assert!(html.contains("<textarea id=\"story\"") && html.contains("TextEncoder") && !html.contains("http://") && !html.contains("https://"));
    assert_eq!(s.get("/nope").0, 404);
}

/// The OpenAPI document's schema for a response, with `$ref`s and `allOf` resolved.
fn schema<'a>(doc: &'a Value, v: &'a Value) -> Vec<&'a Value> {
    if let Some(r) = v["$ref"].as_str() {
        let mut at = doc;
        for part in r.trim_start_matches("#/").split('/') {
            at = &at[part];
        }
        return schema(doc, at);
    }
    if let Some(all) = v["allOf"].as_array() {
        return all.iter().flat_map(|s| schema(doc, s)).collect();
    }
    vec![v]
}

/// Every documented required field is in the real response, and every real field is documented.
fn conforms(doc: &Value, path: &str, method: &str, status: u16, real: &Value) {
    let mut resp = &doc["paths"][path][method]["responses"][status.to_string()];
    assert!(!resp.is_null(), "{method} {path} {status} not documented");
    for s in schema(doc, resp) {
        resp = s;
    }
    let parts = schema(doc, &resp["content"]["application/json"]["schema"]);
    assert!(!parts.is_empty() && !parts[0].is_null(), "{method} {path} {status}: no schema");
    let obj = real.as_object().unwrap_or_else(|| panic!("{method} {path}: not an object: {real}"));
    for p in &parts {
        for k in p["required"].as_array().into_iter().flatten() {
            assert!(obj.contains_key(k.as_str().unwrap()), "{method} {path} {status}: documented field {k} missing in {real}");
        }
    }
    for k in obj.keys() {
        assert!(parts.iter().any(|p| !p["properties"][k].is_null()), "{method} {path} {status}: field {k} not documented");
    }
}

#[test]
fn openapi_documents_the_real_responses() {
    let s = Server::start(&[]);
    let (status, doc) = s.get("/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let (st, v) = s.post_json("/v1/check", &json!({ "text": EXAMPLE }));
    conforms(&doc, "/v1/check", "post", st, &v);
    // and each finding and the story against their schemas
    let finding = &doc["components"]["schemas"]["Finding"];
    for f in v["findings"].as_array().unwrap() {
        for k in f.as_object().unwrap().keys() {
            assert!(!finding["properties"][k].is_null(), "finding field {k} not documented");
        }
    }
    for k in v["story"].as_object().unwrap().keys() {
        assert!(!doc["components"]["schemas"]["Story"]["properties"][k].is_null(), "story field {k} not documented");
    }
    let (st, v) = s.post_json("/v1/fix", &json!({ "text": EXAMPLE }));
    conforms(&doc, "/v1/fix", "post", st, &v);
    let (st, v) = s.get("/v1/rules");
    conforms(&doc, "/v1/rules", "get", st, &v);
    let (st, v) = s.get("/v1/rules/translationese");
    conforms(&doc, "/v1/rules/{name}", "get", st, &v);
    let (st, v) = s.get("/v1/rules/nope");
    conforms(&doc, "/v1/rules/{name}", "get", st, &v);
    let (st, v) = s.get("/healthz");
    conforms(&doc, "/healthz", "get", st, &v);
    let (st, v) = s.post("/v1/check", "{");
    conforms(&doc, "/v1/check", "post", st, &v);
}

#[test]
fn bad_requests_name_the_problem() {
    let s = Server::start(&[]);
    let (status, v) = s.post("/v1/check", "{\"text\": \"abc\"");
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["field"], "body");
    assert!(v["error"].as_str().unwrap().starts_with("malformed JSON"), "{v}");
    let (status, v) = s.post_json("/v1/check", &json!({ "text": "abc", "select": ["entity-corruption", "no-such-rule"] }));
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["field"], "select");
    assert!(v["error"].as_str().unwrap().contains("no-such-rule"), "{v}");
    for (body, field) in [
        (json!({ "story": "abc" }), "body"),
        (json!({ "format": "text" }), "text"),
        (json!({ "text": 42 }), "text"),
        (json!({ "text": "a", "format": "docx" }), "format"),
        (json!({ "text": "a", "min_confidence": "very" }), "min_confidence"),
        (json!({ "text": "a", "ignore": "translationese" }), "ignore"),
        (json!({ "text": "a", "language": "en us!" }), "language"),
    ] {
        let (status, v) = s.post_json("/v1/check", &body);
        assert_eq!((status, v["field"].as_str()), (400, Some(field)), "{body} -> {v}");
    }
}

#[test]
fn oversized_bodies_get_413() {
    let s = Server::start(&[]);
    // the default limit is 2 MiB: a 3 MiB body is refused by its Content-Length before it is
    // sent (`Expect: 100-continue`, as curl does for large bodies; a raw request, since ureq
    // would keep sending into a connection the server closes)
    let addr = s.base.trim_start_matches("http://");
    let mut tcp = std::net::TcpStream::connect(addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let len = 3 << 20;
    write!(tcp, "POST /v1/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {len}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    let _ = std::io::Read::read_to_end(&mut tcp, &mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    let v: Value = serde_json::from_str(&response[response.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(v["field"], "body");
    assert!(v["error"].as_str().unwrap().contains("too large"), "{v}");
    let small = Server::start(&["--max-body", "1K"]);
    let (status, _) = small.post_json("/v1/check", &json!({ "text": "x".repeat(2000) }));
    assert_eq!(status, 413);
    assert_eq!(small.post_json("/v1/check", &json!({ "text": "x".repeat(500) })).0, 200);
}

#[test]
fn parallel_requests_all_succeed() {
    let s = Server::start(&["--max-concurrent", "2"]);
    let (_, expected) = s.post_json("/v1/check", &json!({ "text": EXAMPLE }));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let s = &s;
                let expected = &expected;
                scope.spawn(move || {
                    for _ in 0..3 {
                        let (status, v) = if i % 4 == 3 {
                            s.post_json("/v1/fix", &json!({ "text": EXAMPLE }))
                        } else {
                            s.post_json("/v1/check", &json!({ "text": EXAMPLE }))
                        };
                        assert_eq!(status, 200, "{v}");
                        if i % 4 != 3 {
                            assert_eq!(&v, expected);
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
}

/// A story big enough that checking it takes a while on any machine.
fn big_story() -> String {
    let mut t = String::from("Talks\n\n");
    while t.len() < 1_500_000 {
        t.push_str(&EXAMPLE[EXAMPLE.find('\n').unwrap() + 1..]);
    }
    t
}

#[test]
fn slow_checks_time_out_and_a_full_queue_gets_503() {
    let s = Server::start(&["--timeout-ms", "1"]);
    let (status, v) = s.post_json("/v1/check", &json!({ "text": big_story() }));
    assert_eq!(status, 504, "{v}");
    assert!(v["error"].as_str().unwrap().contains("1 ms"), "{v}");
    // the server goes on
    assert_eq!(s.get("/healthz").0, 200);

    // a generous time limit: a debug build checks the big story slowly
    let s = Server::start(&["--max-concurrent", "1", "--queue", "0", "--timeout-ms", "120000"]);
    let big = json!({ "text": big_story() });
    std::thread::scope(|scope| {
        let slow = scope.spawn(|| s.post_json("/v1/check", &big).0);
        // while the big check holds the only slot, another check is refused at once
        let started = Instant::now();
        let mut saw_503 = false;
        while started.elapsed() < Duration::from_secs(20) && !slow.is_finished() {
            std::thread::sleep(Duration::from_millis(20));
            let (status, v) = s.post_json("/v1/check", &json!({ "text": "Short\n\nA story." }));
            if status == 503 {
                assert!(v["error"].as_str().unwrap().contains("busy"), "{v}");
                saw_503 = true;
                break;
            }
        }
        // either the big check held the slot and a probe was refused, or (its 1.5 MB body still
        // on the way) a probe got there first and the big check was the one refused
        let slow_status = slow.join().unwrap();
        assert!(matches!(slow_status, 200 | 503), "big check: {slow_status}");
        assert!(saw_503 || slow_status == 503, "no 503 while the only slot was taken");
    });
    assert_eq!(s.post_json("/v1/check", &json!({ "text": "Short\n\nA story." })).0, 200);
}

#[test]
fn foreign_host_headers_and_remote_addresses_are_refused() {
    let s = Server::start(&[]);
    let r = agent().get(&s.url("/healthz")).header("host", "evil.example:7878").call().unwrap();
    assert_eq!(r.status().as_u16(), 421);
    let r = agent().get(&s.url("/healthz")).header("host", "localhost:7878").call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let o = Command::new(env!("CARGO_BIN_EXE_wirelint")).args(["serve", "--no-config", "--addr", "0.0.0.0:0"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--allow-remote"));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_gracefully() {
    let mut s = Server::start(&[]);
    assert_eq!(s.get("/healthz").0, 200);
    let pid = s.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let started = Instant::now();
    loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            assert!(st.success(), "{st:?}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "still running 10 s after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Loopback load figures for docs/serve.md (not run by default; bounded: a fixed number of
/// requests, on 127.0.0.1 only):
/// `cargo test --release --test it serve::load_figures -- --ignored --nocapture`
#[test]
#[ignore = "load figures for docs/serve.md: slow, run by hand"]
fn load_figures() {
    let s = Server::start(&[]);
    let body = json!({ "text": EXAMPLE }).to_string();
    assert_eq!(s.post("/v1/check", &body).0, 200);
    let host = s.base.trim_start_matches("http://").to_string();
    for (clients, with_bad_input) in [(1usize, false), (8, false), (32, false), (8, true)] {
        let per_client = (1600 / clients).max(50);
        let stop = std::sync::atomic::AtomicBool::new(false);
        let started = Instant::now();
        let (mut latencies, bad): (Vec<Duration>, Vec<(&str, u16)>) = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .map(|_| {
                    let (s, body) = (&s, &body);
                    scope.spawn(move || {
                        let a = agent();
                        (0..per_client)
                            .map(|_| {
                                let t = Instant::now();
                                let mut r = a.post(&s.url("/v1/check")).header("content-type", "application/json").send(body.as_str()).unwrap();
                                assert_eq!(r.status().as_u16(), 200, "a well-formed request failed under load");
                                r.body_mut().read_to_string().unwrap();
                                t.elapsed()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            // bad input alongside: oversized bodies, malformed JSON, invalid UTF-8, a slow body
            let bad_handle = with_bad_input.then(|| {
                let (host, stop) = (&host, &stop);
                scope.spawn(move || {
                    let mut seen = Vec::new();
                    let big = format!("{{\"text\": \"{}\"}}", "a".repeat(3 * 1024 * 1024));
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        seen.push(("oversized", raw_post(host, big.as_bytes(), None)));
                        seen.push(("malformed", raw_post(host, b"{\"text\": ", None)));
                        seen.push(("invalid utf-8", raw_post(host, b"{\"text\": \"caf\xe9\"}", None)));
                        seen.push(("slow body", raw_post(host, body_bytes(), Some(Duration::from_millis(300)))));
                    }
                    seen
                })
            });
            let lat: Vec<Duration> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            (lat, bad_handle.map(|h| h.join().unwrap()).unwrap_or_default())
        });
        let total = started.elapsed();
        latencies.sort();
        let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64() * 1000.0;
        println!(
            "{clients} client(s){}: {} requests in {:.2} s = {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, errors 0",
            if with_bad_input { " + bad input" } else { "" },
            latencies.len(),
            total.as_secs_f64(),
            latencies.len() as f64 / total.as_secs_f64(),
            pct(0.50),
            pct(0.99)
        );
        if with_bad_input {
            let mut by_kind: std::collections::BTreeMap<(&str, u16), usize> = Default::default();
            for b in bad {
                *by_kind.entry(b).or_default() += 1;
            }
            println!("  bad requests answered (kind, status): {by_kind:?}");
        }
        assert_eq!(s.get("/healthz").0, 200, "the server went down");
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.child.id())).unwrap_or_default();
    if let Some(hwm) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!("server peak RSS: {}", hwm.trim_start_matches("VmHWM:").trim());
    }
}

fn body_bytes() -> &'static [u8] {
    static BODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BODY.get_or_init(|| json!({ "text": EXAMPLE }).to_string()).as_bytes()
}

/// A POST to /v1/check over a plain socket; `pause` sends the body in two halves with a pause
/// between. Returns the status (0 when the server closed the connection without one).
fn raw_post(host: &str, body: &[u8], pause: Option<Duration>) -> u16 {
    use std::io::{Read, Write};
    let Ok(mut tcp) = std::net::TcpStream::connect(host) else { return 0 };
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(30)));
    let head = format!(
        "POST /v1/check HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    if tcp.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    let half = body.len() / 2;
    let _ = tcp.write_all(&body[..half]);
    if let Some(p) = pause {
        std::thread::sleep(p);
    }
    let _ = tcp.write_all(&body[half..]);
    let mut answer = Vec::new();
    let _ = tcp.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}
