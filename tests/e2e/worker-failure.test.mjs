import { readFile } from 'node:fs/promises';

import { assert, assertEqual, test } from './harness.mjs';
import { DecisionTools } from './pages/decision-tools.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

/** A short journey with 20 options: cheap trials that keep 21 results each. */
async function manyOptions() {
  const journey = JSON.parse(await readFile(new URL('../../examples/b2b-saas.json', import.meta.url), 'utf8'));
  journey.name = 'Many options';
  journey.months = 3;
  const investment = { department: 'sales', monthly_spend: 1000, half_friction_spend: 5000 };
  while (journey.scenarios.length < 20) journey.scenarios.push({ name: `Option ${journey.scenarios.length + 1}`, investments: [investment] });
  return journey;
}

// A trap's uncaught error, which Chromium reports on the page.
const TRAP = /unreachable/;

test(
  'a worker that runs out of memory ends the run with a message, and the next run works',
  async ({ page, baseUrl }) => {
    const app = new SimulatorPage(page, baseUrl);
    await app.open();
    await app.importInput.setInputFiles({
      name: 'many-options.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(await manyOptions())),
    });
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent === 'Many options');
    // The collector keeps 21 × 14 numbers per trial: about 470 MB for these.
    await app.setTrials(200_000);
    await app.runButton.click();
    await app.waitForStatus('The run stopped', 120_000);
    const status = await app.status.textContent();
    assert(
      /^The run stopped: a simulation worker failed after [\d,]+ of 200,000 trials, most likely because the browser ran out of memory\./.test(status) &&
        status.includes('Your journey is unchanged: run fewer trials'),
      `status: ${status}`,
    );
    await app.waitUntilSettled();
    // The figures of the trials back by then stay, dimmed as out of date.
    const opacity = (selector) => page.locator(selector).evaluate((e) => getComputedStyle(e).opacity);
    assertEqual(await opacity('.results .variants'), '0.8', 'the cards');
    assertEqual(await opacity('.results .comparison'), '0.8', 'the comparison table');
    assert(await app.runButton.isEnabled(), 'Run is enabled again');
    assertEqual(await app.trials.inputValue(), '200000', 'trials as typed');

    // The pool has started its workers afresh: the next run finishes.
    await app.setTrials(1_000);
    await app.run();
    await app.waitForStatus('Finished');
    assertEqual(await app.variants.count(), 21, 'a card per variant');
    assertEqual(await opacity('.results .comparison'), '1', 'the comparison table of the new run');
    assertEqual(await app.status.textContent(), 'Finished: 1,000 trials.', 'status line');
    const label = await app.histograms.first().locator('svg').getAttribute('aria-label');
    assert(label.includes(' over 1,000 trials:'), `a histogram of the new run: ${label}`);
  },
  {
    timeout: 180_000,
    // Wasm memories may not grow past 64 MB (1,024 pages of 64 KiB):
    // plenty for the page and a normal run, too little for this one.
    browserArgs: ['--js-flags=--wasm-max-mem-pages=1024'],
    expectedErrors: [TRAP],
  },
);

test(
  'a trap on the page itself shows the failure notice',
  async ({ page, baseUrl }) => {
    const app = new SimulatorPage(page, baseUrl);
    await app.open();
    // What the page's module throws when it runs out of memory.
    await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
    const notice = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
    await notice.waitFor();
    const text = await notice.textContent();
    assert(text.includes('RuntimeError: unreachable') && text.includes('reload the page'), `notice: ${text}`);
    assert(await page.getByRole('button', { name: 'Reload the page' }).isVisible(), 'a reload button');
  },
  { expectedErrors: [TRAP] },
);

test(
  'workers that cannot load the module end the run and the analysis with a message, without starting again and again',
  async ({ page, context, baseUrl }) => {
    // The page loads its module; every later load fails, as it would if the
    // site went down (or moved to a new build) just after the page opened.
    let down = true;
    let wasmLoads = 0;
    await context.route(/_bg\.wasm$/, (route) => {
      wasmLoads += 1;
      return wasmLoads === 1 || !down ? route.continue() : route.fulfill({ status: 503, body: 'down' });
    });
    const app = new SimulatorPage(page, baseUrl);
    // The page's copy of the module for later workers fails as well.
    const copyFailed = page.waitForEvent('console', (m) => m.text().startsWith("workers will load the page's module from the site"));
    await app.open();
    await copyFailed;
    await app.setTrials(1_000);
    await app.runButton.click();
    await app.waitForStatus('The run stopped');
    assertEqual(
      await app.status.textContent(),
      'The run stopped: a simulation worker failed before the first trials came back. ' +
        'Your journey is unchanged: run it again, or reload the page if this happens again.',
      'status',
    );
    await app.waitUntilSettled();
    const loads = wasmLoads;
    await page.waitForTimeout(2_000);
    assertEqual(wasmLoads, loads, 'module loads after the run stopped');

    // The decision tools start their worker on first use: it fails the same way.
    const tools = new DecisionTools(page);
    await tools.openSection(tools.sensitivity);
    const failed = tools.sensitivity.getByRole('alert');
    await failed.waitFor();
    assertEqual(
      await failed.textContent(),
      'The analysis stopped because its worker failed. A new one starts with the next question ' +
        '(or when this panel is opened again).',
      'sensitivity panel',
    );

    // Once the module can be loaded, the next run starts fresh workers and
    // finishes, and the panel opened again starts a new worker.
    down = false;
    await app.run();
    assertEqual(await app.status.textContent(), 'Finished: 1,000 trials.', 'status line');
    assertEqual(await app.variants.count(), 4, 'a card per variant');
    await tools.sensitivitySummary.click();
    await tools.openSection(tools.sensitivity);
    await tools.tornado.waitFor();
    assert((await tools.tornadoRows.count()) > 0, 'a tornado');
    assertEqual(await failed.count(), 0, 'the failure is gone');
  },
  {
    expectedErrors: [/503/],
    // No service worker fetching the site's files meanwhile.
    contextOptions: { serviceWorkers: 'block' },
  },
);
