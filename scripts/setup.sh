#!/usr/bin/env bash
# Install what juesuan needs on a fresh Debian machine, and nothing when it is already there:
#   - Node.js ≥ 20 (checked, not installed: it comes with the machine)
#   - Debian packages: chromium (PDF output), poppler-utils (tests read PDFs with pdftotext)
#   - npm packages (npm ci), then the TypeScript build (dist/)
#   - with --test, also what the tests use to open the outputs as a reviewer would: LibreOffice
#     (writer, calc), a CJK font for it and fonts metric-compatible with Word's Latin ones; and
#     redis-server, which the queue tests start on a loopback port of their own
# Run as root to let it use apt-get; otherwise it prints the apt-get command to run.
set -euo pipefail
for_tests=no
[ "${1:-}" = "--test" ] && for_tests=yes
cd "$(dirname "$0")/.."

say() { printf '\033[1m[juesuan]\033[0m %s\n' "$*"; }

# ---- Node.js
if ! command -v node >/dev/null 2>&1; then
  say "未找到 Node.js：请先安装 Node.js 20 或更高版本（Debian：apt-get install nodejs npm）"; exit 2
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  say "Node.js 版本为 $(node --version)，需要 20 或更高版本"; exit 2
fi

# ---- Debian packages
need=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ "$for_tests" = yes ]; then
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer libreoffice-calc)
  fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-zenhei)
  # Times New Roman and Arial Narrow of the DOCX, with the same widths, so LibreOffice lays the
  # tables out as Word does
  fc-list 2>/dev/null | grep -q 'Liberation Sans Narrow' || need+=(fonts-liberation)
  # the queue tests (build --queue, juesuan worker) start their own Redis on a loopback port
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "安装系统软件包：${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    say "缺少系统软件包：${need[*]}"
    say "请以管理员身份运行：sudo apt-get install -y ${need[*]}"
    exit 2
  fi
fi

# ---- npm packages (only when package-lock.json changed since the last install)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "安装 npm 依赖（npm ci）"
  npm ci --no-audit --no-fund --loglevel=error
fi

# ---- TypeScript build (only when the sources differ from those dist/ was built from). The sources'
# content decides, not file times: a copied or unpacked tree can give a stale dist/ a newer time.
source_hash=$(find src tsconfig.json tsconfig.build.json package.json package-lock.json -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ ! -f dist/cli/main.js ] || [ "$(cat dist/.source-hash 2>/dev/null)" != "$source_hash" ]; then
  say "编译 TypeScript"
  rm -rf dist
  npx tsc -p tsconfig.build.json
  chmod +x dist/cli/main.js
  echo "$source_hash" > dist/.source-hash
fi
