//! Running the linter over paths: walk, read, check in parallel, render in input order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::Document;
use crate::input::{self, InputError, InputFormat, ReadOptions};
use crate::render::{Render, Stats};
use crate::{Linter, StoryReport};

/// One unit of work: a file (or stdin) to read.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// Named explicitly on the command line (read whatever its extension).
    pub explicit: bool,
}

/// Expands paths: folders are walked (gitignore- and hidden-aware) for story files.
/// Returns targets in a deterministic order, plus errors for paths that do not exist.
pub fn collect_targets(paths: &[PathBuf], format: Option<InputFormat>) -> (Vec<Target>, Vec<InputError>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == Path::new("-") {
            targets.push(Target { path: p.clone(), explicit: true });
            continue;
        }
        if p.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(p).sort_by_file_path(|a, b| a.cmp(b)).build() {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file())
                            && (format.is_some() || InputFormat::for_path(e.path()).is_some())
                            && !is_config(e.path())
                        {
                            found.push(e.into_path());
                        }
                    }
                    Err(err) => errors.push(InputError::new(&p.display().to_string(), None, None, err.to_string())),
                }
            }
            targets.extend(found.into_iter().map(|path| Target { path, explicit: false }));
        } else if p.exists() {
            targets.push(Target { path: p.clone(), explicit: true });
        } else {
            errors.push(InputError::new(&p.display().to_string(), None, None, "no such file or folder"));
        }
    }
    (targets, errors)
}

fn is_config(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| crate::config::CONFIG_NAMES.contains(&n))
}

/// The result of reading and checking one input.
pub enum Item {
    Story(Box<Document>, StoryReport),
    Error(InputError),
}

/// Reads and checks one target; every story and error, in input order.
pub fn check_target(linter: &Linter, target: &Target, opts: &ReadOptions) -> Vec<Item> {
    let mut items = Vec::new();
    input::read_path(&target.path, opts, &mut |r| match r {
        Ok(doc) => {
            let report = linter.check(&doc);
            items.push(Item::Story(Box::new(doc), report));
        }
        Err(e) => items.push(Item::Error(e)),
    });
    items
}

/// Checks every target (in parallel, `chunk` files at a time) and renders results in target order.
pub fn run(linter: &Linter, targets: &[Target], opts: &ReadOptions, render: &mut dyn Render, stats: &mut Stats) -> std::io::Result<()> {
    let chunk = (rayon::current_num_threads() * 8).max(8);
    for group in targets.chunks(chunk) {
        let results: Vec<Vec<Item>> = group.par_iter().map(|t| check_target(linter, t, opts)).collect();
        for items in results {
            for item in items {
                match item {
                    Item::Story(doc, report) => {
                        stats.add(&doc, &report);
                        render.story(&doc, &report)?;
                    }
                    Item::Error(e) => {
                        stats.errors += 1;
                        render.error(&e)?;
                    }
                }
            }
        }
    }
    Ok(())
}
