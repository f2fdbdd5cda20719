#!/usr/bin/env bash
# Every kind of CSV export opened in a real spreadsheet: LibreOffice Calc (headless) converts all of them to flat
# OpenDocument in one invocation and tests/spreadsheet/spreadsheet.sheet.ts reads every cell back (numbers stay
# numbers, text stays text, exact fractions are not dates, injection payloads are inert text). Installs Calc from
# Debian when `soffice` is missing. Its results count in the CI total (JSON report in test-results/ci).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v soffice >/dev/null 2>&1; then
  apt-get update -o DPkg::Lock::Timeout=120 -qq
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 libreoffice-calc-nogui >/dev/null ||
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=120 libreoffice-calc >/dev/null
fi
mkdir -p test-results/ci
npx vitest run --config vitest.slow.config.ts tests/spreadsheet \
  --reporter=default --reporter=json --outputFile.json=test-results/ci/spreadsheet.json
