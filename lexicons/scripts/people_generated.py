#!/usr/bin/env python3
"""Generate lexicons/entities/people-bulk.generated.tsv: legislators of many countries from
EveryPolitician (everypolitician-data, CC0), for entity-corruption's compiled people index.

Source: the `data/<Country>/<Legislature>/term-*.csv` files and `countries.json` of a git copy
of everypolitician-data (the snapshot read here is the tijmenb/everypolitician-data fork at
commit 0642e77a, 2015-11-30; the upstream repository is too large to copy whole). The data is
CC0 (public domain dedication), see lexicons/NOTICE.md.

Kept: members of legislative terms that started in 2000 or later; names written in Latin
script with a first name and a surname of at least four letters; honorifics and titles dropped,
names written in capitals re-cased. Dropped: a name whose surname or every word is a common
English word (SCOWL, Debian `wamerican`), one-word names, names with digits or brackets, and
people whose name is already hand-curated in people.tsv / people-sport.tsv (hand rows win).
Rows are `id` (ep-<first 12 hex digits of the EveryPolitician person id>), `country` (ISO
3166-1 alpha-2 of the legislature), `canonical`, `aliases` (other spellings the source gives),
`context` (the party or group as the source names it), `years` (first and last term start).

Usage:
    (cd /tmp && apt-get download wamerican && dpkg-deb -x wamerican_*.deb /tmp/wam)
    python3 lexicons/scripts/people_generated.py GIT_DIR_OF_EVERYPOLITICIAN_DATA /tmp/wam/usr/share/dict/american-english
"""

import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "lexicons/entities/people-bulk.generated.tsv"
SNAPSHOT = "tijmenb/everypolitician-data @ 0642e77a (2015-11-30)"

# honorifics and titles before a name (folded, without a final dot)
TITLES = {
    "dr", "hon", "honourable", "honorable", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady",
    "sen", "senator", "rep", "alhaji", "alhaja", "dato", "datuk", "datin", "tan", "sri", "tun", "haji", "hajjah", "hj",
    "ir", "drs", "h", "hc", "ing", "mag", "mgr", "dipl", "rev", "reverend", "pastor", "bishop", "chief", "eng", "engr",
    "arch", "gen", "col", "maj", "capt", "lt", "sheikh", "shaikh", "sayyid", "mp", "md", "phd", "jr", "sr", "ii", "iii",
    "iv", "dra", "lic", "abg", "dk", "pg", "yb", "yab", "ybhg", "he", "rt", "right", "nana", "otumfuo", "dott", "doc",
    "mme", "mlle", "m", "sra", "sr", "don", "dona", "doña", "ustaz", "kyai", "kh", "tgk", "teuku", "pdt", "brig",
}


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def latin(s):
    for c in s:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "")):
            return False
    return True


def recase(word):
    """A word written in capitals, re-cased: `SHAMETI` -> `Shameti`, `MCDONALD` stays odd but rare."""
    if word.isupper() and len(word) > 1:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def clean(name):
    name = unicodedata.normalize("NFC", name.strip())
    if not name or any(ch.isdigit() for ch in name) or any(ch in name for ch in "()[]{},;/\"@&+=?!*_"):
        return None
    if not latin(name):
        return None
    words = name.replace("\u00a0", " ").split()
    # titles and initials at the start
    while words and (fold(words[0]).rstrip(".") in TITLES or words[0].endswith(".")):
        words = words[1:]
    # suffixes and initials at the end
    while words and (fold(words[-1]).rstrip(".") in TITLES or words[-1].endswith(".")):
        words = words[:-1]
    words = [recase(w) for w in words]
    if len(words) < 2 or len(words) > 5:
        return None
    if any(not re.fullmatch(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?", w) for w in words):
        return None
    if not words[-1][:1].isupper() or not words[0][:1].isupper():
        return None
    return " ".join(words)


def git(gitdir, *args):
    return subprocess.check_output(["git", f"--git-dir={gitdir}", *args])


def main():
    gitdir, dict_path = sys.argv[1], sys.argv[2]
    common = {w.strip() for w in open(dict_path, encoding="utf-8") if w.strip() and w.strip()[0].islower()}
    hand = set()
    for f in ["people.tsv", "people-sport.tsv"]:
        for line in open(ROOT / "lexicons/entities" / f, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            for form in [cols[3]] + [a for a in (cols[4].split("|") if len(cols) > 4 else []) if a]:
                hand.add(fold(form))
    countries = json.loads(git(gitdir, "show", "HEAD:countries.json"))
    people = {}  # ep id -> data
    for country in countries:
        cc = country["code"].replace("X-", "").split("-")[0][:2]
        for leg in country["legislatures"]:
            for term in leg["legislative_periods"]:
                start = (term.get("start_date") or "")[:4]
                if not start.isdigit() or int(start) < 2000:
                    continue
                try:
                    text = git(gitdir, "show", f"HEAD:{term['csv']}").decode("utf-8")
                except subprocess.CalledProcessError:
                    continue
                for r in csv.DictReader(io.StringIO(text)):
                    pid = r.get("id") or ""
                    name = clean(r.get("name") or "")
                    if not pid or not name:
                        continue
                    key = "ep-" + re.sub(r"[^0-9a-f]", "", pid.lower())[:12]
                    if len(key) < 10:
                        continue
                    p = people.setdefault(key, {"cc": cc, "names": [], "groups": set(), "years": set()})
                    if name not in p["names"]:
                        p["names"].append(name)
                    g = (r.get("group") or "").strip()
                    if g and not re.search(r"unknown|independ|^ind$|^-$", g, re.I) and "\t" not in g and "|" not in g:
                        p["groups"].add(unicodedata.normalize("NFC", g))
                    p["years"].add(int(start))
    rows = []
    seen_names = defaultdict(set)
    for key, p in people.items():
        names = []
        for n in p["names"]:
            f = fold(n)
            words = f.replace("-", " ").split()
            surname = words[-1]
            if len(surname) < 4 or surname in common or all(w in common for w in words) or f in hand:
                continue
            names.append(n)
        if not names:
            continue
        canonical, aliases = names[0], names[1:4]
        seen_names[fold(canonical)].add(key)
        groups = sorted(p["groups"], key=str.lower)[:2]
        years = f"{min(p['years'])}-{max(p['years'])}" if p["years"] else ""
        rows.append((key, p["cc"], canonical, "|".join(aliases), "|".join(groups), years))
    # one name, two ids (two legislatures, or namesakes): keep both ids, they are real people
    rows.sort(key=lambda r: (r[0].lower(), r[0]))
    today = date.today().isoformat()
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# lexicon: people-bulk\n")
        out.write("# lang: mul\n")
        out.write(
            f"# source: generated {today} by lexicons/scripts/people_generated.py from EveryPolitician everypolitician-data "
            f"({SNAPSHOT}): members of legislative terms that started in 2000 or later, Latin-script names, titles dropped, "
            "common-word surnames dropped (SCOWL), hand-curated people excluded (hand rows win); compiled into the binary by build.rs\n"
        )
        out.write("# licence: CC0 1.0 (EveryPolitician data), see NOTICE.md\n")
        out.write("# columns: id\tcountry\tcanonical\taliases\tcontext\tyears\n")
        out.write("# key: id\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"{len(rows)} people, {len(seen_names)} distinct names -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
