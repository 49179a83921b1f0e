#!/usr/bin/env bash
# Runs the whole test suite. pytest's exit code 5 means "no tests collected":
# that is a broken suite, so it fails loudly instead of passing silently.
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "error: pytest collected no tests: check tests/ and the -m/-k options" >&2
  exit 1
fi
exit "$status"
