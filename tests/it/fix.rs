//! `wirelint check --fix` / `--diff`, end to end with the built binary on temporary files.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn wirelint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint")).args(args).current_dir(dir).output().expect("run wirelint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const STORY: &str = "Talks set in Moscow\n\nThe Pales\u{200b}tinian Authority is ready to talk.\nSEE ALSO:\nADVERTISEMENT\nThe ministry said 28.985 people were killed, as quoted from Arab News.\n";
const FIXED: &str = "Talks set in Moscow\n\nThe Palestinian Authority is ready to talk.\nThe ministry said 28.985 people were killed, as quoted from Arab News.\n";

#[test]
fn fix_applies_only_safe_fixes_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.txt");
    fs::write(&p, STORY).unwrap();
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--fix", "--color", "never", "story.txt"], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    // residue lines and the zero-width space are gone; the number and the calque (unsafe) stay
    assert_eq!(fs::read_to_string(&p).unwrap(), FIXED);
    assert!(stderr(&o).contains("fixed 3 issues in 1 file"), "{}", stderr(&o));
    // what is left is still reported
    assert!(stdout(&o).contains("number-format"), "{}", stdout(&o));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.txt");
    fs::write(&p, STORY).unwrap();
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--diff", "story.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let d = stdout(&o);
    assert!(d.starts_with("--- a/story.txt\n+++ b/story.txt\n@@ "), "{d}");
    assert!(d.contains("\n-SEE ALSO:\n-ADVERTISEMENT\n"), "{d}");
    assert!(d.contains("\n+The Palestinian Authority is ready to talk.\n"), "{d}");
    assert_eq!(fs::read_to_string(&p).unwrap(), STORY, "--diff must not write");
}

#[test]
fn diff_on_a_clean_file_is_empty_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("clean.txt"), "Talks\n\nThe ministry said 28,985 people were killed.\n").unwrap();
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--diff", "clean.txt"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn fix_never_touches_structured_input() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("feed.jsonl");
    let line = "{\"id\":\"1\",\"body\":\"The Pales\u{200b}tinian side.\\nSEE ALSO:\\nMore text here.\"}\n";
    fs::write(&p, line).unwrap();
    let o = wirelint(&["check", "--no-config", "--fix", "feed.jsonl"], dir.path());
    assert_eq!(fs::read_to_string(&p).unwrap(), line);
    assert!(stderr(&o).contains("not fixed: structured input"), "{}", stderr(&o));
}

#[test]
fn fix_never_touches_a_file_it_cannot_decode() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    let bytes = b"SEE ALSO:\nCaf\xe9 owners said.\n".to_vec();
    fs::write(&p, &bytes).unwrap();
    // strict UTF-8: the file does not decode, so it is an error and is not touched
    let o = wirelint(&["check", "--no-config", "--encoding", "utf-8", "--fix", "latin1.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(&p).unwrap(), bytes);
    // by default it is read as windows-1252 and checked, but --fix refuses to rewrite it
    let o = wirelint(&["check", "--no-config", "--fix", "latin1.txt"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not fixed: the file is windows-1252"), "{}", stderr(&o));
    assert_eq!(fs::read(&p).unwrap(), bytes);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.txt");
    fs::write(&p, STORY).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o604)).unwrap();
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--fix", "story.txt"], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), FIXED);
    assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o604);
}

#[test]
fn fix_repairs_mojibake_and_normalises_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.txt");
    fs::write(&p, "Talks\n\nPresident ErdoÄŸan met Jose\u{301} Alvarez and called it â€œessentialâ€œ.\n").unwrap();
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--fix", "story.txt"], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), "Talks\n\nPresident Erdoğan met José Alvarez and called it “essential“.\n");
}

#[test]
fn fix_keeps_crlf_and_cr_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    // the residue line is the last line: deleting it must not leave a lone CR
    let last = "Talks set in Moscow\n\nThe ministry said it.\nThe Pales\u{200b}tinian Authority is ready to talk.\nSEE ALSO:";
    for (name, eol) in [("crlf.txt", "\r\n"), ("cr.txt", "\r"), ("crlf-last.txt", "\r\n"), ("cr-last.txt", "\r")] {
        let text = if name.contains("last") { last } else { STORY };
        fs::write(dir.path().join(name), text.replace('\n', eol)).unwrap();
    }
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--fix", "--color", "never", "."], dir.path());
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    for (name, eol) in [("crlf.txt", "\r\n"), ("cr.txt", "\r")] {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), FIXED.replace('\n', eol), "{name}");
    }
    let last_fixed = "Talks set in Moscow\n\nThe ministry said it.\nThe Palestinian Authority is ready to talk.";
    for (name, eol) in [("crlf-last.txt", "\r\n"), ("cr-last.txt", "\r")] {
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), last_fixed.replace('\n', eol), "{name}");
    }
}

#[test]
fn fix_refuses_a_read_only_file_and_keeps_hard_links() {
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    fs::write(&ro, STORY).unwrap();
    let mut perms = fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&ro, perms).unwrap();
    let o = wirelint(&["check", "--no-config", "--lang", "en", "--fix", "ro.txt"], dir.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ro.txt: not fixed: the file is read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&ro).unwrap(), STORY);
    #[cfg(unix)]
    {
        let p = dir.path().join("story.txt");
        fs::write(&p, STORY).unwrap();
        fs::hard_link(&p, dir.path().join("other-name.txt")).unwrap();
        let o = wirelint(&["check", "--no-config", "--lang", "en", "--fix", "story.txt"], dir.path());
        assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(fs::read_to_string(&p).unwrap(), FIXED);
        assert_eq!(fs::read_to_string(dir.path().join("other-name.txt")).unwrap(), FIXED, "the other name sees the fix");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3, "no copy left behind");
    }
}
