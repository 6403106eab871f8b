"""The Spark job in local mode gives what one `wirelint check` / `wirelint names` run gives.

Needs pyspark (PyPI) and a Java runtime; skips with a message without them, or without the
wirelint binary that `cargo build` makes.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import gen_stories  # noqa: E402
import wirelint_job  # noqa: E402

pyspark = pytest.importorskip("pyspark", reason="skipped: pyspark not installed")
if shutil.which("java") is None:
    pytest.skip("skipped: no Java runtime (apt-get install default-jre-headless)", allow_module_level=True)


def cli():
    target = os.environ.get("CARGO_TARGET_DIR")
    for base in ([Path(target)] if target else []) + [ROOT / "target"]:
        for profile in ("debug", "release"):
            b = base / profile / "wirelint"
            if os.access(b, os.X_OK):
                return str(b)
    pytest.skip("skipped: no wirelint binary (cargo build first)")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # the workers run this interpreter, where the wirelint package is installed
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (SparkSession.builder.master("local[2]").appName("wirelint-test")
         .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    (d / "corpus.jsonl").write_text("\n".join(gen_stories.lines(400)) + "\n", encoding="utf-8")
    return d


def single_run(d):
    out = subprocess.run([cli(), "check", "--no-config", "--no-progress", "-f", "jsonl", "corpus.jsonl"],
                         cwd=d, capture_output=True, text=True)
    assert out.returncode == 2, out.stderr  # findings and one unreadable record
    return [json.loads(l) for l in out.stdout.splitlines() if '"type":"summary"' not in l]


def read_records(out):
    return [json.loads(l) for f in sorted(glob.glob(os.path.join(out, "records", "part-*"))) for l in open(f, encoding="utf-8")]


def test_python_route_equals_one_check_run(spark, corpus):
    out = str(corpus / "out-python")
    counts = wirelint_job.run(spark, str(corpus / "corpus.jsonl"), out, partitions=4, name="corpus.jsonl")
    assert counts["partitions"] >= 4
    want = single_run(corpus)
    got = read_records(out)
    assert got == want
    findings = [r for r in want if r["type"] == "finding"]
    rules = {r["rule"] for r in findings}
    assert {"entity-corruption", "translationese", "scrape-residue", "number-format", "name-inconsistency"} <= rules
    assert counts["story"] == 400 and counts["error"] == 1 and counts["finding"] == len(findings)

    rows = spark.read.parquet(os.path.join(out, "findings.parquet")).collect()
    assert sorted((r.record_line, r.rule, r.text, r.span_start) for r in rows) == \
        sorted((f["record_line"], f["rule"], f["text"], f["span"]["start"]) for f in findings)

    # the names summary merged over partitions is the one of a single run, and the CLI reads it
    subprocess.run([cli(), "names", "corpus.jsonl", "--save-summary", "single.json", "--format", "json"],
                   cwd=corpus, capture_output=True, check=False)
    merged = json.loads((Path(out) / "names-summary.json").read_text())
    assert merged == json.loads((corpus / "single.json").read_text())
    report = subprocess.run([cli(), "names", "--merge", os.path.join(out, "names-summary.json"), "--format", "json"],
                            cwd=corpus, capture_output=True, text=True, check=True)
    assert json.loads(report.stdout) == json.loads((Path(out) / "names.json").read_text())
    assert merged["stories"] == 400


def test_pipe_route_finds_the_same(spark, corpus):
    out = str(corpus / "out-pipe")
    wirelint_job.run(spark, str(corpus / "corpus.jsonl"), out, route="pipe", binary=cli(), partitions=3)
    got = read_records(out)
    want = single_run(corpus)
    # the binary reads stdin: path "-" and lines counted within each partition; the rest is equal
    strip = lambda r: {k: v for k, v in r.items() if k not in ("path", "record_line", "line")} if r["type"] == "error" else \
        {k: v for k, v in r.items() if k not in ("path", "record_line")}
    assert [strip(r) for r in got] == [strip(r) for r in want]
    assert {r["path"] for r in got} == {"-"}
