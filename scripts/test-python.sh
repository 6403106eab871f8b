#!/usr/bin/env bash
# The Python package (python/, maturin + PyO3): `pip install ./python` in a fresh virtualenv,
# then its pytest suite (which compares with the wirelint binary `cargo test` built).
# Skips, passing, with a message when the virtualenv or PyPI (maturin, pytest) cannot be had.
# Usage: scripts/test-python.sh [venv-dir]   (default: a temporary one; kept when given)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${1:-}
if [[ -z "$venv" ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  venv=$tmp/venv
fi
export PATH="$venv/bin:$PATH"   # maturin's build backend runs `maturin` from PATH
if [[ ! -x "$venv/bin/python" ]] && ! python3 -m venv "$venv"; then
  echo "test-python: skipped: python3 -m venv failed (install python3-venv)"
  exit 0
fi
if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.5,<2" pytest; then
  echo "test-python: skipped: pip cannot install maturin and pytest (PyPI not reachable?)"
  exit 0
fi
# pandas only for the test of python/examples/pandas_audit.py (which skips without it)
"$venv/bin/python" -m pip install -q --disable-pip-version-check pandas || echo "test-python: pandas not installed; the pandas example test will skip"
# builds the extension in release mode (a few minutes); maturin is already in the venv
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation "$repo/python"
cd "$repo"
"$venv/bin/python" -m pytest -q -rs python/tests
