"""Findings per 1,000 stories by source and rule, with pandas.

    python python/examples/pandas_audit.py corpus.jsonl

The corpus is JSON Lines with the fields wirelint reads (`body`, `id`, `source`, ...).
"""

import sys

import pandas as pd

import wirelint


def audit(path, threads=None):
    stories = pd.read_json(path, lines=True, dtype=False)
    results = wirelint.check_many(stories.to_dict("records"), threads=threads, path=str(path))
    story_rows = pd.DataFrame([rs[-1] for rs in results if rs and rs[-1]["type"] == "story"])
    findings = pd.DataFrame(wirelint.findings(results))
    story_rows["source"] = story_rows.get("source", pd.Series(dtype=str)).fillna("(unknown)")
    per_source = story_rows.groupby("source").size()
    if findings.empty:
        return pd.DataFrame(index=per_source.index)
    # the source of each finding is its story's
    findings = findings.merge(story_rows[["id", "source"]], on="id", how="left")
    counts = findings.pivot_table(index="source", columns="rule", values="code", aggfunc="count", fill_value=0)
    counts = counts.reindex(per_source.index, fill_value=0)
    return counts.div(per_source, axis=0).mul(1000).round(1)


if __name__ == "__main__":
    print(audit(sys.argv[1]).to_string())
