#!/usr/bin/env bash
# Security check: pinned Electronegativity over electron/ and the built out/main and out/preload; fails on any HIGH or
# MEDIUM finding not reviewed in scripts/electronegativity-check.mjs, and on any file it cannot parse.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f out/main/index.js ] || [ ! -f out/preload/index.cjs ]; then
  npm run -s build
fi
node scripts/electronegativity-check.mjs
