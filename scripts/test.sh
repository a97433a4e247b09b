#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx tsc -p tsconfig.json --noEmit
npx vitest run "$@"
