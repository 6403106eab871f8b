//! `wirelint lsp`: the real binary spoken to over stdio, with Content-Length framing.
#![cfg(feature = "lsp")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Non-ASCII before the flagged text on the same line (ğ and é are one UTF-16 unit and two
/// bytes; the emoji is two units and four bytes), so byte, char and UTF-16 columns all differ.
const STORY: &str = "Talks set in Moscow\n\nErdoğan and José 😀 said the Pales\u{200b}tinian Authority is ready to talk.\nSEE ALSO:\nADVERTISEMENT\nThe ministry said 28.985 people were killed, as quoted from Arab News.\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .arg("lsp")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = Some(v.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                out.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice::<Value>(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client { child, stdin, rx, next_id: 1 }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (other messages in between are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.recv();
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn recv(&self) -> Value {
        self.rx.recv_timeout(Duration::from_secs(60)).expect("a message from the server within 60 s")
    }

    /// The next publishDiagnostics for `uri`.
    fn diagnostics(&self, uri: &str) -> Value {
        loop {
            let m = self.recv();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"].clone();
            }
        }
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": capabilities }));
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }));
    }

    /// shutdown, exit; the exit code.
    fn stop(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", Value::Null);
        wait(&mut self.child)
    }
}

fn wait(child: &mut Child) -> Option<i32> {
    for _ in 0..600 {
        if let Some(s) = child.try_wait().unwrap() {
            return s.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("the server did not exit within 30 s");
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri_of(p: &Path) -> String {
    format!("file://{}", p.display()).replace(' ', "%20")
}

/// The byte offset of an LSP position, counting `character` in UTF-16 code units.
fn offset_utf16(text: &str, pos: &Value) -> usize {
    let (line, character) = (pos["line"].as_u64().unwrap() as usize, pos["character"].as_u64().unwrap() as usize);
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units == character {
            return start + i;
        }
        assert!(units < character && c != '\n', "position {pos} is not on a character boundary of its line");
        units += c.len_utf16();
    }
    assert_eq!(units, character);
    text.len()
}

fn slice<'a>(text: &'a str, range: &Value) -> &'a str {
    &text[offset_utf16(text, &range["start"])..offset_utf16(text, &range["end"])]
}

/// Applies the edits of a WorkspaceEdit for `uri` (UTF-16 positions) to `text`.
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edits for {uri} in {edit}"))
        .iter()
        .map(|e| {
            (offset_utf16(text, &e["range"]["start"]), offset_utf16(text, &e["range"]["end"]), e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

fn wirelint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint")).args(args).current_dir(dir).output().unwrap()
}

#[test]
fn diagnostics_code_actions_hover_and_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    // the config of the story's folder is used (found upward from the document, as `check` does)
    std::fs::write(dir.path().join("wirelint.toml"), "language = \"en\"\nignore = [\"number-format\"]\n").unwrap();
    let path = dir.path().join("story.txt");
    std::fs::write(&path, STORY).unwrap();
    let uri = uri_of(&path);

    // what `wirelint check` says about the same file, with byte spans
    let o = wirelint(dir.path(), &["check", "--format", "jsonl", "story.txt"]);
    let expected: Vec<(String, String)> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .map(|v| {
            let (s, e) = (v["span"]["start"].as_u64().unwrap() as usize, v["span"]["end"].as_u64().unwrap() as usize);
            (v["rule"].as_str().unwrap().to_string(), STORY[s..e].to_string())
        })
        .collect();
    assert!(expected.iter().any(|(_, t)| t.contains('\u{200b}')), "the story needs a finding on the zero-width space: {expected:?}");
    assert!(expected.iter().all(|(r, _)| r != "number-format"), "{expected:?}");

    // a working folder elsewhere: the config must come from the document's folder
    let elsewhere = tempfile::tempdir().unwrap();
    let mut c = Client::start(elsewhere.path(), &[]);
    let init = c.initialize(json!({}));
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "wirelint");

    c.open(&uri, "plaintext", STORY);
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], 1);
    let diags = d["diagnostics"].as_array().unwrap().clone();
    let got: Vec<(String, String)> =
        diags.iter().map(|d| (d["code"].as_str().unwrap().to_string(), slice(STORY, &d["range"]).to_string())).collect();
    assert_eq!(got, expected, "the ranges (UTF-16) slice exactly the flagged text");
    for d in &diags {
        assert_eq!(d["source"], "wirelint");
        assert!(d["message"].as_str().unwrap().contains("confidence: "), "{d}");
        assert!([1, 2, 3].contains(&d["severity"].as_i64().unwrap()), "{d}");
    }
    let zwsp = diags.iter().find(|d| slice(STORY, &d["range"]).contains('\u{200b}')).unwrap().clone();
    // the range is in UTF-16 units: 'ğ', 'é' count one, the emoji two (the byte column would be 33)
    let line = STORY.lines().nth(2).unwrap();
    let before = &line[..line.find(slice(STORY, &zwsp["range"])).unwrap()];
    assert_eq!(before, "Erdoğan and José 😀 said the ");
    assert_eq!(zwsp["range"]["start"]["character"].as_u64().unwrap() as usize, before.encode_utf16().count(), "{zwsp}");
    assert_ne!(before.encode_utf16().count(), before.len());
    assert_eq!(zwsp["range"]["start"]["line"], 2);

    // a quick fix for the finding under the cursor, preferred because it is safe
    let r = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": zwsp["range"], "context": { "diagnostics": [zwsp], "only": ["quickfix"] } }),
    );
    let actions = r["result"].as_array().unwrap_or_else(|| panic!("{r}"));
    let quick =
        actions.iter().find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == zwsp["code"]).unwrap_or_else(|| panic!("{r}"));
    assert_eq!(quick["isPreferred"], true, "{quick}");
    let fixed_one = apply(STORY, &quick["edit"], &uri);
    assert!(!fixed_one.contains('\u{200b}'), "{fixed_one}");
    assert!(fixed_one.contains("Erdoğan and José 😀 said the Palestinian Authority"), "{fixed_one}");

    // the source action applies every safe fix: the text `check --fix` writes
    let r = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let actions = r["result"].as_array().unwrap_or_else(|| panic!("{r}"));
    assert!(actions.iter().all(|a| a["kind"] != "quickfix"), "only source actions were asked for: {r}");
    let all =
        actions.iter().find(|a| a["title"].as_str().unwrap().starts_with("Apply all safe wirelint fixes")).unwrap_or_else(|| panic!("{r}"));
    let fixed = apply(STORY, &all["edit"], &uri);
    let o = wirelint(dir.path(), &["check", "--fix", "--color", "never", "story.txt"]);
    assert_ne!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let by_cli = std::fs::read_to_string(&path).unwrap();
    assert_ne!(by_cli, STORY, "check --fix changed the story");
    assert_eq!(fixed, by_cli);

    // hover over the flagged span: the rule's explain text
    let rule = zwsp["code"].as_str().unwrap();
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": zwsp["range"]["start"] }));
    assert_eq!(r["result"]["contents"]["kind"], "markdown", "{r}");
    let hover = r["result"]["contents"]["value"].as_str().unwrap();
    let explain = String::from_utf8(wirelint(dir.path(), &["explain", rule]).stdout).unwrap();
    assert!(hover.contains(explain.trim()), "{hover}\n---\n{explain}");
    // nothing to say away from any finding
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r["result"], Value::Null, "{r}");

    // the fixed text: the safe findings are gone
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }));
    let d = c.diagnostics(&uri);
    assert_eq!(d["version"], 2);
    let left: Vec<String> = d["diagnostics"].as_array().unwrap().iter().map(|d| slice(&fixed, &d["range"]).to_string()).collect();
    assert!(left.len() < diags.len(), "{left:?}");
    assert!(left.iter().all(|t| !t.contains('\u{200b}') && !t.contains("ADVERTISEMENT")), "{left:?}");

    // close clears
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(c.diagnostics(&uri)["diagnostics"], json!([]));

    assert_eq!(c.stop(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("story.txt"));
    let mut c = Client::start(dir.path(), &["--no-config", "--lang", "en"]);
    let init = c.initialize(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8", "{init}");
    c.open(&uri, "plaintext", STORY);
    let d = c.diagnostics(&uri);
    let zwsp =
        d["diagnostics"].as_array().unwrap().iter().find(|d| d["range"]["start"]["line"] == 2).cloned().unwrap_or_else(|| panic!("{d}"));
    let line = STORY.lines().nth(2).unwrap();
    let (s, e) =
        (zwsp["range"]["start"]["character"].as_u64().unwrap() as usize, zwsp["range"]["end"]["character"].as_u64().unwrap() as usize);
    assert!(line[s..e].contains('\u{200b}'), "byte columns: {:?}", &line[s..e]);
    assert_eq!(c.stop(), Some(0));
}

#[test]
fn a_broken_document_gets_one_diagnostic_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("story.xml");
    let uri = uri_of(&xml);
    let mut c = Client::start(dir.path(), &["--no-config"]);
    c.initialize(json!({}));
    // line 3: the end tag does not match
    c.open(&uri, "xml", "<?xml version=\"1.0\"?>\n<nitf><body><body.content>\n<p>Erdoğan 😀 said.</q>\n</body.content></body></nitf>\n");
    let d = c.diagnostics(&uri);
    let diags = d["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{d}");
    assert_eq!(diags[0]["severity"], 1);
    assert!(diags[0]["message"].as_str().unwrap().contains("malformed XML"), "{d}");
    assert_eq!(diags[0]["range"]["start"]["line"], 2, "{d}");

    // an XML file that is no story is left alone; so is a language wirelint does not read
    c.open(&uri_of(&dir.path().join("pom.xml")), "xml", "<project><x/></project>\n");
    c.open(&uri_of(&dir.path().join("main.rs")), "rust", "fn main() {}\n");
    // the same server still checks stories, and still answers
    let txt = uri_of(&dir.path().join("ok.txt"));
    c.open(&txt, "plaintext", STORY);
    let d = c.diagnostics(&txt);
    assert!(!d["diagnostics"].as_array().unwrap().is_empty(), "{d}");
    let r = c.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 3 } }));
    assert!(r.get("error").is_none(), "{r}");
    let r = c.request("workspace/symbol", json!({ "query": "x" }));
    assert_eq!(r["error"]["code"], -32601, "unknown methods are MethodNotFound: {r}");
    assert_eq!(c.stop(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path(), &["--no-config"]);
    c.initialize(json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(wait(&mut c.child), Some(1));
}
