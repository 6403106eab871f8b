//! `wirelint.toml`: found by searching upward from the current folder, or given with `--config`.
//!
//! ```toml
//! language = "en"              # copy language; "auto" (default) detects it
//! languages = ["en", "id"]     # languages detection may choose from
//! min-confidence = "medium"    # drop findings below this
//! fail-on = "warning"          # exit 1 when a finding is at or above this severity
//! select = ["entity-corruption", "EN"]   # only these rules (names, codes or code prefixes)
//! ignore = ["mixed-script"]
//! lexicons = ["house/names.tsv"]         # extra lexicon files, relative to this file
//! encoding = "auto"           # or a label: "windows-1252", "utf-8" (strict), "utf-16le"...
//! max-story-bytes = 8388608    # largest story file or JSON Lines record read (default 8 MiB)
//!
//! [rules.entity-corruption]
//! severity = "error"
//! min-confidence = "high"
//! enabled = true
//!
//! [jsonl]                      # field names of JSON Lines stories
//! id = "id"
//! headline = "headline"
//! dateline = "dateline"
//! body = "body"
//! source = "source"
//! language = "language"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::{Confidence, Severity};
pub use crate::input::JsonlFields;

/// File names searched for, in order, in each folder from the current one upward.
pub const CONFIG_NAMES: &[&str] = &["wirelint.toml", ".wirelint.toml"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub language: Option<String>,
    pub languages: Option<Vec<String>>,
    pub min_confidence: Option<Confidence>,
    pub fail_on: Option<Severity>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    #[serde(default)]
    pub lexicons: Vec<PathBuf>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleConfig>,
    #[serde(default)]
    pub jsonl: JsonlFields,
    /// `[[allow]]`: findings silenced by story id / path glob, rule and optional text.
    #[serde(default)]
    pub allow: Vec<AllowEntry>,
    /// Character encoding of input files: `auto` (default) or a label (`windows-1252`, `utf-8`...).
    pub encoding: Option<String>,
    /// Largest story (file or JSON Lines record) read, in bytes; default 8 MiB.
    pub max_story_bytes: Option<usize>,
    /// Folder the config file is in (lexicon paths are relative to it).
    #[serde(skip)]
    pub root: PathBuf,
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleConfig {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
    pub min_confidence: Option<Confidence>,
}

/// One `[[allow]]` entry of wirelint.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AllowEntry {
    /// Rule name, code or code prefix (`translationese`, `TR001`, `UN`, `all`).
    pub rule: String,
    /// Story id (JSON Lines `id`, ninjs `uri`, NewsML guid...).
    pub story: Option<String>,
    /// Glob of story paths, relative to the config file's folder (`feeds/antara/**`).
    pub path: Option<String>,
    /// Only findings whose flagged text is exactly this.
    pub text: Option<String>,
    /// Why (for the reader of the config).
    pub reason: Option<String>,
}

/// A config file that could not be read or is invalid, shown as `path:line:column: message`.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, 0 when the error has no place in the file.
    pub line: usize,
    /// 1-based column (in chars), 0 when unknown.
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        ConfigError { path: path.to_path_buf(), line, column, message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// 1-based line and column (in chars) of a byte offset.
fn place(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    (before.matches('\n').count() + 1, before.rsplit('\n').next().unwrap_or("").chars().count() + 1)
}

/// The place of the first line that `pred` holds for: its line, and the column of its first
/// non-blank char.
fn line_where(text: &str, pred: impl Fn(&str) -> bool) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find(|(_, l)| pred(l))
        .map(|(i, l)| (i + 1, l.chars().take_while(|c| c.is_whitespace()).count() + 1))
        .unwrap_or((0, 0))
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses config text; errors name the line, column and key.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| place(text, s.start)).unwrap_or((0, 0));
            ConfigError::at(path, line, col, e.message().trim())
        })?;
        for name in cfg.rules.keys() {
            if crate::rules::find(name).is_none() {
                let (line, col) = line_where(text, |l| l.contains(&format!("rules.{name}")));
                return Err(ConfigError::at(path, line, col, format!("unknown rule `{name}` in [rules] (see `wirelint rules`)")));
            }
        }
        for (key, list) in [("select", &cfg.select), ("ignore", &cfg.ignore)] {
            for sel in list.iter().flatten() {
                if !selector_matches_any(sel) {
                    let (line, col) = line_where(text, |l| l.trim_start().starts_with(key));
                    return Err(ConfigError::at(path, line, col, format!("`{key}` names no rule: `{sel}`")));
                }
            }
        }
        if let Some(label) = &cfg.encoding
            && let Err(why) = crate::input::encoding::EncodingChoice::parse(label)
        {
            let (line, col) = line_where(text, |l| l.trim_start().starts_with("encoding"));
            return Err(ConfigError::at(path, line, col, why));
        }
        cfg.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        cfg.path = Some(path.to_path_buf());
        Ok(cfg)
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError::at(path, 0, 0, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let (line, col) = place(&String::from_utf8_lossy(&e.as_bytes()[..at]), at);
            ConfigError::at(path, line, col, "invalid UTF-8; a config file is UTF-8 text")
        })?;
        Config::parse(path, &text)
    }

    /// Searches `start` and its ancestors for a config file.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            for name in CONFIG_NAMES {
                let p = d.join(name);
                if p.is_file() {
                    return Config::load(&p).map(Some);
                }
            }
            dir = d.parent();
        }
        Ok(None)
    }

    /// Lexicon paths resolved against the config's folder.
    pub fn lexicon_paths(&self) -> Vec<PathBuf> {
        self.lexicons.iter().map(|p| if p.is_absolute() { p.clone() } else { self.root.join(p) }).collect()
    }
}

/// Does a selector (name, code, or code prefix such as `EN`) match a rule?
pub fn selector_matches(sel: &str, meta: &crate::finding::RuleMeta) -> bool {
    let s = sel.trim();
    s.eq_ignore_ascii_case(meta.name)
        || (!s.is_empty() && meta.code.to_ascii_uppercase().starts_with(&s.to_ascii_uppercase()))
        || s.eq_ignore_ascii_case("all")
}

pub fn selector_matches_any(sel: &str) -> bool {
    crate::rules::RULES.iter().any(|r| selector_matches(sel, r.meta()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_line() {
        let e = Config::parse(Path::new("w.toml"), "language = \"en\"\nfial-on = \"error\"\n").unwrap_err();
        assert!(e.to_string().starts_with("w.toml:2:1: "), "{e}");
        assert!(e.to_string().contains("fial-on"), "{e}");
    }

    #[test]
    fn bad_values_and_rules() {
        let e = Config::parse(Path::new("w.toml"), "min-confidence = \"sure\"\n").unwrap_err();
        assert!(e.to_string().starts_with("w.toml:1:18: "), "{e}");
        let e = Config::parse(Path::new("w.toml"), "[rules.no-such-rule]\nenabled = false\n").unwrap_err();
        assert!(e.to_string().starts_with("w.toml:1:1: unknown rule `no-such-rule`"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("wirelint.toml");
        std::fs::write(&p, b"language = \"en\"\nfail-on = \"err\xffor\"\n").unwrap();
        let e = Config::load(&p).unwrap_err();
        assert_eq!((e.line, e.column), (2, 15), "{e}");
        assert!(e.to_string().ends_with("wirelint.toml:2:15: invalid UTF-8; a config file is UTF-8 text"), "{e}");
    }

    #[test]
    fn parses_full_config() {
        let c = Config::parse(
            Path::new("w.toml"),
            "language = \"id\"\nfail-on = \"error\"\n[rules.entity-corruption]\nseverity = \"warning\"\n[jsonl]\nbody = \"text\"\n",
        )
        .unwrap();
        assert_eq!(c.fail_on, Some(Severity::Error));
        assert_eq!(c.jsonl.body, "text");
        assert_eq!(c.rules["entity-corruption"].severity, Some(Severity::Warning));
    }
}
