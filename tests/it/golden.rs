//! Same answers: the JSON Lines of `wirelint check` over our own fixtures and evaluation stories
//! must stay byte for byte what `tests/golden/*.jsonl` holds (issue 16: refactors and
//! optimisations change no finding unless a commit says why).
//!
//! When a change is *meant* to change findings, regenerate and review the diff:
//! `WIRELINT_BLESS=1 cargo test --release --test it golden::`, then `git diff tests/golden/`.

use std::path::Path;
use std::process::Command;

fn check(name: &str, dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(["check", "--no-config", "--no-progress", "--format", "jsonl", "--min-confidence", "low", "-j", "2", dir])
        .output()
        .expect("run wirelint");
    assert!(out.status.code().is_some_and(|c| c <= 1), "wirelint failed: {}", String::from_utf8_lossy(&out.stderr));
    let got = String::from_utf8(out.stdout).expect("UTF-8 output");
    let golden = root.join("tests/golden").join(format!("{name}.jsonl"));
    if std::env::var_os("WIRELINT_BLESS").is_some() {
        std::fs::write(&golden, &got).expect("write golden file");
        return;
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    if got != want {
        let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
        let first = g.iter().zip(&w).position(|(a, b)| a != b).unwrap_or(g.len().min(w.len()));
        panic!(
            "{dir}: output differs from {} at line {} ({} lines now, {} expected)\n now: {}\nwant: {}\n\
             If the change is meant, regenerate with WIRELINT_BLESS=1 cargo test --release --test it golden:: and review git diff tests/golden/",
            golden.display(),
            first + 1,
            g.len(),
            w.len(),
            g.get(first).unwrap_or(&"<end>"),
            w.get(first).unwrap_or(&"<end>"),
        );
    }
}

#[test]
fn fixtures_unchanged() {
    check("fixtures", "tests/fixtures/rules");
}

#[test]
fn eval_stories_unchanged() {
    check("eval", "tests/eval/stories");
}
