#!/usr/bin/env python3
"""Generate lexicons/entities/parties.generated.tsv: every Party Facts party not curated by hand.

Source: Party Facts, import/wikipedia/wikidata.csv (hdigital/partyfactsdata, 2026-03-11), MIT;
Doering & Regel (2019), "Party Facts: A database of political parties worldwide", Party Politics
25(2). A copy is in ../shared/data/partyfacts_wikidata.csv.

Hand-curated rows win: a party whose QID or English name is already in
lexicons/entities/organizations.tsv (see scripts/parties.py) is left out here, and so is a short
name that a curated row uses. For the others this writes one `en` row (the English name,
with the short name as an alias when it has three letters or more) and, when Party Facts has a
native name that differs, one `mul` row with the native name. The rows give entity-corruption
(and name-inconsistency) the names as they are spelt; their words anchor near-miss matching only
when few entities share them, like every other organisation name.

Re-run from the repository root (rewrites the file; then `UPDATE_LEXICONS=1 cargo test --test it lexicons::`):

    python3 lexicons/scripts/parties_generated.py [--partyfacts PATH]
"""
import csv
import datetime
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lexicons/entities/parties.generated.tsv")


def find_partyfacts():
    if "--partyfacts" in sys.argv:
        return sys.argv[sys.argv.index("--partyfacts") + 1]
    for p in (os.path.join(ROOT, "../shared/data/partyfacts_wikidata.csv"), "/work/shared/data/partyfacts_wikidata.csv"):
        if os.path.exists(p):
            return p
    sys.exit("partyfacts_wikidata.csv not found; pass --partyfacts PATH")


def clean(s):
    s = unicodedata.normalize("NFC", s or "").strip()
    s = re.sub(r"\s*\([^)]*\)\s*", " ", s)  # parenthetical notes
    s = s.replace("\t", " ").replace("|", "/")
    s = re.sub(r"\s+", " ", s).strip().strip("\"“”„«»")
    return s


def main():
    hand, hand_forms = set(), set()
    for line in open(os.path.join(ROOT, "lexicons/entities/organizations.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            f = line.rstrip("\n").split("\t")
            hand.add(f[0])
            hand_forms.update(x.casefold() for x in [f[3]] + [a for a in (f[4] if len(f) > 4 else "").split("|") if a])
    rows = {}
    for r in csv.DictReader(open(find_partyfacts(), encoding="utf-8")):
        qid = (r["wikidata_id"] or "").strip()
        if not re.fullmatch(r"Q\d+", qid) or qid in hand:
            continue
        name = clean(r["name"])
        if len(name) < 3:
            continue
        # a name curated by hand under an `x-` slug is the same party: the hand row wins
        if name.casefold() in hand_forms:
            continue
        short = clean(r["name_short"])
        native = clean(r["name_native"])
        en_aliases = [short] if len(short) >= 3 and short != name and short.casefold() not in hand_forms else []
        prev = rows.get((qid, "en"))
        if prev:  # one QID listed twice: keep the first name, add the other as an alias
            for a in [name] + en_aliases:
                if a != prev[0] and a not in prev[1]:
                    prev[1].append(a)
        else:
            rows[(qid, "en")] = (name, en_aliases)
        if native and native != name and len(native) >= 3 and (qid, "mul") not in rows:
            rows[(qid, "mul")] = (native, [])
    today = datetime.date.today().isoformat()
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# lexicon: entities\n# lang: mul\n")
        out.write(f"# source: generated {today} by lexicons/scripts/parties_generated.py from Party Facts "
                  "import/wikipedia/wikidata.csv (hdigital/partyfactsdata, 2026-03-11): every party whose QID "
                  "or English name is not curated in organizations.tsv; English name and short name (`en`), native name (`mul`)\n")
        out.write("# licence: MIT (Party Facts, cite Döring & Regel 2019), see NOTICE.md; Wikidata QIDs CC0\n")
        out.write("# columns: id\tkind\tlang\tcanonical\taliases\tcontext\n# key: id,lang\n")
        for (qid, lang), (name, aliases) in sorted(rows.items()):
            out.write(f"{qid}\tparty\t{lang}\t{name}\t{'|'.join(aliases)}\t\n")
    print(f"{len({q for q, _ in rows})} parties, {len(rows)} rows -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
