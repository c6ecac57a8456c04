import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { assertAccessible } from './axe.mjs';
import { drawEverything } from './browser.mjs';
import { assert, assertEqual, test } from './harness.mjs';
import { LessonsPage } from './pages/lessons-page.mjs';
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

test('in high contrast (forced colours) the chart keys, the lesson dots and the progress bars keep their colours', async ({ page, baseUrl, artifacts }) => {
  // Windows' contrast themes paint backgrounds in the user's colours; a key
  // drawn as a background would vanish.
  await page.emulateMedia({ forcedColors: 'active' });
  const app = new SimulatorPage(page, `${baseUrl}?workers=2`);
  await app.open();
  const lessons = new LessonsPage(page);
  await lessons.begin('retention');
  await lessons.runStep();
  await lessons.next.click();
  await drawEverything(page);
  const seen = await page.evaluate(() => {
    const canvas = getComputedStyle(document.body).backgroundColor;
    const shown = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.getBoundingClientRect().width > 0);
    const background = (e) => getComputedStyle(e).backgroundColor;
    return {
      canvas,
      keys: shown('.swatch').map((e) => [e.parentElement.textContent.trim(), background(e)]),
      done: shown('.lesson-dot.done').map(background),
      todo: shown('.lesson-dot.todo').map(background),
      progress: shown('progress').map((e) => getComputedStyle(e).forcedColorAdjust),
    };
  });
  assert(seen.keys.length >= 5, `the fan charts' and the flow diagram's keys: ${JSON.stringify(seen.keys)}`);
  for (const [name, colour] of seen.keys) assert(colour !== seen.canvas, `the key of "${name}" is drawn (${colour} on ${seen.canvas})`);
  assertEqual(seen.done.length, 1, 'one step run');
  assert(seen.todo.length > 0 && seen.todo.every((c) => c !== seen.done[0]), `a step run is told from one not run: ${JSON.stringify(seen)}`);
  assert(seen.progress.length > 0 && seen.progress.every((a) => a === 'none'), `progress bars keep their colours: ${seen.progress}`);
  await app.results.locator('.charts').screenshot({ path: join(artifacts, 'charts-forced-colors.png') });
});
