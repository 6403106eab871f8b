//! `wirelint lsp`: a language server over stdio (`lsp-server` + `lsp-types`, synchronous).
//!
//! Full text sync; diagnostics are published on open, change and save for plain text, Markdown,
//! NITF / NewsML-G2 XML and HTML documents (cleared on close); quick fixes for suggestions, one
//! source action applying every safe fix (the text `wirelint check --fix` writes), and the
//! rule's explain text on hover over a flagged span.
//!
//! Settings come from the command-line flags and the config file as in `wirelint check`, except
//! that `wirelint.toml` is searched upward from each document's folder (one [`Linter`] per config
//! file, built once). A document that cannot be read (broken XML) gets one diagnostic at the
//! error's place; a panic in a check becomes one diagnostic and the server goes on.
//!
//! Positions are UTF-16 code units (the LSP default) unless the client offers `utf-8` in
//! `general.positionEncodings`.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeResult, MarkupContent, MarkupKind, NumberOrString, Position,
    PositionEncodingKind, PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::{Value, json};

use wirelint::config::{CONFIG_NAMES, Config};
use wirelint::finding::Applicability;
use wirelint::input::encoding::EncodingChoice;
use wirelint::input::{self, InputError, InputFormat, ReadOptions};
use wirelint::span::LineIndex;
use wirelint::suppress::Allows;
use wirelint::{Linter, RuleMeta, Severity};

/// Title of the source action that applies every safe fix.
pub const FIX_ALL_TITLE: &str = "Apply all safe wirelint fixes";
/// Its kind (a `source.fixAll` action, so editors can run it on save).
const FIX_ALL_KIND: &str = "source.fixAll.wirelint";

/// Resolves a document's config (with the command line's flags) into settings.
pub type SettingsFn = dyn Fn(&Config) -> Result<wirelint::Settings>;

/// Settings from the command line; each document's config file adds to them.
pub struct LspOptions {
    /// The settings for a config (`Config::default()` when there is none).
    pub settings: Box<SettingsFn>,
    /// `--config FILE`: used for every document instead of discovery.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
}

/// Runs the server on stdin/stdout until `exit`; `Ok(true)` when a `shutdown` came before it
/// (exit code 0), `Ok(false)` otherwise (exit code 1, as the protocol asks).
pub fn run(opts: LspOptions) -> Result<bool> {
    let (conn, io) = Connection::stdio();
    let clean = serve(&conn, opts)?;
    drop(conn);
    io.join().context("language server I/O")?;
    Ok(clean)
}

fn serve(conn: &Connection, opts: LspOptions) -> Result<bool> {
    let (id, params) = conn.initialize_start().map_err(|e| anyhow::anyhow!("initialize: {e}"))?;
    let utf8 = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|e| e.as_str() == Some("utf-8")));
    let encoding = if utf8 { PositionEncodingKind::UTF8 } else { PositionEncodingKind::UTF16 };
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo { name: "wirelint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    conn.sender.send(Response::new_ok(id, result).into())?;
    let mut server = Server { conn, opts, utf8, docs: HashMap::new(), linters: HashMap::new() };
    let mut shutdown = false;
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if shutdown {
                    server.reply_err(req.id, ErrorCode::InvalidRequest, "the server is shutting down".into());
                    continue;
                }
                if req.method == "shutdown" {
                    shutdown = true;
                    conn.sender.send(Response::new_ok(req.id, ()).into())?;
                    continue;
                }
                let id = req.id.clone();
                let method = req.method.clone();
                match catch_unwind(AssertUnwindSafe(|| server.request(req))) {
                    Ok(Ok(Some(value))) => conn.sender.send(Response::new_ok(id, value).into())?,
                    Ok(Ok(None)) => server.reply_err(id, ErrorCode::MethodNotFound, format!("wirelint does not handle `{method}`")),
                    Ok(Err(e)) => server.reply_err(id, ErrorCode::InvalidParams, format!("{e:#}")),
                    Err(_) => {
                        server.reply_err(
                            id,
                            ErrorCode::InternalError,
                            "internal error in wirelint (a bug: please report the story)".into(),
                        );
                    }
                }
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(shutdown);
                }
                if !shutdown {
                    let method = n.method.clone();
                    if let Err(e) =
                        catch_unwind(AssertUnwindSafe(|| server.notification(n))).unwrap_or_else(|_| Err(anyhow::anyhow!("internal error")))
                    {
                        eprintln!("wirelint lsp: {method}: {e:#}");
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
    // the client went away without `exit`
    Ok(false)
}

fn capabilities(encoding: PositionEncodingKind) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::from(FIX_ALL_KIND.to_string()),
            ]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

/// One open document.
struct Doc {
    uri: Uri,
    path: PathBuf,
    language_id: String,
    version: i32,
    text: String,
    /// The findings of the last check of `text` (empty when it was not checked).
    flags: Vec<Flag>,
    /// The document was read as plain text (the safe fixes of `check --fix` apply).
    plain: bool,
    /// The config the last check used.
    config: Option<PathBuf>,
}

/// One finding, placed in the document.
struct Flag {
    start: usize,
    end: usize,
    /// `None` for a read error.
    rule: Option<&'static RuleMeta>,
    diagnostic: Diagnostic,
    /// The suggestion as an edit of the document text, when it maps onto it exactly.
    edit: Option<(TextEdit, Applicability)>,
}

struct Server<'a> {
    conn: &'a Connection,
    opts: LspOptions,
    utf8: bool,
    docs: HashMap<String, Doc>,
    /// One linter per config file (`None`: no config file).
    linters: HashMap<Option<PathBuf>, Arc<Linter>>,
}

impl Server<'_> {
    fn reply_err(&self, id: RequestId, code: ErrorCode, message: String) {
        let _ = self.conn.sender.send(Response::new_err(id, code as i32, message).into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let _ = self.conn.sender.send(Notification::new(method.to_string(), params).into());
    }

    fn request(&mut self, req: Request) -> Result<Option<Value>> {
        Ok(Some(match req.method.as_str() {
            "textDocument/codeAction" => {
                let p: CodeActionParams = serde_json::from_value(req.params)?;
                serde_json::to_value(self.code_actions(&p))?
            }
            "textDocument/hover" => {
                let p: HoverParams = serde_json::from_value(req.params)?;
                serde_json::to_value(self.hover(&p))?
            }
            _ => return Ok(None),
        }))
    }

    fn notification(&mut self, n: Notification) -> Result<()> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let p: DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let d = p.text_document;
                let key = d.uri.as_str().to_string();
                let path = uri_path(&d.uri);
                let doc = Doc {
                    uri: d.uri,
                    path,
                    language_id: d.language_id,
                    version: d.version,
                    text: d.text,
                    flags: Vec::new(),
                    plain: false,
                    config: None,
                };
                self.docs.insert(key.clone(), doc);
                self.publish(&key);
            }
            "textDocument/didChange" => {
                let p: DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let key = p.text_document.uri.as_str().to_string();
                let Some(doc) = self.docs.get_mut(&key) else { return Ok(()) };
                // full sync: the last change holds the whole text
                if let Some(change) = p.content_changes.into_iter().rev().find(|c| c.range.is_none()) {
                    doc.text = change.text;
                }
                doc.version = p.text_document.version;
                self.publish(&key);
            }
            "textDocument/didSave" => {
                let p: DidSaveTextDocumentParams = serde_json::from_value(n.params)?;
                let key = p.text_document.uri.as_str().to_string();
                let saved = uri_path(&p.text_document.uri);
                if saved.file_name().and_then(|n| n.to_str()).is_some_and(|n| CONFIG_NAMES.contains(&n)) {
                    // a config file changed: rebuild the linters and check every document again
                    self.linters.clear();
                    let keys: Vec<String> = self.docs.keys().cloned().collect();
                    for k in keys {
                        self.publish(&k);
                    }
                    return Ok(());
                }
                if let Some(doc) = self.docs.get_mut(&key)
                    && let Some(text) = p.text
                {
                    doc.text = text;
                }
                self.publish(&key);
            }
            "textDocument/didClose" => {
                let p: DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(doc) = self.docs.remove(p.text_document.uri.as_str()) {
                    self.notify(
                        "textDocument/publishDiagnostics",
                        PublishDiagnosticsParams { uri: doc.uri, diagnostics: Vec::new(), version: None },
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The linter for a document at `path`, and the config file it came from.
    fn linter_for(&mut self, path: &Path) -> Result<(Arc<Linter>, Option<PathBuf>), String> {
        let config = if self.opts.no_config {
            Config::default()
        } else if let Some(p) = &self.opts.config {
            Config::load(p).map_err(|e| e.to_string())?
        } else {
            let dir =
                path.parent().filter(|d| d.is_dir()).map(Path::to_path_buf).or_else(|| std::env::current_dir().ok()).unwrap_or_default();
            Config::discover(&dir).map_err(|e| e.to_string())?.unwrap_or_default()
        };
        let key = config.path.clone();
        if let Some(l) = self.linters.get(&key) {
            return Ok((l.clone(), key));
        }
        let where_ = key.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "wirelint".into());
        let settings = (self.opts.settings)(&config).map_err(|e| format!("{where_}: {e:#}"))?;
        let mut linter = Linter::new(settings).map_err(|e| format!("{where_}: {e}"))?;
        if !config.allow.is_empty() {
            linter.allows = Some(Allows::new(config.allow.clone(), &config.root).map_err(|e| format!("{where_}: {e}"))?);
        }
        let linter = Arc::new(linter);
        self.linters.insert(key.clone(), linter.clone());
        Ok((linter, key))
    }

    /// Checks a document and publishes its diagnostics (nothing for a document that is not a story).
    fn publish(&mut self, key: &str) {
        let Some(doc) = self.docs.get(key) else { return };
        let Some(fmt) = story_format(&doc.language_id, &doc.path, &doc.text) else { return };
        let path = doc.path.clone();
        let (flags, config) = match self.linter_for(&path) {
            Ok((linter, config)) => {
                let doc = &self.docs[key];
                (check(&linter, doc, fmt, self.utf8), config)
            }
            Err(e) => (vec![error_flag(&self.docs[key].text, None, None, format!("wirelint: config error: {e}"), self.utf8)], None),
        };
        let doc = self.docs.get_mut(key).expect("present");
        doc.flags = flags;
        doc.plain = fmt == InputFormat::Text;
        doc.config = config;
        let diagnostics = doc.flags.iter().map(|f| f.diagnostic.clone()).collect();
        let params = PublishDiagnosticsParams { uri: doc.uri.clone(), diagnostics, version: Some(doc.version) };
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn code_actions(&mut self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.docs.get(p.text_document.uri.as_str()) else { return Vec::new() };
        let lines = Lines::new(&doc.text, self.utf8);
        let (from, to) = (lines.offset(p.range.start), lines.offset(p.range.end));
        let wants = |kind: &str| {
            p.context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))))
        };
        let mut out = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            for f in &doc.flags {
                let (Some((edit, applicability)), Some(rule)) = (&f.edit, f.rule) else { continue };
                // touching counts: a cursor at either end of the span asks for its fixes
                if f.end < from || f.start > to {
                    continue;
                }
                let what = if edit.new_text.is_empty() { "Remove it".to_string() } else { format!("Replace with `{}`", edit.new_text) };
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{what} ({}, {applicability})", rule.name),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![f.diagnostic.clone()]),
                    edit: Some(workspace_edit(&doc.uri, vec![edit.clone()])),
                    is_preferred: Some(*applicability == Applicability::Safe),
                    ..Default::default()
                }));
            }
        }
        if wants(FIX_ALL_KIND) && doc.plain && doc.flags.iter().any(|f| f.edit.as_ref().is_some_and(|(_, a)| *a == Applicability::Safe)) {
            let linter = self.linters.get(&doc.config).cloned();
            if let Some(linter) = linter {
                let path = doc.path.display().to_string();
                let fixed = catch_unwind(AssertUnwindSafe(|| wirelint::fix::fix_text(&linter, &path, &doc.text, linter.analyse_options())));
                if let Ok((fixed, n)) = fixed
                    && fixed != doc.text
                {
                    let whole = Range::new(Position::new(0, 0), lines.position(doc.text.len()));
                    out.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!("{FIX_ALL_TITLE} ({n})"),
                        kind: Some(CodeActionKind::from(FIX_ALL_KIND.to_string())),
                        edit: Some(workspace_edit(&doc.uri, vec![TextEdit { range: whole, new_text: fixed }])),
                        ..Default::default()
                    }));
                }
            }
        }
        out
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let at = &p.text_document_position_params;
        let doc = self.docs.get(at.text_document.uri.as_str())?;
        let lines = Lines::new(&doc.text, self.utf8);
        let offset = lines.offset(at.position);
        let hits: Vec<(&Flag, &RuleMeta)> =
            doc.flags.iter().filter(|f| f.start <= offset && offset <= f.end).filter_map(|f| Some((f, f.rule?))).collect();
        let first = hits.first()?.0;
        let mut parts: Vec<String> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (f, rule) in hits {
            let mut part = format!("**{}** ({}): {}", rule.name, rule.code, f.diagnostic.message.replace('\n', "  \n"));
            if !seen.contains(&rule.name) {
                seen.push(rule.name);
                part.push_str("\n\n");
                part.push_str(&crate::cli::explain_text(rule));
            }
            parts.push(part);
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: parts.join("\n\n---\n\n") }),
            range: Some(first.diagnostic.range),
        })
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
}

/// The format a document is read in, or `None` when it is not a story file: the language id
/// (`plaintext`, `markdown`, `xml`, `html`), else the extension as `wirelint check` reads it.
/// An XML document is checked only when its root is NITF or NewsML-G2, found as `check -` does.
fn story_format(language_id: &str, path: &Path, text: &str) -> Option<InputFormat> {
    let xml = || match InputFormat::sniff(text.as_bytes()) {
        f @ (InputFormat::Nitf | InputFormat::Newsml) => Some(f),
        _ => None,
    };
    match language_id.to_ascii_lowercase().as_str() {
        "plaintext" | "text" | "markdown" => Some(InputFormat::Text),
        "html" | "xhtml" => Some(InputFormat::Html),
        "xml" => xml(),
        _ => match InputFormat::for_path(path)? {
            InputFormat::Text => Some(InputFormat::Text),
            InputFormat::Html => Some(InputFormat::Html),
            InputFormat::Nitf if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) => xml(),
            f @ (InputFormat::Nitf | InputFormat::Newsml) => Some(f),
            InputFormat::Jsonl | InputFormat::Ninjs => None,
        },
    }
}

/// The local path of a `file:` URI (percent-decoded); other URIs give their path part.
fn uri_path(uri: &Uri) -> PathBuf {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://").unwrap_or_else(|| s.split_once(':').map(|(_, r)| r).unwrap_or(s));
    // file://host/path: drop the (usually empty or localhost) authority
    let rest = if rest.starts_with('/') { rest } else { rest.find('/').map(|i| &rest[i..]).unwrap_or(rest) };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            bytes.push(v);
            i += 3;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    let decoded = String::from_utf8_lossy(&bytes).into_owned();
    // file:///C:/x on Windows
    let decoded = if decoded.len() > 2 && decoded.as_bytes()[0] == b'/' && decoded.as_bytes()[2] == b':' {
        decoded[1..].to_string()
    } else {
        decoded
    };
    PathBuf::from(decoded)
}

/// Reads and checks one document; a read error or a panic becomes one diagnostic.
fn check(linter: &Linter, doc: &Doc, fmt: InputFormat, utf8: bool) -> Vec<Flag> {
    let path = doc.path.display().to_string();
    let text = &doc.text;
    let run = || {
        let opts = ReadOptions {
            format: Some(fmt),
            fields: Default::default(),
            analyse: linter.analyse_options().clone(),
            encoding: EncodingChoice::Auto,
            ..ReadOptions::default()
        };
        let mut flags = Vec::new();
        let mut error: Option<InputError> = None;
        let lines = Lines::new(text, utf8);
        input::read_bytes(&path, fmt, text.as_bytes().to_vec(), &opts, &mut |r| match r {
            Ok(story) => {
                let report = linter.check(&story);
                flags.extend(report.findings.iter().filter_map(|f| flag(&story, f, text, &lines)));
            }
            Err(e) => {
                error.get_or_insert(e);
            }
        });
        if let Some(e) = error {
            flags.insert(0, error_flag(text, e.line, e.column, format!("wirelint cannot read this document: {}", e.message), utf8));
        }
        flags
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        vec![error_flag(
            text,
            None,
            None,
            "wirelint: internal error while checking this document (a bug in wirelint: please report the story)".into(),
            utf8,
        )]
    })
}

/// A diagnostic at a 1-based line and column (in characters), or at the start.
fn error_flag(text: &str, line: Option<usize>, column: Option<usize>, message: String, utf8: bool) -> Flag {
    let lines = Lines::new(text, utf8);
    let start = lines.offset_of_line_col(line.unwrap_or(1), column.unwrap_or(1));
    // one character wide, so that every editor shows it
    let end = text[start..].chars().next().filter(|c| *c != '\n' && *c != '\r').map(|c| start + c.len_utf8()).unwrap_or(start);
    let range = Range::new(lines.position(start), lines.position(end));
    let diagnostic =
        Diagnostic { range, severity: Some(DiagnosticSeverity::ERROR), source: Some("wirelint".into()), message, ..Default::default() };
    Flag { start, end, rule: None, diagnostic, edit: None }
}

/// A finding as a diagnostic of the document text; `None` when it lies in a field of a
/// structured input rather than in the file text.
fn flag(story: &wirelint::Document, f: &wirelint::Finding, text: &str, lines: &Lines<'_>) -> Option<Flag> {
    let loc = story.locate_text(f.span);
    if loc.field.is_some() || loc.end > text.len() || !text.is_char_boundary(loc.start) || !text.is_char_boundary(loc.end) {
        return None;
    }
    let range = Range::new(lines.position(loc.start), lines.position(loc.end));
    let mut message = format!("{} (confidence: {})", f.message, f.confidence);
    let mut edit = None;
    if let Some(s) = &f.suggestion {
        let what = if s.replacement.is_empty() { "remove it".to_string() } else { format!("replace with `{}`", s.replacement) };
        message.push_str(&format!("\nhelp: {what} ({})", s.applicability));
        if s.applicability != Applicability::DisplayOnly {
            // the edit is offered only where the story text maps onto the document text as is
            let at = story.locate_text(s.span);
            if at.field.is_none()
                && at.end <= text.len()
                && text.is_char_boundary(at.start)
                && text.is_char_boundary(at.end)
                && text.get(at.start..at.end) == story.text.get(s.span.start..s.span.end)
            {
                let range = Range::new(lines.position(at.start), lines.position(at.end));
                edit = Some((TextEdit { range, new_text: s.replacement.clone() }, s.applicability));
            }
        }
    }
    let severity = match f.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let diagnostic = Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(f.rule.name.to_string())),
        source: Some("wirelint".into()),
        message,
        data: Some(json!({ "code": f.rule.code, "confidence": f.confidence.to_string() })),
        ..Default::default()
    };
    Some(Flag { start: loc.start, end: loc.end, rule: Some(f.rule), diagnostic, edit })
}

/// Byte offsets ↔ LSP positions (UTF-16 code units, or bytes with `utf-8`).
struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    utf8: bool,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, utf8: bool) -> Self {
        Lines { text, index: LineIndex::new(text), utf8 }
    }

    fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, _) = self.index.line_col(self.text, offset);
        let start = self.index.line_start(line);
        let before = &self.text[start..offset];
        let character = if self.utf8 { before.len() } else { before.encode_utf16().count() };
        Position::new((line - 1) as u32, character as u32)
    }

    /// The line's text without its terminator, and its start.
    fn line(&self, line: usize) -> (usize, &'a str) {
        let start = self.index.line_start(line);
        let end = if line < self.index.line_count() { self.index.line_start(line + 1) } else { self.text.len() };
        (start, self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The byte offset of a position; a character past the end of its line means the line's
    /// end, a line past the last one the end of the text.
    fn offset(&self, p: Position) -> usize {
        let line = p.line as usize + 1;
        if line > self.index.line_count() {
            return self.text.len();
        }
        let (start, text) = self.line(line);
        let want = p.character as usize;
        let mut units = 0;
        for (i, c) in text.char_indices() {
            if units >= want {
                return start + i;
            }
            units += if self.utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        start + text.len()
    }

    /// The byte offset of a 1-based line and column counted in characters.
    fn offset_of_line_col(&self, line: usize, column: usize) -> usize {
        let line = line.clamp(1, self.index.line_count());
        let (start, text) = self.line(line);
        text.char_indices().nth(column.saturating_sub(1)).map(|(i, _)| start + i).unwrap_or(start + text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let text = "Çağlar 😀 x\r\nsecond é line\rthird";
        let l16 = Lines::new(text, false);
        let x = text.find('x').unwrap();
        assert_eq!(l16.position(x), Position::new(0, 10));
        assert_eq!(l16.offset(Position::new(0, 10)), x);
        assert_eq!(l16.offset(Position::new(0, 7)), text.find("😀").unwrap());
        let l8 = Lines::new(text, true);
        assert_eq!(l8.position(x), Position::new(0, x as u32));
        assert_eq!(l8.offset(Position::new(0, x as u32)), x);
        let e = text.find("line").unwrap();
        assert_eq!(l16.position(e), Position::new(1, 9));
        assert_eq!(l16.offset(Position::new(1, 9)), e);
        assert_eq!(l16.position(text.len()), Position::new(2, 5));
        assert_eq!(l16.offset(Position::new(0, 99)), text.find('\r').unwrap());
        assert_eq!(l16.offset(Position::new(9, 0)), text.len());
        assert_eq!(l16.offset_of_line_col(2, 8), text.find('é').unwrap());
    }

    #[test]
    fn file_uris_become_paths() {
        let u: Uri = "file:///tmp/a%20b/story.txt".parse().unwrap();
        assert_eq!(uri_path(&u), PathBuf::from("/tmp/a b/story.txt"));
        let u: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(uri_path(&u), PathBuf::from("Untitled-1"));
    }

    #[test]
    fn only_story_documents_are_checked() {
        let p = Path::new("/x/story.txt");
        assert_eq!(story_format("plaintext", p, "Hi"), Some(InputFormat::Text));
        assert_eq!(story_format("xml", Path::new("/x/pom.xml"), "<project/>"), None);
        assert_eq!(story_format("xml", Path::new("/x/a.xml"), "<?xml version=\"1.0\"?>\n<nitf>"), Some(InputFormat::Nitf));
        assert_eq!(story_format("rust", Path::new("/x/main.rs"), "fn main() {}"), None);
        assert_eq!(story_format("", Path::new("/x/s.md"), "x"), Some(InputFormat::Text));
        assert_eq!(story_format("json", Path::new("/x/s.json"), "{}"), None);
    }
}
