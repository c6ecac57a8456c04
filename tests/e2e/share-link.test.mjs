import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';
import { SimulatorPage, reportVersusCards } from './pages/simulator-page.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_NAME = 'Subscription retailer (monthly box)';

/** A share fragment made independently of the app: v1. + base64url(raw DEFLATE(JSON)). */
function encodeFragment(run) {
  return `v1.${deflateRawSync(Buffer.from(JSON.stringify(run))).toString('base64url')}`;
}

async function defaultScenario() {
  return JSON.parse(await readFile(join(repo, 'examples/subscription-retailer.json'), 'utf8'));
}

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
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]')?.textContent === 'Copied');
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

test('a broken share link says what is wrong and the default journey still runs', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  assertEqual(await app.linkAlert.count(), 0, 'alerts without a link');
  const real = await app.shareLink.inputValue();
  const base = real.slice(0, real.indexOf('#'));
  const broken = {
    '#v1.garbage': 'damaged',
    '#v9.abc': 'newer version',
    [`#${'A'.repeat(5000)}`]: 'not a scenario share link',
    [real.slice(real.indexOf('#'), real.indexOf('#') + 40)]: 'damaged',
  };
  for (const [fragment, words] of Object.entries(broken)) {
    await app.openLink(base + fragment);
    await app.linkAlert.waitFor();
    const text = await app.linkAlert.textContent();
    assert(text.includes(words), `alert for ${fragment.slice(0, 20)}… ${JSON.stringify(text)} lacks ${words}`);
    assert(text.includes('default journey'), `alert ${JSON.stringify(text)} says the default is shown`);
    assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'scenario name');
    assertEqual(await app.trials.inputValue(), '10000', 'default trials');
    await app.setTrials(500);
    await app.run();
    assertEqual(await app.status.textContent(), 'Finished: 500 trials.', 'status line');
    assert((await app.npvMeans.count()) >= 2, 'the default journey ran');
  }
});

test('a link with an invalid scenario loads it and shows its problems in place', async ({ page, baseUrl, artifacts }) => {
  const scenario = await defaultScenario();
  scenario.stages.find((stage) => stage.id === 'research').advance = 1.5;
  const app = new SimulatorPage(page, baseUrl);
  await app.openLink(`${baseUrl.replace(/\/$/, '')}/#${encodeFragment({ scenario, seed: 9, trials: 700 })}`);
  await app.linkAlert.waitFor();
  const text = await app.linkAlert.textContent();
  assert(text.includes('stages[1].advance'), `alert ${JSON.stringify(text)} names the field`);
  assert(text.includes('loaded into the editor'), `alert ${JSON.stringify(text)} says where the problems are`);
  assertEqual(await app.trials.inputValue(), '700', 'trials from the link');

  const editor = new JourneyEditor(page);
  assertEqual(await editor.field('research', ADVANCE).inputValue(), '1.5', 'the shared advance');
  assert((await editor.fieldProblems('research', ADVANCE).count()) >= 1, 'the problem is shown under the field');
  assert(await app.runButton.isDisabled(), 'Run simulation is disabled until it is fixed');
  await page.setViewportSize({ width: 390, height: 900 });
  await app.linkAlert.screenshot({ path: join(artifacts, 'share-link-invalid-390.png') });
});
