#!/usr/bin/env bash
# The run step of action.yml (kept in a file so scripts/test-integrations.sh runs it as is).
# Inputs come as environment variables: INPUT_PATHS, INPUT_FORMAT (github|sarif),
# INPUT_BASELINE, INPUT_ARGS, INPUT_SARIF_FILE. Exits with wirelint's exit code and writes it
# to $GITHUB_OUTPUT as exit-code when that is set.
set -uo pipefail
wirelint=${WIRELINT:-wirelint}
format=${INPUT_FORMAT:-github}
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
args=(check --no-progress --format "$format")
if [[ -n "${INPUT_BASELINE:-}" ]]; then
  args+=(--baseline "$INPUT_BASELINE")
fi
case "$format" in
  github)
    "$wirelint" "${args[@]}" "${extra[@]}" "${paths[@]}"
    code=$?
    ;;
  sarif)
    "$wirelint" "${args[@]}" "${extra[@]}" "${paths[@]}" > "${INPUT_SARIF_FILE:-wirelint.sarif}"
    code=$?
    echo "wirelint: SARIF report in ${INPUT_SARIF_FILE:-wirelint.sarif} (exit $code)"
    ;;
  *)
    echo "::error title=wirelint action::format must be github or sarif, not '$format'"
    exit 2
    ;;
esac
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
exit "$code"
