//! Running the linter over paths: walk, read, check in parallel, render in input order.
//!
//! The run is a three-stage pipeline:
//!
//! ```text
//! reader thread ──batches──▶ checker thread (rayon par_iter) ──results──▶ caller (render)
//! ```
//!
//! - The **reader** expands targets into work `Unit`s: a whole file (read by a worker), or one
//!   JSON Lines record (split off by the reader, so one big corpus file is checked in parallel,
//!   and so is JSONL on stdin). Units are grouped into batches of at most
//!   [`RunOptions::batch_stories`] stories or [`RunOptions::batch_bytes`] bytes.
//! - The **checker** parses, analyses and checks the units of one batch in parallel on the rayon
//!   pool (`--threads`), collecting results in unit order.
//! - The **caller** renders each batch in order while the next one is being checked.
//!
//! Output order is the input order whatever the number of threads. The channels hold one batch
//! each, so at most four batches are alive at once: memory is bounded by the batch size times
//! the largest story, not by the corpus.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
#[cfg(feature = "cli")]
use std::time::{Duration, Instant};

#[cfg(feature = "cli")]
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::document::Document;
use crate::input::{self, InputError, InputFormat, ReadOptions, jsonl};
use crate::linter::isolate;
use crate::render::{Render, Stats};
use crate::{Linter, StoryReport};

/// One unit of work: a file (or stdin) to read.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// Named explicitly on the command line (read whatever its extension).
    pub explicit: bool,
}

/// A path that a folder walk, or the reading of a walked file, passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: &'static str,
}

/// Why a walk passes over a path (the keys of the summary's `skipped` counts).
pub mod skip {
    pub(crate) const NOT_A_STORY_TYPE: &str = "not a story file type";
    pub(crate) const CONFIG: &str = "wirelint config file";
    pub(crate) const HIDDEN: &str = "hidden";
    pub(crate) const IGNORED: &str = "ignored by .gitignore, .ignore or git's exclude file";
    pub(crate) const LINK_TO_FOLDER: &str = "symbolic link to a folder (not followed)";
    pub(crate) const NOT_NINJS: &str = "JSON with no ninjs item";
    pub(crate) const NOT_NEWS_XML: &str = "XML that is neither NITF nor NewsML-G2";
    pub(crate) const SPECIAL: &str = "not a regular file (socket, pipe or device)";
}

/// What expanding the command line's paths found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files to read, in a deterministic order.
    pub targets: Vec<Target>,
    /// Paths that do not exist, folders that cannot be read, dangling links, folders named
    /// like a story file.
    pub errors: Vec<InputError>,
    /// What the walk passed over, with the reason, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Expands paths: folders are walked (gitignore- and hidden-aware) for story files.
/// Returns targets in a deterministic order, plus errors for paths that do not exist.
pub fn collect_targets(paths: &[PathBuf], format: Option<InputFormat>) -> (Vec<Target>, Vec<InputError>) {
    let w = walk(paths, format);
    (w.targets, w.errors)
}

/// Expands paths like [`collect_targets`], and says what the walk passed over. Whether a file
/// is a story is decided by its extension here; `.json` and `.xml` files are read whole by the
/// workers, which pass over well-formed JSON or XML that holds no story (see
/// `InputError::not_a_story`). Nothing is dropped silently: a hidden or ignored entry, a file
/// of another type, a link to a folder is [`Skipped`]; an entry that cannot be read, a dangling
/// link and a folder named like a story file are errors.
pub fn walk(paths: &[PathBuf], format: Option<InputFormat>) -> Walk {
    let mut w = Walk::default();
    for p in paths {
        if p == Path::new("-") {
            w.targets.push(Target { path: p.clone(), explicit: true });
            continue;
        }
        if p.is_dir() {
            walk_folder(p, format, &mut w);
        } else if p.exists() {
            w.targets.push(Target { path: p.clone(), explicit: true });
        } else if std::fs::symlink_metadata(p).is_ok() {
            w.errors.push(InputError::new(&p.display().to_string(), None, None, "dangling symbolic link (its target does not exist)"));
        } else {
            w.errors.push(InputError::new(&p.display().to_string(), None, None, "no such file or folder"));
        }
    }
    w.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    w
}

fn walk_folder(root: &Path, format: Option<InputFormat>, w: &mut Walk) {
    let story_like = |path: &Path| format.is_some() || InputFormat::for_path(path).is_some();
    let mut seen: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut folders = Vec::new();
    let mut found = Vec::new();
    for entry in ignore::WalkBuilder::new(root).sort_by_file_path(Ord::cmp).build() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                w.errors.push(InputError::new(&root.display().to_string(), None, None, err.to_string()));
                continue;
            }
        };
        let path = e.path().to_path_buf();
        seen.insert(path.clone());
        let Some(ft) = e.file_type() else { continue };
        let shown = path.display().to_string();
        if ft.is_dir() {
            if e.depth() > 0 && InputFormat::for_path(&path).is_some() {
                w.errors.push(InputError::new(&shown, None, None, "a folder named like a story file; the files in it are checked"));
            }
            folders.push(path);
            continue;
        }
        let file = if ft.is_symlink() {
            match std::fs::metadata(&path) {
                Err(_) => {
                    w.errors.push(InputError::new(&shown, None, None, "dangling symbolic link (its target does not exist)"));
                    continue;
                }
                Ok(m) if m.is_dir() => {
                    w.skipped.push(Skipped { path: shown, reason: skip::LINK_TO_FOLDER });
                    continue;
                }
                Ok(m) => m.is_file(),
            }
        } else {
            ft.is_file()
        };
        if !file {
            w.skipped.push(Skipped { path: shown, reason: skip::SPECIAL });
        } else if is_config(&path) {
            w.skipped.push(Skipped { path: shown, reason: skip::CONFIG });
        } else if story_like(&path) {
            found.push(path);
        } else {
            w.skipped.push(Skipped { path: shown, reason: skip::NOT_A_STORY_TYPE });
        }
    }
    // what the walk's filters passed over: the entries of each folder it read that it did not
    // yield (an ignored or hidden folder counts once; the walk does not go into it)
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        let mut missed: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| !seen.contains(p)).collect();
        missed.sort();
        for p in missed {
            let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            w.skipped.push(Skipped { path: p.display().to_string(), reason: if hidden { skip::HIDDEN } else { skip::IGNORED } });
        }
    }
    w.targets.extend(found.into_iter().map(|path| Target { path, explicit: false }));
}

fn is_config(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| crate::config::CONFIG_NAMES.contains(&n))
}

/// The result of reading and checking one input.
pub enum Item {
    Story(Box<Document>, StoryReport),
    Error(InputError),
    /// A walked file that holds no story (well-formed JSON or XML of another kind).
    Skipped(Skipped),
}

/// Reads and checks one target; every story and error, in input order (no parallelism inside).
pub fn check_target(linter: &Linter, target: &Target, opts: &ReadOptions) -> Vec<Item> {
    let mut items = Vec::new();
    input::read_path(&target.path, opts, &mut |r| check_one(linter, r, &mut items));
    if !target.explicit
        && let [Item::Error(e)] = &items[..]
        && e.not_a_story
    {
        let fmt = opts.format.or_else(|| InputFormat::for_path(&target.path));
        let reason = if fmt == Some(InputFormat::Ninjs) { skip::NOT_NINJS } else { skip::NOT_NEWS_XML };
        return vec![Item::Skipped(Skipped { path: e.path.clone(), reason })];
    }
    items
}

/// Checks one read story into `items`: the story, then an error record for each rule that
/// panicked on it; or the read's error.
fn check_one(linter: &Linter, r: Result<Document, InputError>, items: &mut Vec<Item>) {
    match r {
        Ok(mut doc) => match isolate(|| linter.check(&doc)) {
            Ok(report) => {
                doc.release_analyses();
                let failed: Vec<InputError> = report.failed.iter().map(|(rule, why)| internal_error(&doc.path, Some(rule), why)).collect();
                items.push(Item::Story(Box::new(doc), report));
                items.extend(failed.into_iter().map(Item::Error));
            }
            Err(why) => items.push(Item::Error(internal_error(&doc.path, None, &why))),
        },
        Err(e) => items.push(Item::Error(e)),
    }
}

/// The error record of a panic while checking a story: the whole story's (`rule` is `None`: the
/// other stories are still checked), or one rule's (its findings on the story are dropped, the
/// other rules' kept).
pub(crate) fn internal_error(path: &str, rule: Option<&str>, why: &str) -> InputError {
    let why: String = why.chars().take(200).collect();
    let message = match rule {
        None => format!(
            "internal error while checking this story ({why}); the other stories are checked; please report this file to the wirelint developers"
        ),
        Some(rule) => format!(
            "internal error in rule {rule} while checking this story ({why}); its findings here are dropped, the other rules' are kept; please report this file to the wirelint developers"
        ),
    };
    InputError::new(path, None, None, message)
}

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Draw a progress bar on stderr (the caller checks that stderr is a terminal); only with
    /// the `cli` feature, which brings indicatif: without it no bar is drawn.
    pub progress: bool,
    /// Most stories (JSONL records or files) in one batch.
    pub batch_stories: usize,
    /// Most input bytes in one batch (a batch always takes at least one unit).
    pub batch_bytes: usize,
}

impl Default for RunOptions {
    /// 128 stories or 512 KiB: peak RSS on the 24.6 MB native corpus 101 -> 91 MB with one
    /// thread and 108 -> 97 MB with two (512 stories and 2 MiB before, #16); a batch still holds
    /// enough stories that the end-of-batch wait of two threads is about one story's time.
    fn default() -> Self {
        RunOptions { progress: false, batch_stories: 128, batch_bytes: 1 << 19 }
    }
}

/// A piece of input the reader hands to a worker.
enum Unit {
    /// A file read (and split into stories) by the worker.
    File(Target),
    /// One JSON Lines record: the file's display path, its 1-based line, its bytes.
    Line(Arc<str>, usize, Vec<u8>),
    /// A whole input already in memory (stdin that is not JSON Lines).
    Bytes(Arc<str>, InputFormat, Vec<u8>),
    /// Something the reader could not read.
    Error(InputError),
}

impl Unit {
    fn process(self, linter: &Linter, opts: &ReadOptions) -> Vec<Item> {
        let place = self.place();
        isolate(|| self.process_inner(linter, opts)).unwrap_or_else(|why| vec![Item::Error(internal_error(&place, None, &why))])
    }

    /// The file (and line) a unit stands for, for an error record.
    fn place(&self) -> String {
        match self {
            Unit::File(t) => t.path.display().to_string(),
            Unit::Line(path, n, _) => format!("{path}:{n}"),
            Unit::Bytes(path, _, _) => path.to_string(),
            Unit::Error(e) => e.path.clone(),
        }
    }

    fn process_inner(self, linter: &Linter, opts: &ReadOptions) -> Vec<Item> {
        match self {
            Unit::File(t) => check_target(linter, &t, opts),
            Unit::Line(path, n, bytes) => {
                let mut items = Vec::with_capacity(1);
                check_one(linter, jsonl::parse_line(&path, n, &bytes, opts), &mut items);
                items
            }
            Unit::Bytes(path, fmt, bytes) => {
                let mut items = Vec::new();
                input::read_bytes(&path, fmt, bytes, opts, &mut |r| check_one(linter, r, &mut items));
                items
            }
            Unit::Error(e) => vec![Item::Error(e)],
        }
    }
}

/// A batch of units with the input bytes they stand for (for progress).
struct Batch {
    units: Vec<Unit>,
    bytes: u64,
}

struct Checked {
    items: Vec<Vec<Item>>,
    bytes: u64,
}

/// Groups units into batches and sends them; `false` once the receiver is gone.
struct Batcher {
    tx: SyncSender<Batch>,
    batch: Batch,
    max_units: usize,
    max_bytes: u64,
}

impl Batcher {
    fn push(&mut self, unit: Unit, bytes: u64) -> bool {
        self.batch.units.push(unit);
        self.batch.bytes += bytes;
        if self.batch.units.len() >= self.max_units || self.batch.bytes >= self.max_bytes {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        if self.batch.units.is_empty() {
            return true;
        }
        let batch = std::mem::replace(&mut self.batch, Batch { units: Vec::with_capacity(self.max_units), bytes: 0 });
        self.tx.send(batch).is_ok()
    }
}

/// Expands targets into units, in input order. JSON Lines files and JSON Lines on stdin are
/// split into records here; other files are read by the workers.
fn read_all(targets: &[Target], opts: &ReadOptions, b: &mut Batcher) -> bool {
    for t in targets {
        let keep_going = if t.path == Path::new("-") {
            read_stdin(opts, b)
        } else {
            let fmt = opts.format.or_else(|| InputFormat::for_path(&t.path)).unwrap_or(InputFormat::Text);
            if fmt == InputFormat::Jsonl {
                let display: Arc<str> = t.path.display().to_string().into();
                match std::fs::File::open(&t.path) {
                    Ok(f) => split_lines(display, std::io::BufReader::with_capacity(1 << 16, f), b, opts.max_story_bytes),
                    Err(e) => b.push(Unit::Error(InputError::new(&display, None, None, format!("cannot open: {e}"))), 0),
                }
            } else {
                let size = std::fs::metadata(&t.path).map(|m| m.len()).unwrap_or(0);
                b.push(Unit::File(t.clone()), size)
            }
        };
        if !keep_going {
            return false;
        }
    }
    b.flush()
}

/// Stdin: JSON Lines (by `--input-format` or a first `{`) is streamed record by record;
/// anything else is read whole as one input.
fn read_stdin(opts: &ReadOptions, b: &mut Batcher) -> bool {
    let path: Arc<str> = "-".into();
    let mut r = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    // leading white space consumed while sniffing (kept, so offsets and line numbers stay right)
    let mut skipped = Vec::new();
    let fmt = match opts.format {
        Some(f) => f,
        None => loop {
            let buf = match r.fill_buf() {
                Ok(buf) => buf,
                Err(e) => return b.push(Unit::Error(InputError::new("-", None, None, format!("cannot read stdin: {e}"))), 0),
            };
            if buf.is_empty() {
                break InputFormat::Text;
            }
            if let Some(i) = buf.iter().position(|c| !c.is_ascii_whitespace()) {
                break InputFormat::sniff(&buf[i..]);
            }
            skipped.extend_from_slice(buf);
            let n = buf.len();
            r.consume(n);
        },
    };
    if fmt == InputFormat::Jsonl {
        let lines = skipped.iter().filter(|&&c| c == b'\n').count();
        return split_lines_numbered(path, r, b, lines, opts.max_story_bytes);
    }
    let mut bytes = skipped;
    let room = (opts.max_story_bytes + 1).saturating_sub(bytes.len()) as u64;
    if let Err(e) = r.take(room).read_to_end(&mut bytes) {
        return b.push(Unit::Error(InputError::new("-", None, None, format!("cannot read stdin: {e}"))), 0);
    }
    if bytes.len() > opts.max_story_bytes {
        return b.push(Unit::Error(input::too_large("-", None, None, opts.max_story_bytes)), 0);
    }
    let n = bytes.len() as u64;
    b.push(Unit::Bytes(path, fmt, bytes), n)
}

/// Splits a JSON Lines stream into one unit per non-blank record.
fn split_lines(path: Arc<str>, r: impl BufRead, b: &mut Batcher, limit: usize) -> bool {
    split_lines_numbered(path, r, b, 0, limit)
}

fn split_lines_numbered(path: Arc<str>, mut r: impl BufRead, b: &mut Batcher, first_line: usize, limit: usize) -> bool {
    let mut n = first_line;
    let mut records = 0usize;
    loop {
        let mut buf = Vec::new();
        let over = match jsonl::read_record(&mut r, &mut buf, limit) {
            Ok((0, _)) if records == 0 => return b.push(Unit::Error(jsonl::no_record(&path)), 0),
            Ok((0, _)) => return true,
            Ok((_, over)) => over,
            Err(e) => return b.push(Unit::Error(InputError::new(&path, Some(n + 1), None, format!("cannot read: {e}"))), 0),
        };
        n += 1;
        if over {
            records += 1;
            if !b.push(Unit::Error(input::too_large(&path, Some(n), None, limit)), 0) {
                return false;
            }
            continue;
        }
        let len = buf.len() as u64;
        if buf.iter().all(u8::is_ascii_whitespace) {
            b.batch.bytes += len;
            continue;
        }
        records += 1;
        if !b.push(Unit::Line(path.clone(), n, buf), len) {
            return false;
        }
    }
}

/// Checks every target in parallel and renders results in input order.
///
/// Equivalent to [`run_with`] with default options (no progress bar).
pub fn run(linter: &Linter, targets: &[Target], opts: &ReadOptions, render: &mut dyn Render, stats: &mut Stats) -> std::io::Result<()> {
    run_with(linter, targets, opts, &RunOptions::default(), render, stats)
}

/// Checks every target with a streaming, parallel pipeline and renders results in input order.
pub fn run_with(
    linter: &Linter,
    targets: &[Target],
    opts: &ReadOptions,
    run: &RunOptions,
    render: &mut dyn Render,
    stats: &mut Stats,
) -> std::io::Result<()> {
    run_filtered(linter, targets, opts, run, render, stats, &mut |_, _| {})
}

/// [`run_with`], with `filter` called on each story's report, in input order on the rendering
/// thread, before it is counted and rendered (a baseline drops the findings it holds).
pub fn run_filtered(
    linter: &Linter,
    targets: &[Target],
    opts: &ReadOptions,
    run: &RunOptions,
    render: &mut dyn Render,
    stats: &mut Stats,
    filter: &mut dyn FnMut(&Document, &mut StoryReport),
) -> std::io::Result<()> {
    let (batch_tx, batch_rx) = sync_channel::<Batch>(1);
    let (done_tx, done_rx) = sync_channel::<Checked>(1);
    let mut progress = Progress::new(run.progress, targets);
    std::thread::scope(|s| {
        let mut batcher = Batcher {
            tx: batch_tx,
            batch: Batch { units: Vec::new(), bytes: 0 },
            max_units: run.batch_stories.max(1),
            max_bytes: run.batch_bytes.max(1) as u64,
        };
        s.spawn(move || read_all(targets, opts, &mut batcher));
        s.spawn(move || check_batches(linter, opts, batch_rx, done_tx));
        // render on this thread; an error (a closed pipe) drops the receiver, which stops the others
        for checked in done_rx {
            progress.suspend(|| -> std::io::Result<()> {
                for item in checked.items.into_iter().flatten() {
                    match item {
                        Item::Story(doc, mut report) => {
                            filter(&doc, &mut report);
                            stats.add(&doc, &report);
                            render.story(&doc, &report)?;
                        }
                        Item::Error(e) => {
                            stats.errors += 1;
                            render.error(&e)?;
                        }
                        Item::Skipped(s) => stats.skip(s.path, s.reason),
                    }
                }
                Ok(())
            })?;
            progress.advance(checked.bytes, stats.stories);
        }
        progress.finish();
        Ok(())
    })
}

fn check_batches(linter: &Linter, opts: &ReadOptions, rx: Receiver<Batch>, tx: SyncSender<Checked>) {
    for batch in rx {
        let items: Vec<Vec<Item>> = batch.units.into_par_iter().map(|u| u.process(linter, opts)).collect();
        if tx.send(Checked { items, bytes: batch.bytes }).is_err() {
            return;
        }
    }
}

/// The progress bar: hidden for the first half second so short runs never draw it.
#[cfg(feature = "cli")]
struct Progress {
    bar: Option<ProgressBar>,
    shown: bool,
    started: Instant,
}

#[cfg(feature = "cli")]
impl Progress {
    const DELAY: Duration = Duration::from_millis(500);

    fn new(enabled: bool, targets: &[Target]) -> Progress {
        let bar = enabled.then(|| {
            let stdin = targets.iter().any(|t| t.path == Path::new("-"));
            let total: u64 = targets.iter().filter_map(|t| std::fs::metadata(&t.path).ok()).map(|m| m.len()).sum();
            if stdin || total == 0 {
                ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                    ProgressStyle::with_template("{spinner} {binary_bytes} read, {msg} [{elapsed}, {binary_bytes_per_sec}]")
                        .expect("valid template"),
                )
            } else {
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()).with_style(
                    ProgressStyle::with_template(
                        "{bar:30} {percent:>3}% {binary_bytes}/{binary_total_bytes}, {msg} [{elapsed}<{eta}, {binary_bytes_per_sec}]",
                    )
                    .expect("valid template"),
                )
            }
        });
        Progress { bar, shown: false, started: Instant::now() }
    }

    fn advance(&mut self, bytes: u64, stories: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(bytes);
        bar.set_message(format!("{stories} stories"));
        if !self.shown && self.started.elapsed() >= Self::DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
            bar.enable_steady_tick(Duration::from_millis(125));
            self.shown = true;
        }
    }

    /// Runs `f` with the bar cleared, so output written to the same terminal does not tear.
    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown => bar.suspend(f),
            _ => f(),
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// No progress bar without the `cli` feature (the library alone does not bring indicatif).
#[cfg(not(feature = "cli"))]
struct Progress;

#[cfg(not(feature = "cli"))]
impl Progress {
    fn new(_enabled: bool, _targets: &[Target]) -> Progress {
        Progress
    }

    fn advance(&mut self, _bytes: u64, _stories: usize) {}

    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        f()
    }

    fn finish(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;
    use crate::render::Render;

    /// Records the order of stories and errors.
    #[derive(Default)]
    struct Recorder(Vec<String>);

    impl Render for Recorder {
        fn story(&mut self, doc: &Document, report: &StoryReport) -> std::io::Result<()> {
            self.0.push(format!("{}#{}:{}", doc.path, doc.id.as_deref().unwrap_or("-"), report.findings.len()));
            Ok(())
        }
        fn error(&mut self, err: &InputError) -> std::io::Result<()> {
            self.0.push(format!("error {err}"));
            Ok(())
        }
        fn finish(&mut self, _stats: &Stats) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn corpus(dir: &Path) -> Vec<Target> {
        let mut jsonl = String::new();
        for i in 0..200 {
            if i % 97 == 5 {
                jsonl.push_str("not json\n\n");
            }
            jsonl.push_str(&format!("{{\"id\":\"s{i}\",\"body\":\"JAKARTA - Story {i} said the militant group Hamas met on Sunday.\"}}\n"));
        }
        std::fs::write(dir.join("a.jsonl"), &jsonl).unwrap();
        std::fs::write(dir.join("b.txt"), "Headline\n\nBERLIN - A plain story.").unwrap();
        std::fs::write(dir.join("c.jsonl"), "{\"id\":\"x\",\"body\":\"One.\"}\n").unwrap();
        collect_targets(&[dir.to_path_buf()], None).0
    }

    fn record(threads: usize, batch: usize, targets: &[Target]) -> Vec<String> {
        let linter = Linter::new(Settings::default()).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let mut rec = Recorder::default();
        let mut stats = Stats::default();
        let run = RunOptions { progress: false, batch_stories: batch, batch_bytes: 1 << 20 };
        pool.install(|| run_with(&linter, targets, &ReadOptions::default(), &run, &mut rec, &mut stats)).unwrap();
        assert_eq!(stats.stories + stats.errors, rec.0.len());
        rec.0
    }

    #[test]
    fn output_order_is_input_order_whatever_the_threads_and_batches() {
        let dir = tempfile::tempdir().unwrap();
        let targets = corpus(dir.path());
        let one = record(1, 512, &targets);
        assert_eq!(one.len(), 200 + 3 + 2);
        // records stay in file order, errors in place, files in walk order
        let ids: Vec<_> = one
            .iter()
            .filter(|l| l.contains("a.jsonl#s"))
            .map(|l| l.split('#').nth(1).unwrap().split(':').next().unwrap().to_string())
            .collect();
        assert_eq!(ids, (0..200).map(|i| format!("s{i}")).collect::<Vec<_>>());
        assert!(one[5].starts_with("error ") && one[5].contains("a.jsonl:6:"), "{}", one[5]);
        assert!(one[one.len() - 2].contains("b.txt"));
        assert!(one[one.len() - 1].contains("c.jsonl#x"));
        for (threads, batch) in [(2, 512), (2, 7), (4, 1), (3, 64)] {
            assert_eq!(record(threads, batch, &targets), one, "threads={threads} batch={batch}");
        }
    }

    #[test]
    fn matches_sequential_checking() {
        let dir = tempfile::tempdir().unwrap();
        let targets = corpus(dir.path());
        let linter = Linter::new(Settings::default()).unwrap();
        let mut seq = Vec::new();
        for t in &targets {
            for item in check_target(&linter, t, &ReadOptions::default()) {
                seq.push(match item {
                    Item::Story(doc, r) => format!("{}#{}:{}", doc.path, doc.id.as_deref().unwrap_or("-"), r.findings.len()),
                    Item::Error(e) => format!("error {e}"),
                    Item::Skipped(s) => format!("skipped {}", s.path),
                });
            }
        }
        assert_eq!(record(2, 16, &targets), seq);
    }

    #[test]
    fn a_closed_output_stops_the_run() {
        struct Closed;
        impl Render for Closed {
            fn story(&mut self, _: &Document, _: &StoryReport) -> std::io::Result<()> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn error(&mut self, _: &InputError) -> std::io::Result<()> {
                Ok(())
            }
            fn finish(&mut self, _: &Stats) -> std::io::Result<()> {
                Ok(())
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let targets = corpus(dir.path());
        let linter = Linter::new(Settings::default()).unwrap();
        let run = RunOptions { progress: false, batch_stories: 4, batch_bytes: 1 << 20 };
        let err = run_with(&linter, &targets, &ReadOptions::default(), &run, &mut Closed, &mut Stats::default()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn splits_records_with_their_line_numbers() {
        let (tx, rx) = sync_channel(16);
        let mut b = Batcher { tx, batch: Batch { units: Vec::new(), bytes: 0 }, max_units: 2, max_bytes: 1 << 20 };
        let input = "{\"a\":1}\n\n  \n{\"b\":2}\n{\"c\":3}";
        assert!(split_lines("f".into(), std::io::Cursor::new(input), &mut b, 1 << 20));
        assert!(b.flush());
        drop(b);
        let lines: Vec<usize> = rx.iter().flat_map(|b| b.units).map(|u| if let Unit::Line(_, n, _) = u { n } else { 0 }).collect();
        assert_eq!(lines, vec![1, 4, 5]);
    }

    #[test]
    fn a_panic_becomes_an_error_record_for_that_story() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let caught = isolate(|| -> usize { panic!("index out of range in a rule") });
        std::panic::set_hook(prev);
        let why = caught.unwrap_err();
        let e = internal_error("feed/story.xml", None, &why);
        assert_eq!(e.path, "feed/story.xml");
        assert!(e.message.contains("index out of range in a rule") && e.message.contains("please report"), "{}", e.message);
        let r = internal_error("feed/story.xml", Some("date-format"), &why);
        assert!(r.message.contains("in rule date-format") && r.message.contains("the other rules' are kept"), "{}", r.message);
        assert_eq!(isolate(|| 7), Ok(7));
    }
}
