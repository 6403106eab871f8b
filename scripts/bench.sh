#!/usr/bin/env bash
# Whole-process benchmark of the release binary on the native news corpus (issue 16).
#
#   scripts/bench.sh                 build the release binary, then measure it
#   BIN=/path/to/wirelint scripts/bench.sh     measure another binary (e.g. an older build)
#   CORPUS_DIR=... (default target/corpus/corpus)   REPEAT=N (default 3, best run kept)
#
# Prints, every rule on, `check --no-config --format jsonl`, output to /dev/null:
# 1. per story: news-en-5mb.jsonl with -j1 and -j2: wall, CPU (user+sys), MB/s wall,
#    MB per CPU-second, peak RSS, and the 2-thread speed-up;
# 2. one document: the first 1, 2, 4 and 8 MB of news-en-5mb.txt (repeated for 8 MB) as a
#    single plain-text story: seconds (wall and CPU) per MB, peak RSS;
# 3. start-up: a one-line story, median and minimum of 20 runs (wall and CPU).
#
# The corpus is research-licensed: the cut documents are written under target/ only, never
# into the repository. Needs python3 (standard library). Numbers: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
CORPUS="${CORPUS_DIR:-target/corpus/corpus}"
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN="$TARGET/release/wirelint"
fi
OUT="$TARGET/bench"
mkdir -p "$OUT"
for f in news-en-5mb.jsonl news-en-5mb.txt; do
    [ -f "$CORPUS/$f" ] || { echo "missing $CORPUS/$f (build the native corpus first, or set CORPUS_DIR)" >&2; exit 2; }
done

python3 - "$BIN" "$CORPUS" "$OUT" "${REPEAT:-3}" <<'PY'
import os, platform, statistics, subprocess, sys, time

binary, corpus, out, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
jsonl = os.path.join(corpus, "news-en-5mb.jsonl")
txt = open(os.path.join(corpus, "news-en-5mb.txt"), "rb").read()

def cut(n):
    """The first n bytes of the text (repeated as needed), ending on a UTF-8 boundary."""
    data = txt
    while len(data) < n:
        data += b"\n\n" + txt
    data = data[:n]
    while data and (data[-1] & 0xC0) == 0x80:
        data = data[:-1]
    if data and data[-1] >= 0xC0:
        data = data[:-1]
    return data

def run(args):
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(args)} exited {code}: {err}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

def best(args, n=repeat):
    return min((run(args) for _ in range(n)), key=lambda r: r[1])

base = [binary, "check", "--no-config", "--no-progress", "--format", "jsonl"]
print(f"binary: {binary}")
print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, load {os.getloadavg()[0]:.2f}")

# --- per story ----------------------------------------------------------------------------------
mb = os.path.getsize(jsonl) / 1e6
run(base + ["-j", "2", jsonl])  # warm the page cache
walls = {}
for j in ("1", "2"):
    wall, cpu, rss = best(base + ["-j", j, jsonl])
    walls[j] = wall
    print(f"per story, -j{j}: {mb:.1f} MB in {wall:6.2f} s wall, {cpu:6.2f} s CPU: {mb / wall:6.1f} MB/s wall, "
          f"{mb / cpu:6.1f} MB per CPU-second, peak RSS {rss:6.1f} MB")
print(f"per story, 2 threads vs 1 (wall): {walls['1'] / walls['2']:.2f}x")

# --- one document -------------------------------------------------------------------------------
for n in (1, 2, 4, 8):
    path = os.path.join(out, f"doc-{n}mb.txt")
    data = cut(n * 1000 * 1000)
    if not os.path.exists(path) or os.path.getsize(path) != len(data):
        open(path, "wb").write(data)
    wall, cpu, rss = best(base + ["-j", "1", path], max(1, repeat - 1))
    size = len(data) / 1e6
    print(f"one document, {n} MB: {wall:6.2f} s wall, {cpu:6.2f} s CPU: {cpu / size:5.2f} s CPU per MB "
          f"({size / cpu:5.1f} MB per CPU-second), peak RSS {rss:6.1f} MB")

# --- start-up -----------------------------------------------------------------------------------
tiny = os.path.join(out, "tiny.txt")
open(tiny, "w").write("Talks\n\nJAKARTA - The militant groups Hamas and Israeli Jihad were invited to Moscow.\n")
runs = [run(base + [tiny]) for _ in range(20)]
w = sorted(r[0] for r in runs)
c = sorted(r[1] for r in runs)
print(f"start-up (one-line story, every rule): wall median {statistics.median(w) * 1000:.1f} ms (min {w[0] * 1000:.1f}), "
      f"CPU median {statistics.median(c) * 1000:.1f} ms (min {c[0] * 1000:.1f}), peak RSS {max(r[2] for r in runs):.1f} MB")
PY
