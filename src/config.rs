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
    pub allow: Vec<crate::suppress::AllowEntry>,
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

/// Field names of stories in JSON Lines (and JSON) inputs.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct JsonlFields {
    pub id: String,
    pub headline: String,
    pub dateline: String,
    pub body: String,
    pub source: String,
    pub language: String,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            id: "id".into(),
            headline: "headline".into(),
            dateline: "dateline".into(),
            body: "body".into(),
            source: "source".into(),
            language: "language".into(),
        }
    }
}

/// A config file that could not be read or is invalid.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses config text; errors name the line, column and key.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    (before.matches('\n').count() + 1, before.rsplit('\n').next().unwrap_or("").chars().count() + 1)
                })
                .unwrap_or((0, 0));
            let msg = e.message().trim().to_string();
            ConfigError { path: path.to_path_buf(), message: format!("line {line}, column {col}: {msg}") }
        })?;
        for name in cfg.rules.keys() {
            if crate::rules::find(name).is_none() {
                let line = text.lines().position(|l| l.contains(&format!("rules.{name}"))).map(|i| i + 1).unwrap_or(0);
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    message: format!("line {line}: unknown rule `{name}` in [rules] (see `wirelint rules`)"),
                });
            }
        }
        for (key, list) in [("select", &cfg.select), ("ignore", &cfg.ignore)] {
            for sel in list.iter().flatten() {
                if !selector_matches_any(sel) {
                    let line = text.lines().position(|l| l.trim_start().starts_with(key)).map(|i| i + 1).unwrap_or(0);
                    return Err(ConfigError { path: path.to_path_buf(), message: format!("line {line}: `{key}` names no rule: `{sel}`") });
                }
            }
        }
        if let Some(label) = &cfg.encoding {
            if let Err(why) = crate::input::encoding::EncodingChoice::parse(label) {
                let line = text.lines().position(|l| l.trim_start().starts_with("encoding")).map(|i| i + 1).unwrap_or(0);
                return Err(ConfigError { path: path.to_path_buf(), message: format!("line {line}: {why}") });
            }
        }
        cfg.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        cfg.path = Some(path.to_path_buf());
        Ok(cfg)
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ConfigError { path: path.to_path_buf(), message: format!("cannot read: {e}") })?;
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
pub fn selector_matches(sel: &str, meta: &crate::rules::RuleMeta) -> bool {
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
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(e.to_string().contains("fial-on"), "{e}");
    }

    #[test]
    fn bad_values_and_rules() {
        let e = Config::parse(Path::new("w.toml"), "min-confidence = \"sure\"\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = Config::parse(Path::new("w.toml"), "[rules.no-such-rule]\nenabled = false\n").unwrap_err();
        assert!(e.to_string().contains("no-such-rule"), "{e}");
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
