// Renders the app icons (public/*.png) from the SVG logo marks with the Chromium the e2e tests use, so no image
// library is needed. The PNGs are committed; run this only after changing public/favicon.svg or
// scripts/maskable-icon.svg: `node packages/web/scripts/render-icons.mjs`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const scriptsDir = fileURLToPath(new URL('./', import.meta.url));

// "any" icons keep the favicon's rounded corners; the maskable one fills the square edge to edge and keeps the
// "B" inside the central 80% circle that launchers may crop to.
const icons = [
  { source: publicDir + 'favicon.svg', size: 192, out: 'pwa-192x192.png' },
  { source: publicDir + 'favicon.svg', size: 512, out: 'pwa-512x512.png' },
  { source: scriptsDir + 'maskable-icon.svg', size: 512, out: 'maskable-icon-512x512.png' },
  // iOS ignores the manifest's icons and rounds this one itself, so it must be opaque.
  { source: scriptsDir + 'maskable-icon.svg', size: 180, out: 'apple-touch-icon-180x180.png' },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of icons) {
    const svg = readFileSync(icon.source, 'utf8');
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${icon.size}px;height:${icon.size}px}</style>${svg}`,
    );
    await page.screenshot({ path: publicDir + icon.out, omitBackground: true });
    console.log(`wrote public/${icon.out}`);
  }
} finally {
  await browser.close();
}
