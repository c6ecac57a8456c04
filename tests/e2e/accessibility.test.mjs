import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { assertAccessible } from './axe.mjs';
import { assert, assertEqual, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { encodeFragment } from './fixtures.mjs';

for (const colorScheme of ['light', 'dark']) {
  test(`no accessibility violations with results shown (${colorScheme})`, async ({ page, baseUrl }) => {
    await page.emulateMedia({ colorScheme });
    const app = new SimulatorPage(page, baseUrl);
    await app.open();
    await app.setTrials(500);
    await app.run();
    await assertAccessible(page);
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
    await assertAccessible(page);
  });
}

test('skip buttons, first on the page, take the keyboard past the saved journeys', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open({ autoRun: true }); // nothing clicked: the keyboard starts at the top
  const skips = page.getByRole('navigation', { name: 'Skip to' }).getByRole('button');
  assertEqual(
    JSON.stringify(await skips.allTextContents()),
    JSON.stringify(['Skip to Simulation', 'Skip to Results', 'Skip to Journey', 'Skip to Decision tools']),
    'the skip buttons'
  );
  const first = skips.first();
  assertEqual(await first.isVisible() && (await first.boundingBox()).y < 0, true, 'out of sight until reached');
  await page.keyboard.press('Tab');
  assertEqual(await page.evaluate(() => document.activeElement.textContent), 'Skip to Simulation', 'first on the page');
  assert((await first.boundingBox()).y >= 0, 'in sight once reached');
  for (const [name, heading] of [
    ['Skip to Results', 'Results'],
    ['Skip to Journey', 'Journey'],
    ['Skip to Decision tools', 'Decision tools'],
    ['Skip to Simulation', 'Simulation'],
  ]) {
    await page.keyboard.press('Shift+Tab');
    await skips.filter({ hasText: name }).focus();
    await page.keyboard.press('Enter');
    assertEqual(await page.evaluate(() => document.activeElement.textContent), heading, `${name}: the heading has the focus`);
    const box = await page.evaluate(() => document.activeElement.getBoundingClientRect().top);
    assert(box >= 0 && box < page.viewportSize().height, `${name}: the heading is in view`);
  }
  // The next Tab goes on from the section: into the run's fields.
  await page.keyboard.press('Tab');
  assertEqual(await page.evaluate(() => document.activeElement.id), 'trials', 'Tab after Skip to Simulation');
  assertEqual(await page.evaluate(() => location.hash), '', 'the address is not touched');
});
