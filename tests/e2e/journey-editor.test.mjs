import { join } from 'node:path';
import { readFile } from 'node:fs/promises';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, INITIAL, JourneyEditor, NEXT } from './pages/journey-editor.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { journeyAtTheLimits } from './fixtures.mjs';
import { cut, textFits } from './text-fit.mjs';

test('editing the Need stage changes the baseline NPV', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await app.setTrials(2000);
  assertEqual(await editor.field('need', ADVANCE).inputValue(), '0.4', 'Need advance as loaded');

  await app.run();
  const before = await app.npvMeans.first().textContent();

  await editor.setField('need', ADVANCE, '0.5');
  assertEqual(await editor.problemSummary.textContent(), '', 'no problems after a valid edit');
  assert(await app.runButton.isEnabled(), 'Run simulation is enabled');
  await app.run();
  const after = await app.npvMeans.first().textContent();
  assert(after !== before, `baseline NPV did not change: ${before} → ${after}`);
});

test('after an edit and a run, each figure that moved says what it was', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const legend = page.getByTestId('was-legend');
  const was = app.results.getByTestId('was');
  await app.open();
  await app.setTrials(1000);
  await app.run();
  assertEqual(await was.count(), 0, '"was" lines after the first run');
  assertEqual(await legend.count(), 0, 'legend after the first run');
  const before = await app.cardFigures();

  await editor.setField('need', ADVANCE, '0.5');
  await app.run();
  await legend.waitFor();
  const after = await app.cardFigures();
  // The baseline's NPV moved, and its card says what it was.
  assert(after[0].npv !== before[0].npv, `baseline NPV did not change: ${before[0].npv}`);
  const npvFigure = app.variants.first().locator('.figure').filter({ has: page.getByTestId('npv-mean') });
  assertEqual(await npvFigure.getByTestId('was').textContent(), `was ${before[0].npv}`, 'baseline NPV was');
  // Every "was" repeats the earlier figure of that card, by name.
  const lines = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="variant"] .figure')]
      .filter((f) => f.querySelector('[data-testid="was"]'))
      .map((f) => ({
        card: f.closest('[data-testid="variant"]').querySelector('h3').textContent,
        term: f.querySelector('dt').firstChild.textContent.trim(),
        was: f.querySelector('[data-testid="was"]').textContent,
      })),
  );
  assert(lines.length >= 3, `only ${lines.length} "was" lines`);
  for (const { card, term, was: text } of lines.filter((l) => l.term === 'NPV')) {
    const earlier = before.find((c) => c.name === card);
    assertEqual(text, `was ${earlier.npv}`, `${card}: NPV was`);
  }
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await app.variants.first().screenshot({ path: join(artifacts, `was-${width}.png`) });
  }

  // Run again unchanged: nothing moved since, so nothing to say.
  await app.run();
  assertEqual(await was.count(), 0, '"was" lines after an unchanged run');
  assertEqual(await legend.count(), 0, 'legend after an unchanged run');

  // Another seed makes other draws: the figures are not compared.
  await editor.setField('need', ADVANCE, '0.4');
  await app.newSeedButton.click();
  await app.run();
  assertEqual(await was.count(), 0, '"was" lines after a new seed');
});

test('an invalid advance is shown in place and disables Run', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const advance = editor.field('need', ADVANCE);

  await editor.setField('need', ADVANCE, '1.5');
  assertEqual(await advance.getAttribute('aria-invalid'), 'true', 'aria-invalid on Need advance');
  const inline = await editor.fieldProblems('need', ADVANCE).allTextContents();
  assert(inline.length > 0, 'a problem is shown next to Need advance');
  const summary = await editor.problemSummary.textContent();
  assert(/^\d+ problems? — fix (it|them) to run$/.test(summary), `summary ${JSON.stringify(summary)}`);
  assert(await app.runButton.isDisabled(), 'Run simulation is disabled while there are problems');
  // The status under the summary does not contradict it.
  assertEqual(await app.status.textContent(), '', 'no "Ready to run." beside the problems');

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Wait until the page has laid out and painted at the new width.
    await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await editor.stage('need').screenshot({ path: join(artifacts, `editor-invalid-${width}.png`) });
    await page.screenshot({ path: join(artifacts, `editor-${width}-full.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page scrolls sideways by ${overflow} px at ${width} px`);
  }

  // Text that is not a number stays in the field, with a note.
  await editor.setField('need', ADVANCE, 'abc');
  assertEqual(await advance.inputValue(), 'abc', 'the text typed is kept');
  const notes = await editor.fieldProblems('need', ADVANCE).allTextContents();
  assert(notes.includes('not a number'), `notes ${JSON.stringify(notes)}`);

  await editor.setField('need', ADVANCE, '0.4');
  assertEqual(await editor.problemSummary.textContent(), '', 'no problems once fixed');
  assert(await app.runButton.isEnabled(), 'Run simulation is enabled again');
  assertEqual(await app.status.textContent(), 'Ready to run.', 'ready once fixed');
});

test('text that is not a number counts as a problem until it reads as one', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open({ autoRun: true });
  const runs = () => app.status.textContent();
  assertEqual(await runs(), 'Ready to run.', 'nothing ran on opening');

  // The journey keeps its last good value, so running would not run what
  // the field says.
  await editor.setField('need', ADVANCE, 'abc');
  assertEqual(await editor.problemSummary.textContent(), '1 problem — fix it to run', 'summary with an unread field');
  assert(await app.runButton.isDisabled(), 'Run simulation is disabled while a field is unread');

  // A decimal comma is not read as thousands: "0,5" is not 5.
  await editor.setField('need', ADVANCE, '0,5');
  const notes = await editor.fieldProblems('need', ADVANCE).allTextContents();
  assert(notes.includes('not a number: use a point for decimals, as in 0.5'), `notes ${JSON.stringify(notes)}`);
  // The note sits under the field, which keeps its width.
  const box = await editor.field('need', ADVANCE).boundingBox();
  const noteBox = await editor.fieldProblems('need', ADVANCE).first().boundingBox();
  assert(box.width > 100, `the field is ${box.width} px wide beside its note`);
  assert(noteBox.y >= box.y + box.height, 'the note is under the field');
  assertEqual(await editor.problemSummary.textContent(), '1 problem — fix it to run', 'summary with a decimal comma');
  await page.waitForTimeout(1000);
  // A run would say "Running" or "Finished"; "Ready" would contradict the summary.
  assertEqual(await runs(), '', 'nothing re-ran while the field was unread');

  // Two unread fields, then one of them removed with its stage.
  await page.getByRole('button', { name: 'Add a Buy stage' }).click();
  await page.waitForFunction(() => document.activeElement?.value === 'New stage', null, { timeout: 5000 });
  const added = editor.region.getByRole('group', { name: /New stage/ }).getByLabel(ADVANCE, { exact: true });
  // What was typed stays in its own stage's field.
  assertEqual(await editor.field('need', ADVANCE).inputValue(), '0,5', 'Need after a stage is added');
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '0.35', 'Research after a stage is added');
  await added.fill('x');
  assertEqual(await editor.problemSummary.textContent(), '2 problems — fix them to run', 'summary with two unread fields');
  await page.getByRole('button', { name: 'Remove New stage' }).click();
  assertEqual(await editor.problemSummary.textContent(), '1 problem — fix it to run', 'summary once that stage is gone');

  await editor.setField('need', ADVANCE, '0.5');
  assertEqual(await editor.problemSummary.textContent(), '', 'no problems once the field reads');
  assert(await app.runButton.isEnabled(), 'Run simulation is enabled again');

  // A stage that moves does not hand what was typed to another stage.
  await editor.setField('need', ADVANCE, 'abc');
  await page.getByRole('button', { name: 'Move Research up' }).click();
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '0.35', 'Research after moving up');
  assertEqual(await editor.field('need', ADVANCE).inputValue(), '0.5', 'Need after the move: its journey value');
  assertEqual(await editor.problemSummary.textContent(), '', 'no problems after the move');
});

test('a field that is not a number shows only its own note, saying how to write the number', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const shown = () => editor.fieldProblems('need', ADVANCE).filter({ visible: true }).allTextContents();
  await editor.setField('need', ADVANCE, '150');
  assert((await shown()).includes('150 is not a probability in [0, 1]'), `notes ${JSON.stringify(await shown())}`);
  // A percentage typed for a share is read as it is, with how to write it.
  await editor.setField('need', ADVANCE, '45');
  assert((await shown()).includes('45 is not a probability in [0, 1]: write 45% as 0.45'), `notes ${JSON.stringify(await shown())}`);
  // The journey still holds 150, but the field no longer says it.
  await editor.setField('need', ADVANCE, '30%');
  assertEqual(JSON.stringify(await shown()), JSON.stringify(['not a number: write a share as a fraction, as in 0.3 for 30%']), 'only the note of what is in the field');
  const described = await editor.field('need', ADVANCE).getAttribute('aria-describedby');
  assertEqual(described.split(' ').length, 1, `the field is described by its note alone: ${described}`);
  await editor.setField('need', ADVANCE, '$45');
  assertEqual(JSON.stringify(await shown()), JSON.stringify(['not a number: leave out the currency sign']), 'a currency sign');
  await editor.setField('need', ADVANCE, '0.3');
  assertEqual(JSON.stringify(await shown()), '[]', 'a number that reads has no note');
  assertEqual(await editor.problemSummary.textContent(), '', 'and no problem');
});

test('stages move, get added and removed by named buttons', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const legends = () => editor.region.locator('.stage-title').allTextContents();
  assertEqual((await legends())[0], '1. Need', 'first stage');

  // Selects show their stage's choice after a move, even one the user made.
  const owner = (id) => editor.field(id, 'Owner').evaluate((s) => s.selectedOptions[0].textContent);
  await editor.field('need', 'Owner').selectOption({ label: 'E-commerce' });
  await page.getByRole('button', { name: 'Move Research up' }).click();
  assertEqual((await legends()).slice(0, 2).join(', '), '1. Research, 2. Need', 'after moving Research up');
  await page.getByRole('button', { name: 'Move Need up' }).click();
  assertEqual(`${await owner('need')}, ${await owner('research')}`, 'E-commerce, Marketing', 'owners after moving back');

  const count = (await legends()).length;
  await page.getByRole('button', { name: 'Add a Buy stage' }).click();
  assertEqual((await legends()).length, count + 1, 'stages after adding one');
  // The new stage's name has focus, ready to type.
  await page.waitForFunction(() => document.activeElement?.value === 'New stage', null, { timeout: 5000 });
  await page.getByRole('button', { name: 'Remove New stage' }).click();
  assertEqual((await legends()).length, count, 'stages after removing it');
  assertEqual(await editor.problemSummary.textContent(), '', 'the journey is still valid');
});

/** Waits up to 5 s for `get()` to return `expected`, then asserts it. */
async function eventually(get, expected, what) {
  const until = Date.now() + 5000;
  let actual = await get();
  while (actual !== expected && Date.now() < until) {
    await new Promise((done) => setTimeout(done, 20));
    actual = await get();
  }
  assertEqual(actual, expected, what);
}

test('moving a stage with the keyboard keeps focus on its button', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const titles = async () => (await editor.region.locator('.stage-title').allTextContents()).slice(0, 3).join(', ');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

  await page.getByRole('button', { name: 'Move Select a plan up' }).focus();
  await page.keyboard.press('Enter');
  await eventually(titles, '1. Need, 2. Select a plan, 3. Research', 'after one move up');
  await eventually(focused, 'Move Select a plan up', 'focus after moving up');

  // At the top, "up" is disabled: focus goes to the same stage's "down".
  await page.keyboard.press('Space');
  await eventually(titles, '1. Select a plan, 2. Need, 3. Research', 'after a second move up');
  await eventually(focused, 'Move Select a plan down', 'focus once at the top');

  await page.keyboard.press('Enter');
  await eventually(titles, '1. Need, 2. Select a plan, 3. Research', 'after one move down');
  await page.keyboard.press('Enter');
  await eventually(titles, '1. Need, 2. Research, 3. Select a plan', 'after moving back down');
  await eventually(focused, 'Move Select a plan down', 'focus after moving down');

  // Stages stay in their half of the loop: the last Buy stage cannot move down.
  assert(await page.getByRole('button', { name: 'Move Purchase down' }).isDisabled(), 'Purchase cannot move into Own');
});

test('next stage, referral entry and people at the start are edited in place', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();

  // The last stage may advance once it names where to.
  await editor.setField('loyal', ADVANCE, '0.02');
  const advanceProblems = await editor.fieldProblems('loyal', ADVANCE).allTextContents();
  const needsNext = 'the last stage can only advance if it names a stage to advance to; set advance to 0 or choose one';
  assert(advanceProblems.includes(needsNext), `problems ${JSON.stringify(advanceProblems)}`);
  const next = editor.field('loyal', NEXT);
  const offered = await next.locator('option').allTextContents();
  assert(!offered.includes('Need'), `an Own stage offers no Buy stage: ${JSON.stringify(offered)}`);
  await next.selectOption({ label: 'Subscribed' });
  assertEqual(await editor.problemSummary.textContent(), '', 'valid with a next stage');

  await editor.referralEntry.selectOption({ label: 'Need' });
  assertEqual(await editor.referralEntry.inputValue(), 'need', 'referral entry');
  assertEqual(await page.locator('.loop-hint').textContent(), '↺ Advocacy brings new people back to Need', 'loop hint');

  const horizon = editor.region.getByLabel('CLV horizon (months)', { exact: true });
  await horizon.fill('0');
  await eventually(() => horizon.getAttribute('aria-invalid'), 'true', 'a CLV horizon of 0 is a problem');
  await horizon.fill('24');
  assertEqual(await editor.problemSummary.textContent(), '', 'valid with a 24-month CLV horizon');

  await editor.setField('onboard', INITIAL, '250');
  assertEqual(await editor.problemSummary.textContent(), '', 'valid with people at the start');
  await editor.setField('onboard', INITIAL, '2.5');
  const notes = await editor.fieldProblems('onboard', INITIAL).allTextContents();
  assert(notes.includes('not a whole number'), `notes ${JSON.stringify(notes)}`);
});

test('every number, owner, next stage, hand-off, referral entry and investment of every example, and the new hand-off, shows whole, from a phone to a laptop', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const controls = {
    numbers: editor.region.locator('input[inputmode]'),
    owners: editor.region.getByLabel('Owner', { exact: true }),
    'next stages': editor.region.getByLabel(NEXT, { exact: true }),
    // The hand-offs, and the new one's From and To.
    'hand-offs': editor.region.locator('.handoff-pair select, #new-handoff-from, #new-handoff-to'),
    'referral entry': editor.region.locator('#referral-entry'),
    investments: page.getByLabel('Invest in', { exact: true }),
  };
  // On a phone a list's longest choices ("Account opening and switching
  // (next stage)") take two lines.
  const everywhere = [1280, 1024, 800, 390];
  let checked = 0;
  const problems = [];
  for (const value of await app.exampleIds()) {
    await app.openExample(value);
    for (const width of everywhere) {
      await page.setViewportSize({ width, height: 900 });
      for (const [what, locator] of Object.entries(controls)) {
        const fits = await locator.evaluateAll(textFits);
        checked += fits.length;
        problems.push(...cut(fits).map((line) => `${value} at ${width} px, ${what}: ${line}`));
      }
    }
  }
  assert(checked > 1000, `only ${checked} controls checked`);
  assertEqual(problems.join('\n'), '', 'controls whose text is cut');
});

test('a stage says what leads to it, and removing it says what changed', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const arrivals = (id) => editor.stage(id).locator('.stage-arrivals');
  assertEqual(await arrivals('research').textContent(), 'Referrals enter here.', 'the referral entry');
  assertEqual(await arrivals('use').count(), 0, 'nothing loops to Subscribed yet');

  await editor.setField('loyal', ADVANCE, '0.02');
  await editor.field('loyal', NEXT).selectOption({ label: 'Subscribed' });
  assertEqual(await arrivals('use').textContent(), '“Loyal subscriber” advances here.', 'a loop');
  const remove = page.getByRole('button', { name: 'Remove Subscribed' });
  const describedBy = await remove.getAttribute('aria-describedby');
  assertEqual(await page.locator(`#${describedBy}`).textContent(), '“Loyal subscriber” advances here.', 'the remove button is described by it');

  await remove.click();
  await eventually(
    () => page.getByTestId('announced').textContent(),
    'Removed stage “Subscribed”. “Loyal subscriber” now advances nowhere (it is the last stage). '
      + 'Its 9,000 people at the start went with it.',
    'what the removal changed, announced',
  );
  await editor.region.getByRole('button', { name: 'Undo removing stage “Subscribed”' }).click();
  assertEqual(await arrivals('use').textContent(), '“Loyal subscriber” advances here.', 'the loop is back after Undo');
});

test('at the engine\'s limits every Add button is disabled and says why', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await app.importInput.setInputFiles({
    name: 'at-the-limits.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(await journeyAtTheLimits())),
  });
  await editor.stage('extra-40').waitFor();
  assertEqual(await editor.problemSummary.textContent(), '', 'a journey at the limits is valid');

  const reason = async (button) => {
    const id = await button.getAttribute('aria-describedby');
    return id ? page.locator(`[id="${id}"]`).textContent() : null;
  };
  const first = (await page.locator('.scenario-title').first().textContent()).trim();
  const buttons = [
    ['Add a Buy stage', 'At most 40 stages.'],
    ['Add an Own stage', 'At most 40 stages.'],
    ['Add department', 'At most 30 departments.'],
    ['Add a scenario', 'At most 20 scenarios.'],
    [`Duplicate ${first}`, 'At most 20 scenarios.'],
    [`Add an investment to ${first}`, 'At most 50 investments in a scenario.'],
  ];
  await editor.region.getByLabel('New department', { exact: true }).fill('One too many');
  for (const [name, why] of buttons) {
    const button = editor.region.getByRole('button', { name, exact: true });
    assert(await button.isVisible(), `${name} is shown`);
    assert(await button.isDisabled(), `${name} is disabled at the limit`);
    assertEqual(await reason(button), why, `the reason beside ${name}`);
  }
  // Below a limit, its buttons work again.
  await page.getByRole('button', { name: 'Remove Extra 40', exact: true }).click();
  const addOwn = editor.region.getByRole('button', { name: 'Add an Own stage', exact: true });
  assert(await addOwn.isEnabled(), 'Add an Own stage once a stage is removed');
  assertEqual(await addOwn.getAttribute('aria-describedby'), null, 'no reason once below the limit');

  await page.setViewportSize({ width: 390, height: 900 });
  await page.waitForFunction(() => document.documentElement.clientWidth === 390);
  await page.getByRole('region', { name: 'Investment scenarios' }).locator('.add-actions').last()
    .screenshot({ path: join(artifacts, 'editor-limit-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
});

test('the problem count changes with the field, even where the page lets the browser in mid-update', async ({ page, baseUrl }) => {
  // Yew lets the browser run other tasks (with a zero-delay timer) once it
  // has worked for 16 ms; anything reading the page then (a screen reader,
  // a test) must not see a count that disagrees with the fields.
  await page.addInitScript(() => {
    window.__countAtYields = [];
    const setTimeout = window.setTimeout;
    window.setTimeout = (fn, ms, ...rest) => {
      if (!ms) window.__countAtYields.push(document.querySelector('[data-testid="problem-summary"]')?.textContent ?? null);
      return setTimeout(fn, ms, ...rest);
    };
  });
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  // A slow processor makes every update take more than 16 ms.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await editor.setField('need', ADVANCE, '1.5');
  await editor.setField('need', ADVANCE, 'abc');
  // Out of range, so over 1 with the drop, and not a number.
  await page.waitForFunction(() => document.querySelector('[data-testid="problem-summary"]')?.textContent === '3 problems — fix them to run');
  await page.evaluate(() => {
    window.__countAtYields = [];
  });
  await editor.setField('need', ADVANCE, '0.4');
  await page.waitForFunction(() => document.querySelector('[data-testid="problem-summary"]')?.textContent === '');
  await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
  const counts = await page.evaluate(() => window.__countAtYields);
  assert(counts.length > 0, 'the page yielded during the update');
  assertEqual(counts.filter((c) => c !== '').join(' | '), '', 'problem counts seen between tasks');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});

test('an open list lines up with its field on a phone, its choices in regular weight, and Escape leaves the choice as it was', async ({ page, baseUrl }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.manualRuns();
  await app.openExample('retail-bank');
  // A long next stage, and a hand-off's From, a list narrower than its choices.
  for (const id of ['stage-3-next', 'handoff-0-from']) {
    const list = page.locator(`#${id}`);
    const before = await list.inputValue();
    await list.scrollIntoViewIfNeeded();
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await list.and(page.locator(':open')).waitFor();
    const open = await list.evaluate((select) => {
      const field = select.getBoundingClientRect();
      const choices = [...select.options].map((o) => o.getBoundingClientRect());
      return {
        left: Math.min(...choices.map((c) => c.left)) - field.left,
        right: Math.max(...choices.map((c) => c.right)),
        fieldRight: field.right,
        screen: document.documentElement.clientWidth,
        weights: [...new Set([...select.options].filter((o) => !o.selected).map((o) => getComputedStyle(o).fontWeight))],
      };
    });
    // Within the open list's 1 px border.
    assert(Math.abs(open.left) <= 1.5, `${id}: the open list starts at its field (${open.left} px off)`);
    assert(open.right <= open.screen - 8, `${id}: the open list ends ${open.screen - open.right} px from the screen's edge`);
    if (id === 'stage-3-next') assert(Math.abs(open.fieldRight - open.right) <= 1.5, `${id}: and ends where its field ends (${open.fieldRight - open.right} px off)`);
    assertEqual(open.weights.join(), '400', `${id}: choices in regular weight`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await list.and(page.locator(':not(:open)')).waitFor();
    assertEqual(await list.inputValue(), before, `${id}: Escape leaves the choice as it was`);
  }
});

test('a stage whose phase changes moves to the border of the halves, valid, with the focus on its Phase field', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.manualRuns();
  const valueOf = (id) => page.evaluate((id) => document.getElementById(id)?.value, id);
  const problems = page.getByTestId('problem-summary');
  // The default journey: Need, Research, Select, Purchase, then the OWN half.
  await page.locator('#stage-0-phase').focus();
  // From the keyboard: the arrow key opens the list on the chosen item, the
  // next moves to the other and Enter chooses it.
  const choose = async (key) => {
    await page.keyboard.press(key);
    await page.locator('#stage-0-phase, #stage-3-phase').and(page.locator(':open')).waitFor();
    await page.keyboard.press(key);
    await page.keyboard.press('Enter');
  };
  await choose('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#stage-3-phase')?.value === 'own');
  assertEqual(await valueOf('stage-3-name'), 'Need', 'Need is the first OWN stage');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'stage-3-phase', 'the focus follows the stage');
  assertEqual(await problems.textContent(), '', 'every BUY stage still comes first');
  await choose('ArrowUp');
  await page.waitForFunction(() => document.querySelector('#stage-3-phase')?.value === 'buy');
  assertEqual(await valueOf('stage-3-name'), 'Need', 'and the last BUY stage');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'stage-3-phase', 'and back');
  // The second OWN stage, mid-half, to BUY.
  const name = await valueOf('stage-5-name');
  await page.locator('#stage-5-phase').selectOption('buy');
  await page.waitForFunction(() => document.querySelector('#stage-4-phase')?.value === 'buy');
  assertEqual(await valueOf('stage-4-name'), name, 'an OWN stage becomes the last BUY stage');
  assertEqual(await problems.textContent(), '', 'and the journey stays valid');
});

test('a moved stage brings its focused move button into view', async ({ page, baseUrl }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.manualRuns();
  const down = page.getByRole('button', { name: 'Move Research down' });
  await down.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Move Research up' }).waitFor();
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, label: document.activeElement.getAttribute('aria-label') };
  });
  assert(/^Move Research (down|up)$/.test(box.label), `focus on ${box.label}`);
  assert(box.top >= 0 && box.bottom <= 901, `the focused button is at ${Math.round(box.top)}–${Math.round(box.bottom)} px`);
});

test('a name another stage or department already has gets a note on both, and the journey still runs', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const notes = page.locator('.field-note');
  assertEqual(await notes.count(), 0, 'no notes on the example');
  const first = page.locator('#stage-0-name');
  const second = page.locator('#stage-1-name');
  const name = await first.inputValue();
  const own = await second.inputValue();
  await second.fill(` ${name.toUpperCase()} `);
  await page.locator('#stage-1-same-name').waitFor();
  assertEqual(
    await page.locator('#stage-0-same-name').textContent(),
    `Another stage is also called “${name}”: lists, charts and results cannot tell them apart.`,
    'the first stage\'s note',
  );
  assert((await second.getAttribute('aria-describedby')).includes('stage-1-same-name'), 'the field is described by its note');
  assert(await app.runButton.isEnabled(), 'a note is not a problem: Run stays enabled');
  await second.fill(own);
  await page.waitForFunction(() => document.querySelectorAll('.field-note').length === 0);

  const department = page.locator('#department-1-name');
  await department.fill(await page.locator('#department-0-name').inputValue());
  await page.locator('#department-0-same-name').waitFor();
  assertEqual(await notes.count(), 2, 'a note beside each of the two departments');
});

/** What the journey at a glance should say of each stage of `journey` (a scenario file). */
function glanceOf(journey) {
  const central = (v) => (v === undefined ? 0 : typeof v === 'number' ? v : (v.low + v.high) / 2);
  const department = (id) => journey.departments.find((d) => d.id === id);
  const named = (thing) => thing.name || thing.id;
  return journey.stages.map((stage, i) => {
    const nextIndex = stage.next ? journey.stages.findIndex((s) => s.id === stage.next) : i + 1;
    const to = journey.stages[nextIndex];
    const handoff = to && to.owner !== stage.owner
      ? (journey.handoffs ?? []).find((h) => h.from === stage.owner && h.to === to.owner) ?? { friction: 0 }
      : null;
    const advance = central(stage.advance);
    return {
      name: `${i + 1}. ${named(stage)}`,
      owner: named(department(stage.owner)),
      advance: advance * 100,
      after: advance * (1 - central(department(stage.owner).friction)) * (1 - central(handoff?.friction)) * 100,
      to: advance > 0 && to ? named(to) : null,
      handoffTo: advance > 0 && handoff ? named(department(to.owner)) : null,
      handoffFriction: handoff && central(handoff.friction) > 0,
      refers: central(stage.advocacy) > 0
        ? `Each refers ${typeof stage.advocacy === 'number' ? stage.advocacy : `${stage.advocacy.low}–${stage.advocacy.high}`} people a month`
        : null,
    };
  });
}

test('the journey at a glance shows each stage\'s owner, what friction leaves of its advance and its hand-offs, follows edits, and a stage\'s name goes to its card', async ({ page, baseUrl }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const map = editor.region.getByRole('region', { name: 'The journey at a glance' });
  const cards = map.getByTestId('map-stage');
  await app.open();
  for (const [id, file] of [['subscription-retailer', 'subscription-retailer'], ['b2b-saas', 'b2b-saas'],
    ['retail-bank', 'retail-bank'], ['consumer-app', 'consumer-app']]) {
    await app.openExample(id);
    const journey = JSON.parse(await readFile(new URL(`../../examples/${file}.json`, import.meta.url), 'utf8'));
    const expected = glanceOf(journey);
    assertEqual(await cards.count(), expected.length, `${id}: one card per stage`);
    for (const [i, want] of expected.entries()) {
      const card = cards.nth(i);
      const text = (await card.textContent()).replace(/\s+/g, ' ');
      const where = `${id}, ${want.name}`;
      assertEqual(await card.getByRole('button').textContent(), want.name, `${where}: name`);
      assert(text.includes(`${want.owner}: `), `${where}: owner ${want.owner} in "${text}"`);
      const rate = text.match(/advances ([\d.]+)% a month(?:, ([\d.]+)% after friction)?/);
      if (want.advance === 0) {
        assert(text.includes('no one advances'), `${where}: "${text}"`);
      } else {
        assert(rate, `${where}: no rate in "${text}"`);
        const close = (shown, exact) => Math.abs(Number(shown) - exact) <= 0.005 * exact + 1e-9;
        assert(close(rate[1], want.advance), `${where}: advance ${rate[1]}% for ${want.advance}%`);
        assert(close(rate[2] ?? rate[1], want.after), `${where}: after friction ${rate[2]}% for ${want.after}%`);
      }
      if (want.to) assert(text.includes(want.to), `${where}: leads to ${want.to}: "${text}"`);
      const handoff = want.handoffTo
        ? `a hand-off to ${want.handoffTo} (${want.handoffFriction ? 'friction ' : 'no friction)'}`
        : 'hand-off';
      assertEqual(text.includes(handoff), Boolean(want.handoffTo), `${where}: "${handoff}" in "${text}"`);
      assertEqual(await card.evaluate((e) => e.classList.contains('seam')), Boolean(want.handoffFriction),
        `${where}: marked as a hand-off with friction`);
      // A range's dash is joined to its ends (U+2060) so that it never starts a line.
      if (want.refers) assert(text.replaceAll('\u2060', '').includes(want.refers), `${where}: "${want.refers}" in "${text}"`);
      else assert(!text.includes('refers'), `${where}: no referrals, yet "${text}"`);
    }
    const spill = await cards.evaluateAll((all) => all
      .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > document.documentElement.clientWidth)
      .map((c) => c.querySelector('button').textContent));
    assertEqual(spill.join(), '', `${id}: cards whose text runs out of them at 390 px`);
    // A department's stages share a stripe, and no two departments do (the bank has seven).
    const stripes = await cards.evaluateAll((all) => all.map((c) => {
      const style = getComputedStyle(c);
      return `${style.borderLeftColor} ${style.borderLeftStyle}`;
    }));
    const byOwner = new Map();
    for (const [i, want] of expected.entries()) byOwner.set(want.owner, new Set([...(byOwner.get(want.owner) ?? []), stripes[i]]));
    for (const [owner, looks] of byOwner) assertEqual(looks.size, 1, `${id}: ${owner}'s stages: ${[...looks].join(' | ')}`);
    const looks = [...byOwner].map(([owner, look]) => `${owner}: ${[...look][0]}`);
    assertEqual(new Set([...byOwner.values()].map((l) => [...l][0])).size, byOwner.size, `${id}: departments that look alike: ${looks.join(' | ')}`);
  }

  // It follows the editor, and a stage's name takes the focus to its card.
  await app.openExample('subscription-retailer');
  await editor.region.getByLabel('Marketing friction', { exact: true }).fill('0.5');
  await eventually(async () => (await cards.first().textContent()).includes('advances 40% a month, 20% after friction'), true,
    'Need after raising Marketing friction to 0.5');
  await cards.nth(6).getByRole('button', { name: '7. Loyal subscriber' }).click();
  assertEqual(await page.evaluate(() => document.activeElement.id), 'stage-6-name', 'focus after choosing Loyal subscriber');
  assert(await editor.field('loyal', 'Name').evaluate((e) => e === document.activeElement), 'Loyal subscriber\'s Name field has the focus');
});

// After every keystroke Chrome's autofill reads every field of the form the
// field belongs to, and fields outside any form count as one form: the whole
// editor. Each card keeps its fields in a small form of its own.
test('each card\'s fields are a small form of their own, and Enter in one submits nothing', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await app.manualRuns();
  const loose = () => editor.region.evaluate((region) => [...region.querySelectorAll('input, select, textarea')]
    .filter((field) => !field.form || field.form.elements.length > 40)
    .map((field) => `${field.id || field.getAttribute('aria-label')}: ${field.form ? `${field.form.elements.length} in its form` : 'no form'}`));
  assertEqual((await loose()).join(', '), '', 'fields of the default journey outside a small form');
  await app.importInput.setInputFiles({
    name: 'at-the-limits.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(await journeyAtTheLimits())),
  });
  await editor.stage('extra-40').waitFor();
  assertEqual((await loose()).join(', '), '', 'fields of a journey at the limits outside a small form');

  // Enter in a field neither reloads the page nor presses a button of the card.
  await page.evaluate(() => { window.stillHere = true; });
  const counts = () => page.evaluate(() => ['.stage', '.department', '.handoff', '.scenario-option', '.investment']
    .map((s) => document.querySelectorAll(s).length).join(' '));
  const before = await counts();
  for (const id of ['journey-name', 'months', 'department-0-name', 'stage-0-name', 'stage-0-advance', 'scenario-0-name', 'scenario-0-investment-0-monthly-spend']) {
    await page.locator(`[id="${id}"]`).press('Enter');
    assertEqual(await page.evaluate(() => window.stillHere), true, `the page after Enter in ${id}`);
    assertEqual(await counts(), before, `stages, departments, hand-offs, scenarios and investments after Enter in ${id}`);
  }
});
