//! `wirelint serve`: the HTTP API (`/v1/check`, `/v1/fix`, `/v1/rules`...) and the editor's
//! page at `/`, on axum.
//!
//! The [`Linter`] (lexicons and rule indexes) is built once at start-up and shared. Each check
//! runs on tokio's blocking pool behind a semaphore (at most `--max-concurrent` at once, at most
//! `--queue` more waiting, then 503), under a time limit (504), and a panic in a check is a 500
//! for that request only. Findings are the JSON Lines records of `wirelint check --format jsonl`,
//! built by the same code.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use wirelint::config::selector_matches;
use wirelint::document::AnalyseOptions;
use wirelint::input::encoding::EncodingChoice;
use wirelint::input::{self, InputFormat, ReadOptions};
use wirelint::render::{finding_record, story_record};
use wirelint::rules::{RULES, RuleMeta, find};
use wirelint::{Confidence, Linter};

/// The editor's page: one self-contained HTML file (no CDN, vanilla JS).
const PAGE: &str = include_str!("page.html");
/// The hand-written OpenAPI 3.1 description of the API.
const OPENAPI: &str = include_str!("openapi.json");

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub allow_remote: bool,
    /// Largest request body in bytes (413 above).
    pub max_body: usize,
    /// Time limit of one check or fix (504 above).
    pub timeout: Duration,
    /// Checks running at once.
    pub max_concurrent: usize,
    /// Checks waiting for a slot; one more is refused with 503.
    pub queue: usize,
}

struct App {
    linter: Arc<Linter>,
    opts: ServeOptions,
    slots: Arc<Semaphore>,
    in_flight: AtomicUsize,
    /// Host names accepted in the `Host` header (loopback only; `None` = any).
    hosts: Option<Vec<String>>,
}

/// An error answer: `{"error": "...", "field": "..."}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    error: String,
    field: Option<&'static str>,
}

impl ApiError {
    fn bad(field: &'static str, error: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, error: error.into(), field: Some(field) }
    }
    fn status(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError { status, error: error.into(), field: None }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.error });
        if let Some(f) = self.field {
            body["field"] = f.into();
        }
        let mut r = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}

/// A check or fix request, validated field by field.
#[derive(Debug)]
struct StoryRequest {
    text: String,
    format: Option<InputFormat>,
    language: Option<String>,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    min_confidence: Option<Confidence>,
    path: String,
}

const FIELDS: &[&str] = &["text", "format", "language", "select", "ignore", "min_confidence", "path"];

fn parse_request(body: &[u8]) -> Result<StoryRequest, ApiError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| ApiError::bad("body", format!("malformed JSON: {e}")))?;
    let Value::Object(o) = v else { return Err(ApiError::bad("body", "the body must be a JSON object")) };
    for k in o.keys() {
        if !FIELDS.contains(&k.as_str()) {
            return Err(ApiError::bad("body", format!("unknown field `{k}`; fields are: {}", FIELDS.join(", "))));
        }
    }
    let string = |name: &'static str| -> Result<Option<String>, ApiError> {
        match o.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::bad(name, format!("`{name}` must be a string"))),
        }
    };
    let list = |name: &'static str| -> Result<Option<Vec<String>>, ApiError> {
        match o.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| x.as_str().map(str::to_string).ok_or_else(|| ApiError::bad(name, format!("`{name}` must be an array of strings"))))
                .map(|r| {
                    r.and_then(|s| {
                        if wirelint::config::selector_matches_any(&s) {
                            Ok(s)
                        } else {
                            Err(ApiError::bad(name, format!("`{s}` names no rule (GET /v1/rules lists them)")))
                        }
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(ApiError::bad(name, format!("`{name}` must be an array of rule names or codes"))),
        }
    };
    let text = string("text")?.ok_or_else(|| ApiError::bad("text", "missing field `text` (the story)"))?;
    let format = match string("format")? {
        None => None,
        Some(f) => match InputFormat::from_name(&f) {
            Some(InputFormat::Jsonl) => return Err(ApiError::bad("format", "`jsonl` is not accepted here: send one story per request")),
            Some(fmt) => Some(fmt),
            None => return Err(ApiError::bad("format", format!("unknown format `{f}`; formats are: text, nitf, newsml, ninjs, html"))),
        },
    };
    let language = string("language")?;
    if let Some(l) = &language
        && (l.is_empty() || l.len() > 16 || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(ApiError::bad("language", format!("`{l}` is not a language code (en, id, es-MX, or auto)")));
    }
    let min_confidence = match string("min_confidence")? {
        None => None,
        Some(c) => Some(c.parse::<Confidence>().map_err(|_| ApiError::bad("min_confidence", format!("`{c}` is not low, medium or high")))?),
    };
    let path = string("path")?.unwrap_or_else(|| "story.txt".to_string());
    Ok(StoryRequest {
        text,
        format,
        language: language.filter(|l| !l.eq_ignore_ascii_case("auto")),
        select: list("select")?.filter(|s| !s.is_empty()),
        ignore: list("ignore")?.unwrap_or_default(),
        min_confidence,
        path,
    })
}

impl App {
    /// The linter for a request: the shared one, or one with the request's rules and confidence.
    fn linter_for(&self, req: &StoryRequest) -> Arc<Linter> {
        if req.select.is_none() && req.ignore.is_empty() && req.min_confidence.is_none() {
            return self.linter.clone();
        }
        let matches = |sels: &[String], m: &RuleMeta| sels.iter().any(|s| selector_matches(s, m));
        let rules = self
            .linter
            .settings
            .rules
            .iter()
            .filter(|r| req.select.as_ref().is_none_or(|s| matches(s, r.rule.meta())) && !matches(&req.ignore, r.rule.meta()))
            .cloned()
            .collect();
        Arc::new(self.linter.with_rules(rules, req.min_confidence.unwrap_or(self.linter.settings.min_confidence)))
    }

    fn analyse(&self, req: &StoryRequest) -> AnalyseOptions {
        AnalyseOptions { language: req.language.clone(), languages: self.linter.analyse_options().languages.clone() }
    }

    /// Runs `f` on the blocking pool: at most `max_concurrent` at once, at most `queue` waiting
    /// (503 beyond), under the time limit (504), a panic becoming a 500.
    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let waiting = self.in_flight.fetch_add(1, Ordering::SeqCst);
        struct Leave<'a>(&'a AtomicUsize);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let _leave = Leave(&self.in_flight);
        if waiting >= self.opts.max_concurrent + self.opts.queue {
            return Err(ApiError::status(
                StatusCode::SERVICE_UNAVAILABLE,
                "server busy: too many checks running or waiting; retry shortly",
            ));
        }
        let limit = self.opts.timeout;
        let work = async {
            let permit =
                self.slots.clone().acquire_owned().await.map_err(|_| ApiError::status(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
            // the permit lives as long as the check itself, so a check that outlives its
            // request's time limit still counts against the bound
            let task = tokio::task::spawn_blocking(move || {
                let out = f();
                drop(permit);
                out
            });
            task.await.map_err(|e| {
                let why = if e.is_panic() {
                    "a check failed with an internal error (a bug in wirelint: please report the story)"
                } else {
                    "the check was cancelled"
                };
                ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, why)
            })
        };
        match tokio::time::timeout(limit, work).await {
            Ok(r) => r,
            Err(_) => Err(ApiError::status(
                StatusCode::GATEWAY_TIMEOUT,
                format!("the check took longer than the server's limit of {} ms", limit.as_millis()),
            )),
        }
    }
}

/// Reads the stories of a request (the same readers as `wirelint check -`) and checks them.
fn check_story(linter: &Linter, req: StoryRequest, analyse: AnalyseOptions) -> Result<Value, ApiError> {
    let bytes = req.text.into_bytes();
    let fmt = req.format.unwrap_or_else(|| match InputFormat::sniff(&bytes) {
        // one JSON object that is not ninjs-shaped: read as ninjs, which says what is missing
        InputFormat::Jsonl => InputFormat::Ninjs,
        f => f,
    });
    let opts = ReadOptions { format: Some(fmt), fields: Default::default(), analyse, encoding: EncodingChoice::Auto, ..Default::default() };
    let mut stories = Vec::new();
    let mut error = None;
    input::read_bytes(&req.path, fmt, bytes, &opts, &mut |r| match r {
        Ok(doc) => {
            let report = linter.check(&doc);
            let findings: Vec<Value> = report.findings.iter().map(|f| finding_record(&doc, f)).collect();
            let mut story = json!({ "story": story_record(&doc, &report), "findings": findings });
            // a rule that tripped a bug on this story: its findings are missing, and the client is told
            if !report.failed.is_empty() {
                story["failed_rules"] =
                    report.failed.iter().map(|(rule, why)| json!({ "rule": rule, "error": why })).collect::<Vec<_>>().into();
            }
            stories.push(story);
        }
        Err(e) => {
            error.get_or_insert(e);
        }
    });
    if let Some(e) = error {
        return Err(ApiError { status: StatusCode::BAD_REQUEST, error: e.to_string(), field: Some("text") });
    }
    let Some(first) = stories.first() else {
        return Err(ApiError { status: StatusCode::BAD_REQUEST, error: "no story found in `text`".into(), field: Some("text") });
    };
    let mut out = json!({ "format": fmt, "story": first["story"], "findings": first["findings"] });
    if let Some(failed) = first.get("failed_rules") {
        out["failed_rules"] = failed.clone();
    }
    if stories.len() > 1 {
        out["stories"] = Value::Array(stories);
    }
    Ok(out)
}

/// The request body, at most `--max-body` bytes: a larger `Content-Length` is refused before
/// the body is read (so a client sending `Expect: 100-continue` never sends it), a longer
/// chunked body as soon as it passes the limit.
async fn read_body(app: &App, req: Request) -> Result<Bytes, ApiError> {
    let max = app.opts.max_body;
    let too_large = || ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        error: format!("request body too large: the limit is {max} bytes (--max-body)"),
        field: Some("body"),
    };
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(req.into_body(), max).await.map_err(|e| {
        if e.to_string().contains("length limit") {
            too_large()
        } else {
            ApiError::bad("body", format!("cannot read the request body: {e}"))
        }
    })
}

async fn check(State(app): State<Arc<App>>, req: Request) -> Result<axum::Json<Value>, ApiError> {
    let req = parse_request(&read_body(&app, req).await?)?;
    let linter = app.linter_for(&req);
    let analyse = app.analyse(&req);
    app.run(move || check_story(&linter, req, analyse)).await?.map(axum::Json)
}

async fn fix(State(app): State<Arc<App>>, req: Request) -> Result<axum::Json<Value>, ApiError> {
    let req = parse_request(&read_body(&app, req).await?)?;
    let fmt = req.format.unwrap_or_else(|| InputFormat::sniff(req.text.as_bytes()));
    if fmt != InputFormat::Text {
        return Err(ApiError::bad("format", format!("fixes apply to plain text only (this reads as {fmt:?})")));
    }
    let linter = app.linter_for(&req);
    let analyse = app.analyse(&req);
    app.run(move || {
        let (fixed, applied) = wirelint::fix::fix_text(&linter, &req.path, &req.text, &analyse);
        let diff = if fixed == req.text { String::new() } else { wirelint::fix::unified_diff(&req.path, &req.text, &fixed) };
        axum::Json(json!({ "text": fixed, "diff": diff, "applied": applied }))
    })
    .await
}

fn rule_json(m: &RuleMeta) -> Value {
    let mut v = serde_json::to_value(m).expect("rule metadata serializes");
    v["explain_text"] = crate::cli::explain_text(m).into();
    v
}

async fn rules() -> axum::Json<Value> {
    axum::Json(json!({ "rules": RULES.iter().map(|r| serde_json::to_value(r.meta()).expect("serializes")).collect::<Vec<_>>() }))
}

async fn rule(Path(name): Path<String>) -> Result<axum::Json<Value>, ApiError> {
    let Some(rule) = find(&name) else {
        let names: Vec<_> = RULES.iter().map(|r| r.meta().name).collect();
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            error: format!("unknown rule `{name}`; rules are: {}", names.join(", ")),
            field: Some("name"),
        });
    };
    Ok(axum::Json(rule_json(rule.meta())))
}

async fn healthz() -> axum::Json<Value> {
    axum::Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

async fn page() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            ),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        PAGE,
    )
}

async fn not_found() -> ApiError {
    ApiError::status(StatusCode::NOT_FOUND, "no such endpoint; see GET /openapi.json")
}

/// One log line per request on stderr; refuses foreign `Host` headers on a loopback server
/// (a DNS-rebinding page cannot talk to it).
async fn log_and_guard(State(app): State<Arc<App>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let uri = req.uri().path().to_string();
    let host_ok = app.hosts.as_ref().is_none_or(|hosts| {
        req.headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(|h| {
                let name = if h.starts_with('[') {
                    h.split(']').next().map(|n| format!("{n}]")).unwrap_or_default()
                } else {
                    h.split(':').next().unwrap_or("").to_string()
                };
                hosts.iter().any(|a| a.eq_ignore_ascii_case(&name))
            })
            .unwrap_or(true)
    });
    let mut response = if host_ok {
        next.run(req).await
    } else {
        ApiError::status(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only to localhost (start it with --allow-remote for other hosts)",
        )
        .into_response()
    };
    response.headers_mut().insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    eprintln!("{peer} \"{method} {uri}\" {} {:.1}ms", response.status().as_u16(), started.elapsed().as_secs_f64() * 1000.0);
    response
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .route("/v1/check", post(check))
        .route("/v1/fix", post(fix))
        .route("/v1/rules", get(rules))
        .route("/v1/rules/{name}", get(rule))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), log_and_guard))
        .with_state(app)
}

/// Starts the server and blocks until SIGINT or SIGTERM (in-flight requests finish first).
pub fn serve(linter: Linter, opts: ServeOptions) -> Result<()> {
    if !opts.addr.ip().is_loopback() && !opts.allow_remote {
        bail!(
            "{} is not a loopback address: the server would be reachable from the network; pass --allow-remote to do that on purpose",
            opts.addr
        );
    }
    let cores = std::thread::available_parallelism().map(std::num::NonZero::get).unwrap_or(2);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.min(4))
        .max_blocking_threads(opts.max_concurrent.max(1) + 2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let hosts = opts
        .addr
        .ip()
        .is_loopback()
        .then(|| ["localhost", "127.0.0.1", "[::1]"].iter().map(ToString::to_string).chain([opts.addr.ip().to_string()]).collect());
    let app = Arc::new(App {
        linter: Arc::new(linter),
        slots: Arc::new(Semaphore::new(opts.max_concurrent.max(1))),
        in_flight: AtomicUsize::new(0),
        hosts,
        opts: opts.clone(),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr).await.with_context(|| format!("cannot listen on {}", opts.addr))?;
        let bound = listener.local_addr()?;
        let reach = if bound.ip().is_loopback() {
            "loopback only".to_string()
        } else {
            "REACHABLE FROM THE NETWORK (--allow-remote); there is no authentication".to_string()
        };
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            writeln!(out, "wirelint serve: listening on http://{bound}/ ({reach})")?;
            out.flush()?;
        }
        axum::serve(listener, router(app).into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("server error")?;
        eprintln!("wirelint serve: stopped");
        Ok(())
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("wirelint serve: shutting down (finishing requests in flight)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_validated_field_by_field() {
        let e = parse_request(b"{\"text\": 3}").unwrap_err();
        assert_eq!((e.status, e.field), (StatusCode::BAD_REQUEST, Some("text")));
        let e = parse_request(b"{\"text\": \"x\", \"select\": [\"no-such-rule\"]}").unwrap_err();
        assert_eq!(e.field, Some("select"));
        assert!(e.error.contains("no-such-rule"), "{}", e.error);
        let e = parse_request(b"{\"text\": \"x\", \"format\": \"jsonl\"}").unwrap_err();
        assert_eq!(e.field, Some("format"));
        let e = parse_request(b"{\"text\": \"x\", \"colour\": 1}").unwrap_err();
        assert!(e.error.contains("colour"), "{}", e.error);
        let e = parse_request(b"{\"text\": ").unwrap_err();
        assert_eq!(e.field, Some("body"));
        let r = parse_request(b"{\"text\": \"x\", \"language\": \"auto\", \"select\": [\"EN\"], \"min_confidence\": \"high\"}").unwrap();
        assert_eq!((r.language, r.select, r.min_confidence), (None, Some(vec!["EN".to_string()]), Some(Confidence::High)));
    }
}
