// Random use of the whole page: clicks, choices and hostile text in any
// field, with Undo and reloads in between. Whatever the order, the page
// never stops with its failure notice, logs no error and keeps its heading.
// The sequence comes from a fixed seed, so a failure names the steps that
// led to it and can be replayed.
import { assert, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

const STEPS = 120;
const TEXTS = ['', '0', '-1', '1e308', 'abc', '0.5', '99999999999', '1,000', '0,5', 'NaN', '1', '12', '0.99', '1.5', '600', '  ', '1e-320', 'Infinity', '٣', '50%'];
/** Controls left alone: a file picker, the print dialog, the clipboard. */
const SKIP = /^(Import scenario|Print report|Copy (share|lesson) link|Reload)/;

/** xorshift32: the same steps for the same seed. */
function random(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

for (const [seed, width] of [[11, 1280], [12, 390]]) {
  test(`random use at ${width} px never stops the page (seed ${seed})`, async ({ page, baseUrl }) => {
    await page.setViewportSize({ width, height: 900 });
    page.on('dialog', (dialog) => dialog.dismiss());
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const app = new SimulatorPage(page, baseUrl);
    await app.open({ autoRun: true });
    const next = random(seed);
    const steps = [];
    for (let i = 0; i < STEPS; i++) {
      // Number every visible control that takes input, then pick one.
      const controls = await page.evaluate((skip) => {
        const found = [];
        document.querySelectorAll('[data-random-use]').forEach((e) => e.removeAttribute('data-random-use'));
        for (const e of document.querySelectorAll('button, select, input, textarea, summary')) {
          const label = (e.getAttribute('aria-label') || (e.tagName === 'SELECT' ? '' : e.textContent) || e.labels?.[0]?.textContent || e.name || e.id || '').trim().slice(0, 60);
          if (e.disabled || e.type === 'file' || new RegExp(skip).test(label)) continue;
          const box = e.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
          e.setAttribute('data-random-use', String(found.length));
          found.push({ tag: e.tagName.toLowerCase(), type: e.type || '', label, options: e.tagName === 'SELECT' ? [...e.options].filter((o) => !o.disabled).map((o) => o.value) : [] });
        }
        return found;
      }, SKIP.source);
      const pick = Math.floor(next() * controls.length);
      const control = controls[pick];
      const target = page.locator(`[data-random-use="${pick}"]`);
      let action;
      if (control.tag === 'select') {
        const value = control.options[Math.floor(next() * control.options.length)] ?? '';
        action = `choose "${value}"`;
        await target.selectOption(value, { timeout: 1000 }).catch(() => {});
      } else if (control.tag === 'textarea' || (control.tag === 'input' && !['checkbox', 'radio'].includes(control.type))) {
        const text = TEXTS[Math.floor(next() * TEXTS.length)];
        action = `type "${text}"`;
        await target.fill(text, { timeout: 1000 }).catch(() => {});
        if (next() < 0.5) await target.press('Tab', { timeout: 1000 }).catch(() => {});
      } else {
        action = 'click';
        await target.click({ timeout: 1000 }).catch(() => {});
      }
      const extra = next();
      if (extra < 0.05) {
        action += ', then Undo';
        await page.keyboard.press('Control+z');
      } else if (extra < 0.07) {
        action += ', then reload';
        await page.reload();
        await app.runButton.waitFor();
      }
      steps.push(`${i}: ${control.tag} "${control.label}": ${action}`);
      await page.waitForTimeout(next() < 0.2 ? 500 : 30);
      const failed = await page.locator('#app-failure').count();
      const heading = await app.heading.count();
      assert(
        failed === 0 && heading === 1 && errors.length === 0,
        `${errors.join('\n') || 'the page stopped'}, after:\n    ${steps.slice(-12).join('\n    ')}`,
      );
    }
  }, { timeout: 300_000 });
}
