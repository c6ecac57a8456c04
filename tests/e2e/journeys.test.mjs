// "Journeys": examples, and My journeys kept in this browser.
import { assert, assertEqual, test } from './harness.mjs';
import { SimulatorPage, messageParts } from './pages/simulator-page.mjs';
import { encodeFragment, example, linkTo } from './fixtures.mjs';
import { cut, textFits } from './text-fit.mjs';

const DEFAULT_NAME = 'Subscription retailer (monthly box)';
const SAAS_NAME = 'B2B SaaS with a long sales cycle';
const LIBRARY = 'cx-journey/v1/library';
const DAMAGED_LIBRARY = 'cx-journey/v1/library-damaged';

class Journeys {
  constructor(page) {
    this.page = page;
    this.panel = page.getByRole('region', { name: 'Journeys' });
    this.presets = page.getByRole('combobox', { name: 'Example journeys' });
    this.openExample = page.getByRole('button', { name: 'Open example' });
    this.save = this.panel.getByRole('button', { name: /^Save (to My journeys|changes)$/ });
    this.saved = page.getByRole('list', { name: 'My journeys' }).getByRole('listitem');
    this.status = this.panel.getByRole('status');
  }

  entry(name) {
    return this.saved.filter({ has: this.page.locator('.name', { hasText: name }) });
  }

  button(action, name) {
    return this.panel.getByRole('button', { name: `${action} “${name}”`, exact: true });
  }

  names() {
    return this.saved.locator('.name').allTextContents();
  }
}

test("every example's name and lesson's title shows whole in its list, from a phone to a wide screen", async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const lists = [new Journeys(page).presets, page.getByRole('combobox', { name: 'Lesson', exact: true })];
  for (const width of [1280, 1024, 800, 390, 360]) {
    await page.setViewportSize({ width, height: 900 });
    for (const list of lists) {
      const problems = cut(await list.evaluateAll(textFits, 'widest'));
      assertEqual(problems.join('; '), '', `lists cut at ${width} px`);
    }
  }
});

test('opening an example keeps unsaved changes in My journeys', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  assertEqual(await journeys.saved.count(), 0, 'saved journeys at first');
  await app.seed.fill('4242');

  await journeys.presets.selectOption('b2b-saas');
  await journeys.openExample.click();
  await page.waitForFunction((name) => document.querySelector('.scenario-name')?.textContent === name, SAAS_NAME);
  const status = await journeys.status.textContent();
  assert(status.includes(`Opened the example “${SAAS_NAME}”`), `status ${JSON.stringify(status)}`);
  assert(status.includes(`Your changes to “${DEFAULT_NAME}” were saved`), `status ${JSON.stringify(status)}`);
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([DEFAULT_NAME]), 'saved journeys');
  assertEqual(await app.seed.inputValue(), '4242', 'the seed carries over to the example');

  // Opening the example again: nothing was changed, so nothing more is saved.
  await journeys.presets.selectOption('retail-bank');
  await journeys.openExample.click();
  await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent === 'Omnichannel retail bank');
  assertEqual(await journeys.saved.count(), 1, 'an unchanged example is not saved');

  await journeys.button('Open', DEFAULT_NAME).click();
  await page.waitForFunction((name) => document.querySelector('.scenario-name')?.textContent === name, DEFAULT_NAME);
  assertEqual(await app.seed.inputValue(), '4242', 'the saved seed');
  assertEqual(await journeys.entry(DEFAULT_NAME).locator('.badge').textContent(), 'open', 'the open journey is marked');
});

test('saved journeys are renamed, deleted, restored and survive a reload', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  await journeys.save.click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([DEFAULT_NAME]), 'after saving');
  assertEqual(await journeys.save.textContent(), 'Save changes', 'the save button updates the open journey');
  assert(await journeys.save.isDisabled(), 'nothing to save right after saving');
  await app.setTrials(700);
  assert(await journeys.save.isEnabled(), 'an edit can be saved');
  await journeys.save.click();
  assertEqual(await journeys.saved.count(), 1, 'saving changes updates the entry');

  const hostile = 'My <b>box</b> & plan';
  await journeys.button('Rename', DEFAULT_NAME).click();
  const input = page.getByRole('textbox', { name: `New name for “${DEFAULT_NAME}”` });
  await input.fill(hostile);
  await input.press('Enter');
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([hostile]), 'renamed, shown as text');
  assertEqual(await journeys.saved.locator('b').count(), 0, 'no markup from the name');

  await journeys.button('Rename', hostile).click();
  await page.getByRole('textbox', { name: `New name for “${hostile}”` }).fill('   ');
  await page.getByRole('button', { name: 'Save name' }).click();
  assertEqual(await journeys.status.textContent(), 'A saved journey needs a name.', 'blank names are refused');
  await journeys.panel.getByRole('button', { name: 'Cancel' }).click();

  await app.open();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([hostile]), 'after a reload');
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), LIBRARY));
  assertEqual(stored.entries.length, 1, 'stored entries');
  assert(stored.entries[0].run.startsWith('v1.'), 'stored as share-link text');

  await journeys.button('Delete', hostile).click();
  assertEqual(await journeys.saved.count(), 0, 'after deleting');
  assertEqual(await journeys.status.textContent(), `Deleted “${hostile}”. Undo`, 'status after deleting');
  await journeys.panel.getByRole('button', { name: 'Undo' }).click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([hostile]), 'after undo');
  await app.open();
  assertEqual(await journeys.saved.count(), 1, 'the restored entry is stored');
});

test('saving changes keeps the name a saved journey was given, unless the journey was renamed', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  await journeys.save.click();
  await journeys.button('Rename', DEFAULT_NAME).click();
  const input = page.getByRole('textbox', { name: `New name for “${DEFAULT_NAME}”` });
  await input.fill('Q3 plan');
  await input.press('Enter');

  await app.setTrials(700);
  await journeys.save.click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify(['Q3 plan']), 'the name given in My journeys stays');
  assertEqual(await journeys.status.textContent(), 'Saved “Q3 plan” in My journeys.', 'and the status names it');

  await page.getByRole('region', { name: 'Journey', exact: true }).getByRole('textbox', { name: 'Journey name' }).fill('Renewals v2');
  await journeys.save.click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify(['Renewals v2']), 'a renamed journey renames its entry');
  assertEqual(await journeys.status.textContent(), 'Saved “Renewals v2” in My journeys.', 'status');
});

test('from the keyboard, renaming, deleting and undoing in My journeys keep the focus on the list', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  await journeys.save.click();
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

  for (let round = 1; round <= 2; round += 1) {
    await journeys.button('Rename', DEFAULT_NAME).focus();
    await page.keyboard.press('Enter');
    const input = page.getByRole('textbox', { name: `New name for “${DEFAULT_NAME}”` });
    assert(await input.evaluate((i) => i === document.activeElement), `round ${round}: the focus is in the name field`);
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    assertEqual(await focusedName(), `Rename “${DEFAULT_NAME}”`, `round ${round}: Escape returns to Rename`);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Renamed plan');
  await page.keyboard.press('Enter');
  await journeys.status.filter({ hasText: 'Renamed to “Renamed plan”.' }).waitFor();
  assertEqual(await focusedName(), 'Rename “Renamed plan”', 'back on Rename after saving the name');

  await journeys.button('Delete', 'Renamed plan').focus();
  await page.keyboard.press('Enter');
  await journeys.status.filter({ hasText: 'Deleted' }).waitFor();
  assertEqual(await focusedName(), 'BUTTON', 'on a button, not the page');
  assertEqual(await page.evaluate(() => document.activeElement.textContent), 'Undo', 'on Undo after deleting');
  await page.keyboard.press('Enter');
  await journeys.status.filter({ hasText: 'Restored' }).waitFor();
  assertEqual(await focusedName(), 'Open “Renamed plan”', 'on the restored journey');
});

test('after a reload the journey that was open is still the one saved over, until another run is opened', async ({ page, context, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  await journeys.save.click();
  await app.open();
  const badge = journeys.entry(DEFAULT_NAME).locator('.badge');
  assertEqual(await badge.count(), 1, 'still marked open after a reload');
  assertEqual(await badge.textContent(), 'open', 'the mark');
  assertEqual(await journeys.save.textContent(), 'Save changes', 'saving goes over it');
  assert(await journeys.save.isDisabled(), 'nothing to save');

  // Unsaved changes at the reload are still changes to that journey.
  await app.setTrials(700);
  await app.open();
  assertEqual(await app.trials.inputValue(), '700', 'the autosave kept the edit');
  assert(await journeys.save.isEnabled(), 'the edit is an unsaved change');
  await journeys.save.click();
  assertEqual(await journeys.saved.count(), 1, 'saved over the open journey, not as a new one');

  // Someone else's link, from another browser: their run is not the saved journey.
  const elsewhere = await context.browser().newContext();
  const other = await elsewhere.newPage();
  const sender = new SimulatorPage(other, baseUrl);
  await sender.open();
  await sender.seed.fill('77');
  await other.waitForFunction(() => document.querySelector('#share-link')?.value.includes('#v1.'));
  const link = await sender.shareLink.inputValue();
  await elsewhere.close();
  await app.openLink(link);
  assertEqual(await journeys.panel.locator('.badge').count(), 0, 'no journey open');
  assertEqual(await journeys.save.textContent(), 'Save to My journeys', 'saving makes a new journey');
  await app.open();
  assertEqual(await journeys.panel.locator('.badge').count(), 0, 'still none after a reload');
});

test('a link pasted into the page saves unsaved changes to the open journey over it first', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  await journeys.save.click();
  await app.setTrials(700);
  assert(await journeys.save.isEnabled(), 'an unsaved change');

  await app.pasteLink(linkTo(baseUrl, { scenario: await example('b2b-saas.json'), seed: 3, trials: 400 }));
  await app.openEditorButton.waitFor();
  await app.openEditor();
  assertEqual(await app.scenarioName.textContent(), SAAS_NAME, 'the link is open');
  assertEqual(
    await journeys.status.textContent(),
    `Before the link opened, your journey was saved in My journeys as “${DEFAULT_NAME}”.`,
    'Journeys says',
  );
  assertEqual(await journeys.saved.count(), 1, 'saved over the open journey, not as a new one');
  assertEqual(await journeys.panel.locator('.badge').count(), 0, 'the link is not the saved journey');
  assertEqual(await journeys.save.textContent(), 'Save to My journeys', 'saving the link makes a new journey');

  await journeys.button('Open', DEFAULT_NAME).click();
  await page.waitForFunction((name) => document.querySelector('.scenario-name')?.textContent === name, DEFAULT_NAME);
  assertEqual(await app.trials.inputValue(), '700', 'the change made before the link');
});

test('what a later version stored in My journeys stays listed and is written back as it was', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  const later = JSON.stringify({
    folders: ['Plans'],
    entries: [{ id: 3, name: 'Bank', run: 'v1.bank', saved_at: 0, tags: ['Q3'] }],
  });
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY, later]);
  await app.open();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify(['Bank']), 'listed');
  // An empty status is not shown, so it is found by its class.
  assertEqual(await journeys.panel.locator('.library-status').textContent(), '', 'nothing called damaged');
  await journeys.save.click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([DEFAULT_NAME, 'Bank']), 'saved beside it');
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), LIBRARY));
  assertEqual(JSON.stringify(stored.folders), '["Plans"]', 'the library field kept');
  assertEqual(JSON.stringify(stored.entries[1].tags), '["Q3"]', 'the entry field kept');
  assertEqual(await page.evaluate((key) => localStorage.getItem(key), DAMAGED_LIBRARY), null, 'no copy set aside');
});

test('a damaged journey library is set aside and the page stays usable', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const journeys = new Journeys(page);
  await app.open();
  const bad = '{"entries": "<script>alert(1)</script>"}';
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY, bad]);
  await app.open();
  // In words for the user, not the reader's ("expected struct Library").
  assertEqual(
    await journeys.status.textContent(),
    'Your saved journeys could not be read: the stored text is damaged; the list starts empty. ' +
      `The stored copy was kept as ${DAMAGED_LIBRARY}.`,
    'status'
  );
  assertEqual(await page.evaluate((key) => localStorage.getItem(key), DAMAGED_LIBRARY), bad, 'the kept copy');
  await journeys.save.click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([DEFAULT_NAME]), 'saving works');

  // A second damage, to one entry: the others stay listed, and the first
  // damage's copy is not overwritten.
  const partly = JSON.stringify({
    entries: [
      { id: 11, name: 'Bank', run: 'v1.bank', saved_at: 0 },
      { id: 12, name: 'Q3 plan', run: null, saved_at: 0 },
      { id: 13, name: 'Retail', run: 'v1.retail', saved_at: 0 },
    ],
  });
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY, partly]);
  await app.open();
  assertEqual(
    await journeys.status.textContent(),
    '“Q3 plan” could not be read: it is damaged. Your other 2 saved journeys are listed. ' +
      `The stored copy was kept as ${DAMAGED_LIBRARY}-2.`,
    'status after a second damage'
  );
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify(['Bank', 'Retail']), 'the readable ones');
  const copies = await page.evaluate((key) => [localStorage.getItem(key), localStorage.getItem(`${key}-2`)], DAMAGED_LIBRARY);
  assertEqual(JSON.stringify(copies), JSON.stringify([bad, partly]), 'both copies');
  await journeys.save.click();
  assertEqual(JSON.stringify(await journeys.names()), JSON.stringify([DEFAULT_NAME, 'Bank', 'Retail']), 'saving keeps them');

  // An entry whose run is broken: opening it says so and keeps the journey.
  const broken = { entries: [{ id: 7, name: 'Broken', run: 'v1.garbage', saved_at: 0 }] };
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY, JSON.stringify(broken)]);
  await app.open();
  await journeys.button('Open', 'Broken').click();
  // In words about a saved journey: a link's would ask to copy the link again.
  assertEqual(
    await journeys.status.textContent(),
    '“Broken” could not be opened: it is damaged. Your current journey was kept.',
    'status'
  );
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'the current journey is kept');

  // An entry whose run holds no scenario: every problem is a list item.
  const run = encodeFragment({ scenario: { schema: 1, months: 'three', stages: {} }, seed: 1, trials: 10 });
  const shapes = { entries: [{ id: 8, name: 'Hand-edited', run, saved_at: 0 }] };
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [LIBRARY, JSON.stringify(shapes)]);
  await app.open();
  await journeys.button('Open', 'Hand-edited').click();
  const { lines, problems } = await messageParts(journeys.status);
  assertEqual(
    JSON.stringify({ lines, problems }),
    JSON.stringify({
      lines: ['“Hand-edited” could not be opened. Your current journey was kept.', 'It does not hold a scenario (3 problems):'],
      problems: [
        'months: expected a whole number, 0 or more, not the text "three"',
        'departments: missing; this field is required',
        'stages: expected a list, not an object',
      ],
    }),
    'the problems listed'
  );
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'the current journey is kept');
});
