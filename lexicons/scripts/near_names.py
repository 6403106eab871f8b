#!/usr/bin/env python3
"""Generate lexicons/names/near-names.tsv: real words one or two letters from a newsmaker's name.

entity-corruption flags a word a letter or two from a known newsmaker's name ("Blinkin" for
Blinken). Many such words are real names of other people ("Barnes" near Barnea, "Chavez" near
Chaves, "Halit" near Shalit) or ordinary English words ("games" near Gates, "shore" near Store).
This file lists exactly those words, so that the rule asks for stronger context (the
newsmaker's first name and role) before it calls them a slip.

Sources (inputs are not committed; fetch them with the recipes in ../shared/LEXICON-SOURCES.md):
  * rigour 1.8.2 (PyPI) rigour/data/names/persons.txt: Wikidata given-name and family-name
    groups (MIT, (c) OpenSanctions; data CC0). Every Latin-script form is a real name.
  * SCOWL via Debian `wamerican` /usr/share/dict/american-english (permissive SCOWL licence,
    see NOTICE.md): lower-case entries only (common words, not proper nouns).

A form that rigour groups with the name token it is near is a spelling of that very name
("igor" for Ihor, "shmygal" for Shmyhal): it goes in `variant_of`, and a form with only such
neighbours has class `variant` (name-inconsistency's business, not a slip). Only forms near a name token of lexicons/entities/people*.tsv or lexicons/media/outlets.tsv are kept (Damerau-Levenshtein
distance 1, or 2 for tokens of eight letters or more, or the same letters with two moved), so
the file stays small and must be regenerated when the people lists change:

    pip download --no-deps -d /tmp/lexsrc/dl rigour==1.8.2
    unzip -q /tmp/lexsrc/dl/rigour-1.8.2-py3-none-any.whl 'rigour/data/names/*' -d /tmp/lexsrc/rigour
    (cd /tmp/lexsrc/dl && apt-get download wamerican) && dpkg-deb -x /tmp/lexsrc/dl/wamerican_*.deb /tmp/lexsrc/wam
    python3 lexicons/scripts/near_names.py          # from the repository root; W=/tmp/lexsrc by default
"""
import datetime
import glob
import os
import re
import sys
import unicodedata

W = os.environ.get("W", "/tmp/lexsrc")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PERSONS = f"{W}/rigour/rigour/data/names/persons.txt"
DICT = f"{W}/wam/usr/share/dict/american-english"
OUT = os.path.join(ROOT, "lexicons/names/near-names.tsv")


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


LATIN = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def damerau(a, b):
    # optimal string alignment distance, as strsim::damerau_levenshtein on these short words
    la, lb = len(a), len(b)
    d = [[0] * (lb + 1) for _ in range(la + 1)]
    for i in range(la + 1):
        d[i][0] = i
    for j in range(lb + 1):
        d[0][j] = j
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[la][lb]


def deletes(w, n):
    out = {w}
    frontier = {w}
    for _ in range(n):
        nxt = set()
        for x in frontier:
            for i in range(len(x)):
                nxt.add(x[:i] + x[i + 1:])
        out |= nxt
        frontier = nxt
    return out


def name_tokens():
    toks = set()
    paths = sorted(glob.glob(os.path.join(ROOT, "lexicons/entities/people*.tsv")))
    paths.append(os.path.join(ROOT, "lexicons/media/outlets.tsv"))
    for path in paths:
        cols = None
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# columns:"):
                cols = line[len("# columns:"):].strip().split("\t")
                continue
            if not line or line.startswith("#"):
                continue
            row = dict(zip(cols, line.split("\t")))
            forms = [row.get("canonical") or row.get("name", "")] + [a for a in row.get("aliases", "").split("|") if a]
            for f in forms:
                for t in f.split():
                    t = fold(t.strip(".,()\"'’"))
                    if t.endswith("'s"):
                        t = t[:-2]
                    if len(t) >= 4 and LATIN.match(t):
                        toks.add(t)
    return toks


def main():
    toks = name_tokens()
    index = {}
    for t in toks:
        for d in deletes(t, 2 if len(t) >= 8 else 1):
            index.setdefault(d, set()).add(t)
    # moved letters: same letters, two edits apart ("andalou"/"anadolu")
    def near(form):
        hits = set()
        for d in deletes(form, 2 if len(form) >= 8 else 1):
            hits |= index.get(d, set())
        out = []
        for t in hits:
            if t == form:
                continue
            dist = damerau(form, t)
            if dist <= (2 if len(t) >= 8 else 1) or (dist == 2 and len(t) >= 5 and sorted(form) == sorted(t)):
                out.append(t)
        return out

    # a second index at distance 2 for the moved-letter shape of shorter tokens
    short2 = {}
    for t in toks:
        if len(t) < 8:
            for d in deletes(t, 2):
                short2.setdefault(d, set()).add(t)

    def moved(form):
        hits = set()
        for d in deletes(form, 2):
            hits |= short2.get(d, set())
        return [t for t in hits if t != form and len(t) >= 5 and sorted(form) == sorted(t)]

    # rigour groups: a form in the same group as the name token is a spelling of that very name
    # ("shmygal" for Shmyhal), which name-inconsistency handles; only other names are kept
    groups = {}
    for gi, line in enumerate(open(PERSONS, encoding="utf-8")):
        forms, _, _qid = line.rpartition("=>")
        for f in forms.split(","):
            groups.setdefault(fold(f.strip()), set()).add(gi)

    rows = {}
    def add(form, cls):
        if form in toks or len(form) < 4 or not LATIN.match(form):
            return
        g = groups.get(form, set())
        all_near = set(near(form)) | set(moved(form))
        ns = {t for t in all_near if not (g & groups.get(t, set()))}
        vs = all_near - ns
        if not all_near:
            return
        prev = rows.get(form)
        if not ns and not (prev and prev[1]):
            cls = "variant"
        elif prev and prev[0] == "name" or cls == "name":
            cls = "name"
        rows[form] = (cls, (prev[1] if prev else set()) | ns, (prev[2] if prev else set()) | vs)

    n_rigour = 0
    for line in open(PERSONS, encoding="utf-8"):
        forms, _, _qid = line.rpartition("=>")
        for f in forms.split(","):
            f = fold(f.strip())
            if LATIN.match(f):
                n_rigour += 1
                add(f, "name")
    for line in open(DICT, encoding="utf-8"):
        w = line.strip()
        if w and w[0].islower() and "'" not in w:
            add(fold(w), "word")
    today = datetime.date.today().isoformat()
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# lexicon: near-names\n# lang: mul\n")
        out.write(f"# source: generated {today} by lexicons/scripts/near_names.py from rigour 1.8.2 (PyPI) "
                  "rigour/data/names/persons.txt (Wikidata name groups) and SCOWL (Debian wamerican 2020.12.07, "
                  "american-english, lower-case words); only forms one or two letters from a name token of "
                  "lexicons/entities/people*.tsv or lexicons/media/outlets.tsv\n")
        out.write("# licence: MIT (c) OpenSanctions Datenbanken GmbH, Wikidata data CC0; SCOWL word list (c) Kevin Atkinson, "
                  "permissive; see NOTICE.md\n")
        out.write("# columns: form\tclass\tnear\tvariant_of\n")
        for form in sorted(rows, key=lambda s: (s.lower(), s)):
            cls, ns, vs = rows[form]
            out.write(f"{form}\t{cls}\t{'|'.join(sorted(ns))}\t{'|'.join(sorted(vs))}\n")
    print(f"{len(toks)} name tokens; {n_rigour} rigour forms read; {len(rows)} near forms written to {OUT}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
