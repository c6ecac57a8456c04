import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { assertEqual, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { encodeFragment } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n       ${v.nodes.map((n) => n.target.join(' ')).join('\n       ')}`,
    );
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`no accessibility violations with results shown (${colorScheme})`, async ({ page, baseUrl }) => {
    await page.emulateMedia({ colorScheme });
    const app = new SimulatorPage(page, baseUrl);
    await app.open();
    await app.setTrials(500);
    await app.run();
    const found = await violations(page);
    if (found.length > 0) throw new Error(`axe found:\n     ${found.join('\n     ')}`);
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`no accessibility violations with lists of problems shown (${colorScheme})`, async ({ page, baseUrl, artifacts }) => {
    await page.emulateMedia({ colorScheme });
    const app = new SimulatorPage(page, baseUrl);
    await app.open();
    // A link, a saved journey and a file, each with three problems of shape.
    const run = encodeFragment({ scenario: { schema: 1, months: 'three', stages: {} }, seed: 1, trials: 10 });
    const library = { entries: [{ id: 8, name: 'Hand-edited', run, saved_at: 0 }] };
    await page.evaluate((value) => localStorage.setItem('cx-journey/v1/library', value), JSON.stringify(library));
    await app.openLink(`${baseUrl}#${run}`);
    await app.linkAlert.waitFor();
    await page.getByRole('button', { name: 'Open “Hand-edited”', exact: true }).click();
    const file = join(artifacts, `three-problems-${colorScheme}.json`);
    await writeFile(file, JSON.stringify({ schema: 1, months: 'three', stages: {} }));
    await app.importInput.setInputFiles(file);
    await app.importAlert.waitFor();
    assertEqual(await page.locator('.message-list').count(), 3, 'lists of problems shown');
    const found = await violations(page);
    if (found.length > 0) throw new Error(`axe found:\n     ${found.join('\n     ')}`);
  });
}
