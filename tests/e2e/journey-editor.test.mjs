import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

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
});

test('stages move, get added and removed by named buttons', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  const legends = () => editor.region.locator('.stage-title').allTextContents();
  assertEqual((await legends())[0], '1. Need', 'first stage');

  await page.getByRole('button', { name: 'Move Research up' }).click();
  assertEqual((await legends()).slice(0, 2).join(', '), '1. Research, 2. Need', 'after moving Research up');
  await page.getByRole('button', { name: 'Move Need up' }).click();

  const count = (await legends()).length;
  await page.getByRole('button', { name: 'Add a Buy stage' }).click();
  assertEqual((await legends()).length, count + 1, 'stages after adding one');
  await page.getByRole('button', { name: 'Remove New stage' }).click();
  assertEqual((await legends()).length, count, 'stages after removing it');
  assertEqual(await editor.problemSummary.textContent(), '', 'the journey is still valid');
});
