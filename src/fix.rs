//! Applying safe fixes: `wirelint check --fix` (write) and `--diff` (show).
//!
//! Only suggestions marked [`Applicability::Safe`] are applied, and only to plain-text
//! files, where the analysed text *is* the file and every span is a file offset. Structured
//! inputs (JSON Lines) and files that do not decode are never touched. Files are written
//! atomically: a temporary file in the same folder, then a rename, keeping permissions.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use crate::Linter;
use crate::document::AnalyseOptions;
use crate::finding::{Applicability, Finding, Suggestion};
use crate::input::{self, InputFormat, ReadOptions};
use crate::runner::Target;

/// Write the fixes, or only show them as a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    Write,
    Diff,
}

/// Most rounds of fixing one text: a fix can reveal another (a zero-width space inside a
/// decomposed word), so fixing repeats until nothing safe is left.
const MAX_PASSES: usize = 8;

/// The safe edits among findings, by position, overlapping ones dropped (the next pass
/// picks them up if they still apply).
pub(crate) fn safe_edits(findings: &[Finding]) -> Vec<Suggestion> {
    let mut edits: Vec<Suggestion> =
        findings.iter().filter_map(|f| f.suggestion.clone()).filter(|s| s.applicability == Applicability::Safe).collect();
    edits.sort_by_key(|s| (s.span.start, s.span.end));
    edits.dedup();
    let mut out: Vec<Suggestion> = Vec::with_capacity(edits.len());
    for e in edits {
        // touching is fine, overlapping is not; two inserts at one point are ambiguous
        if out.last().is_some_and(|p| e.span.start < p.span.end || (e.span.start == p.span.start && e.span.is_empty())) {
            continue;
        }
        out.push(e);
    }
    out
}

/// Applies sorted, non-overlapping edits. A deletion that would split a CRLF line end takes the
/// whole line end, so that no lone CR (or LF) is left behind.
pub fn apply(text: &str, edits: &[Suggestion]) -> String {
    let b = text.as_bytes();
    let inside_crlf = |i: usize| i > 0 && i < b.len() && b[i - 1] == b'\r' && b[i] == b'\n';
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        let (mut start, mut end) = (e.span.start, e.span.end);
        if e.replacement.is_empty() {
            if inside_crlf(start) && start > at {
                start -= 1;
            }
            if inside_crlf(end) {
                end += 1;
            }
        }
        let start = start.max(at);
        out.push_str(&text[at..start]);
        out.push_str(&e.replacement);
        at = end.max(start);
    }
    out.push_str(&text[at..]);
    out
}

/// The one line end a text uses, when it is CRLF or a lone CR throughout (no other kind).
fn uniform_line_end(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    let crlf = memchr::memmem::find_iter(b, b"\r\n").count();
    let cr = memchr::memchr_iter(b'\r', b).count() - crlf;
    let lf = memchr::memchr_iter(b'\n', b).count() - crlf;
    match (crlf, cr, lf) {
        (1.., 0, 0) => Some("\r\n"),
        (0, 1.., 0) => Some("\r"),
        _ => None,
    }
}

/// Fixes one plain-text story: the fixed text and the number of edits applied.
///
/// Line ends are kept: a text whose lines all end in CRLF, or all in a lone CR, is fixed with LF
/// line ends (as the rules see most copy) and turned back to its own line end after.
pub fn fix_text(linter: &Linter, path: &str, text: &str, opts: &AnalyseOptions) -> (String, usize) {
    if let Some(eol) = uniform_line_end(text) {
        let lf = text.replace(eol, "\n");
        let (fixed, n) = fix_lf(linter, path, &lf, opts);
        if n == 0 {
            return (text.to_string(), 0);
        }
        // a fix that brought its own CR (none should) keeps the text as it was
        if !fixed.contains('\r') {
            return (fixed.replace('\n', eol), n);
        }
    }
    fix_lf(linter, path, text, opts)
}

fn fix_lf(linter: &Linter, path: &str, text: &str, opts: &AnalyseOptions) -> (String, usize) {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let doc = input::text_document(path, current.clone(), opts);
        let report = linter.check(&doc);
        let edits = safe_edits(&report.findings);
        if edits.is_empty() {
            break;
        }
        let next = apply(&current, &edits);
        if next == current {
            break;
        }
        applied += edits.len();
        current = next;
    }
    (current, applied)
}

/// What a fix run did.
#[derive(Debug, Default)]
pub struct FixSummary {
    /// Files that changed (or would change, with `--diff`).
    pub files: usize,
    /// Edits applied (or shown).
    pub edits: usize,
    /// Inputs left alone, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Inputs that could not be read or decoded (never touched).
    pub errors: Vec<String>,
    /// Files whose fixes could not be written (left as they were).
    pub unwritten: Vec<String>,
}

/// Fixes (or diffs) every target. Diffs go to `out`.
pub fn fix_targets(linter: &Linter, targets: &[Target], opts: &ReadOptions, mode: FixMode, out: &mut dyn Write) -> io::Result<FixSummary> {
    let mut summary = FixSummary::default();
    for t in targets {
        let stdin = t.path == Path::new("-");
        let display = if stdin { "-".to_string() } else { t.path.display().to_string() };
        let format = opts.format.or_else(|| if stdin { None } else { InputFormat::for_path(&t.path) }).unwrap_or(InputFormat::Text);
        if format != InputFormat::Text {
            summary.skipped.push((display, "structured input: fixes apply to plain-text files only".into()));
            continue;
        }
        if stdin && mode == FixMode::Write {
            summary.skipped.push((display, "standard input cannot be fixed in place; use --diff".into()));
            continue;
        }
        let bytes = match read(&t.path, stdin, opts.max_story_bytes) {
            Ok(b) => b,
            Err(e) => {
                summary.errors.push(format!("{display}: {e}"));
                continue;
            }
        };
        if stdin && InputFormat::sniff(&bytes) != InputFormat::Text && opts.format.is_none() {
            summary.skipped.push((display, "structured input: fixes apply to plain-text files only".into()));
            continue;
        }
        let (text, legacy) = match input::encoding::decode_file(&display, bytes, opts.encoding, false) {
            Ok(d) => (d.text, d.info),
            Err(e) => {
                summary.errors.push(format!("{e} (not fixed)"));
                continue;
            }
        };
        let (fixed, n) = fix_text(linter, &display, &text, &opts.analyse);
        if fixed == text {
            continue;
        }
        if let Some(info) = legacy {
            // writing the fixes back as UTF-8 would change the file's encoding under its
            // owner's feet; writing them in the legacy encoding could lose characters
            summary.skipped.push((
                display,
                format!(
                    "the file is {} (not UTF-8), and --fix and --diff only rewrite UTF-8 files, so that a file's encoding never changes silently; convert it first (iconv -f {} -t UTF-8)",
                    info.name, info.name
                ),
            ));
            continue;
        }
        summary.files += 1;
        summary.edits += n;
        match mode {
            FixMode::Diff => out.write_all(unified_diff(&display, &text, &fixed).as_bytes())?,
            FixMode::Write => {
                if let Err(e) = write_if_unchanged(&t.path, text.as_bytes(), fixed.as_bytes()) {
                    summary.files -= 1;
                    summary.edits -= n;
                    summary.unwritten.push(format!("{display}: not fixed: {e}"));
                }
            }
        }
    }
    Ok(summary)
}

fn read(path: &Path, stdin: bool, limit: usize) -> io::Result<Vec<u8>> {
    let too_large = |size: Option<u64>| io::Error::other(input::too_large("", None, size, limit).message);
    if stdin {
        let mut buf = Vec::new();
        io::stdin().lock().take(limit as u64 + 1).read_to_end(&mut buf)?;
        if buf.len() > limit {
            return Err(too_large(None));
        }
        return Ok(buf);
    }
    let meta = fs::metadata(path)?;
    if meta.len() > limit as u64 {
        return Err(too_large(Some(meta.len())));
    }
    fs::read(path)
}

/// Writes `new` over `path` only if the file still holds `old` (nobody edited it meanwhile).
/// A read-only file is refused; a file with other hard links is rewritten in place (after a
/// verified copy of the old contents), so every name keeps seeing the same, fixed file; any
/// other file is replaced atomically.
fn write_if_unchanged(path: &Path, old: &[u8], new: &[u8]) -> io::Result<()> {
    if fs::read(path)? != old {
        return Err(io::Error::other("the file changed while it was being checked"));
    }
    let meta = fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(io::Error::other("the file is read-only; make it writable to let --fix change it (--diff shows the fixes)"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return write_in_place(path, old, new);
        }
    }
    write_atomic(path, new)
}

/// Rewrites a file in place, keeping its inode (and so its other hard links): first a copy of
/// the old contents next to it, read back and compared, then the new contents over the file,
/// read back and compared; the copy is removed once the file holds them. If the rewrite fails,
/// the old contents are put back; if even that fails, the error names the copy that keeps them.
pub(crate) fn write_in_place(path: &Path, old: &[u8], new: &[u8]) -> io::Result<()> {
    let real = fs::canonicalize(path)?;
    let dir = real.parent().ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    let name = real.file_name().ok_or_else(|| io::Error::other("not a file name"))?.to_string_lossy().into_owned();
    let copy = dir.join(format!(".{name}.wirelint-{}.orig", std::process::id()));
    let made = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&copy)?;
        f.write_all(old)?;
        f.sync_all()?;
        if fs::read(&copy)? != old {
            return Err(io::Error::other("the copy of the old contents does not read back"));
        }
        Ok(())
    })();
    if let Err(e) = made {
        let _ = fs::remove_file(&copy);
        return Err(io::Error::other(format!("the file has other hard links and a copy of it could not be made first: {e}")));
    }
    let write = |contents: &[u8]| -> io::Result<()> {
        let mut f = OpenOptions::new().write(true).truncate(true).open(&real)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if fs::read(&real)? != contents {
            return Err(io::Error::other("the file does not read back as written"));
        }
        Ok(())
    };
    match write(new) {
        Ok(()) => {
            let _ = fs::remove_file(&copy);
            Ok(())
        }
        Err(e) if write(old).is_ok() => {
            let _ = fs::remove_file(&copy);
            Err(e)
        }
        Err(e) => Err(io::Error::other(format!("{e}; the old contents are kept in {}", copy.display()))),
    }
}

/// Replaces a file's contents atomically: write a temporary file in the same folder (so the
/// rename stays on one file system), copy the permissions, flush to disk, rename over the
/// target. A symlink is followed: its target is replaced, the link stays.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let real = fs::canonicalize(path)?;
    let dir = real.parent().ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    let name = real.file_name().ok_or_else(|| io::Error::other("not a file name"))?.to_string_lossy().into_owned();
    let permissions = fs::metadata(&real)?.permissions();
    for attempt in 0..64 {
        let tmp = dir.join(format!(".{name}.wirelint-{}-{attempt}.tmp", std::process::id()));
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let result = (|| {
            file.write_all(contents)?;
            file.set_permissions(permissions.clone())?;
            file.sync_all()?;
            drop(file);
            fs::rename(&tmp, &real)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        // make the rename durable where the platform allows opening folders
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        return Ok(());
    }
    Err(io::Error::other("could not create a temporary file next to it"))
}

/// Lines of context around each change in a diff.
const CONTEXT: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// A unified diff (`--- a/path`, `+++ b/path`, `@@` hunks) of two texts, line by line.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = diff_lines(&a, &b);
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let changes: Vec<usize> = ops.iter().enumerate().filter(|(_, o)| !matches!(o, Op::Equal(..))).map(|(i, _)| i).collect();
    let mut k = 0;
    while k < changes.len() {
        // a hunk: changes closer than 2*CONTEXT equal lines apart are merged
        let first = changes[k];
        let mut last = first;
        while k + 1 < changes.len() && changes[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changes[k];
        }
        k += 1;
        let lo = first.saturating_sub(CONTEXT);
        let hi = (last + CONTEXT + 1).min(ops.len());
        let hunk = &ops[lo..hi];
        let (mut a_start, mut b_start) = position(&ops, lo);
        let a_len = hunk.iter().filter(|o| !matches!(o, Op::Insert(_))).count();
        let b_len = hunk.iter().filter(|o| !matches!(o, Op::Delete(_))).count();
        if a_len > 0 {
            a_start += 1;
        }
        if b_len > 0 {
            b_start += 1;
        }
        out.push_str(&format!("@@ -{} +{} @@\n", range(a_start, a_len), range(b_start, b_len)));
        for op in hunk {
            let (sign, line) = match *op {
                Op::Equal(i, _) => (' ', a[i]),
                Op::Delete(i) => ('-', a[i]),
                Op::Insert(j) => ('+', b[j]),
            };
            out.push(sign);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

fn range(start: usize, len: usize) -> String {
    if len == 1 { start.to_string() } else { format!("{start},{len}") }
}

/// Lines of a and b before op `i` (0-based counts).
fn position(ops: &[Op], i: usize) -> (usize, usize) {
    ops[..i].iter().fold((0, 0), |(a, b), o| match o {
        Op::Equal(..) => (a + 1, b + 1),
        Op::Delete(_) => (a + 1, b),
        Op::Insert(_) => (a, b + 1),
    })
}

/// Line operations turning `a` into `b`: common prefix and suffix, then a longest common
/// subsequence over what is left (fixes are local, so that middle is small; past a size
/// limit it is replaced whole).
fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..].iter().rev().zip(b[pre..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut ops: Vec<Op> = (0..pre).map(|i| Op::Equal(i, i)).collect();
    let (n, m) = (am.len(), bm.len());
    if n * m <= 4_000_000 {
        // lcs[i][j] = LCS length of am[i..], bm[j..]
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if am[i] == bm[j] { lcs[(i + 1) * w + j + 1] + 1 } else { lcs[(i + 1) * w + j].max(lcs[i * w + j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push(Op::Equal(pre + i, pre + j));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                ops.push(Op::Insert(pre + j));
                j += 1;
            } else {
                ops.push(Op::Delete(pre + i));
                i += 1;
            }
        }
    } else {
        ops.extend((0..n).map(|i| Op::Delete(pre + i)));
        ops.extend((0..m).map(|j| Op::Insert(pre + j)));
    }
    ops.extend((0..suf).map(|k| Op::Equal(a.len() - suf + k, b.len() - suf + k)));
    // deletions before insertions inside a change, as diff(1) prints them
    let mut k = 0;
    while k < ops.len() {
        if matches!(ops[k], Op::Equal(..)) {
            k += 1;
            continue;
        }
        let end = ops[k..].iter().position(|o| matches!(o, Op::Equal(..))).map(|p| k + p).unwrap_or(ops.len());
        ops[k..end].sort_by_key(|o| matches!(o, Op::Insert(_)));
        k = end;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn edit(start: usize, end: usize, r: &str) -> Suggestion {
        Suggestion { span: Span::new(start, end), replacement: r.into(), applicability: Applicability::Safe }
    }

    #[test]
    fn applies_edits_in_order() {
        assert_eq!(apply("abcdef", &[edit(0, 1, "A"), edit(3, 5, "")]), "Abcf");
    }

    #[test]
    fn diff_shows_a_deleted_line_with_context() {
        let old = "one\ntwo\nthree\nSEE ALSO:\nfour\nfive\nsix\nseven\neight\n";
        let new = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n";
        assert_eq!(
            unified_diff("s.txt", old, new),
            "--- a/s.txt\n+++ b/s.txt\n@@ -1,7 +1,6 @@\n one\n two\n three\n-SEE ALSO:\n four\n five\n six\n"
        );
    }

    #[test]
    fn diff_marks_missing_final_newline() {
        let d = unified_diff("s.txt", "a\nb", "a\nc");
        assert_eq!(
            d,
            "--- a/s.txt\n+++ b/s.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn diff_splits_distant_hunks() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new: String = (1..=20)
            .map(|i| match i {
                2 => "two\n".to_string(),
                19 => "nineteen\n".to_string(),
                _ => format!("{i}\n"),
            })
            .collect();
        let d = unified_diff("n.txt", &old, &new);
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(d.contains("@@ -1,5 +1,5 @@"), "{d}");
    }

    #[test]
    fn a_deletion_never_splits_a_crlf() {
        let t = "a\r\nSEE ALSO:\r\nb";
        // the rule's span starts at the LF of the line before
        assert_eq!(apply(t, &[edit(2, 12, "")]), "a\r\nb");
        assert_eq!(apply(t, &[edit(3, 13, "")]), "a\r\nb");
        assert_eq!(uniform_line_end("a\r\nb\r\n"), Some("\r\n"));
        assert_eq!(uniform_line_end("a\rb\r"), Some("\r"));
        assert_eq!(uniform_line_end("a\r\nb\n"), None);
        assert_eq!(uniform_line_end("a\nb"), None);
    }

    #[cfg(unix)]
    #[test]
    fn in_place_keeps_hard_links() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.txt");
        fs::write(&p, "old").unwrap();
        fs::hard_link(&p, dir.path().join("link.txt")).unwrap();
        write_in_place(&p, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("link.txt")).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no copy left behind");
    }

    #[test]
    fn writes_atomically_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.txt");
        fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    }
}
