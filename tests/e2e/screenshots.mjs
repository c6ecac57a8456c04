#!/usr/bin/env node
// Screenshots of the page for review: after a run of the default journey,
// at 1280 and 390 px wide, in light and dark themes, the workspace and the
// executive report, and the report as it prints (PNG and A4 PDF), into
// tests/e2e/artifacts/screens/ (or --out DIR). Serves dist/ (or E2E_DIST)
// like run.mjs. A --link opens on the report, as a shared link does.
//
//   node tests/e2e/screenshots.mjs [--trials N] [--link URL-FRAGMENT] [--out DIR]
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drawEverything, launchChromium } from './browser.mjs';

import { serveStatic } from './static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(here, '../../dist');
const { values } = parseArgs({
  options: { trials: { type: 'string', default: '2000' }, link: { type: 'string' }, out: { type: 'string' } },
});
const out = values.out ? resolve(values.out) : join(here, 'artifacts/screens');

await mkdir(out, { recursive: true });
const server = await serveStatic(dist);
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(values.link ? `${server.url}#${values.link}` : server.url);
      const run = page.getByRole('button', { name: 'Run simulation' });
      const openEditor = page.getByRole('button', { name: 'Open the full editor' });
      const shots = [];
      if (values.link) {
        await openEditor.waitFor();
        await reportDone(page);
        shots.push(await shoot(page, `report-${width}-${scheme}.png`, width));
        if (width === 1280) shots.push(...(await printed(page, scheme)));
        await openEditor.click();
        await resultsDone(page);
        shots.push(await shoot(page, `page-${width}-${scheme}.png`, width));
      } else {
        await run.waitFor();
        await page.getByRole('spinbutton', { name: 'Trials' }).fill(values.trials);
        await run.click();
        await resultsDone(page);
        shots.push(await shoot(page, `page-${width}-${scheme}.png`, width));
        await page.getByRole('button', { name: 'Executive report' }).click();
        await reportDone(page);
        shots.push(await shoot(page, `report-${width}-${scheme}.png`, width));
        if (width === 1280) shots.push(...(await printed(page, scheme)));
      }
      for (const line of shots) console.log(line);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

async function resultsDone(page) {
  await page.waitForFunction(() => {
    const results = document.querySelector('section[aria-label="Results"]');
    return results?.getAttribute('aria-busy') === 'false' && results.querySelector('[data-testid="fan-chart"]');
  }, null, { timeout: 120_000 });
}

async function reportDone(page) {
  await page.waitForFunction(() => {
    const report = document.querySelector('section[aria-label="Executive report"]');
    return report?.getAttribute('aria-busy') === 'false' && report.querySelector('[data-testid="headline-baseline"]');
  }, null, { timeout: 120_000 });
}

/** The report as it prints: a PNG of the print layout at A4 width and an A4 PDF. */
async function printed(page, scheme) {
  const viewport = page.viewportSize();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  const lines = [await shoot(page, `report-print-${scheme}.png`, 794)];
  const pdf = await page.pdf({ path: join(out, `report-${scheme}.pdf`), format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  lines.push(`report-${scheme}.pdf: ${pages} A4 page${pages === 1 ? '' : 's'}`);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize(viewport);
  return lines;
}

/** A full-page screenshot, and a line saying whether the page scrolls sideways. */
async function shoot(page, name, width) {
  await drawEverything(page);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: join(out, name), fullPage: true });
  return `${name}: page ${scrollWidth} px wide${scrollWidth > width ? ' (SCROLLS SIDEWAYS)' : ''}`;
}
