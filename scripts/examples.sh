#!/usr/bin/env bash
# README command 1: install what is missing, then check (and, once the writers exist, build) every
# example department in data/examples/ into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p output
node dist/cli/main.js validate data/examples
