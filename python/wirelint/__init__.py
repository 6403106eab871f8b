"""wirelint: catch translation and editorial artifacts in news wire copy.

Every function returns what the `wirelint` command line does: `check` and `check_many` give the
JSON Lines records of `wirelint check --format jsonl` (one dict per finding, then one per story),
`rules()` the list of `wirelint rules --format json`, `explain(name)` the text of
`wirelint explain NAME`.

    >>> import wirelint
    >>> [r["text"] for r in wirelint.check("CAIRO - Hamas and Israeli Jihad met.") if r["type"] == "finding"]
    ['Israeli Jihad']
"""

from ._native import __version__, check, check_many, explain, merge_summaries, names_report, names_summary, rules

__all__ = ["check", "check_many", "rules", "explain", "findings", "names_summary", "merge_summaries", "names_report", "__version__"]


def findings(records):
    """The finding records among `check` / `check_many` results (lists of records are flattened)."""
    out = []
    for r in records:
        if isinstance(r, list):
            out.extend(findings(r))
        elif r.get("type") == "finding":
            out.append(r)
    return out
