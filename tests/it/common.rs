//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The seed article's folder, `shared/seed/` beside the checkout (outside the repository: the
/// real story the project started from, read in place and never copied). `None`, after printing
/// `skipped: ...` for the named test, when it is not there: a checkout on its own skips these
/// tests instead of failing them.
pub fn seed_dir(test: &str) -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = [manifest.join("../shared/seed"), manifest.join("../../shared/seed"), PathBuf::from("/work/shared/seed")]
        .into_iter()
        .find(|p| p.is_dir());
    if found.is_none() {
        println!("skipped: {test}: ../shared/seed (the seed article, outside the repository) is not present");
    }
    found
}
