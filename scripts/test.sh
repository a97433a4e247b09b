#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
npx tsc -p tsconfig.json
report=$(mktemp -t juesuan-vitest-XXXXXX.json)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# one plain closing line, whatever the reporter prints
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || true
rm -f "$report"
exit $status
