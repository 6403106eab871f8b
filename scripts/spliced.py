#!/usr/bin/env python3
"""Spliced-sentence recall of `untranslated-fragment` (LG001), issue #15.

Builds a set of native English stories with one foreign sentence spliced into each, plus as
many untouched native stories as controls, runs `wirelint check --no-config --format jsonl` on
it and scores LG001:

  * a spliced story is *found* when an untranslated-fragment finding on its body overlaps the
    spliced sentence's byte span;
  * a *false finding* is an untranslated-fragment finding on a control story, or one in a
    spliced story that does not overlap the splice; reported per 1,000 stories (spliced and
    controls together).

Data (local, research licences; nothing of it is committed): the native stories of
`<corpus>/news-en.jsonl` and the language-ID test sentences `<corpus>/sentences/<iso>.txt`
(500 per language, from lingua's test data), as built by ../shared/corpus/README.md. The set
is written to `target/spliced/` (git-ignored).

Development / held-out split: sentences 0-249 of each file are the development half (the
default), sentences 250-499 the held-out half (`--held-out`), so the rule is not fitted to the
sentences it is scored on. Everything is deterministic for a given `--seed`.

Two modes:
  * default: the sentence is inserted inside an existing body paragraph after a sentence end
    (`... said. <sentence> The ...`, or at the end of the paragraph), mid-story, with a space:
    a sentence a translator left untranslated;
  * `--paragraph`: the sentence is its own paragraph between two body paragraphs.
  * `--both`: both modes, one after the other.

Usage:
  python3 scripts/spliced.py                 # dev half, 100 sentences per language
  python3 scripts/spliced.py --held-out --both
  python3 scripts/spliced.py --verbose       # also list misses and false findings

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("id", "es", "fr", "de", "pt", "ru", "tr", "ar", "zh", "vi", "it", "nl")
RULE = "untranslated-fragment"
# a sentence end inside a paragraph: a lower-case word of 3+ letters, a full stop, a space and
# a capital (not `U.S. Treasury`, `Mr. Baker`, `Corp. said`)
SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!?]) (?=[A-Z])")


def load_stories(path):
    stories = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = json.loads(line)
            paras = s["body"].split("\n\n")
            # mid-story needs a paragraph before and after the insertion point
            if len(paras) >= 3 and len(s["body"].split()) >= 80:
                stories.append(s)
    return stories


def load_sentences(corpus, lang, held_out):
    with open(os.path.join(corpus, "sentences", f"{lang}.txt"), encoding="utf-8") as f:
        lines = [ln.strip() for ln in f]
    lo, hi = (250, 500) if held_out else (0, 250)
    return [(i, lines[i]) for i in range(lo, min(hi, len(lines))) if lines[i]]


def insertion_points(body, paragraph):
    """Character offsets where a sentence may go, mid-story: after the first paragraph (the
    dateline's) and before the last."""
    out = []
    starts = [0]
    for m in re.finditer("\n\n", body):
        starts.append(m.end())
    ends = [s2 - 2 for s2 in starts[1:]] + [len(body)]
    for k in range(1, len(starts) - 1):
        ps, pe = starts[k], ends[k]
        para = body[ps:pe]
        if paragraph:
            out.append(pe)
            continue
        if re.search(r"[a-z0-9)][.!?][\"”']?$", para):
            out.append(pe)
        for m in SENTENCE_END.finditer(para):
            out.append(ps + m.start())
    return out


def splice(body, sentence, pos, paragraph):
    """Inserts the sentence at char offset pos; returns the new body and the byte span."""
    sep = "\n\n" if paragraph else " "
    before = body[:pos] + sep
    new = before + sentence + body[pos:]
    start = len(before.encode("utf-8"))
    return new, (start, start + len(sentence.encode("utf-8")))


def build(args, paragraph):
    corpus = args.corpus
    rng = random.Random(args.seed)
    stories = load_stories(os.path.join(corpus, "news-en.jsonl"))
    rng.shuffle(stories)
    need = len(LANGS) * args.n
    if 2 * need > len(stories):
        sys.exit(f"need {2 * need} stories with 3+ paragraphs, have {len(stories)}")
    spliced, controls, records = {}, set(), []
    k = 0
    for lang in LANGS:
        sents = load_sentences(corpus, lang, args.held_out)
        picked = random.Random(f"{args.seed}-{lang}-{args.held_out}").sample(sents, min(args.n, len(sents)))
        for idx, sent in picked:
            while True:
                s = stories[k]
                k += 1
                points = insertion_points(s["body"], paragraph)
                if points:
                    break
            pos = random.Random(f"{args.seed}-{s['id']}").choice(points)
            body, span = splice(s["body"], sent, pos, paragraph)
            sid = f"spliced-{lang}-{idx:03d}-{s['id']}"
            rec = dict(s, id=sid, body=body)
            records.append(rec)
            spliced[sid] = (lang, idx, span, sent)
    for s in stories[k : k + need]:
        cid = f"control-{s['id']}"
        records.append(dict(s, id=cid))
        controls.add(cid)
    return records, spliced, controls


def run(args, records):
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "spliced.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    cmd = [args.binary, "check", "--no-config", "--format", "jsonl", "-j", str(args.jobs), path]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[:2000]}")
    findings, languages = defaultdict(list), {}
    for line in p.stdout.splitlines():
        o = json.loads(line)
        if o.get("type") == "finding" and o.get("rule") == RULE:
            findings[o["id"]].append(o)
        elif o.get("type") == "story":
            languages[o["id"]] = o.get("language")
    return findings, languages


def score(args, paragraph):
    records, spliced, controls = build(args, paragraph)
    findings, languages = run(args, records)
    found = defaultdict(int)
    total = defaultdict(int)
    false, misses, false_list = 0, [], []
    for sid, (lang, idx, span, sent) in spliced.items():
        total[lang] += 1
        hit = False
        for f in findings.get(sid, []):
            fs = (f["span"]["start"], f["span"]["end"])
            if f.get("field", "body") == "body" and fs[0] < span[1] and span[0] < fs[1]:
                hit = True
            else:
                false += 1
                false_list.append((sid, f))
        if hit:
            found[lang] += 1
        else:
            misses.append((sid, lang, idx, languages.get(sid), sent))
    for cid in controls:
        for f in findings.get(cid, []):
            false += 1
            false_list.append((cid, f))
    stories = len(spliced) + len(controls)
    not_en = sum(1 for sid in spliced if languages.get(sid) != "en")
    mode = "own paragraph" if paragraph else "sentence in paragraph"
    half = "held-out (sentences 250-499)" if args.held_out else "development (sentences 0-249)"
    print(f"## {mode}, {half}: {len(spliced)} spliced + {len(controls)} control stories, seed {args.seed}")
    print("lang  found  recall")
    for lang in LANGS:
        if total[lang]:
            print(f"{lang:4} {found[lang]:3}/{total[lang]:<3} {found[lang] / total[lang]:.2f}")
    n_found, n_total = sum(found.values()), sum(total.values())
    print(f"all  {n_found:4}/{n_total:<4} {n_found / max(n_total, 1):.3f}")
    print(f"false findings: {false} ({1000 * false / max(stories, 1):.2f} per 1,000 stories)")
    if not_en:
        print(f"spliced stories not read as English: {not_en}")
    if args.verbose:
        for sid, lang, idx, lang_read, sent in misses:
            print(f"MISS {lang} #{idx} (story read as {lang_read}): {sent[:160]}")
        for sid, f in false_list:
            print(f"FALSE {sid}: {f['text'][:160]} | {f['message'][:200]}")
    print()
    return n_found / max(n_total, 1), false


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("CORPUS_DIR", os.path.join(ROOT, "target", "corpus", "corpus")))
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "wirelint"))
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "spliced"))
    ap.add_argument("--n", type=int, default=100, help="sentences per language (default 100)")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--held-out", action="store_true", help="score on sentences 250-499 instead of 0-249")
    ap.add_argument("--paragraph", action="store_true", help="the sentence is its own paragraph")
    ap.add_argument("--both", action="store_true", help="both modes: in a paragraph, then its own paragraph")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false findings")
    args = ap.parse_args()
    modes = [False, True] if args.both else [args.paragraph]
    for paragraph in modes:
        score(args, paragraph)


if __name__ == "__main__":
    main()
