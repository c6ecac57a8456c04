// The seed, "New seed" and re-running after each change.
import { assert, assertEqual, assertSoon, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';

const OUTDATED = 'The results are from before your latest changes.';

test('the seed is shown and chosen, and the same seed gives the same numbers', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  assertEqual(await app.seed.inputValue(), '1', 'the default seed');
  await app.setTrials(500);
  await app.run();
  // Every card's figures with their intervals: the means alone are
  // rounded to three digits and can coincide between seeds.
  const first = await app.variants.allTextContents();
  const link = await app.shareLink.inputValue();

  await app.newSeedButton.click();
  const seed = await app.seed.inputValue();
  assert(/^[1-9][0-9]{0,5}$/.test(seed) && seed !== '1', `new seed ${JSON.stringify(seed)}`);
  await assertSoon(async () => (await app.shareLink.inputValue()) !== link, true, 'the link carries the new seed');
  // Said to a screen reader, which stays on the button.
  const said = page.getByTestId('announced');
  assertEqual(await said.getAttribute('role'), 'status', 'a live region');
  assertEqual(await said.textContent(), `New seed: ${seed}.`, 'the new seed is said');
  await app.newSeedButton.click();
  const another = await app.seed.inputValue();
  assert(another !== seed, 'another press, another seed');
  assertEqual(await said.textContent(), `New seed: ${another}.`, 'each new seed is said');
  await app.seed.fill(seed);
  assertEqual(await said.textContent(), '', 'a typed seed is not repeated');
  await app.run();
  const meta = await app.results.locator('.results-meta').textContent();
  assert(meta.includes(`seed ${seed}`), `results say which seed: ${JSON.stringify(meta)}`);
  assert(JSON.stringify(await app.variants.allTextContents()) !== JSON.stringify(first), 'another seed, other draws');

  await app.seed.fill('1');
  await app.run();
  assertEqual(JSON.stringify(await app.variants.allTextContents()), JSON.stringify(first), 'seed 1 again');
  assertEqual(await app.shareLink.inputValue(), link, 'the same link');

  await app.seed.fill('-3');
  const error = page.locator('#seed-error');
  assert((await error.textContent()).includes('as the seed'), 'the seed field says what is wrong');
  assertEqual(await app.seed.getAttribute('aria-invalid'), 'true', 'aria-invalid');
  assert(await app.runButton.isDisabled(), 'no run with an invalid seed');
});

test('small runs re-run by themselves after a change; large ones wait', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open({ autoRun: true });
  assert(await app.autoRun.isChecked(), 're-running is on by default');
  assertEqual(await app.status.textContent(), 'Ready to run.', 'nothing runs on opening');
  await app.setTrials(600);
  await app.waitForStatus('Finished: 600 trials.');
  await app.seed.fill('77');
  await page.waitForFunction(
    () => document.querySelector('.results-meta')?.textContent.includes('seed 77'),
    null,
    { timeout: 30_000 },
  );
  await app.waitForStatus('Finished: 600 trials.');

  await app.setTrials(50000);
  await page.waitForTimeout(1500);
  assertEqual(await app.status.textContent(), `Finished: 600 trials. ${OUTDATED}`, 'a large run waits for the button');

  await app.autoRun.uncheck();
  await app.setTrials(800);
  await page.waitForTimeout(1500);
  assertEqual(await app.status.textContent(), `Finished: 600 trials. ${OUTDATED}`, 'off means off');
  await app.open({ autoRun: true });
  assert(!(await app.autoRun.isChecked()), 'the choice is kept');
});

test('side by side, the Trials and Seed inputs line up at the same height', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await page.setViewportSize({ width: 1280, height: 900 });
  await app.open();
  const trials = await app.trials.boundingBox();
  const seed = await app.seed.boundingBox();
  // Seed has help text under it; Trials must not stretch to that height.
  assertEqual(Math.round(trials.height), Math.round(seed.height), 'input heights');
  assertEqual(Math.round(trials.y), Math.round(seed.y), 'input tops');
});

test('results of an earlier journey are marked as such until a run replaces them', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  await app.open();
  await app.setTrials(500);
  await app.run();
  const isStale = () => app.results.evaluate((el) => el.classList.contains('stale'));
  assertEqual(await app.status.textContent(), 'Finished: 500 trials.', 'after the run');
  assert(!(await isStale()), 'current results at full strength');

  const advance = editor.field('need', ADVANCE);
  const before = await advance.inputValue();
  await advance.fill('0.05');
  assertEqual(await app.status.textContent(), `Finished: 500 trials. ${OUTDATED}`, 'after an edit');
  assert(await isStale(), 'earlier results are dimmed');
  await advance.fill(before);
  assertEqual(await app.status.textContent(), 'Finished: 500 trials.', 'the journey of the run again');
  assert(!(await isStale()), 'and its results are current');

  await app.seed.fill('9');
  assert(await isStale(), 'another seed: the results are not of it');
  await app.run();
  assertEqual(await app.status.textContent(), 'Finished: 500 trials.', 'after running again');
  assert(!(await isStale()), 'current again');
});
