"""Rewrites wirelint TSV lexicons into canonical order: header kept, data rows sorted by the
`# key:` columns (default: the first), compared case-insensitively then byte-wise, and NFC.

    python3 lexicons/scripts/sort_tsv.py lexicons/phrases/*.tsv
"""
import sys
import unicodedata

for path in sys.argv[1:]:
    head, rows, cols, key = [], [], [], None
    for line in open(path, encoding='utf-8').read().splitlines():
        if not rows and (line.startswith('#') or not line.strip()):
            head.append(line)
            body = line[1:].strip()
            if body.startswith('columns:'):
                cols = [c for part in body.split(':', 1)[1].split('\t') for c in part.split()]
            elif body.startswith('key:'):
                key = [c.strip() for c in body.split(':', 1)[1].split(',')]
            continue
        if line.strip() and not line.startswith('#'):
            rows.append(unicodedata.normalize('NFC', line))
    idx = [cols.index(k) for k in key] if key else [0]
    def sort_key(r):
        f = r.split('\t')
        k = [f[i].strip() if i < len(f) else '' for i in idx]
        return ([x.lower() for x in k], k)
    rows.sort(key=sort_key)
    open(path, 'w', encoding='utf-8').write('\n'.join(head + rows) + '\n')
