#!/usr/bin/env bash
# Tests the CI integrations with the locally built binary (issue 18):
#  1. the GitHub Action's run step (scripts/action-run.sh), github and sarif formats, baseline;
#  2. the pre-commit hook (.pre-commit-hooks.yaml, hook `wirelint-system`) with the `pre-commit`
#     package from PyPI, against a temporary sample git repository.
# Usage: scripts/test-integrations.sh [path/to/wirelint]   (default: target/{debug,release})
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
bin=${1:-}
if [[ -z "$bin" ]]; then
  for b in "$target/debug/wirelint" "$target/release/wirelint"; do
    if [[ -x "$b" && ( -z "$bin" || "$b" -nt "$bin" ) ]]; then bin=$b; fi
  done
fi
if [[ -z "$bin" ]]; then
  (cd "$repo" && cargo build --locked --quiet)
  bin=$target/debug/wirelint
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-integrations: FAIL: $*" >&2; exit 1; }
ok() { echo "test-integrations: ok: $*"; }

# a sample newsroom repository: one story with findings, one clean
sample=$work/sample
mkdir -p "$sample/stories"
cat > "$sample/stories/cairo.txt" <<'STORY'
Truce talks resume in Cairo

CAIRO (Reuters) - The militant groups Hamas and Israeli Jihad were invited to the talks, officials said on Monday.
STORY
cat > "$sample/stories/markets.txt" <<'STORY'
Markets steady

LONDON (Reuters) - European shares were little changed on Monday as investors awaited inflation data.
STORY

# 1. the action's run step, run directly
cd "$sample"
set +e
out=$(WIRELINT="$bin" INPUT_PATHS="stories" INPUT_FORMAT=github GITHUB_OUTPUT="$work/gh-output" "$repo/scripts/action-run.sh")
code=$?
set -e
[[ $code -eq 1 ]] || fail "action (github): exit $code, expected 1: $out"
grep -q '^::error file=stories/cairo.txt,line=3,col=49' <<< "$out" || fail "action (github): no annotation: $out"
grep -q '^exit-code=1$' "$work/gh-output" || fail "action: exit-code output missing"
ok "action run step, github annotations"

set +e
WIRELINT="$bin" INPUT_PATHS="stories" INPUT_FORMAT=sarif INPUT_SARIF_FILE="$work/out.sarif" "$repo/scripts/action-run.sh" > /dev/null
code=$?
set -e
[[ $code -eq 1 ]] || fail "action (sarif): exit $code, expected 1"
python3 - "$work/out.sarif" <<'PY' || fail "action (sarif): bad SARIF"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["version"] == "2.1.0", s["version"]
assert s["runs"][0]["results"][0]["ruleId"] == "entity-corruption"
PY
ok "action run step, SARIF file"

"$bin" check --no-progress --write-baseline .wirelint-baseline.json stories > /dev/null 2>&1
WIRELINT="$bin" INPUT_PATHS="stories" INPUT_FORMAT=github INPUT_BASELINE=.wirelint-baseline.json "$repo/scripts/action-run.sh" > /dev/null 2>&1 \
  || fail "action with baseline: expected exit 0"
ok "action run step with a baseline"
rm .wirelint-baseline.json

# 2. the pre-commit hook, with pre-commit from PyPI
if ! command -v pre-commit > /dev/null 2>&1; then
  if command -v python3 > /dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check pre-commit > /dev/null 2>&1 || true
  fi
fi
if ! command -v pre-commit > /dev/null 2>&1; then
  echo "test-integrations: skipped: pre-commit is not installed and could not be installed with python3 -m pip"
  exit 0
fi
export PRE_COMMIT_HOME=$work/pre-commit-home
export GIT_AUTHOR_NAME=wirelint GIT_AUTHOR_EMAIL=ci@wirelint.invalid GIT_COMMITTER_NAME=wirelint GIT_COMMITTER_EMAIL=ci@wirelint.invalid
# the hooks manifest of this checkout, as a repository of its own (try-repo reads HEAD)
hooks=$work/hooks
mkdir -p "$hooks"
cp "$repo/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init --quiet
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit --quiet -m hooks
git init --quiet
export PATH="$(dirname "$bin"):$PATH"
set +e
out=$(pre-commit try-repo "$hooks" wirelint-system --files stories/cairo.txt 2>&1)
code=$?
set -e
[[ $code -ne 0 ]] || fail "pre-commit: the story with a finding passed: $out"
grep -q 'Israeli Jihad' <<< "$out" || fail "pre-commit: finding not shown: $out"
ok "pre-commit hook fails on a story with findings"
pre-commit try-repo "$hooks" wirelint-system --files stories/markets.txt > "$work/pc.log" 2>&1 \
  || fail "pre-commit: the clean story failed: $(cat "$work/pc.log")"
ok "pre-commit hook passes a clean story"
# a whole commit through the installed hook
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $(git -C "$hooks" rev-parse HEAD)
    hooks:
      - id: wirelint-system
YAML
pre-commit install --install-hooks > /dev/null
git add .pre-commit-config.yaml stories/markets.txt
git commit --quiet -m "clean story" > "$work/pc.log" 2>&1 || fail "git commit of a clean story was refused: $(cat "$work/pc.log")"
git add stories/cairo.txt
if git commit --quiet -m "story with a finding" > "$work/pc.log" 2>&1; then
  fail "git commit of a story with a finding went through"
fi
ok "git commit runs the hook"
