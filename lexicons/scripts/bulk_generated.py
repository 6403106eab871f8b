#!/usr/bin/env python3
"""Generate the compiled organisation and outlet lists of entity-corruption:

- lexicons/entities/organizations-bulk.generated.tsv (kind `organizations-bulk`): parties and
  parliamentary groups and the legislatures themselves from EveryPolitician (CC0), listed
  companies of the world's stock indices from pytickersymbols 1.17.10 (PyPI, MIT), and
  universities from Hipo's university-domains-list (MIT);
- lexicons/media/outlets-bulk.generated.tsv (kind `media-bulk`): newspapers with an official
  website from Wikidata (instance of Q11032, with country), as saved by the public repository
  patrickswickard/international_newspapers (`full_list_of_newspapers.json`, a Wikidata query
  result of 2023; Wikidata is CC0).

Names hand-curated in organizations.tsv, parties.generated.tsv or media/outlets.tsv are left
out (hand rows win). Dropped: one-word names that are common English words (SCOWL, Debian
`wamerican`), names shorter than four letters, names not in Latin script (the compiled index
is for Latin-script copy), labels that are bare Wikidata ids.

Usage:
    python3 lexicons/scripts/bulk_generated.py EP_GIT_DIR HIPO_GIT_DIR PYTICKERSYMBOLS_DIR NEWSPAPERS_JSON DICT
e.g. EP_GIT_DIR = a copy of everypolitician-data (tijmenb fork, 0642e77a), HIPO_GIT_DIR =
Hipo/university-domains-list (bb07faf), PYTICKERSYMBOLS_DIR = the unpacked wheel,
NEWSPAPERS_JSON = full_list_of_newspapers.json of patrickswickard/international_newspapers
(0d8b4a3), DICT = /usr/share/dict/american-english of wamerican.
"""

import ast
import json
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "lexicons/entities/organizations-bulk.generated.tsv"
OUTLETS = ROOT / "lexicons/media/outlets-bulk.generated.tsv"


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def latin(s):
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in s)


def tidy(name):
    name = unicodedata.normalize("NFC", " ".join(name.replace("\u00a0", " ").split()))
    name = name.replace("\t", " ").replace("|", "/")
    # trailing bracketed notes: "PM (Parti Monégasque)" keeps "PM", "Kerala Congress (M)" stays
    return name.strip(" -–,;:")


def recase(name):
    if name.isupper() and len(name.split()) >= 2:
        small = {"de", "del", "la", "el", "y", "e", "et", "du", "des", "le", "les", "of", "and", "the", "for", "di", "da", "do", "dos"}
        words = name.lower().split()
        return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return name


def keep(name, common):
    if not name or not latin(name) or re.fullmatch(r"Q\d+", name) or any(c.isdigit() for c in name[:1]):
        return False
    words = fold(name).split()
    letters = sum(c.isalpha() for c in name)
    if letters < 4:
        return False
    if len(words) == 1 and (words[0] in common or len(words[0]) < 5):
        return False
    if all(w in common for w in words) and len(words) <= 2:
        return False
    return True


def hand_names(paths, cols):
    out = set()
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            for c in cols:
                if c < len(f):
                    out.update(fold(x) for x in f[c].split("|") if x)
    return out


def country_codes():
    """English country name -> ISO code, from lexicons/places/country-names.en.tsv."""
    out = {}
    for line in open(ROOT / "lexicons/places/country-names.en.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        for n in f[1].split("|"):
            out[fold(n)] = f[0]
    extra = {"people's republic of china": "CN", "united states of america": "US", "kingdom of the netherlands": "NL",
             "state of palestine": "PS", "republic of ireland": "IE", "democratic republic of the congo": "CD",
             "republic of the congo": "CG", "czech republic": "CZ", "north macedonia": "MK", "the gambia": "GM",
             "the bahamas": "BS", "kingdom of denmark": "DK", "taiwan": "TW", "ivory coast": "CI", "east timor": "TL",
             "kosovo": "XK", "russia": "RU", "south korea": "KR", "north korea": "KP", "vietnam": "VN", "iran": "IR",
             "syria": "SY", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD"}
    out.update(extra)
    return out


def write(path, kind, source, licence, columns, key, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# lexicon: {kind}\n# lang: mul\n# source: {source}\n# licence: {licence}\n")
        out.write("# columns: " + "\t".join(columns) + "\n")
        out.write(f"# key: {key}\n")
        for r in rows:
            out.write("\t".join(r) + "\n")


def main():
    ep, hipo, pts, newspapers, dict_path = sys.argv[1:6]
    common = {w.strip() for w in open(dict_path, encoding="utf-8") if w.strip() and w.strip()[0].islower()}
    codes = country_codes()
    ent = ROOT / "lexicons/entities"
    hand_orgs = hand_names([ent / "organizations.tsv", ent / "parties.generated.tsv"], [3, 4])
    rows = {}  # (folded name, country) -> row

    def add(kind, cc, name, source_id):
        name = tidy(name)
        if not keep(name, common) or fold(name) in hand_orgs:
            return
        k = (fold(name), cc)
        if k not in rows:
            rows[k] = [name, cc, kind, source_id]

    # EveryPolitician: groups and legislatures
    countries = json.loads(subprocess.check_output(["git", f"--git-dir={ep}", "show", "HEAD:countries.json"]))
    import csv
    import io

    for country in countries:
        cc = country["code"].replace("X-", "").split("-")[0][:2]
        for leg in country["legislatures"]:
            add("legislature", cc, leg["name"], "everypolitician")
            for term in leg["legislative_periods"]:
                try:
                    text = subprocess.check_output(["git", f"--git-dir={ep}", "show", f"HEAD:{term['csv']}"]).decode("utf-8")
                except subprocess.CalledProcessError:
                    continue
                for r in csv.DictReader(io.StringIO(text)):
                    g = (r.get("group") or "").strip()
                    if not g or re.search(r"unknown|independ|speaker|^ind\b|vacant|non-?inscrit|^none$", g, re.I):
                        continue
                    g = re.sub(r"\s*\([^)]*\)\s*$", "", g) if len(g.split("(")[0].split()) >= 2 else g
                    if "(" in g or ")" in g:
                        continue
                    add("party", cc, recase(g), "everypolitician")
    # pytickersymbols: companies of stock indices
    text = open(Path(pts) / "pytickersymbols/indices_data.py", encoding="utf-8").read()
    indices = ast.literal_eval(text[text.index("{"):])
    for idx in indices.values():
        for c in idx.get("companies", []):
            cc = codes.get(fold(c.get("country") or ""))
            if cc and c.get("name"):
                add("company", cc, c["name"], "pytickersymbols")
    # universities
    unis = json.loads(subprocess.check_output(["git", f"--git-dir={hipo}", "show", "HEAD:world_universities_and_domains.json"]))
    for u in unis:
        cc = (u.get("alpha_two_code") or "").upper()
        if len(cc) == 2 and u.get("name"):
            add("university", cc, u["name"], "university-domains-list")
    org_rows = sorted(rows.values(), key=lambda r: ([r[0].lower(), r[1].lower()], [r[0], r[1]]))
    today = date.today().isoformat()
    write(
        ORGS,
        "organizations-bulk",
        f"generated {today} by lexicons/scripts/bulk_generated.py: parties, parliamentary groups and legislatures from "
        "EveryPolitician everypolitician-data (tijmenb fork @ 0642e77a, 2015-11-30); companies of stock indices from "
        "pytickersymbols 1.17.10 (PyPI); universities from Hipo/university-domains-list (bb07faf, 2026-06-20); names "
        "hand-curated in organizations.tsv or parties.generated.tsv left out (hand rows win); compiled into the binary by build.rs",
        "CC0 1.0 (EveryPolitician); MIT (pytickersymbols, names as facts); MIT (university-domains-list); see NOTICE.md",
        ["name", "country", "kind", "source"],
        "name,country",
        org_rows,
    )
    print(f"{len(org_rows)} organisations -> {ORGS}", file=sys.stderr)

    # outlets: Wikidata newspapers
    hand_outlets = hand_names([ROOT / "lexicons/media/outlets.tsv"], [0, 3])
    d = json.load(open(newspapers, encoding="utf-8"))
    out = {}
    for b in d["results"]["bindings"]:
        qid = b["item"]["value"].rsplit("/", 1)[-1]
        name = tidy(b.get("itemLabel", {}).get("value", ""))
        country = b.get("countryLabel", {}).get("value", "")
        cc = codes.get(fold(country))
        if not cc or not keep(name, common) or fold(name) in hand_outlets:
            continue
        out.setdefault((fold(name), cc), [name, cc, "newspaper", qid])
    outlet_rows = sorted(out.values(), key=lambda r: ([r[0].lower(), r[1].lower()], [r[0], r[1]]))
    write(
        OUTLETS,
        "media-bulk",
        f"generated {today} by lexicons/scripts/bulk_generated.py from Wikidata newspapers (instance of Q11032) with a "
        "country and an official website, as saved in patrickswickard/international_newspapers full_list_of_newspapers.json "
        "(0d8b4a3, 2023-12-29); home country = Wikidata country (P17); names in media/outlets.tsv left out (hand rows win); "
        "compiled into the binary by build.rs",
        "CC0 1.0 (Wikidata), see NOTICE.md",
        ["name", "country", "type", "qid"],
        "name,country",
        outlet_rows,
    )
    print(f"{len(outlet_rows)} outlets -> {OUTLETS}", file=sys.stderr)


if __name__ == "__main__":
    main()
