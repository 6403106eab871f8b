#!/usr/bin/env python3
"""Score wirelint against the real-copy development set (tests/realcopy/).

Runs `wirelint check --format jsonl --no-config` over the locally cached article texts
(tests/realcopy/cache/<id>.txt, git-ignored; see tests/realcopy/README.md to rebuild them),
joins the findings to tests/realcopy/labels.tsv and prints:

  * recall per rule and over all labelled rows (rows with rule `other` are reported apart:
    they name artifacts no rule covers, so they are not in the main recall);
  * false findings per native article (findings on `native` articles that match no label);
  * unlabelled findings on translated and non-english articles (count + list);
  * with --verbose, one line per article; with --json, the numbers as JSON.

--only PREFIX_OR_ID... and --ids-from FILE restrict the run to some articles (for example a
fresh batch: --ids-from tests/realcopy/batch-2026-12-04.txt); given both, an article listed in
either is scored.

A finding of rule R in article A is a true positive when its byte span overlaps an occurrence
of a label text of (A, R) in the cached file. A label counts as found when at least one finding
of its rule overlaps one of its occurrences.

Python 3 standard library only.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SET_DIR = os.path.join(ROOT, "tests", "realcopy")
GROUPS = ("translated", "native", "non-english")


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return []
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:] if r and any(c.strip() for c in r)]


def occurrences(hay, needle):
    """Byte ranges of every occurrence of needle (bytes) in hay (bytes)."""
    out, i = [], 0
    if not needle:
        return out
    while True:
        j = hay.find(needle, i)
        if j < 0:
            return out
        out.append((j, j + len(needle)))
        i = j + 1


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def run_wirelint(binary, files, min_conf):
    cmd = [binary, "check", "--format", "jsonl", "--no-config", "--no-progress"]
    if min_conf:
        cmd += ["--min-confidence", min_conf]
    cmd += files
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    findings, errors = [], []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            errors.append({"message": "unparsable output line", "line": line[:200]})
            continue
        kind = rec.get("type")
        if kind == "finding":
            findings.append(rec)
        elif kind == "error":
            errors.append(rec)
    if proc.returncode not in (0, 1) and not findings:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("wirelint exited with status %d" % proc.returncode)
    return findings, errors


def select_articles(articles, only, ids_from):
    """The articles --only and --ids-from keep (all of them when neither is given)."""
    if only is None and ids_from is None:
        return articles
    prefixes = list(only or [])
    ids = set()
    if ids_from is not None:
        with open(ids_from, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    ids.add(line)
    known = set(a["id"] for a in articles)
    unknown = sorted(i for i in ids if i not in known)
    unknown += [p for p in prefixes if not any(k.startswith(p) for k in known)]
    if unknown:
        sys.stderr.write("realcopy: no article matches %s\n" % " ".join(unknown))
    kept = [a for a in articles
            if a["id"] in ids or any(a["id"].startswith(p) for p in prefixes)]
    if not kept:
        sys.exit("realcopy: --only/--ids-from select no article")
    return kept


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "wirelint"),
                    help="wirelint binary (default: target/release/wirelint)")
    ap.add_argument("--min-confidence", choices=["low", "medium", "high"], default=None,
                    help="pass --min-confidence to wirelint (default: its own default, medium)")
    ap.add_argument("--verbose", "-v", action="store_true", help="one line per article")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--only", nargs="+", metavar="PREFIX_OR_ID", default=None,
                    help="score only the articles whose id starts with one of these "
                         "(an id, or a prefix such as tr-id or na-en)")
    ap.add_argument("--ids-from", metavar="FILE", default=None,
                    help="score only the articles listed in FILE (one id a line; "
                         "blank lines and # comments ignored)")
    args = ap.parse_args()

    articles = read_tsv(os.path.join(SET_DIR, "articles.tsv"))
    articles = select_articles(articles, args.only, args.ids_from)
    labels = read_tsv(os.path.join(SET_DIR, "labels.tsv"))
    cache = os.path.join(SET_DIR, "cache")

    missing = [a["id"] for a in articles
               if not os.path.isfile(os.path.join(cache, a["id"] + ".txt"))]
    present = [a for a in articles if a["id"] not in set(missing)]
    if missing:
        sys.stderr.write(
            "realcopy: %d of %d cached texts are missing: %s\n"
            "Rebuild them as tests/realcopy/README.md says (search the `pages` corpus for each\n"
            "row's `refind` phrase, take the result whose url matches, save its excerpt verbatim\n"
            "as tests/realcopy/cache/<id>.txt). Scoring the %d present ones.\n"
            % (len(missing), len(articles), " ".join(missing), len(present)))
    if not present:
        sys.exit(2)
    if not os.path.isfile(args.bin):
        sys.exit("no wirelint binary at %s (build it with cargo build --release)" % args.bin)

    meta = {a["id"]: a for a in present}
    texts = {}
    for a in present:
        with open(os.path.join(cache, a["id"] + ".txt"), "rb") as f:
            texts[a["id"]] = f.read()

    # label rows with their byte occurrences in the cached text
    lab_by_art = defaultdict(list)
    bad_labels = []
    for i, L in enumerate(labels):
        aid = L.get("id", "")
        if aid not in meta:
            continue
        occ = occurrences(texts[aid], L.get("text", "").encode("utf-8"))
        if not occ:
            bad_labels.append(L)
        lab_by_art[aid].append({"n": i, "rule": L.get("rule", ""), "text": L.get("text", ""),
                                "note": L.get("note", ""), "occ": occ, "found": False})

    files = [os.path.join(cache, a["id"] + ".txt") for a in present]
    findings, errors = run_wirelint(args.bin, files, args.min_confidence)

    by_art = defaultdict(list)
    for f in findings:
        aid = os.path.splitext(os.path.basename(f.get("path", "")))[0]
        if aid in meta:
            by_art[aid].append(f)

    unmatched = []  # (aid, finding, rules of other labels it overlaps)
    other_hit = set()
    for aid, fs in by_art.items():
        labs = lab_by_art.get(aid, [])
        for f in fs:
            sp = f.get("span") or {}
            try:
                span = (int(sp["start"]), int(sp["end"]))
            except (KeyError, TypeError, ValueError):
                unmatched.append((aid, f, []))
                continue
            hit = False
            cross = []
            for L in labs:
                if not any(overlaps(span, o) for o in L["occ"]):
                    continue
                if L["rule"] == f.get("rule"):
                    L["found"] = True
                    hit = True
                else:
                    cross.append(L["rule"])
                    if L["rule"] == "other":
                        other_hit.add(L["n"])
            if not hit:
                unmatched.append((aid, f, sorted(set(cross))))

    # recall
    per_rule = defaultdict(lambda: [0, 0])
    for aid, labs in lab_by_art.items():
        for L in labs:
            if L["rule"] == "other":
                continue
            per_rule[L["rule"]][1] += 1
            if L["found"]:
                per_rule[L["rule"]][0] += 1
    tot_found = sum(v[0] for v in per_rule.values())
    tot = sum(v[1] for v in per_rule.values())
    others = [L for labs in lab_by_art.values() for L in labs if L["rule"] == "other"]

    natives = [a["id"] for a in present if a["group"] == "native"]
    native_false = [(aid, f, c) for aid, f, c in unmatched if meta[aid]["group"] == "native"]
    other_unl = [(aid, f, c) for aid, f, c in unmatched if meta[aid]["group"] != "native"]

    groups = defaultdict(int)
    for a in present:
        groups[a["group"]] += 1

    result = {
        "articles": len(present), "missing": missing, "groups": dict(groups),
        "min_confidence": args.min_confidence or "medium (wirelint default)",
        "findings": len(findings), "errors": len(errors),
        "recall": {r: {"found": v[0], "labels": v[1],
                       "recall": round(v[0] / v[1], 3) if v[1] else None}
                   for r, v in sorted(per_rule.items())},
        "recall_all": {"found": tot_found, "labels": tot,
                       "recall": round(tot_found / tot, 3) if tot else None},
        "other_labels": {"labels": len(others),
                         "overlapped_by_some_finding": sum(1 for L in others if L["n"] in other_hit)},
        "native": {"articles": len(natives), "false_findings": len(native_false),
                   "per_article": round(len(native_false) / len(natives), 3) if natives else None},
        "unlabelled_findings_translated_nonenglish": len(other_unl),
        "labels_not_in_text": [(L["id"], L["rule"], L["text"]) for L in bad_labels],
        "unmatched": [{"id": aid, "group": meta[aid]["group"], "rule": f.get("rule"),
                       "confidence": f.get("confidence"), "text": f.get("text"),
                       "overlaps_label_of": c} for aid, f, c in unmatched],
        "missed": [{"id": aid, "rule": L["rule"], "text": L["text"]}
                   for aid, labs in sorted(lab_by_art.items()) for L in labs
                   if L["rule"] != "other" and not L["found"]],
    }

    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return

    def short(s, n=70):
        s = (s or "").replace("\n", "\\n")
        return s if len(s) <= n else s[: n - 1] + "…"

    print("realcopy: %d articles (%s), %d findings, %d error records, confidence >= %s"
          % (len(present), ", ".join("%s %d" % (g, groups[g]) for g in GROUPS if groups[g]),
             len(findings), len(errors), result["min_confidence"]))
    for e in errors[:10]:
        print("  error: %s" % short(json.dumps(e, ensure_ascii=False), 150))
    if bad_labels:
        print("  %d label texts do not occur in their cached text (cache stale?)" % len(bad_labels))
    print("\nrecall per rule (labels found / labelled):")
    for r, v in sorted(per_rule.items()):
        print("  %-22s %3d / %-3d %5.1f%%" % (r, v[0], v[1], 100.0 * v[0] / v[1]))
    if tot:
        print("  %-22s %3d / %-3d %5.1f%%" % ("ALL (without other)", tot_found, tot,
                                             100.0 * tot_found / tot))
    print("  %-22s %3d labels, %d overlapped by a finding of some rule"
          % ("other (reported apart)", len(others), result["other_labels"]["overlapped_by_some_finding"]))

    print("\nfalse findings on native copy: %d on %d articles (%.2f per article)"
          % (len(native_false), len(natives), len(native_false) / len(natives) if natives else 0))
    for aid, f, c in native_false:
        print("  %s %-22s %-6s %s%s" % (aid, f.get("rule"), f.get("confidence"), short(f.get("text")),
                                       ("  [overlaps %s label]" % ",".join(c)) if c else ""))
    print("\nunlabelled findings on translated and non-english copy: %d" % len(other_unl))
    for aid, f, c in other_unl:
        print("  %s %-22s %-6s %s%s" % (aid, f.get("rule"), f.get("confidence"), short(f.get("text")),
                                       ("  [overlaps %s label]" % ",".join(c)) if c else ""))

    if args.verbose:
        print("\nper article: id group lang labels-found/labelled findings unmatched")
        for a in present:
            aid = a["id"]
            labs = [L for L in lab_by_art.get(aid, []) if L["rule"] != "other"]
            um = sum(1 for x in unmatched if x[0] == aid)
            print("  %-11s %-11s %-2s %2d/%-2d findings %2d unmatched %2d"
                  % (aid, a["group"], a["lang"], sum(L["found"] for L in labs), len(labs),
                     len(by_art.get(aid, [])), um))
        print("\nmissed labels:")
        for m in result["missed"]:
            print("  %s %-22s %s" % (m["id"], m["rule"], short(m["text"])))


if __name__ == "__main__":
    main()
