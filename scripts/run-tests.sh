#!/usr/bin/env bash
# Runs the whole test suite in two rounds:
#   1. the content checks (`make content`, i.e. `pytest -m content`): fast, and
#      what an editor's change breaks; each problem is one `docs/PAGE.md:LINE: ...` line;
#   2. only if they pass, everything else (planted builds, browser tests).
# One mistake then gives one short list, not the same build failure in every test.
# With arguments (`scripts/run-tests.sh tests/test_qr.py`) it runs just pytest on them.
# pytest's exit code 5 means "no tests collected": that is a broken suite, so it
# fails loudly instead of passing silently.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest)

run() {
  "${PYTEST[@]}" "$@"
  local status=$?
  if [ "$status" -eq 5 ]; then
    echo "error: pytest collected no tests: check tests/ and the -m/-k options" >&2
    return 1
  fi
  return "$status"
}

if [ "$#" -gt 0 ]; then
  run "$@"
  exit $?
fi

run -m content || {
  echo "The content checks failed: fix the content problems above first." >&2
  echo "(The build and browser tests did not run; run \`make test\` again once \`make content\` passes.)" >&2
  exit 1
}
run -m "not content"
