#!/usr/bin/env python3
"""Generate lexicons/language/vocabulary.mul.tsv: the common words of eleven Latin-script languages.

Source: wordfreq 3.1.1 (Robyn Speer, https://github.com/rspeer/wordfreq, PyPI), whose word
frequency data is licensed CC BY-SA 4.0 (it is built from Wikipedia, subtitles, news, books,
web text and social media; see wordfreq's README). This file is derived from that data and is
CC BY-SA 4.0 too (see lexicons/NOTICE.md).

For each language in LANGS, its 5,000 most frequent alphabetic words of two letters or more go
in; each row then lists every language of LANGS in which the word is common: Zipf frequency
>= 3.0 (about once in a million words) and within 1.0 of the word's frequency in the language
that uses it most (wordfreq's web and social-media sources put English words into every
language's counts: `the` has Zipf 5.4 in Spanish). untranslated-fragment reads it for short segments (a
caption, an image's alt text, a CMS field label, a menu item) that have no function word to go
by: `Bandera inglesa` is two Spanish words neither of which English uses, `Updated on:` in
Indonesian copy two English ones.

Re-run from the repository root (rewrites the file; then `UPDATE_LEXICONS=1 cargo test --test it lexicons::`):

    pip install wordfreq==3.1.1
    python3 lexicons/scripts/vocabulary.py
"""
import datetime
import os
import re
import unicodedata

import wordfreq

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "lexicons/language/vocabulary.mul.tsv")

# Latin-script languages whose copy wirelint reads, or which it meets as a source language
LANGS = ["en", "de", "es", "fr", "id", "it", "ms", "nl", "pt", "tr", "vi"]
TOP = 5000
COMMON = 3.0
# web text in every language is full of English (`the` has Zipf 5.4 in Spanish web text), so a
# word is common in a language only when it is also within MARGIN of its best language
MARGIN = 1.0
WORD = re.compile(r"[^\W\d_]{2,}")


def main():
    words = {}
    for lang in LANGS:
        n = 0
        for w in wordfreq.top_n_list(lang, TOP * 3):
            w = unicodedata.normalize("NFC", w)
            if not WORD.fullmatch(w) or w != w.lower():
                continue
            words.setdefault(w, None)
            n += 1
            if n >= TOP:
                break
    rows = []
    for w in words:
        z = {l: wordfreq.zipf_frequency(w, l) for l in LANGS}
        top = max(z.values())
        langs = [l for l in LANGS if z[l] >= COMMON and z[l] >= top - MARGIN]
        if langs:
            rows.append((w, "|".join(langs)))
    rows.sort(key=lambda r: r[0].encode("utf-8"))
    today = datetime.date.today().isoformat()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# lexicon: vocabulary\n")
        f.write("# lang: mul\n")
        f.write(
            f"# source: generated {today} by lexicons/scripts/vocabulary.py from wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'}"
            f" (rspeer/wordfreq): the {TOP} most frequent words of each of {' '.join(LANGS)}; `langs` lists every one of them in which the word is common (Zipf >= {COMMON} and within {MARGIN} of its most frequent language)\n"
        )
        f.write("# licence: CC BY-SA 4.0 (wordfreq data), see NOTICE.md\n")
        f.write("# note: generated; re-run the script rather than editing rows by hand\n")
        f.write("# columns: word\tlangs\n")
        f.write("# key: word\n")
        for w, langs in rows:
            f.write(f"{w}\t{langs}\n")
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
