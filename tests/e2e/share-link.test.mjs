import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';
import { SimulatorPage, messageParts, reportVersusCards } from './pages/simulator-page.mjs';
import { encodeFragment, example, linkTo } from './fixtures.mjs';

const DEFAULT_NAME = 'Subscription retailer (monthly box)';

test('a share link reproduces the run exactly in a new browser', async ({ page, context, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(2000);
  await app.run();
  assertEqual(await app.status.textContent(), 'Finished: 2,000 trials.', 'status line');
  const baselineNpv = await app.npvMeans.first().textContent();
  const optionRoi = await app.roiMeans.first().textContent();

  const link = await app.shareLink.inputValue();
  assert(link.startsWith(`${baseUrl.replace(/\/$/, '')}/#v1.`), `share link ${JSON.stringify(link.slice(0, 80))}`);
  assertEqual(await page.evaluate(() => location.href), link, 'the address bar follows the run');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  await app.copyButton.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link-status"]')?.textContent === 'Copied');
  assertEqual(await page.evaluate(() => navigator.clipboard.readText()), link, 'clipboard text');

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await app.shareControls.screenshot({ path: join(artifacts, `share-controls-${width}.png`) });
  }

  const cards = await app.cardFigures();

  const fresh = await context.browser().newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const other = new SimulatorPage(await fresh.newPage(), baseUrl);
    const errors = [];
    other.page.on('pageerror', (error) => errors.push(error.message));
    // The link opens on the executive report and runs once on load.
    await other.openReport(link);
    await other.waitForReport();
    const problems = reportVersusCards(await other.reportFigures(), cards);
    assertEqual(problems.join('\n'), '', 'the report against the original cards');
    await other.openEditor();
    assertEqual(await other.linkAlert.count(), 0, 'alerts on a good link');
    assertEqual(await other.trials.inputValue(), '2000', 'trials from the link');
    // The run on load is the workspace's too; running again by hand gives the same numbers.
    await other.waitForStatus('Finished');
    for (const when of ['on load', 'after Run simulation']) {
      if (when !== 'on load') await other.run();
      assertEqual(await other.status.textContent(), 'Finished: 2,000 trials.', `status line ${when}`);
      assertEqual(await other.npvMeans.first().textContent(), baselineNpv, `baseline NPV ${when}`);
      assertEqual(await other.roiMeans.first().textContent(), optionRoi, `first option ROI ${when}`);
      assertEqual(JSON.stringify(await other.cardFigures()), JSON.stringify(cards), `every card ${when}`);
    }
    assertEqual(errors.join('\n'), '', 'errors in the new browser');
  } finally {
    await fresh.close();
  }
});

test('a link as chat apps and mail pass it on opens the same run', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const saas = await example('b2b-saas.json');
  const link = linkTo(baseUrl, { scenario: saas, seed: 31, trials: 700 });
  const [head, tail] = [link.slice(0, -40), link.slice(-40)];
  // The browser percent-encodes the closing quote: the page reads %E2%80%9D.
  for (const passedOn of [`${link})`, `${link}.`, `${link}”`, link.replace('#v1.', '#v1%2E'), `${head}%0A${tail}`]) {
    await page.goto('about:blank');
    await app.openLink(passedOn);
    assertEqual(await app.linkAlert.count(), 0, `no alert for ${passedOn.slice(-12)}`);
    assertEqual(await app.scenarioName.textContent(), saas.name, `the journey of ${passedOn.slice(-12)}`);
    assertEqual(await app.seed.inputValue(), '31', `the seed of ${passedOn.slice(-12)}`);
    assertEqual(await app.trials.inputValue(), '700', `the trials of ${passedOn.slice(-12)}`);
  }
});

test('a broken share link says what is wrong and the default journey still runs', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  assertEqual(await app.linkAlert.count(), 0, 'alerts without a link');
  const real = await app.shareLink.inputValue();
  const base = real.slice(0, real.indexOf('#'));
  const SHAPES = `#${encodeFragment({ scenario: { schema: 1, months: 'three', stages: {} }, seed: 1, trials: 10 })}`;
  // A journey far beyond the limits is refused before the page draws it.
  const huge = await example('subscription-retailer.json');
  huge.stages = Array.from({ length: 10_000 }, (_, i) => ({ id: `s${i}`, phase: 'own', owner: 'care', drop: 0.1 }));
  const broken = {
    [`#${encodeFragment({ scenario: huge, seed: 1, trials: 10 })}`]: 'its journey has 10000 stages, far more than the 40 a journey may have',
    '#v1.garbage': 'damaged',
    '#v9.abc': 'newer version',
    [`#${'A'.repeat(5000)}`]: 'not a scenario share link',
    [real.slice(real.indexOf('#'), real.indexOf('#') + 40)]: 'damaged',
    // Every problem of shape at once, after what was done instead (below).
    [SHAPES]: 'The default journey is shown instead.',
  };
  for (const [fragment, words] of Object.entries(broken)) {
    await app.openLink(base + fragment);
    await app.linkAlert.waitFor();
    const text = await app.linkAlert.textContent();
    assert(text.includes(words), `alert for ${fragment.slice(0, 20)}… ${JSON.stringify(text)} lacks ${words}`);
    assert(text.includes('default journey'), `alert ${JSON.stringify(text)} says the default is shown`);
    if (fragment === SHAPES) {
      const { lines, problems } = await messageParts(app.linkAlert.locator('.link-problem-text'));
      const expected = {
        lines: ['This share link could not be opened. The default journey is shown instead.', 'The link does not hold a scenario (3 problems):'],
        problems: [
          'months: expected a whole number, 0 or more, not the text "three"',
          'departments: missing; this field is required',
          'stages: expected a list, not an object',
        ],
      };
      assertEqual(JSON.stringify({ lines, problems }), JSON.stringify(expected), 'each problem a list item');
    }
    assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'scenario name');
    assertEqual(await app.trials.inputValue(), '10000', 'default trials');
    await app.setTrials(500);
    await app.run();
    assertEqual(await app.status.textContent(), 'Finished: 500 trials.', 'status line');
    assert((await app.npvMeans.count()) >= 2, 'the default journey ran');
  }
});

test('a link with an invalid scenario loads it and shows its problems in place', async ({ page, baseUrl, artifacts }) => {
  const scenario = await example('subscription-retailer.json');
  scenario.stages.find((stage) => stage.id === 'research').advance = 1.5;
  const app = new SimulatorPage(page, baseUrl);
  await app.openLink(linkTo(baseUrl, { scenario, seed: 9, trials: 700 }));
  await app.linkAlert.waitFor();
  // What was done first, then the problem; a sentence is never taken for one.
  const message = await messageParts(app.linkAlert.locator('.link-problem-text'));
  assertEqual(
    JSON.stringify(message),
    JSON.stringify({
      lines: [
        "This share link could not be run: its scenario breaks the model's rules. It has been loaded into the editor, where the problems are shown; fix them to run it.",
        'The 2 problems:',
      ],
      problems: [
        'stages[1].advance: 1.5 is not a probability in [0, 1]: write 1.5% as 0.015',
        'stages[1]: advance + drop is 1.9; it must be at most 1',
      ],
    }),
    'the message'
  );
  assertEqual(await app.trials.inputValue(), '700', 'trials from the link');

  const editor = new JourneyEditor(page);
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '1.5', 'the shared advance');
  assert((await editor.fieldProblems('research', ADVANCE).count()) >= 1, 'the problem is shown under the field');
  assert(await app.runButton.isDisabled(), 'Run simulation is disabled until it is fixed');
  await page.setViewportSize({ width: 390, height: 900 });
  await app.linkAlert.screenshot({ path: join(artifacts, 'share-link-invalid-390.png') });
});

test('a link asking for more trials than a run may have loads its journey with the count in the Trials field', async ({ page, baseUrl }) => {
  const scenario = await example('b2b-saas.json');
  const app = new SimulatorPage(page, baseUrl);
  await app.openLink(linkTo(baseUrl, { scenario, seed: 9, trials: 2000000 }));
  await app.linkAlert.waitFor();
  assertEqual(
    await app.linkAlert.locator('.link-problem-text').textContent(),
    'This share link could not be run: it asks for 2,000,000 trials, and a run has between 1 and 1,000,000. Its journey has been loaded into the editor; set the trials to run it.',
    'the message',
  );
  assertEqual(await page.locator('.scenario-name').textContent(), scenario.name, 'the shared journey');
  assertEqual(await app.trials.inputValue(), '2000000', 'the count asked for');
  assertEqual(await app.trials.getAttribute('aria-invalid'), 'true', 'the field says it cannot run');
  assert(await app.runButton.isDisabled(), 'nothing runs until the trials are set');
  await app.setTrials(2000);
  await app.runButton.click();
  await app.waitForStatus('Finished');
});

test('a link pasted into the open page opens it, keeps the work it replaced, and Back returns to that work', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await app.open();
  await app.seed.fill('4242');
  const bank = await example('retail-bank.json');
  const link = linkTo(baseUrl, { scenario: bank, seed: 7, trials: 500 });

  // Pasted into the address bar: the page opens it as a fresh page would,
  // on the report, and runs it.
  await app.pasteLink(link);
  await app.openEditorButton.waitFor();
  await app.waitForReport();
  const title = await app.report.getByRole('heading', { level: 1 }).textContent();
  assertEqual(title, bank.name, 'the report is of the link');
  await app.openEditor();
  assertEqual(await app.scenarioName.textContent(), bank.name, 'the journey of the link');
  assertEqual(await app.seed.inputValue(), '7', 'the seed of the link');
  assertEqual(await app.linkAlert.count(), 0, 'alerts on a good link');
  // The edited journey it replaced was kept in My journeys.
  const status = await page.getByRole('region', { name: 'Journeys' }).getByRole('status').textContent();
  assertEqual(status, `Before the link opened, your journey was saved in My journeys as “${DEFAULT_NAME}”.`, 'Journeys says');
  const saved = page.getByRole('list', { name: 'My journeys' }).getByRole('listitem');
  assertEqual(JSON.stringify(await saved.locator('.name').allTextContents()), JSON.stringify([DEFAULT_NAME]), 'My journeys');

  // Back: first the link's report, which "Open the full editor" left…
  await page.goBack();
  await app.openEditorButton.waitFor();
  assertEqual(await app.report.getByRole('heading', { level: 1 }).textContent(), bank.name, 'Back shows the link\'s report');
  // …then the page as it was, in the workspace, not as someone's link.
  await page.goBack();
  await page.waitForFunction((name) => document.querySelector('.scenario-name')?.textContent === name, DEFAULT_NAME);
  assertEqual(await app.seed.inputValue(), '4242', 'the seed typed before the link');
  assertEqual(await app.openEditorButton.count(), 0, 'Back to your own work stays in the workspace');
  assertEqual(await saved.count(), 1, 'nothing more saved');
  // Forward: the link again.
  await page.goForward();
  await app.openEditorButton.waitFor();
  assertEqual(await app.report.getByRole('heading', { level: 1 }).textContent(), bank.name, 'Forward reopens the link');
  await app.openEditor();
  // Undo brings back the journey the link replaced.
  await page.getByRole('region', { name: 'Scenario', exact: true }).getByRole('button', { name: /^Undo/ }).click();
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'Undo');
  assertEqual(errors.join('\n'), '', 'page errors');
});

test('a broken link pasted into the open page says so and leaves the journey as it was', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.seed.fill('4242');
  const real = await app.shareLink.inputValue();
  const base = real.slice(0, real.indexOf('#'));
  await app.pasteLink(`${base}#v1.garbage`);
  await app.linkAlert.waitFor();
  const text = await app.linkAlert.textContent();
  assert(text.includes('could not be opened') && text.includes('The journey you had is still here.'), `alert ${JSON.stringify(text)}`);
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'the journey');
  assertEqual(await app.seed.inputValue(), '4242', 'the seed typed before the link');
  assertEqual(await page.getByRole('list', { name: 'My journeys' }).getByRole('listitem').count(), 0, 'nothing saved: nothing was replaced');
  // The journey still runs, and the address follows it again once it changes.
  await app.setTrials(300);
  await app.run();
  assertEqual(await app.status.textContent(), 'Finished: 300 trials.', 'status line');
  assertEqual(await page.evaluate(() => location.href), await app.shareLink.inputValue(), 'the address follows the run');
});
