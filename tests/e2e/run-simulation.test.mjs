import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { ResultsExtras } from './pages/results-extras.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

const MONEY = /^(\u2212\u2060)?\$\d[\d,]*(\.\d+)?[kMBT]?$/;

test('a run of 2,000 trials shows NPV for the baseline and every option, and the console stays quiet', async ({ page, baseUrl, artifacts }) => {
  // Warnings too: the harness fails a test on errors only.
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  assertEqual(await app.heading.textContent(), 'CX Journey Simulator', 'page heading');
  assertEqual(await app.trials.inputValue(), '10000', 'default trials');
  assertEqual(await app.results.getAttribute('aria-busy'), 'false', 'aria-busy before the run');

  await app.setTrials(2000);
  await app.recordBusy();
  await app.runButton.click();
  await app.waitForStatus('Finished');
  // The charts catch up with the last report a frame or so after the
  // status line: the results stay busy until they have.
  await app.waitUntilSettled();

  assertEqual(await app.status.textContent(), 'Finished: 2,000 trials.', 'status line');
  const busy = await app.busyLog();
  assertEqual(busy.join(' → '), 'false → true → false', 'aria-busy over the run');
  const histograms = await page.$$eval('[data-testid="histogram"] svg', (svgs) =>
    svgs.map((svg) => svg.getAttribute('aria-label')),
  );
  assert(histograms.length >= 3, `expected ROI and CLV histograms, got ${histograms.length}`);
  for (const label of histograms) {
    assert(label.includes(' over 2,000 trials:'), `a histogram not yet redrawn once the results are not busy: ${label}`);
  }

  const npv = await app.npvMeans.allTextContents();
  assertEqual(npv.length, await app.variants.count(), 'one NPV per variant');
  assert(npv.length >= 2, `expected the baseline and at least one option, got ${npv.length}`);
  for (const value of npv) assert(MONEY.test(value), `NPV ${JSON.stringify(value)} is not an amount in dollars`);
  assertEqual(await app.progress.getAttribute('value'), '2000', 'progress value');
  assert(await app.runButton.isEnabled(), 'Run simulation is enabled again');
  assert(await app.cancelButton.isDisabled(), 'Cancel is disabled after the run');
  assertEqual(warnings.join('\n'), '', 'warnings in the console from the start to the end of the run');

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(artifacts, `results-${width}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(artifacts, 'results-390-dark.png'), fullPage: true });
});

test('cancel stops the run and keeps the results so far', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(1000000);
  await app.runButton.click();
  await app.waitForTrialsDone(500);
  await app.cancelButton.click();
  await app.waitForStatus('Cancelled');

  await app.waitUntilSettled();
  // The report of the trials done by the cancel follows it.
  await app.npvMeans.first().waitFor();
  assert((await app.npvMeans.count()) >= 2, 'results of the trials done before the cancel are shown');
  const status = await app.status.textContent();
  assert(/^Cancelled after [\d,]+ of 1,000,000 trials\.$/.test(status), `status line ${JSON.stringify(status)}`);
  assert(await app.runButton.isEnabled(), 'Run simulation is enabled again');
});

test('from the keyboard, Run simulation and Cancel keep the focus while a run starts, stops and ends', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(2000);
  const focused = (button) => button.evaluate((b) => b === document.activeElement);
  await app.runButton.focus();
  await page.keyboard.press('Enter');
  await app.waitForStatus('Finished');
  assert(await focused(app.runButton), 'the focus stays on Run simulation after the run');
  // Enter again while a run goes on does not start another.
  await app.setTrials(1000000);
  await app.runButton.focus();
  await page.keyboard.press('Enter');
  await app.waitForTrialsDone(500);
  assert(await app.runButton.isDisabled(), 'Run simulation waits for the run');
  // The status holds its counts back from screen readers until the run ends.
  assertEqual(await app.status.getAttribute('aria-busy'), 'true', 'the status is busy while running');
  await page.keyboard.press('Enter');
  await app.cancelButton.focus();
  await page.keyboard.press('Enter');
  await app.waitForStatus('Cancelled');
  assert(await focused(app.cancelButton), 'the focus stays on Cancel after the cancel');
  assertEqual(await app.status.getAttribute('aria-busy'), null, 'the status says how the run ended');
});

test('the same seed and trials give identical results, run after run', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(3000);
  const figures = async () => {
    await app.run();
    assertEqual(await app.status.textContent(), 'Finished: 3,000 trials.', 'status line');
    return app.results.textContent();
  };
  const first = await figures();
  const second = await figures();
  assertEqual(second, first, 'results of the second run');
});

test('cancel during a run of 100,000 trials answers within 100 ms', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(100000);
  await app.runButton.click();
  await app.waitForTrialsDone(3000);
  const ms = await app.timedCancel();
  assert(ms < 100, `the status said "Cancelled" ${ms.toFixed(0)} ms after the click`);
  await app.waitUntilSettled();
  const status = await app.status.textContent();
  assert(/^Cancelled after [\d,]+ of 100,000 trials\.$/.test(status), `status line ${JSON.stringify(status)}`);
  const done = await app.progress.getAttribute('value');
  // The results of the trials back before the cancel arrive; nothing after.
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="results"]')?.textContent.includes(`${n} trials`),
    Number(done).toLocaleString('en-US'),
  );
  await page.waitForTimeout(1000);
  assertEqual(await app.progress.getAttribute('value'), done, 'trials done a second after the cancel');
  assert((await app.npvMeans.count()) >= 2, 'results of the trials done before the cancel are shown');
}, { alone: true });

test('1, 2 and 3 workers give identical results', async ({ page, baseUrl }) => {
  const figures = [];
  for (const workers of [1, 2, 3]) {
    const app = new SimulatorPage(page, `${baseUrl}?workers=${workers}`);
    await app.open();
    await app.setTrials(2500);
    await app.run();
    assertEqual(await app.status.textContent(), 'Finished: 2,500 trials.', `status line, ${workers} workers`);
    assert((await app.histograms.count()) > 0, `distributions are drawn, ${workers} workers`);
    figures.push(await app.results.textContent());
  }
  assertEqual(figures[1], figures[0], 'results with 2 workers');
  assertEqual(figures[2], figures[0], 'results with 3 workers');
});

test('a journey with 20 options shows a card and a table row for each, drawn a few at a time', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.manualRuns();
  const journey = JSON.parse(await readFile(new URL('../../examples/subscription-retailer.json', import.meta.url), 'utf8'));
  journey.name = 'Twenty options';
  const investment = { department: 'care', monthly_spend: 1000, half_friction_spend: 5000 };
  while (journey.scenarios.length < 20) journey.scenarios.push({ name: `Option ${journey.scenarios.length + 1}`, investments: [investment] });
  await app.importInput.setInputFiles({
    name: 'twenty-options.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(journey)),
  });
  await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent === 'Twenty options');
  // Count the cards on screen at each frame from the first results on.
  await page.evaluate(() => {
    window.__cardCounts = [];
    const count = () => {
      const n = document.querySelectorAll('[data-testid="variant"]').length;
      if (n > 0 && window.__cardCounts.at(-1) !== n) window.__cardCounts.push(n);
      if (n < 21) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  });
  await app.setTrials(500);
  await app.runButton.click();
  await app.waitForStatus('Finished');
  await app.waitUntilSettled();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="comparison-row"]').length === 21);
  assertEqual(await app.variants.count(), 21, 'cards: the baseline and 20 options');
  assertEqual(await app.npvMeans.count(), 21, 'an NPV on every card');
  const counts = await page.evaluate(() => window.__cardCounts);
  assertEqual(counts[0], 4, `cards in the first frame with results (${counts.join(' → ')})`);
  assertEqual(counts.at(-1), 21, 'every card in the end');
  // Each variant has a line of its own in a fan chart, colour and style, and the key shows it.
  const { lines, keys } = await app.fanCharts.nth(1).evaluate((chart) => {
    const look = (e) => `${getComputedStyle(e).stroke} ${getComputedStyle(e).strokeDasharray}`;
    return {
      lines: [...chart.querySelectorAll('.fan .mean')].map(look),
      keys: [...chart.querySelectorAll('.chart-legend .line-swatch line')].map(look),
    };
  });
  assertEqual(lines.length, 21, 'a cumulative NPV line per variant');
  assertEqual(new Set(lines).size, 21, `lines that look alike: ${lines.join(' | ')}`);
  assertEqual(keys.join(' | '), lines.join(' | '), 'the key draws each line as the chart does');
  // So does the chart's file: a stretch of each line under it, and a square for the band.
  const extras = new ResultsExtras(page);
  const file = await extras.download(extras.chartButton('Cumulative NPV', 'SVG'));
  const fileKeys = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    return {
      lines: [...doc.querySelectorAll('svg > line')].map((l) => `${l.style.stroke} ${l.style.strokeDasharray}`),
      squares: doc.querySelectorAll('svg > rect[rx]').length,
    };
  }, file.bytes.toString('utf8'));
  assertEqual(fileKeys.lines.join(' | '), lines.join(' | '), 'the file\'s key');
  assertEqual(fileKeys.squares, 1, 'the band\'s square in the file\'s key');
});
