#!/usr/bin/env bash
# The Spark example (examples/spark/): runs the job in Spark local mode on generated stories and
# compares with one `wirelint check` / `wirelint names` run (examples/spark/test_spark_job.py).
# Needs the virtualenv scripts/test-python.sh installed the package into, pyspark from PyPI
# (~300 MB, installed here) and a Java runtime (installed with apt when missing and root).
# Skips, passing, with a message when one of them cannot be had.
# Usage: scripts/test-spark.sh VENV
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${1:?usage: scripts/test-spark.sh VENV (the virtualenv of scripts/test-python.sh)}
if ! "$venv/bin/python" -c "import wirelint" 2>/dev/null; then
  echo "test-spark: skipped: the wirelint Python package is not installed in $venv (scripts/test-python.sh skipped?)"
  exit 0
fi
if ! command -v java >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; } \
      || echo "test-spark: could not install default-jre-headless"
  fi
fi
if ! command -v java >/dev/null; then
  echo "test-spark: skipped: no Java runtime (apt-get install default-jre-headless)"
  exit 0
fi
if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check pyspark; then
  echo "test-spark: skipped: pip cannot install pyspark (PyPI not reachable?)"
  exit 0
fi
cd "$repo"
"$venv/bin/python" -m pytest -q -rs -p no:warnings examples/spark/test_spark_job.py
