#!/usr/bin/env bash
# The million-story fault run (issue 20; not in CI): generated JSON Lines stories with 1% damaged
# lines, plus a few damaged files, checked with --format jsonl. It verifies that every good story
# has its story record and every damaged line its error record (by line number), reports
# throughput and peak RSS, then checks the same run piped into `head` ends at once and cleanly.
#
#   scripts/fault-run.sh [STORIES] [BINARY]     default 1000000, target/release/wirelint
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BIN=${2:-target/release/wirelint}
[ -x "$BIN" ] || { echo "build first: cargo build --release (or pass the binary)"; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$N" "$WORK" <<'PY'
import json, random, sys, os
n, work = int(sys.argv[1]), sys.argv[2]
random.seed(20)
cities = ["JAKARTA", "CAIRO", "BERLIN", "MOSCOW", "LIMA", "NAIROBI", "SEOUL"]
lines, bad = [], []
with open(os.path.join(work, "feed.jsonl"), "wb") as f:
    for i in range(1, n + 1):
        if i % 100 == 37:
            # 1% damaged lines, several kinds
            kind = (i // 100) % 5
            line = [b'{"id":"s%d","body":"cut off' % i,
                    b'{"id":"s%d","body":"caf\xff"}' % i,   # invalid UTF-8 (read strictly below)
                    b'not json at all %d' % i,
                    b'{"id":"s%d"}' % i,                     # no body
                    b'["s%d"]' % i][kind]
            bad.append(i)
        else:
            c = random.choice(cities)
            body = f"{c} - Officials met on Sunday in story {i}, the ministry said. The militant groups Hamas and Israeli Jihad were invited."
            line = json.dumps({"id": f"s{i}", "headline": f"Talks {i}", "body": body}).encode()
        f.write(line + b"\n")
open(os.path.join(work, "bad-lines.txt"), "w").write("\n".join(map(str, bad)) + "\n")
# damaged files beside it
open(os.path.join(work, "empty.jsonl"), "w").close()
open(os.path.join(work, "broken.json"), "w").write('{"uri": "x", "body_text": "unterminated')
open(os.path.join(work, "broken.xml"), "w").write("<nitf><body><body.content><p>Unclosed</body.content></nitf>")
PY

echo "stories: $N ($(wc -l < "$WORK/bad-lines.txt") damaged lines), feed $(du -h "$WORK/feed.jsonl" | cut -f1)"
start=$(date +%s.%N)
/usr/bin/time -f "%e s wall, %U s user, %M KB peak RSS" -o "$WORK/time" \
  "$BIN" check --no-config --no-progress --encoding utf-8 --format jsonl "$WORK/feed.jsonl" "$WORK/empty.jsonl" "$WORK/broken.json" "$WORK/broken.xml" \
  > "$WORK/out.jsonl" || true
end=$(date +%s.%N)
cat "$WORK/time"
python3 - "$N" "$WORK" "$start" "$end" <<'PY'
import json, sys, os
n, work, start, end = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
bad = set(int(x) for x in open(os.path.join(work, "bad-lines.txt")).read().split())
stories, errors, other_errors = set(), set(), []
for line in open(os.path.join(work, "out.jsonl"), encoding="utf-8"):
    r = json.loads(line)
    if r["type"] == "story" and r["path"].endswith("feed.jsonl"):
        stories.add(int(r["id"][1:]))
    elif r["type"] == "error" and r["path"].endswith("feed.jsonl"):
        errors.add(r["line"])
    elif r["type"] == "error":
        other_errors.append(os.path.basename(r["path"]))
good = set(range(1, n + 1)) - bad
assert stories == good, f"{len(good - stories)} good stories without a record, {len(stories - good)} extra"
assert errors == bad, f"{len(bad - errors)} damaged lines without an error, {len(errors - bad)} extra"
assert sorted(other_errors) == ["broken.json", "broken.xml", "empty.jsonl"], other_errors
secs = end - start
print(f"ok: {len(stories)} story records, {len(errors)} line errors, 3 file errors; {n / secs:,.0f} stories/s")
PY

# an early-exiting consumer: wirelint must stop at once (a closed pipe), exit cleanly, not hang
start=$(date +%s.%N)
set +o pipefail
"$BIN" check --no-config --no-progress --format jsonl "$WORK/feed.jsonl" 2> "$WORK/err" | head -n 5 > /dev/null
codes=("${PIPESTATUS[@]}")
end=$(date +%s.%N)
echo "piped into head -n 5: wirelint exit ${codes[0]}, $(python3 -c "print(f'{$end - $start:.2f}')") s, stderr: $(wc -c < "$WORK/err") bytes"
[ "${codes[0]}" = 0 ] && [ ! -s "$WORK/err" ] || { echo "FAIL: not a clean exit"; cat "$WORK/err"; exit 1; }
