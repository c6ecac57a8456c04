// Accessibility checks: axe-core's WCAG 2.1 A and AA rules and its best
// practices, run in the page as it is.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';

import { drawEverything } from './browser.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };

/** axe's violations within `selector` (the whole page without one), each with the elements at fault. */
export async function axeViolations(page, selector = null) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: axeSource });
    // axe checks every part as it looks once drawn (contrast included).
    await drawEverything(page);
  }
  return page.evaluate(
    async ([selector, rules]) => {
      const result = await window.axe.run(selector ? document.querySelector(selector) : document, rules);
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n       ${v.nodes.map((n) => n.target.join(' ')).join('\n       ')}`,
      );
    },
    [selector, RULES],
  );
}

/** Throws with every violation axe finds within `selector`, or the whole page. */
export async function assertAccessible(page, selector = null) {
  const found = await axeViolations(page, selector);
  if (found.length > 0) throw new Error(`axe found:\n     ${found.join('\n     ')}`);
}
