"""The Python package gives what the command line gives: the same records, rules and explanations."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import wirelint

ROOT = Path(__file__).resolve().parents[2]
STORY = (
    "Talks Resume\n\n"
    "CAIRO - The militant groups Hamas and Israeli Jihad were invited to the talks, officials said on Monday.\n"
    "Baca juga: Harga Emas Naik Lagi\n"
    "The ministry said the toll had reached 50.846, while 115.000 others were hurt.\n"
)


def cli():
    """The wirelint binary built by `cargo test` / `cargo build`, if there is one."""
    candidates = [os.environ.get("WIRELINT_BIN")]
    target = os.environ.get("CARGO_TARGET_DIR")
    for base in ([Path(target)] if target else []) + [ROOT / "target"]:
        candidates += [str(base / "debug" / "wirelint"), str(base / "release" / "wirelint")]
    candidates.append(shutil.which("wirelint"))
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    pytest.skip("skipped: no wirelint binary to compare with (run cargo build first, or set WIRELINT_BIN)")


def run_cli(*args, cwd, codes=(0, 1)):
    out = subprocess.run([cli(), *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert out.returncode in codes, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if '"type":"summary"' not in line]


def test_check_returns_the_records_of_a_jsonl_run():
    records = wirelint.check(STORY)
    kinds = [r["type"] for r in records]
    assert kinds[-1] == "story" and set(kinds[:-1]) == {"finding"}
    by_rule = {r["rule"]: r for r in records if r["type"] == "finding"}
    # the Indonesian related-link line is furniture (scrape-residue) and never translated
    # (untranslated-fragment)
    assert set(by_rule) == {"entity-corruption", "scrape-residue", "untranslated-fragment", "number-format"}
    ec = by_rule["entity-corruption"]
    assert ec["text"] == "Israeli Jihad" and ec["suggestion"] == "Islamic Jihad" and ec["code"] == "EN001"
    assert ec["line"] == 3 and isinstance(ec["span"]["start"], int)
    assert records[-1]["findings"] == len(records) - 1 >= 3 and records[-1]["language"] == "en"


def test_check_equals_the_command_line(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    want = run_cli("check", "--no-config", "--no-progress", "-f", "jsonl", "story.txt", cwd=tmp_path)
    assert wirelint.check(STORY, path="story.txt") == want
    low = run_cli("check", "--no-config", "--no-progress", "-f", "jsonl", "--min-confidence", "low", "story.txt", cwd=tmp_path)
    assert wirelint.check(STORY, path="story.txt", min_confidence="low") == low


def test_options_choose_rules_and_language():
    only = wirelint.check(STORY, select=["scrape-residue"])
    assert [r["rule"] for r in only if r["type"] == "finding"] == ["scrape-residue"]
    assert all(r["rule"] != "scrape-residue" for r in wirelint.check(STORY, ignore=["SC"]) if r["type"] == "finding")
    assert wirelint.check("Harga emas naik pada hari Selasa.", language="id")[-1]["language"] == "id"
    with pytest.raises(ValueError, match="names no rule"):
        wirelint.check(STORY, select=["no-such-rule"])
    with pytest.raises(ValueError, match="unknown format"):
        wirelint.check(STORY, format="pdf")
    with pytest.raises(ValueError):
        wirelint.check(STORY, min_confidence="certain")


def test_other_formats():
    lines = "\n".join(json.dumps({"id": str(i), "source": "P", "body": "CAIRO - Hamas and Israeli Jihad met."}) for i in range(3))
    records = wirelint.check(lines, format="jsonl", path="feed.jsonl")
    stories = [r for r in records if r["type"] == "story"]
    assert [s["id"] for s in stories] == ["0", "1", "2"] and {s["source"] for s in stories} == {"P"}
    assert [r["record_line"] for r in records if r["type"] == "finding"] == [1, 2, 3]
    bad = wirelint.check('{"id": 1}', format="jsonl")
    assert bad[0]["type"] == "error" and "body" in bad[0]["message"]


def test_check_many_matches_check_and_a_jsonl_file(tmp_path):
    stories = [
        {"id": f"s{i}", "source": "Partner A" if i % 2 else "Partner B", "date": f"2024-03-{1 + i % 28:02d}",
         "body": f"CAIRO - Story {i}: the militant groups Hamas and Israeli Jihad met on Monday." if i % 3 == 0
         else f"NAIROBI - Exports rose {i % 7 + 1} percent in March, the office said."}
        for i in range(60)
    ]
    results = wirelint.check_many(stories, threads=2, path="feed.jsonl")
    assert len(results) == len(stories)
    assert [r[-1]["id"] for r in results] == [s["id"] for s in stories]
    # the same records as `wirelint check feed.jsonl`, story for story
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    want = run_cli("check", "--no-config", "--no-progress", "-f", "jsonl", "feed.jsonl", cwd=tmp_path)
    assert [r for rs in results for r in rs] == want
    assert len(wirelint.findings(results)) == 20
    # texts too, with any thread count, in input order
    texts = [STORY, "NAIROBI - Nothing to see.", STORY]
    many = wirelint.check_many(iter(texts), threads=1)
    assert many == [wirelint.check(t) for t in texts]
    assert wirelint.check_many(texts) == many
    with pytest.raises(TypeError, match="str or a dict"):
        wirelint.check_many([42])


def test_rules_and_explain_are_the_command_lines(tmp_path):
    names = [r["name"] for r in wirelint.rules()]
    assert "entity-corruption" in names and len(names) == len(set(names)) >= 12
    text = wirelint.explain("EN001")
    assert text.startswith("# entity-corruption (EN001)")
    assert wirelint.explain("entity-corruption") == text
    with pytest.raises(KeyError):
        wirelint.explain("no-such-rule")
    out = subprocess.run([cli(), "explain", "EN001"], capture_output=True, text=True, check=True)
    assert out.stdout == text
    listed = subprocess.run([cli(), "rules", "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(listed.stdout) == wirelint.rules()


def test_the_package_ships_type_stubs():
    pkg = Path(wirelint.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_native.pyi").exists()
    assert isinstance(wirelint.__version__, str)


def test_the_pandas_example(tmp_path):
    pd = pytest.importorskip("pandas", reason="skipped: pandas not installed")
    import importlib.util

    spec = importlib.util.spec_from_file_location("pandas_audit", ROOT / "python" / "examples" / "pandas_audit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(
        json.dumps({"id": str(i), "source": "A" if i < 10 else "B", "body": "CAIRO - Hamas and Israeli Jihad met." if i < 5 else "CAIRO - Calm."}) + "\n"
        for i in range(20)), encoding="utf-8")
    table = mod.audit(feed)
    assert isinstance(table, pd.DataFrame)
    assert table.loc["A", "entity-corruption"] == 500.0 and table.loc["B", "entity-corruption"] == 0.0


def test_records_checked_line_by_line_equal_the_files_run(tmp_path):
    lines = [json.dumps({"id": "a", "source": "P", "body": "CAIRO - Hamas and Israeli Jihad met."}), "", "not json",
             json.dumps({"id": "b", "body": "NAIROBI - Calm."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    want = run_cli("check", "--no-config", "--no-progress", "-f", "jsonl", "feed.jsonl", cwd=tmp_path, codes=(2,))
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    got = wirelint.check_many([t for _, t in numbered], format="jsonl", lines=[n for n, _ in numbered], path="feed.jsonl")
    assert [r for rs in got for r in rs] == want
    assert any(r["type"] == "error" and r["line"] == 3 for r in want)
    with pytest.raises(ValueError, match="one line number per story"):
        wirelint.check_many(["{}"], format="jsonl", lines=[1, 2])


def test_names_summaries_merge_as_the_command_line(tmp_path):
    bodies = ["Volodymyr Zelensky spoke in Kiev.", "Volodymyr Zelenskyy spoke in Kyiv.", "Zelensky said so.",
              "President Zelenskiy left.", "Mr Shtayyeh and Mr Shtayyah met."] * 4
    records = [json.dumps({"id": f"s{i:02d}", "body": b}) for i, b in enumerate(bodies)]
    (tmp_path / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    out = subprocess.run([cli(), "names", "feed.jsonl", "--format", "json", "--save-summary", "saved.json"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    whole = wirelint.names_summary(records, path="feed.jsonl")
    assert whole == json.loads((tmp_path / "saved.json").read_text())
    halves = [wirelint.names_summary(records[:7], path="feed.jsonl"),
              wirelint.names_summary(records[7:], lines=list(range(8, len(records) + 1)), path="feed.jsonl")]
    merged = wirelint.merge_summaries(halves)
    assert merged == whole
    assert wirelint.names_report(merged) == json.loads(out.stdout)
    assert any(len(f["forms"]) > 1 for f in wirelint.names_report(merged)["families"])
    with pytest.raises(ValueError, match="not a names summary"):
        wirelint.merge_summaries([{"stories": "many"}])
