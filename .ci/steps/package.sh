#!/usr/bin/env bash
# Offline packaging check: `electron-builder --linux dir` against a stand-in Electron (the real binary cannot be
# downloaded here), then checks app.asar (built app only) and the Electron fuses. Needs `npm run build` (CI ran it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f out/main/index.js ] || [ ! -f out/preload/index.cjs ] || [ ! -f out/renderer/index.html ]; then
  npm run -s build
fi
dist=$(mktemp -d)
trap 'rm -rf "$dist"' EXIT
node scripts/fake-electron-dist.mjs "$dist" >/dev/null
rm -rf release/linux-unpacked
timeout 300 npx electron-builder --linux dir --publish never -c.electronDist="$dist" 2>&1 | grep -v '^\s*$' | tail -n 4
test -f release/linux-unpacked/resources/app.asar
node scripts/check-package.mjs release/linux-unpacked
