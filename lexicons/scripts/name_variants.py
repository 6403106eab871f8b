#!/usr/bin/env python3
"""Builds lexicons/names/variants.tsv: spelling-variant groups of personal names.

Source: rigour==1.8.2 (MIT, (c) OpenSanctions Datenbanken GmbH), file
rigour/data/names/persons.txt, built from Wikidata given-name and family-name items (CC0).

    pip download --no-deps -d dl rigour==1.8.2
    unzip -q dl/rigour-1.8.2-py3-none-any.whl 'rigour/data/names/*' -d rigour
    python3 lexicons/scripts/name_variants.py rigour/rigour/data/names/persons.txt > lexicons/names/variants.tsv

Filter (keeps the file small and relevant to translated news copy):
- a form is kept when it is one Latin-script word of at least 4 letters (no spaces);
- a group is kept when it has at least 2 Latin forms that differ
  after diacritics, hyphens and doubled letters are folded (wirelint folds those itself) AND it also has a form in Arabic,
  Cyrillic, Hebrew or Persian script: the names that reach English copy through transliteration,
  where spellings drift (Shtayyeh/Shtayyah, Zelensky/Zelenskyy, Haniyeh/Haniya);
- at most 8 Latin forms per group (the shortest ones);
- the file is capped at ~300 kB: groups with the most forms overall (a proxy for how widely a name is
  used: Wikidata has labels in more languages and scripts for prominent names) are kept first.
Rows are sorted by Wikidata id.
"""
import re
import sys
import unicodedata

MAX_FORMS = 8
MAX_BYTES = 300_000


def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c)).casefold()


def light(s):
    """Diacritics, case, hyphens and apostrophes, doubled letters: wirelint folds these itself."""
    return re.sub(r'(.)\1+', r'\1', re.sub(r"[-']", '', fold(s)))


def script(s):
    scripts = set()
    for c in s:
        if not c.isalpha():
            continue
        n = unicodedata.name(c, '')
        for sc in ('LATIN', 'CYRILLIC', 'ARABIC', 'HEBREW'):
            if n.startswith(sc):
                scripts.add(sc)
                break
        else:
            scripts.add('OTHER')
    return scripts


def main(path):
    rows = []
    for line in open(path, encoding='utf-8'):
        if '=>' not in line:
            continue
        forms, qid = line.rsplit('=>', 1)
        qid = qid.strip()
        forms = [unicodedata.normalize('NFC', f.strip()) for f in forms.split(',') if f.strip()]
        latin, translit = [], False
        for f in forms:
            sc = script(f)
            if sc == {'LATIN'}:
                if ' ' not in f and sum(c.isalpha() for c in f) >= 4 and all(c.isalpha() or c in "-'" for c in f):
                    latin.append(f)
            elif sc & {'CYRILLIC', 'ARABIC', 'HEBREW'}:
                translit = True
        folded = sorted({fold(f) for f in latin}, key=lambda f: (len(f), f))
        if not translit or len({light(f) for f in folded}) < 2:
            continue
        rows.append((len(forms), qid, folded[:MAX_FORMS]))
    # prominence proxy: names with forms in many scripts and languages first, then cap the size
    rows.sort(key=lambda r: (-r[0], r[1]))
    kept, size = [], 0
    for _, qid, forms in rows:
        size += len(qid) + 2 + sum(len(f.encode()) + 1 for f in forms)
        if size > MAX_BYTES:
            break
        kept.append((qid, forms))
    rows = sorted(kept, key=lambda r: (r[0].lower(), r[0]))
    out = sys.stdout
    out.write('# lexicon: name-variants\n# lang: mul\n')
    out.write('# source: rigour 1.8.2 (PyPI) rigour/data/names/persons.txt, Wikidata name groups; filtered by lexicons/scripts/name_variants.py\n')
    out.write('# licence: MIT (c) OpenSanctions Datenbanken GmbH; underlying Wikidata data CC0; see NOTICE.md\n')
    out.write('# columns: id\tforms\n')
    for qid, forms in rows:
        out.write(f'{qid}\t{"|".join(forms)}\n')
    print(len(rows), 'groups', sum(len(f) for _, f in rows), 'forms', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1])
