#!/usr/bin/env bash
# Security checks of the Electron shell:
#  1. pinned Electronegativity over electron/ and the built out/main and out/preload; fails on any HIGH or MEDIUM
#     finding not reviewed in scripts/electronegativity-check.mjs, and on any file it cannot parse;
#  2. the built sandboxed preload is CommonJS, requires only 'electron', and exposes only window.parley.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f out/main/index.js ] || [ ! -f out/preload/index.cjs ]; then
  npm run -s build
fi
node scripts/electronegativity-check.mjs
node scripts/check-preload.mjs out/preload/index.cjs
