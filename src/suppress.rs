//! Suppressions that leave the copy alone (issue 18).
//!
//! Three sources, all applied after the rules ran, to the findings that would be reported:
//!
//! - `[[allow]]` entries in wirelint.toml, by story id and/or path glob, rule, optional text;
//! - markup comments in NITF, NewsML-G2, HTML, Markdown and plain text:
//!   `<!-- wirelint-allow RULE[,RULE...] -->` silences those rules in the next paragraph, and
//!   `<!-- wirelint-allow-file RULE[,RULE...] -->` in the whole story (every story of the file);
//!   text after a `:` is a reason for the reader and is ignored;
//! - a `wirelint_allow` field in JSON Lines records: an array of rule names, or of
//!   `{"rule": ..., "text": ...}` objects, for the whole story.
//!
//! RULE is a rule name, code or code prefix, as in `--select`. A markup comment or record
//! field that silenced nothing (for a rule that ran) is reported as a finding of the pseudo-rule
//! [`UNUSED_SUPPRESSION`] (severity info, so it never fails a run at the default `--fail-on`):
//! it sits in the story, where the editor who can delete it will look. A config entry that
//! silenced nothing in the whole run is a warning line on stderr at the end, since it belongs to
//! no story.

use std::sync::atomic::{AtomicUsize, Ordering};

pub use crate::config::AllowEntry;
use crate::config::selector_matches;
use crate::document::Document;
pub use crate::document::allow::{Inline, Scope};
use crate::document::allow::{MARK, scan_comments};
use crate::finding::{Confidence, Family, Finding, RuleMeta, Severity};
use crate::span::Span;

/// The pseudo-rule for suppressions that silenced nothing. It is not in [`crate::RULES`]: it
/// checks no copy.
pub static UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    name: "unused-suppression",
    code: "WL001",
    family: Family::Workflow,
    severity: Severity::Info,
    supersedes: &[],
    summary: "A wirelint-allow comment or wirelint_allow field that silenced no finding",
    explain: "## What it flags\n\nA `<!-- wirelint-allow RULE -->` comment, a `<!-- wirelint-allow-file RULE -->` comment or a \
              `wirelint_allow` field in a JSON Lines record that silenced no finding of a rule that ran, or that names no rule.\n\n\
              ## Why it matters\n\nA stale suppression would silence the next real problem in that paragraph without anyone \
              deciding it should.\n\n## Example\n\n`<!-- wirelint-allow translationese -->` over a paragraph that was rewritten.\n\n\
              ## Better\n\nDelete the comment.\n\n## False positives\n\nFindings below `--min-confidence` are not reported, so a \
              suppression of one shows as unused; it is reported at severity info and never fails a run unless `--fail-on info`.\n\n\
              ## Lexicon\n\nNone.",
    lexicons: &[],
};

/// The suppressions a story's file comments make, scoped to this document's paragraphs.
pub(crate) fn from_comments(doc: &Document) -> Vec<Inline> {
    let Some(oi) = doc.originals.iter().position(|o| o.field.is_none()) else { return Vec::new() };
    let original: &str = &doc.originals[oi].text;
    let comments = scan_comments(original);
    if comments.is_empty() {
        return Vec::new();
    }
    // paragraph starts in the file's text, in order
    let starts: Vec<(usize, Span)> = doc
        .paragraphs
        .iter()
        .filter_map(|&p| {
            let loc = doc.locate_text(p);
            loc.field.is_none().then_some((loc.start, p))
        })
        .collect();
    comments
        .into_iter()
        .map(|c| {
            let written = format!("<!-- {}{} {} -->", MARK, if c.file { "-file" } else { "" }, c.rules.join(","));
            let scope = if c.file {
                Scope::Story
            } else {
                // the first paragraph after the comment, with only markup and space between
                let next = starts.iter().find(|(s, _)| *s >= c.span.end);
                Scope::Paragraph(next.filter(|(s, _)| only_markup(&original[c.span.end..*s])).map(|&(_, p)| p))
            };
            Inline { rules: c.rules, text: None, scope, written }
        })
        .collect()
}

/// Is this stretch of a file only white space, tags and comments?
fn only_markup(s: &str) -> bool {
    let mut rest = s;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return true;
        }
        if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(i) => rest = &r[i + 3..],
                None => return false,
            }
        } else if rest.starts_with('<') {
            match rest.find('>') {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        } else {
            return false;
        }
    }
}

/// `[[allow]]` entries of a run, with glob matchers and use counts.
#[derive(Debug, Default)]
pub struct Allows {
    entries: Vec<(AllowEntry, Option<globset::GlobMatcher>)>,
    used: Vec<AtomicUsize>,
    /// Folder story paths are made relative to (the config file's).
    root: std::path::PathBuf,
    cwd: std::path::PathBuf,
}

impl Allows {
    /// Compiles the entries; an invalid glob or rule is an error naming the entry.
    pub fn new(entries: Vec<AllowEntry>, root: &std::path::Path) -> Result<Allows, String> {
        let mut out = Vec::new();
        for (i, e) in entries.into_iter().enumerate() {
            let n = i + 1;
            if !crate::config::selector_matches_any(&e.rule) {
                return Err(format!("[[allow]] entry {n}: `rule = \"{}\"` names no rule (see `wirelint rules`)", e.rule));
            }
            if e.story.is_none() && e.path.is_none() && e.text.is_none() {
                return Err(format!(
                    "[[allow]] entry {n}: give `story`, `path` or `text` (to silence `{}` everywhere, use `ignore`)",
                    e.rule
                ));
            }
            let glob = match &e.path {
                Some(p) => Some(
                    globset::GlobBuilder::new(p.trim_start_matches("./"))
                        .literal_separator(true)
                        .build()
                        .map_err(|err| format!("[[allow]] entry {n}: bad path glob `{p}`: {err}"))?
                        .compile_matcher(),
                ),
                None => None,
            };
            out.push((e, glob));
        }
        let used = out.iter().map(|_| AtomicUsize::new(0)).collect();
        let cwd = std::env::current_dir().unwrap_or_default();
        Ok(Allows { entries: out, used, root: absolute(&cwd, root), cwd })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries that silenced nothing so far: (1-based index, entry).
    pub fn unused(&self) -> Vec<(usize, &AllowEntry)> {
        self.entries
            .iter()
            .zip(&self.used)
            .enumerate()
            .filter(|(_, (_, u))| u.load(Ordering::Relaxed) == 0)
            .map(|(i, ((e, _), _))| (i + 1, e))
            .collect()
    }

    /// The entries that apply to a story (by id and path).
    fn for_story(&self, doc: &Document) -> Vec<usize> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let rel = relative_path(&self.cwd, &self.root, &doc.path);
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, (e, glob))| {
                e.story.as_ref().is_none_or(|s| doc.id.as_deref() == Some(s.as_str()))
                    && glob.as_ref().is_none_or(|g| g.is_match(&rel) || g.is_match(doc.path.trim_start_matches("./")))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// `path` made absolute against `cwd`, `.` and `..` resolved lexically.
pub(crate) fn absolute(cwd: &std::path::Path, path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A story's display path relative to `root` with `/` separators (the absolute path when it
/// is outside `root`; `-` for stdin).
pub(crate) fn relative_path(cwd: &std::path::Path, root: &std::path::Path, path: &str) -> String {
    if path == "-" {
        return path.to_string();
    }
    let abs = absolute(cwd, std::path::Path::new(path));
    let rel = abs.strip_prefix(root).map(std::path::Path::to_path_buf).unwrap_or(abs);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Drops suppressed findings and adds unused-suppression findings. `active` tells whether a
/// rule ran in this run (a suppression of a rule that did not run is not "unused").
pub fn apply(doc: &Document, findings: &mut Vec<Finding>, allows: Option<&Allows>, active: &dyn Fn(&RuleMeta) -> bool) {
    let mut inline = from_comments(doc);
    inline.extend(doc.allow.iter().cloned());
    let config: Vec<usize> = allows.map(|a| a.for_story(doc)).unwrap_or_default();
    if inline.is_empty() && config.is_empty() {
        return;
    }
    let mut used = vec![false; inline.len()];
    findings.retain(|f| {
        let text = doc.slice(f.span);
        let mut silenced = false;
        for (k, s) in inline.iter().enumerate() {
            let in_scope = match s.scope {
                Scope::Story => true,
                Scope::Paragraph(Some(p)) => p.overlaps(f.span) || (p.is_empty() && p.start == f.span.start),
                Scope::Paragraph(None) => false,
            };
            if in_scope && s.rules.iter().any(|r| selector_matches(r, f.rule)) && s.text.as_deref().is_none_or(|t| t == text) {
                used[k] = true;
                silenced = true;
            }
        }
        if let Some(a) = allows {
            for &i in &config {
                let (e, _) = &a.entries[i];
                if selector_matches(&e.rule, f.rule) && e.text.as_deref().is_none_or(|t| t == text) {
                    a.used[i].fetch_add(1, Ordering::Relaxed);
                    silenced = true;
                }
            }
        }
        !silenced
    });
    for (s, used) in inline.iter().zip(used) {
        if used {
            continue;
        }
        let known = s.rules.iter().all(|r| crate::config::selector_matches_any(r));
        let ran = s.rules.iter().any(|r| crate::RULES.iter().any(|rule| selector_matches(r, rule.meta()) && active(rule.meta())));
        if known && !ran {
            continue;
        }
        let span = match s.scope {
            Scope::Paragraph(Some(p)) => Span::new(p.start, p.start),
            _ => Span::new(doc.body.start, doc.body.start),
        };
        let message = if !known {
            let bad: Vec<&str> = s.rules.iter().filter(|r| !crate::config::selector_matches_any(r)).map(String::as_str).collect();
            format!("`{}` names no rule ({}); see `wirelint rules`", s.written, bad.join(", "))
        } else if s.scope == Scope::Paragraph(None) {
            format!("`{}` is followed by no paragraph of this story, so it silences nothing; move it just above the paragraph", s.written)
        } else {
            let what = if matches!(s.scope, Scope::Paragraph(_)) { "this paragraph" } else { "this story" };
            format!("`{}` silenced no finding in {what}; delete it", s.written)
        };
        findings.push(Finding::new(&UNUSED_SUPPRESSION, span, Confidence::High, message));
    }
    findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.rule.code.cmp(b.rule.code)).then(a.span.end.cmp(&b.span.end)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_markup_between_comment_and_paragraph() {
        assert!(only_markup("\n  </p>\n<p class=\"x\">"));
        assert!(!only_markup("\n<p>Other text</p><p>"));
    }

    #[test]
    fn relative_paths() {
        let cwd = std::path::Path::new("/w/news");
        assert_eq!(relative_path(cwd, std::path::Path::new("/w"), "./feeds/../feeds/a.xml"), "news/feeds/a.xml");
        assert_eq!(relative_path(cwd, std::path::Path::new("/w/news"), "feeds/a.xml"), "feeds/a.xml");
        assert_eq!(relative_path(cwd, std::path::Path::new("/w/news"), "-"), "-");
    }
}
