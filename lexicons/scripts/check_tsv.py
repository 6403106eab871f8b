#!/usr/bin/env python3
"""Validate wirelint lexicon TSV files (stdlib only).

Usage: python3 lexicons/scripts/check_tsv.py FILE...

Checks, per lexicons/README.md: header lines (`# lexicon:`, `# lang:`, `# source:`, `# licence:`,
`# columns:`, optional `# key:`) before the first row; UTF-8; NFC; TAB-separated rows with no
more fields than columns; no leading/trailing whitespace in fields; no empty items in
`|`-separated fields; non-empty, unique keys; rows sorted by key columns compared
case-insensitively, then byte-wise. Some lexicon-specific vocabularies (entity kinds, language
codes, media types, ISO country codes, `ambiguous`) are checked too.
Exit status 1 if any error was found.
"""
import re
import sys
import unicodedata

HEADER_RE = re.compile(r"^#\s*(lexicon|lang|source|licence|columns|key):\s?(.*)$")
REQUIRED = ("lexicon", "lang", "source", "licence", "columns")
LANGS = {"en", "id", "es", "fr", "de", "pt", "ru", "tr", "ar", "zh", "mul"}
ENTITY_KINDS = {"org", "party", "armed-group", "igo", "government", "military", "court", "person"}
MEDIA_TYPES = {"agency", "newspaper", "broadcaster", "online", "magazine"}


def sort_key(vals):
    return ([v.lower() for v in vals], vals)


def check(path):
    errors = []

    def err(line, msg):
        errors.append(f"{path}:{line}: {msg}")

    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return [f"{path}: cannot read as UTF-8: {e}"]
    if text.startswith("\ufeff"):
        err(1, "byte-order mark")
    if "\r" in text:
        err(1, "CR line endings")
    if text and not text.endswith("\n"):
        err(text.count("\n") + 1, "no newline at end of file")

    header = {}
    columns = None
    key_idx = None
    seen = {}
    prev = None
    nrows = 0
    for n, line in enumerate(text.split("\n"), 1):
        if line == "" or line.strip() == "":
            if line != "":
                err(n, "whitespace-only line")
            continue
        if unicodedata.normalize("NFC", line) != line:
            err(n, "not NFC")
        if line.startswith("#"):
            m = HEADER_RE.match(line)
            if m and nrows == 0:
                name, value = m.group(1), m.group(2)
                if name in header:
                    err(n, f"duplicate header `{name}`")
                header[name] = value
                if name == "columns":
                    columns = value.split("\t")
                    if any(c.strip() != c or not c for c in columns):
                        err(n, "bad `columns` header (must be TAB-separated names)")
            if line != line.rstrip():
                err(n, "trailing whitespace")
            continue
        # a data row
        if nrows == 0:
            for h in REQUIRED:
                if h not in header:
                    err(n, f"missing `# {h}:` header before first row")
            if columns is None:
                return errors
            keys = header.get("key", columns[0]).split(",")
            keys = [k.strip() for k in keys]
            for k in keys:
                if k not in columns:
                    err(n, f"key column `{k}` not in columns")
                    return errors
            key_idx = [columns.index(k) for k in keys]
            if header.get("lang") and header["lang"] not in LANGS:
                err(n, f"unknown `lang` header `{header['lang']}`")
        nrows += 1
        fields = line.split("\t")
        if len(fields) > len(columns):
            err(n, f"{len(fields)} fields, but {len(columns)} columns")
            continue
        fields += [""] * (len(columns) - len(fields))
        for name, v in zip(columns, fields):
            if v != v.strip():
                err(n, f"leading/trailing whitespace in `{name}`")
            if "|" in v and any(p.strip() != p or p == "" for p in v.split("|")):
                err(n, f"empty or padded item in `{name}`")
        row = dict(zip(columns, fields))
        kv = [fields[i] for i in key_idx]
        if any(v == "" for v in kv):
            err(n, "empty key field")
        k = tuple(kv)
        if k in seen:
            err(n, f"duplicate key {k} (first at line {seen[k]})")
        else:
            seen[k] = n
        if prev is not None and sort_key(kv) < sort_key(prev):
            err(n, f"not sorted: {k} after {tuple(prev)}")
        prev = kv
        lex = header.get("lexicon")
        if lex == "entities":
            if row.get("kind") not in ENTITY_KINDS:
                err(n, f"unknown kind `{row.get('kind')}`")
            if row.get("lang") not in LANGS - {"mul"}:
                err(n, f"unknown lang `{row.get('lang')}`")
            if not row.get("canonical"):
                err(n, "empty canonical")
            al = row.get("aliases", "").split("|") if row.get("aliases") else []
            if row.get("canonical") in al:
                err(n, "alias repeats canonical")
            if len(set(al)) != len(al):
                err(n, "duplicate alias")
        elif lex == "media":
            if not re.fullmatch(r"[A-Z]{2}", row.get("country", "")):
                err(n, f"bad country `{row.get('country')}`")
            if row.get("type") not in MEDIA_TYPES:
                err(n, f"unknown type `{row.get('type')}`")
            if row.get("ambiguous") not in ("", "yes"):
                err(n, "`ambiguous` must be `yes` or empty")
        elif lex == "outlet-calques":
            if row.get("lang") not in LANGS - {"mul"}:
                err(n, f"unknown lang `{row.get('lang')}`")
        elif lex == "confusions":
            if " " in row.get("wrong", "") or " " in row.get("right", ""):
                err(n, "confusions are single words")
            if row.get("wrong") == row.get("right"):
                err(n, "wrong == right")
    if nrows == 0:
        err(1, "no rows")
    return errors


def check_entity_ids(paths):
    """Across entities files: every id needs an en and an id row; one kind per id."""
    errors = []
    langs, kinds = {}, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if not any(l.startswith("# lexicon: entities") for l in lines):
            continue
        for n, line in enumerate(lines, 1):
            if not line or line.startswith("#"):
                continue
            fs = line.split("\t")
            if len(fs) < 3:
                continue
            langs.setdefault(fs[0], set()).add(fs[2])
            if kinds.setdefault(fs[0], fs[1]) != fs[1]:
                errors.append(f"{path}:{n}: id {fs[0]} has kinds {kinds[fs[0]]} and {fs[1]}")
    for i, ls in sorted(langs.items()):
        for need in ("en", "id"):
            if need not in ls:
                errors.append(f"entities: id {i} has no `{need}` row")
    return errors


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    errors = []
    for p in argv:
        errors += check(p)
    errors += check_entity_ids(argv)
    for e in errors:
        print(e)
    print(f"{len(argv)} file(s), {len(errors)} error(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
