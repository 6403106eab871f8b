"""Check a JSON Lines corpus of stories on Spark with wirelint.

    spark-submit --py-files wirelint-*.whl examples/spark/wirelint_job.py corpus.jsonl out/
    spark-submit --files target/release/wirelint examples/spark/wirelint_job.py corpus.jsonl out/ --route pipe

Routes:
  python (default)  each partition calls the Python package (`wirelint.check_many`, GIL released)
                    with every record's line number, so the records equal those of one
                    `wirelint check corpus.jsonl -f jsonl` run, record for record;
  pipe              each partition is piped through the wirelint binary (`rdd.pipe`); records
                    then name the path "-" and number lines within the partition (join on `id`).

Writes to OUT/:
  records/            JSON Lines (Spark part files, in input order): findings, stories, errors
  findings.parquet/   one row per finding (path, id, record_line, rule, code, severity, ...)
  names-summary.json  the names summary of the corpus, partitions merged as `wirelint names
                      --merge` does (and readable by it: `wirelint names --merge names-summary.json`)
  names.json          its report, as `wirelint names --format json`
"""

import argparse
import json
import os
import shlex
import shutil


def _numbered(lines):
    """(line number, text) of the non-blank records of a partition of (text, index) pairs."""
    return [(i + 1, t) for t, i in lines if t.strip()]


def check_partition(rows, path, min_confidence=None, select=None):
    """Records of one partition: (line, n, record JSON) so the driver can keep input order."""
    import wirelint

    rows = _numbered(rows)
    if not rows:
        return
    results = wirelint.check_many([t for _, t in rows], threads=1, format="jsonl", lines=[n for n, _ in rows],
                                  path=path, min_confidence=min_confidence, select=select)
    for (line, _), records in zip(rows, results):
        for k, r in enumerate(records):
            yield (line, k, json.dumps(r, ensure_ascii=False, separators=(",", ":"), sort_keys=True))


def names_partition(rows, path, language="en"):
    """One names summary per partition."""
    import wirelint

    rows = _numbered(rows)
    yield wirelint.names_summary([t for _, t in rows], lines=[n for n, _ in rows], path=path, language=language)


def merge_two(a, b):
    import wirelint

    return wirelint.merge_summaries([a, b])


FINDING_FIELDS = [
    ("path", "string"), ("id", "string"), ("record_line", "long"), ("field", "string"), ("rule", "string"),
    ("code", "string"), ("severity", "string"), ("confidence", "string"), ("message", "string"), ("text", "string"),
    ("suggestion", "string"), ("line", "long"), ("column", "long"), ("end_line", "long"), ("end_column", "long"),
    ("span_start", "long"), ("span_end", "long"), ("fix_applicability", "string"),
]


def finding_row(r):
    fix = r.get("fix") or {}
    row = {k: r.get(k) for k, _ in FINDING_FIELDS}
    row.update(span_start=r["span"]["start"], span_end=r["span"]["end"], fix_applicability=fix.get("applicability"))
    return tuple(row[k] for k, _ in FINDING_FIELDS)


def run(spark, input_path, out, route="python", binary="wirelint", partitions=None, name=None, min_confidence=None, language="en"):
    """Checks `input_path` and writes OUT/; returns counts."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    sc = spark.sparkContext
    if __name__ != "__main__":
        # imported (a notebook, a test): the workers unpickle this module's functions by name
        sc.addPyFile(os.path.abspath(__file__))
    name = name or input_path
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    lines = sc.textFile(input_path, minPartitions=partitions or sc.defaultParallelism).zipWithIndex().cache()

    if route == "python":
        records = lines.mapPartitions(lambda rows: check_partition(rows, name, min_confidence))
    else:
        # the binary reads each partition's records on stdin; `--min-confidence` as the CLI's
        cmd = [binary, "check", "--no-config", "--no-progress", "-f", "jsonl", "--input-format", "jsonl", "-j", "1"]
        if min_confidence:
            cmd += ["--min-confidence", min_confidence]
        cmd.append("-")
        # exit 1 means findings, 2 unreadable records (reported as error records): not failures
        piped = lines.filter(lambda p: p[0].strip()).map(lambda p: p[0]).pipe(shlex.join(cmd), checkCode=False)
        records = (piped.map(json.loads).filter(lambda r: r["type"] != "summary")
                   .zipWithIndex().map(lambda p: (0, p[1], json.dumps(p[0], ensure_ascii=False, separators=(",", ":"), sort_keys=True))))
    records = records.sortBy(lambda t: (t[0], t[1])).map(lambda t: t[2]).cache()
    records.saveAsTextFile(os.path.join(out, "records"))

    schema = StructType([StructField(k, StringType() if t == "string" else LongType()) for k, t in FINDING_FIELDS])
    findings = records.map(json.loads).filter(lambda r: r["type"] == "finding").map(finding_row)
    spark.createDataFrame(findings, schema).write.parquet(os.path.join(out, "findings.parquet"))

    summary = lines.mapPartitions(lambda rows: names_partition(rows, name, language)).treeReduce(merge_two)
    import wirelint

    with open(os.path.join(out, "names-summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    with open(os.path.join(out, "names.json"), "w", encoding="utf-8") as f:
        json.dump(wirelint.names_report(summary, language), f, ensure_ascii=False, indent=2)
        f.write("\n")
    counts = records.map(lambda s: json.loads(s)["type"]).countByValue()
    return {"partitions": lines.getNumPartitions(), **counts}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="JSON Lines stories (a path Spark can read)")
    ap.add_argument("out", help="output folder (replaced)")
    ap.add_argument("--route", choices=["python", "pipe"], default="python")
    ap.add_argument("--binary", default=None, help="the wirelint binary for --route pipe (default: the one shipped with --files, else PATH)")
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--name", default=None, help="the path records name (default: INPUT as given)")
    ap.add_argument("--min-confidence", default=None)
    ap.add_argument("--lang", default="en", help="house style of the names summary")
    ap.add_argument("--master", default=None, help="e.g. local[2] when not run by spark-submit")
    a = ap.parse_args(argv)

    from pyspark import SparkFiles
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("wirelint")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    binary = a.binary
    if a.route == "pipe" and binary is None:
        shipped = SparkFiles.get("wirelint")
        binary = shipped if os.path.exists(shipped) else "wirelint"
    counts = run(spark, a.input, a.out, a.route, binary, a.partitions, a.name, a.min_confidence, a.lang)
    print(json.dumps(counts, sort_keys=True))
    spark.stop()


if __name__ == "__main__":
    main()
