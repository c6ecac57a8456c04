import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';
import { SimulatorPage, messageParts } from './pages/simulator-page.mjs';

const DEFAULT_NAME = 'Subscription retailer (monthly box)';
const CURRENT = 'cx-journey/v1/current';
const DAMAGED = 'cx-journey/v1/damaged';

test('an edit survives a reload of the page', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await editor.setField('research', ADVANCE, '0.42');
  await editor.field('research', ADVANCE).press('Tab');
  await app.setTrials(1500);
  await page.waitForFunction((key) => localStorage.getItem(key)?.startsWith('v1.'), CURRENT);
  // Without the fragment: the autosave, not a link, brings the edit back.
  await app.open();
  assertEqual(await page.evaluate(() => location.hash), '', 'opened without a link');
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '0.42', 'the edited advance');
  assertEqual(await app.trials.inputValue(), '1500', 'the edited trials');
  assertEqual(await app.savedAlert.count(), 0, 'alerts after a clean restore');
});

test('when the browser cannot keep changes, the page says so and the share link still has them', async ({ page, context, baseUrl }) => {
  // Storage that refuses every write, as a full or blocked one does.
  await context.addInitScript(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  assertEqual(await app.autosaveAlert.count(), 0, 'alerts before any change');
  await editor.setField('research', ADVANCE, '0.42');
  await editor.field('research', ADVANCE).press('Tab');
  await app.autosaveAlert.waitFor();
  const text = await app.autosaveAlert.textContent();
  assert(text.includes('copy the share link or use Export scenario'), `alert ${JSON.stringify(text)}`);
  const link = await app.shareLink.inputValue();
  const fresh = await context.browser().newContext();
  try {
    const other = new SimulatorPage(await fresh.newPage(), baseUrl);
    await other.openLink(link);
    assertEqual(await new JourneyEditor(other.page).field('research', ADVANCE).inputValue(), '0.42', 'the change, from the share link');
  } finally {
    await fresh.close();
  }

  // Once the browser keeps changes again, the next change is saved and the notice goes.
  await page.evaluate(() => (Storage.prototype.setItem = window.__setItem));
  await editor.setField('research', ADVANCE, '0.43');
  await editor.field('research', ADVANCE).press('Tab');
  await app.autosaveAlert.waitFor({ state: 'detached' });
  assert((await page.evaluate((key) => localStorage.getItem(key), CURRENT))?.startsWith('v1.'), 'the change is saved');
});

test('a damaged autosave is kept aside and the default journey is shown', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await app.open();
  const bad = 'v1.this-is-not-a-saved-journey';
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [CURRENT, bad]);
  await app.open();
  await app.savedAlert.waitFor();
  assertEqual(
    (await app.savedAlert.locator('.link-problem-text').textContent()).trim(),
    `Your saved journey could not be opened: it is damaged. The default journey is shown; the saved copy was kept as ${DAMAGED}.`,
    'the message'
  );
  assertEqual(await page.evaluate((key) => localStorage.getItem(key), DAMAGED), bad, 'the damaged copy');
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'scenario name');
  await app.setTrials(500);
  await app.run();
  assertEqual(await app.status.textContent(), 'Finished: 500 trials.', 'status line');
  assertEqual(await page.evaluate((key) => localStorage.getItem(key), DAMAGED), bad, 'the damaged copy after editing');

  // A second damage is kept beside the first.
  const worse = 'v1.damaged-again';
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [CURRENT, worse]);
  await app.open();
  await app.savedAlert.waitFor();
  assert(
    (await app.savedAlert.textContent()).includes(`the saved copy was kept as ${DAMAGED}-2.`),
    'the second copy is named'
  );
  const copies = await page.evaluate((key) => [localStorage.getItem(key), localStorage.getItem(`${key}-2`)], DAMAGED);
  assertEqual(JSON.stringify(copies), JSON.stringify([bad, worse]), 'both copies');
  assertEqual(errors.join('\n'), '', 'page errors');
});

test('a link does not overwrite the autosave until the user edits', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(1500);
  await page.waitForFunction((key) => localStorage.getItem(key)?.startsWith('v1.'), CURRENT);
  const saved = await page.evaluate((key) => localStorage.getItem(key), CURRENT);
  await app.setTrials(700);
  // Once the autosave has the change, so has the link (both follow the render).
  await page.waitForFunction(([key, value]) => localStorage.getItem(key) !== value, [CURRENT, saved]);
  const link = await app.shareLink.inputValue();
  await app.setTrials(1500);
  await page.waitForFunction(([key, value]) => localStorage.getItem(key) === value, [CURRENT, saved]);
  // Left before its address has followed the last edit, the tab would
  // open that edit again on the address it had (the link's), as a reload.
  await page.waitForFunction((fragment) => location.hash === `#${fragment}`, saved);
  await app.openLink(link);
  assertEqual(await app.trials.inputValue(), '700', 'trials from the link');
  assertEqual(await page.evaluate((key) => localStorage.getItem(key), CURRENT), saved, 'autosave after opening a link');
  await app.setTrials(800);
  await page.waitForFunction(([key, value]) => localStorage.getItem(key) !== value, [CURRENT, saved]);
});

test('a scenario exported to a file imports back; a broken file is refused', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await editor.setField('research', ADVANCE, '0.37');
  await editor.field('research', ADVANCE).press('Tab');

  const [download] = await Promise.all([page.waitForEvent('download'), app.exportButton.click()]);
  assertEqual(download.suggestedFilename(), 'subscription-retailer.json', 'file name');
  const file = join(artifacts, 'exported-scenario.json');
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assertEqual(exported.name, DEFAULT_NAME, 'exported name');
  assertEqual(exported.stages.find((stage) => stage.id === 'research').advance, 0.37, 'exported advance');

  await editor.setField('research', ADVANCE, '0.2');
  await editor.field('research', ADVANCE).press('Tab');
  await app.importInput.setInputFiles(file);
  await page.waitForFunction(() => {
    const stage = document.querySelector('[data-testid="stage-research"]');
    return [...(stage?.querySelectorAll('input') ?? [])].some((input) => input.value === '0.37');
  });
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '0.37', 'imported advance');
  assertEqual(await app.importAlert.count(), 0, 'alerts after a good import');

  const broken = join(artifacts, 'broken-scenario.json');
  await writeFile(broken, '{"schema": 1, "name": "half a file", "stages": [');
  await app.importInput.setInputFiles(broken);
  await app.importAlert.waitFor();
  const text = await app.importAlert.textContent();
  assert(text.includes('broken-scenario.json could not be imported'), `alert ${JSON.stringify(text)}`);
  assert(text.includes('current journey was kept'), `alert ${JSON.stringify(text)}`);
  assert(text.includes('the text was cut short'), `alert ${JSON.stringify(text)}`);
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'scenario name after a broken file');
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '0.37', 'advance after a broken file');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('.scenario').screenshot({ path: join(artifacts, `scenario-file-problem-${width}.png`) });
  }
});

test('importing a file keeps unsaved work in My journeys first', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await editor.setField('need', ADVANCE, '0.05');
  const file = join(artifacts, 'b2b-import.json');
  await writeFile(file, await readFile(join(import.meta.dirname, '../../examples/b2b-saas.json')));
  await app.importInput.setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent === 'B2B SaaS with a long sales cycle');
  const journeys = page.getByRole('region', { name: 'Journeys' });
  const says = await journeys.textContent();
  assert(says.includes(`Before the file was imported, your journey was saved in My journeys as “${DEFAULT_NAME}”.`), `the Journeys panel says ${JSON.stringify(says)}`);
  const saved = page.getByRole('list', { name: 'My journeys' }).getByRole('listitem');
  assertEqual(await saved.count(), 1, 'the edited journey is in My journeys');
});

test('a hand-edited file with several mistakes names every one of them at once', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const [download] = await Promise.all([page.waitForEvent('download'), app.exportButton.click()]);
  const scenario = JSON.parse(await readFile(await download.path(), 'utf8'));
  delete scenario.months;
  scenario.stages[0].phase = 'rent';
  scenario.stages[1].advence = 0.3;
  scenario.departments[0].friction = 'high';
  const edited = join(artifacts, 'hand-edited-scenario.json');
  await writeFile(edited, JSON.stringify(scenario, null, 2));
  await app.importInput.setInputFiles(edited);
  await app.importAlert.waitFor();
  // Each problem is an item of a list, for assistive technology to count.
  const { lines, problems } = await messageParts(app.importAlert);
  assertEqual(
    JSON.stringify(lines),
    JSON.stringify([
      'hand-edited-scenario.json could not be imported; the current journey was kept.',
      'The file is not a scenario (4 problems):',
    ]),
    'the message before the problems'
  );
  assertEqual(
    JSON.stringify(problems),
    JSON.stringify([
      'months: missing; this field is required',
      'departments[0].friction: expected a number or {"low": number, "high": number}, not the text "high"',
      'stages[0].phase: expected "buy" or "own", not the text "rent"',
      'stages[1].advence: unknown field `advence`; did you mean `advance`?',
    ]),
    'the problems listed'
  );
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'the current journey is kept');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator('.scenario').screenshot({ path: join(artifacts, `scenario-file-problems-${width}.png`) });
  }
});

test('a file far too large to be a scenario is refused before it is read', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  // 3 GB on paper, nothing on disk: read as text it would not fit in the page.
  const huge = join(artifacts, 'huge-scenario.json');
  await writeFile(huge, '');
  await truncate(huge, 3 * 1024 ** 3);
  try {
    await app.importInput.setInputFiles(huge);
    await app.importAlert.waitFor({ timeout: 10_000 });
  } finally {
    await rm(huge);
  }
  const text = await app.importAlert.textContent();
  assert(text.includes('huge-scenario.json could not be imported'), `alert ${JSON.stringify(text)}`);
  assert(text.includes('The file is 3,145,728 KB; at most 1,024 KB is accepted.'), `alert ${JSON.stringify(text)}`);
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'the current journey is kept');
});

test('import is a button like export, for the mouse and the keyboard', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const exportBox = await app.exportButton.boundingBox();
  const importBox = await app.importButton.boundingBox();
  assertEqual(Math.round(importBox.height), Math.round(exportBox.height), 'import height against export');
  assertEqual(Math.round(importBox.y), Math.round(exportBox.y), 'import beside export');
  const look = (locator) =>
    locator.evaluate((element) => {
      const style = getComputedStyle(element);
      return [style.backgroundColor, style.borderTopColor, style.borderRadius, style.fontWeight].join(' ');
    });
  assertEqual(await look(app.importButton), await look(app.exportButton), 'import styled as export');
  const inputBox = await app.importInput.boundingBox();
  assert(inputBox.width <= 1 && inputBox.height <= 1, `the file input drawn at ${JSON.stringify(inputBox)}`);

  // One listener for the whole test keeps Playwright intercepting file
  // pickers; each picker is closed without a file, so the page does not
  // ignore the next one while the last is still open.
  const closing = [];
  page.on('filechooser', (picker) => closing.push(picker.setFiles([])));
  const opens = async (action) => {
    const opened = new Promise((resolve) => page.once('filechooser', () => resolve(true)));
    await action();
    return Promise.race([opened, new Promise((resolve) => setTimeout(() => resolve(false), 5000).unref())]);
  };
  assert(await opens(() => app.importButton.click()), 'a click opens the file picker');
  await app.exportButton.focus();
  await page.keyboard.press('Tab');
  assertEqual(await page.evaluate(() => document.activeElement.id), 'import-scenario', 'Tab after export');
  const ring = await app.importButton.evaluate((element) => getComputedStyle(element).outlineStyle);
  assertEqual(ring, 'solid', 'focus ring on the import button');
  assert(await opens(() => page.keyboard.press('Space')), 'Space opens the file picker');
  await Promise.all(closing);
  assertEqual(await app.importAlert.count(), 0, 'closing the picker without a file is not a problem');
});
