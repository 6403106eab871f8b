//! Command-line interface (clap derive). Low-level args are resolved into [`Settings`] here.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use wirelint::baseline::{Baseline, Writer as BaselineWriter};
use wirelint::config::{Config, selector_matches};
use wirelint::document::AnalyseOptions;
use wirelint::fix::{FixMode, FixSummary, fix_targets};
use wirelint::input::encoding::EncodingChoice;
use wirelint::input::{InputFormat, ReadOptions};
use wirelint::render::{Format, Stats, renderer};
use wirelint::rules::{RULES, find};
use wirelint::runner::{RunOptions, collect_targets, run_filtered, walk};
use wirelint::suppress::Allows;
use wirelint::{ActiveRule, Confidence, Linter, Settings, Severity};

#[derive(Parser, Debug)]
#[command(name = "wirelint", version, about = "Catch translation and editorial artifacts in news wire copy")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant, reason = "parsed once per process")]
pub enum Command {
    /// Check stories: files, folders (walked, .gitignore-aware) or `-` for stdin.
    Check(Box<CheckArgs>),
    /// List the rules.
    Rules {
        /// `human` table or `json`.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Explain a rule: what it flags, why, examples, false positives, lexicons.
    Explain {
        /// Rule name (`entity-corruption`) or code (`EN001`).
        rule: String,
    },
    /// Report names spelled several ways across stories (a corpus view of name-inconsistency).
    Names(NamesArgs),
    /// Report lines each source prints in many of its stories (share rows, promos, notes);
    /// save the counts for `check --boilerplate`.
    Boilerplate(BoilerplateArgs),
    /// Write an audit report (one self-contained HTML page with charts, or Markdown) of stories
    /// or of saved `check --format jsonl` runs: findings per source, language and date, examples.
    #[command(after_help = "The rule, confidence, config, language and lexicon flags apply when stories are checked; \
                            saved runs are reported as they were saved.")]
    Report(ReportArgs),
    /// Serve the HTTP API (/v1/check, /v1/fix, /v1/rules) and the editor's page on localhost.
    #[cfg(feature = "serve")]
    #[command(after_help = "The rule, confidence and language flags are the defaults of every request: a request's \
                            `min_confidence` and `language` override them, and its `select` chooses among the rules \
                            selected here.")]
    Serve(ServeArgs),
    /// Run the language server on stdin/stdout (diagnostics, quick fixes and hover for editors).
    #[cfg(feature = "lsp")]
    #[command(after_help = "The rule, confidence, language and lexicon flags apply to every document. \
                            Without --config, wirelint.toml is searched upward from each document's folder.")]
    Lsp(LspArgs),
}

#[cfg(feature = "lsp")]
#[derive(Args, Debug)]
pub struct LspArgs {
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Accepted for editors that pass it (the server always speaks over stdio).
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[cfg(feature = "serve")]
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the startup line says which).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
    /// Allow a non-loopback --addr (the API has no authentication: anyone who reaches it can use it).
    #[arg(long)]
    pub allow_remote: bool,
    /// Largest request body in bytes (413 above); `K`/`M` suffixes are accepted.
    #[arg(long, default_value = "2M", value_parser = parse_size)]
    pub max_body: usize,
    /// Time limit of one check or fix, in milliseconds (504 above).
    #[arg(long, default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Checks running at once (default: the number of cores).
    #[arg(long)]
    pub max_concurrent: Option<usize>,
    /// Checks waiting for a free slot; beyond that a request gets 503.
    #[arg(long, default_value_t = 64)]
    pub queue: usize,
    #[command(flatten)]
    pub rules: RuleArgs,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 1024),
        Some((i, 'M' | 'm')) => (&t[..i], 1024 * 1024),
        _ => (t, 1),
    };
    num.trim().parse::<usize>().map(|n| n * mult).map_err(|_| format!("`{s}` is not a size (bytes, or with a K or M suffix)"))
}

#[derive(Args, Debug)]
pub struct NamesArgs {
    /// Files, folders, or `-` (stdin). May be empty with `--merge`.
    pub paths: Vec<PathBuf>,
    /// `human` report or `json`.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Also write the mergeable summary of these stories to FILE (JSON).
    #[arg(long, value_name = "FILE")]
    pub save_summary: Option<PathBuf>,
    /// Merge summaries saved with --save-summary (from other shards) into the report.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub merge: Vec<PathBuf>,
    /// The copy's language for house style (ISO 639-1); default `en`.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Extra lexicon file(s) (house style, entities...).
    #[arg(long = "lexicon")]
    pub lexicons: Vec<PathBuf>,
    /// Read inputs as this format instead of choosing by extension / content.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
}

#[derive(Args, Debug)]
pub struct BoilerplateArgs {
    /// Files, folders, or `-` (stdin). May be empty with `--merge`.
    pub paths: Vec<PathBuf>,
    /// `human` report or `json`.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// Merge summaries saved with --save-summary (from other shards) into this one.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub merge: Vec<PathBuf>,
    /// Write the mergeable line counts (after any --merge) to FILE, for `check --boilerplate FILE`.
    #[arg(long, value_name = "FILE")]
    pub save_summary: Option<PathBuf>,
    /// Read inputs as this format instead of choosing by extension / content.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files, folders, or `-` (stdin).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Read inputs as this format instead of choosing by extension / content.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Character encoding of the inputs: `auto` (default: BOM, valid UTF-8, the XML/HTML
    /// declaration, then detection), or a label such as `windows-1252`, `iso-8859-2`,
    /// `utf-16le`; `utf-8` reads strict UTF-8 only.
    #[arg(long, value_name = "NAME", value_parser = EncodingChoice::parse)]
    pub encoding: Option<EncodingChoice>,
    /// JSON Lines field holding the story body (default `body`).
    #[arg(long)]
    pub body_field: Option<String>,
    /// JSON Lines field holding the story id (default `id`).
    #[arg(long)]
    pub id_field: Option<String>,
    /// JSON Lines field holding the headline (default `headline`).
    #[arg(long)]
    pub headline_field: Option<String>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// At the end, counts per rule, per source and per language, and the stories with the most findings.
    #[arg(long)]
    pub summary: bool,
    /// Line counts saved by `wirelint boilerplate --save-summary FILE`: a line its source prints
    /// in many stories is reported by scrape-residue, with the count.
    #[arg(long, value_name = "FILE")]
    pub boilerplate: Option<PathBuf>,
    /// Never draw the progress bar (it is drawn on stderr only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
    /// Apply safe fixes to plain-text files in place (atomically), then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them (exit 1 when there are any).
    #[arg(long)]
    pub diff: bool,
    /// Report only findings that are not in this baseline file (see --write-baseline); the exit
    /// code counts only those.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["write_baseline", "fix", "diff"])]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this run to FILE as a baseline (JSON, version 1), and exit 0
    /// unless an input could not be read.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// With --baseline: list on stderr the baseline entries no finding matched any more.
    #[arg(long, requires = "baseline")]
    pub show_stale_baseline: bool,
    /// Largest story read, in bytes (a story file, one JSON Lines record, stdin that is not
    /// JSON Lines); `K`/`M` suffixes are accepted. A larger one is one error. Default 8M.
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    pub max_story_bytes: Option<usize>,
    /// List on stderr every path the folder walk passed over, with the reason (the summary counts them).
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// Tells on stderr what `--fix` / `--diff` did and what it left alone.
fn report_fixes(summary: &FixSummary, mode: FixMode) {
    for (path, why) in &summary.skipped {
        eprintln!("wirelint: {path}: not fixed: {why}");
    }
    let errors = if mode == FixMode::Diff { &summary.errors[..] } else { &[] };
    for e in errors.iter().chain(&summary.unwritten) {
        eprintln!("wirelint: {e}");
    }
    let verb = if mode == FixMode::Diff { "would fix" } else { "fixed" };
    let s = |n: usize| if n == 1 { "" } else { "s" };
    eprintln!("wirelint: {verb} {} issue{} in {} file{}", summary.edits, s(summary.edits), summary.files, s(summary.files));
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

fn parse_confidence(s: &str) -> Result<Confidence, String> {
    s.parse()
}

/// Runs the CLI; returns the process exit code.
pub fn main_with(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
        Command::Check(args) => check(*args),
        Command::Names(args) => names(args),
        Command::Boilerplate(args) => boilerplate(args),
        Command::Report(args) => report(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve(args),
        #[cfg(feature = "lsp")]
        Command::Lsp(args) => lsp(args),
    }
}

fn list_rules(format: ListFormat) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Json => {
            let metas: Vec<_> = RULES.iter().map(|r| r.meta()).collect();
            serde_json::to_writer_pretty(&mut out, &metas)?;
            writeln!(out)?;
        }
        ListFormat::Human => {
            writeln!(out, "{:<7} {:<24} {:<8} summary", "code", "name", "severity")?;
            for r in RULES {
                let m = r.meta();
                writeln!(out, "{:<7} {:<24} {:<8} {}", m.code, m.name, m.severity.to_string(), m.summary)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(name: &str) -> Result<ExitCode> {
    let Some(rule) = find(name) else {
        let names: Vec<_> = RULES.iter().map(|r| r.meta().name).collect();
        bail!("unknown rule `{name}`; rules are: {}", names.join(", "));
    };
    let mut out = std::io::stdout().lock();
    write!(out, "{}", explain_text(rule.meta()))?;
    Ok(ExitCode::SUCCESS)
}

/// The text of `wirelint explain RULE` (Markdown).
pub fn explain_text(m: &wirelint::RuleMeta) -> String {
    let mut out = format!("# {} ({})\n\n{}\n\nDefault severity: {}.\n\n", m.name, m.code, m.summary, m.severity);
    out.push_str(m.explain.trim());
    out.push('\n');
    if !m.lexicons.is_empty() {
        out.push_str(&format!("\nLexicon files: {}\n", m.lexicons.join(", ")));
    }
    out
}

#[cfg(feature = "serve")]
fn serve(args: ServeArgs) -> Result<ExitCode> {
    let config = args.rules.load_config()?;
    let linter = Linter::new(settings(&args.rules, &config)?)?;
    let cores = std::thread::available_parallelism().map(std::num::NonZero::get).unwrap_or(2);
    let opts = crate::serve::ServeOptions {
        addr: args.addr,
        allow_remote: args.allow_remote,
        max_body: args.max_body,
        timeout: std::time::Duration::from_millis(args.timeout_ms.max(1)),
        max_concurrent: args.max_concurrent.unwrap_or(cores).max(1),
        queue: args.queue,
    };
    crate::serve::serve(linter, opts)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "lsp")]
fn lsp(args: LspArgs) -> Result<ExitCode> {
    let LspArgs { rules, stdio: _ } = args;
    // flags naming no rule are refused at start-up, not once per document
    settings(&rules, &Config::default())?;
    let (config, no_config) = (rules.config.clone(), rules.no_config);
    let opts = crate::lsp::LspOptions { settings: Box::new(move |config| settings(&rules, config)), config, no_config };
    Ok(if crate::lsp::run(opts)? { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn load_config(path: Option<&std::path::Path>, none: bool) -> Result<Config> {
    Ok(if none {
        Config::default()
    } else if let Some(p) = path {
        Config::load(p)?
    } else {
        Config::discover(&std::env::current_dir().context("current folder")?)?.unwrap_or_default()
    })
}

fn boilerplate(args: BoilerplateArgs) -> Result<ExitCode> {
    use wirelint::boilerplate::BoilerplateSummary;
    let opts = ReadOptions { format: args.input_format, ..ReadOptions::default() };
    let (targets, mut errors) = collect_targets(&args.paths, args.input_format);
    let (mut summary, read_errors) = BoilerplateSummary::collect(&targets, &opts);
    errors.extend(read_errors);
    for e in &errors {
        eprintln!("error: {e}");
    }
    for p in &args.merge {
        summary.merge(BoilerplateSummary::load(p)?);
    }
    if let Some(p) = &args.save_summary {
        summary.save(p)?;
    }
    let report = summary.report();
    print_list(args.format, &report, |r, out| r.write_human(out))?;
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

fn names(args: NamesArgs) -> Result<ExitCode> {
    use wirelint::names_report::NameSummary;
    let lexicons = wirelint::Lexicons::with_user_files(&args.lexicons)?;
    let opts = ReadOptions {
        format: args.input_format,
        fields: Default::default(),
        analyse: AnalyseOptions { language: Some(args.lang.clone()), ..Default::default() },
        encoding: EncodingChoice::Auto,
        ..ReadOptions::default()
    };
    let (targets, mut errors) = collect_targets(&args.paths, args.input_format);
    let (mut summary, read_errors) = NameSummary::collect(&targets, &opts, &lexicons);
    errors.extend(read_errors);
    for e in &errors {
        eprintln!("error: {e}");
    }
    if let Some(p) = &args.save_summary {
        summary.save(p)?;
    }
    for p in &args.merge {
        summary.merge(NameSummary::load(p)?);
    }
    let report = summary.report(&lexicons, &args.lang);
    print_list(args.format, &report, |r, out| r.write_human(out))?;
    Ok(if errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Prints a corpus report (`names`, `boilerplate`) on stdout as JSON or for people.
fn print_list<R: serde::Serialize>(
    format: ListFormat,
    report: &R,
    human: impl FnOnce(&R, &mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, report)?;
            writeln!(out)?;
        }
        ListFormat::Human => human(report, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// Warns on stderr about `[[allow]]` entries of the config that silenced nothing in this run
/// (for a rule that ran): they belong to no story, so they are not findings.
fn report_unused_allows(linter: &Linter, config: &Config) {
    let Some(allows) = &linter.allows else { return };
    let where_ = config.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "wirelint.toml".into());
    for (n, e) in allows.unused() {
        let ran = linter.settings.rules.iter().any(|r| selector_matches(&e.rule, r.rule.meta()));
        if !ran {
            continue;
        }
        let mut what = format!("rule = \"{}\"", e.rule);
        for (k, v) in [("story", &e.story), ("path", &e.path), ("text", &e.text)] {
            if let Some(v) = v {
                what.push_str(&format!(", {k} = \"{v}\""));
            }
        }
        eprintln!("wirelint: warning: {where_}: [[allow]] entry {n} ({what}) silenced no finding in this run");
    }
}

/// The flags that choose rules, confidence, config, language and lexicons: the same for
/// `check`, `report`, `serve` and `lsp` (each command's help says how it applies them).
#[derive(Args, Debug, Clone)]
pub struct RuleArgs {
    /// Drop findings below this confidence (default: the config's, else medium; `low` shows
    /// weak evidence too).
    #[arg(long, value_parser = parse_confidence)]
    pub min_confidence: Option<Confidence>,
    /// Only these rules (names, codes or code prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules (names, codes or code prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Config file (default: wirelint.toml searched upward from the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Do not read any config file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// The copy's language (ISO 639-1: en, id, es, ...) or locale (es-MX, de-CH: number-format
    /// then enforces that region's convention); `auto` detects it.
    #[arg(long)]
    pub lang: Option<String>,
    /// Extra lexicon file(s) merged into the embedded lexicons.
    #[arg(long = "lexicon")]
    pub lexicons: Vec<PathBuf>,
}

impl RuleArgs {
    /// The config these flags name: none, --config, or wirelint.toml found from the current folder.
    fn load_config(&self) -> Result<Config> {
        load_config(self.config.as_deref(), self.no_config)
    }
}

/// Resolves flags + config into settings.
fn settings(args: &RuleArgs, config: &Config) -> Result<Settings> {
    for sel in args.select.iter().chain(args.ignore.iter()) {
        if !wirelint::config::selector_matches_any(sel) {
            bail!("`{sel}` names no rule (see `wirelint rules`)");
        }
    }
    let select: Vec<String> = if !args.select.is_empty() { args.select.clone() } else { config.select.clone().unwrap_or_default() };
    let mut ignore: Vec<String> = config.ignore.clone().unwrap_or_default();
    ignore.extend(args.ignore.iter().cloned());
    let mut rules = Vec::new();
    for &rule in RULES {
        let m = rule.meta();
        let rc = config.rules.get(m.name).cloned().unwrap_or_default();
        let selected = if select.is_empty() { rc.enabled.unwrap_or(true) } else { select.iter().any(|s| selector_matches(s, m)) };
        if !selected || ignore.iter().any(|s| selector_matches(s, m)) {
            continue;
        }
        rules.push(ActiveRule { rule, severity: rc.severity, min_confidence: rc.min_confidence });
    }
    let mut lexicon_files = config.lexicon_paths();
    lexicon_files.extend(args.lexicons.iter().cloned());
    Ok(Settings {
        rules,
        min_confidence: args.min_confidence.or(config.min_confidence).unwrap_or(Confidence::Medium),
        analyse: AnalyseOptions {
            language: args.lang.clone().or_else(|| config.language.clone()).filter(|l| l != "auto"),
            languages: config.languages.clone().unwrap_or_default(),
        },
        lexicon_files,
        boilerplate: None,
    })
}

fn check(args: CheckArgs) -> Result<ExitCode> {
    let config = args.rules.load_config()?;
    let mut settings = settings(&args.rules, &config)?;
    if let Some(p) = &args.boilerplate {
        settings.boilerplate = Some(std::sync::Arc::new(wirelint::boilerplate::BoilerplateSummary::load(p)?));
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().ok();
    }
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(Severity::Warning);
    let mut linter = Linter::new(settings)?;
    if !config.allow.is_empty() {
        let where_ = config.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "wirelint.toml".into());
        let allows = Allows::new(config.allow.clone(), &config.root).map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
        linter.allows = Some(allows);
    }
    let mut baseline = match &args.baseline {
        Some(p) => Some(Baseline::load(p).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let mut baseline_writer = args.write_baseline.as_deref().map(BaselineWriter::new);
    let mut fields = config.jsonl.clone();
    if let Some(b) = &args.body_field {
        fields.body.clone_from(b);
    }
    if let Some(b) = &args.id_field {
        fields.id.clone_from(b);
    }
    if let Some(b) = &args.headline_field {
        fields.headline.clone_from(b);
    }
    let encoding = match (args.encoding, &config.encoding) {
        (Some(e), _) => e,
        (None, Some(label)) => EncodingChoice::parse(label).map_err(anyhow::Error::msg)?,
        (None, None) => EncodingChoice::Auto,
    };
    let max_story_bytes = args.max_story_bytes.or(config.max_story_bytes).unwrap_or(wirelint::input::DEFAULT_MAX_STORY_BYTES).max(1);
    let opts = ReadOptions { format: args.input_format, fields, analyse: linter.analyse_options().clone(), encoding, max_story_bytes };

    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = std::io::stdout();
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::new(stdout.lock()));
    let mut render = renderer(args.format, out, color);
    let walked = walk(&args.paths, args.input_format);
    let (targets, walk_errors) = (walked.targets, walked.errors);
    let mut fix_failed = false;
    if args.fix || args.diff {
        let mode = if args.diff { FixMode::Diff } else { FixMode::Write };
        let mut out = std::io::stdout().lock();
        let summary = fix_targets(&linter, &targets, &opts, mode, &mut out)?;
        out.flush()?;
        report_fixes(&summary, mode);
        if mode == FixMode::Diff {
            let failed = !walk_errors.is_empty() || !summary.errors.is_empty() || !summary.unwritten.is_empty();
            for e in &walk_errors {
                eprintln!("wirelint: {e}");
            }
            return Ok(ExitCode::from(if failed { 2 } else { u8::from(summary.files > 0) }));
        }
        // read errors are reported again (and set the exit code) by the check below
        fix_failed = !summary.unwritten.is_empty();
    }
    let mut stats = if args.summary { Stats::with_summary(10) } else { Stats::default() };
    for e in &walk_errors {
        stats.errors += 1;
        render.error(e)?;
    }
    for s in walked.skipped {
        stats.skip(s.path, s.reason);
    }
    let run_opts = RunOptions { progress: !args.no_progress && std::io::stderr().is_terminal(), ..RunOptions::default() };
    let mut filter = |doc: &wirelint::Document, report: &mut wirelint::StoryReport| {
        if let Some(b) = &mut baseline {
            b.filter(doc, report);
        }
        if let Some(w) = &mut baseline_writer {
            w.add(doc, report);
            report.findings.clear();
        }
    };
    run_filtered(&linter, &targets, &opts, &run_opts, render.as_mut(), &mut stats, &mut filter)?;
    render.finish(&stats)?;
    if args.verbose {
        for (path, reason) in &stats.skipped_paths {
            eprintln!("wirelint: skipped {path}: {reason}");
        }
    }
    report_unused_allows(&linter, &config);
    if let (Some(b), Some(p)) = (&baseline, &args.baseline) {
        let stale = b.stale();
        if args.show_stale_baseline {
            for (e, n) in &stale {
                let story = e.id.as_ref().map(|id| format!("{} (story {id})", e.path)).unwrap_or_else(|| e.path.clone());
                eprintln!("wirelint: stale baseline entry: {story}: {} `{}` ({n} not found)", e.rule, e.text);
            }
        }
        let n: usize = stale.iter().map(|(_, n)| n).sum();
        eprintln!(
            "wirelint: baseline {}: {} finding{} not reported{}",
            p.display(),
            b.absorbed,
            if b.absorbed == 1 { "" } else { "s" },
            if n > 0 { format!("; {n} baseline finding(s) no longer seen (--show-stale-baseline lists them)") } else { String::new() }
        );
    }
    if let (Some(w), Some(p)) = (&baseline_writer, &args.write_baseline) {
        w.write(p).with_context(|| format!("cannot write baseline {}", p.display()))?;
        eprintln!("wirelint: wrote baseline {}: {} findings as {} entries", p.display(), w.findings, w.entries());
        return Ok(ExitCode::from(if stats.errors > 0 { 2 } else { 0 }));
    }
    if stats.errors > 0 || fix_failed {
        return Ok(ExitCode::from(2));
    }
    let failing = stats.max_severity().is_some_and(|s| s >= fail_on);
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

// ---- `wirelint report` (issue 19) ----

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    /// one self-contained HTML page with SVG charts and sortable tables
    Html,
    /// the same summary as Markdown
    Md,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Stories (files, folders, `-`), and/or saved `wirelint check --format jsonl` runs (told
    /// apart by their records; shards are reported together).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the report to FILE (default: stdout).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// `html` or `md` (default: from the --output extension, else html).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,
    /// The report's title.
    #[arg(long, default_value = "wirelint audit")]
    pub title: String,
    /// Examples shown per rule.
    #[arg(long, default_value_t = 5)]
    pub examples: usize,
    /// Rows of the corrupted-entity and residue tables.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Read story inputs as this format instead of choosing by extension / content.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Character encoding of the story inputs (as for `check`).
    #[arg(long, value_name = "NAME", value_parser = EncodingChoice::parse)]
    pub encoding: Option<EncodingChoice>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Never draw the progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

fn report(args: ReportArgs) -> Result<ExitCode> {
    use wirelint::report::{Audit, AuditSink, Limits, html, is_saved_run, markdown};
    let format = args.format.unwrap_or_else(|| match args.output.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some("md" | "markdown") => ReportFormat::Md,
        _ => ReportFormat::Html,
    });
    let (targets, walk_errors) = collect_targets(&args.paths, args.input_format);
    let (saved, stories): (Vec<_>, Vec<_>) =
        targets.into_iter().partition(|t| t.path != std::path::Path::new("-") && is_saved_run(&t.path));
    let mut audit = Audit::new(Limits { examples: args.examples, top: args.top.max(1) });
    for e in &walk_errors {
        audit.error(e);
    }
    for t in &saved {
        audit.inputs.push((t.path.display().to_string(), "saved run"));
        let f = std::fs::File::open(&t.path).with_context(|| format!("cannot open {}", t.path.display()))?;
        if let Err(e) = audit.read_saved(&t.path, std::io::BufReader::with_capacity(1 << 16, f)) {
            audit.error(e);
        }
    }
    if !stories.is_empty() {
        let config = args.rules.load_config()?;
        if let Some(n) = args.threads {
            rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().ok();
        }
        let mut linter = Linter::new(settings(&args.rules, &config)?)?;
        if !config.allow.is_empty() {
            linter.allows = Some(Allows::new(config.allow.clone(), &config.root).map_err(anyhow::Error::msg)?);
        }
        let encoding = match (args.encoding, &config.encoding) {
            (Some(e), _) => e,
            (None, Some(label)) => EncodingChoice::parse(label).map_err(anyhow::Error::msg)?,
            (None, None) => EncodingChoice::Auto,
        };
        let max_story_bytes = config.max_story_bytes.unwrap_or(wirelint::input::DEFAULT_MAX_STORY_BYTES).max(1);
        let opts = ReadOptions {
            format: args.input_format,
            fields: config.jsonl.clone(),
            analyse: linter.analyse_options().clone(),
            encoding,
            max_story_bytes,
        };
        let mut inputs: Vec<String> = stories.iter().map(|t| t.path.display().to_string()).collect();
        if inputs.len() > 5 {
            let n = inputs.len();
            inputs.truncate(4);
            inputs.push(format!("{} more files", n - 4));
        }
        audit.inputs.extend(inputs.into_iter().map(|p| (p, "stories")));
        let run_opts = RunOptions { progress: !args.no_progress && std::io::stderr().is_terminal(), ..RunOptions::default() };
        let mut stats = Stats::default();
        run_filtered(&linter, &stories, &opts, &run_opts, &mut AuditSink(&mut audit), &mut stats, &mut |_, _| {})?;
    }
    let text = match format {
        ReportFormat::Html => html::render(&audit, &args.title),
        ReportFormat::Md => markdown::render(&audit, &args.title),
    };
    match &args.output {
        Some(p) => std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    for e in &audit.error_samples {
        eprintln!("wirelint: {e}");
    }
    if audit.errors as usize > audit.error_samples.len() {
        eprintln!("wirelint: ... {} inputs could not be read in all", audit.errors);
    }
    if let Some(p) = &args.output {
        eprintln!(
            "wirelint: wrote {}: {} stories, {} findings, {} sources",
            p.display(),
            audit.stories,
            audit.findings,
            audit.sources.len()
        );
    }
    Ok(if audit.errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
