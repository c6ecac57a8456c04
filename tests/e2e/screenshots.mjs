#!/usr/bin/env node
// Screenshots of the page for review: after a run of the default journey,
// at 1280 and 390 px wide, in light and dark themes, into
// tests/e2e/artifacts/screens/. Serves dist/ (or E2E_DIST) like run.mjs.
//
//   node tests/e2e/screenshots.mjs [--trials N] [--link URL-FRAGMENT]
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

import { serveStatic } from './static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(here, '../../dist');
const out = join(here, 'artifacts/screens');
const { values } = parseArgs({ options: { trials: { type: 'string', default: '2000' }, link: { type: 'string' } } });

await mkdir(out, { recursive: true });
const server = await serveStatic(dist);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
try {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(values.link ? `${server.url}#${values.link}` : server.url);
      const run = page.getByRole('button', { name: 'Run simulation' });
      await run.waitFor();
      if (!values.link) {
        await page.getByRole('spinbutton', { name: 'Trials' }).fill(values.trials);
        await run.click();
      }
      await page.waitForFunction(() => {
        const results = document.querySelector('section[aria-label="Results"]');
        return results?.getAttribute('aria-busy') === 'false' && results.querySelector('[data-testid="fan-chart"]');
      }, null, { timeout: 120_000 });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      const name = `page-${width}-${scheme}.png`;
      await page.screenshot({ path: join(out, name), fullPage: true });
      console.log(`${name}: page ${scrollWidth} px wide${scrollWidth > width ? ' (SCROLLS SIDEWAYS)' : ''}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
