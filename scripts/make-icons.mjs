// Renders renderer/public/favicon.svg to build/icon.png (512×512, transparent corners) with Debian's Chromium via
// playwright-core. electron-builder derives the Windows .ico, macOS .icns and Linux icon sizes from it.
// Usage: node scripts/make-icons.mjs   (commit the resulting build/icon.png)
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'renderer/public/favicon.svg'), 'utf8');
const size = 512;
const out = join(root, 'build/icon.png');
mkdirSync(join(root, 'build'), { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('img').evaluate((img) => img.decode());
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`wrote ${out} (${size}×${size})`);
} finally {
  await browser.close();
}
