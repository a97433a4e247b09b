#!/usr/bin/env bash
# README command 1: install what is missing, then check and build every example department in
# data/examples/ into output/ (one folder per department: PDF, DOCX, XLSX).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node dist/cli/main.js build data/examples --out output
