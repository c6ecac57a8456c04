import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';

import { test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

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
