#!/usr/bin/env bash
# Whole-process benchmark of the release binary on a generated, reproducible corpus.
#
#   scripts/bench-corpus.sh [SIZE_MB]        (default 25)
#
# 1. Generates SIZE_MB of JSON Lines by recombining the English stories of the evaluation set
#    (tests/eval/stories/en-*.txt): headline of one story, paragraphs drawn from several, varied
#    ids and sources, fixed random seed. No downloads; the same bytes on every machine.
# 2. Builds the release binary and runs `wirelint check --format jsonl` over the corpus with
#    1 and 2 threads (output to /dev/null), plus JSONL on stdin, and start-up on a tiny story.
# 3. Prints MB/s, stories/s, CPU time, peak RSS (wait4 rusage) and start-up time.
#
# Needs python3 (standard library only). Numbers and the machine: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${1:-25}"
OUT="${BENCH_DIR:-${CARGO_TARGET_DIR:-target}/bench-corpus}"
mkdir -p "$OUT"
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/wirelint"

python3 - "$SIZE_MB" "$OUT" "$BIN" <<'PY'
import json, os, random, subprocess, sys, time, glob, platform

size_mb, out, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3]
corpus = os.path.join(out, f"corpus-{size_mb}mb.jsonl")
tiny = os.path.join(out, "tiny.txt")

# --- generate -------------------------------------------------------------------------------
stories = []
for p in sorted(glob.glob("tests/eval/stories/en-*.txt")):
    text = open(p, encoding="utf-8").read().strip()
    head, _, body = text.partition("\n\n")
    paras = [x for x in body.split("\n\n") if x.strip()]
    stories.append((head.strip(), paras))
rng = random.Random(20250304)
sources = ["Reuters", "AP", "AFP", "Antara", "Bernama", "dpa", "EFE", "Anadolu", "Xinhua", "partner-feed-7"]
target = size_mb * 1000 * 1000
n = 0
written = 0
with open(corpus, "w", encoding="utf-8") as f:
    while written < target:
        head, paras = rng.choice(stories)
        body = [paras[0]]
        for _ in range(rng.randint(4, 9)):
            body.append(rng.choice(rng.choice(stories)[1][1:] or paras))
        rec = {"id": f"bench-{n:07d}", "source": rng.choice(sources), "headline": head, "body": "\n\n".join(body)}
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        f.write(line)
        written += len(line.encode("utf-8"))
        n += 1
with open(tiny, "w", encoding="utf-8") as f:
    f.write("Talks\n\nJAKARTA - The militant groups Hamas and Israeli Jihad were invited to Moscow.\n")
mb = written / 1e6
print(f"corpus: {corpus}: {mb:.1f} MB, {n} stories ({written / n / 1000:.1f} KB each)")

# --- measure ----------------------------------------------------------------------------------
def run(args, stdin=None):
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
        p = subprocess.Popen(args, stdout=null, stderr=subprocess.PIPE, stdin=fin)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        err = p.stderr.read().decode()
        if stdin:
            fin.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(args)} exited {code}: {err}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

base = [binary, "check", "--no-config", "--no-progress", "--format", "jsonl"]
# warm the page cache once
run(base + ["-j", "2", corpus])
rows = []
for label, args, stdin in [
    ("1 thread", base + ["-j", "1", corpus], None),
    ("2 threads", base + ["-j", "2", corpus], None),
    ("2 threads, stdin", base + ["-j", "2", "-"], corpus),
]:
    best = min((run(args, stdin) for _ in range(3)), key=lambda r: r[0])
    rows.append((label, *best))
    wall, cpu, rss = best
    print(f"{label:<18} {wall:6.2f} s  {mb / wall:6.1f} MB/s  {n / wall:8.0f} stories/s  cpu {cpu:6.2f} s  peak RSS {rss:6.1f} MB")
one, two = rows[0][1], rows[1][1]
print(f"speed-up 2 threads vs 1: {one / two:.2f}x; per core (1 thread): {mb / one:.1f} MB/s")
starts = sorted(run([binary, "check", "--no-config", "--no-progress", tiny])[0] for _ in range(30))
print(f"start-up (tiny story, whole process): median {starts[15] * 1000:.1f} ms, min {starts[0] * 1000:.1f} ms")
print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
PY
