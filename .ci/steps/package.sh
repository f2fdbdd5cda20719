#!/usr/bin/env bash
# Offline packaging check: `electron-builder --linux dir` against a stand-in Electron (the real binary cannot be
# downloaded here), then checks app.asar (built app only) and the Electron fuses. Needs `npm run build` (CI ran it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f out/main/index.js ] || [ ! -f out/preload/index.cjs ] || [ ! -f out/renderer/index.html ]; then
  npm run -s build
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node scripts/fake-electron-dist.mjs "$work/electron-dist" >/dev/null
rm -rf release/linux-unpacked
if ! timeout 300 npx electron-builder --linux dir --publish never -c.electronDist="$work/electron-dist" >"$work/log" 2>&1; then
  cat "$work/log" >&2
  echo "package: electron-builder --linux dir failed" >&2
  exit 1
fi
grep -E 'packaging|fuses' "$work/log" || true
node scripts/check-package.mjs release/linux-unpacked
