// Once loaded, the page needs no network: runs, the decision tools (whose
// worker starts on first use) and the report all work offline; and after a
// first visit the page opens again with the site out of reach.
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { assert, assertEqual, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { DecisionTools } from './pages/decision-tools.mjs';
import { serveStatic } from './static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(here, '../../dist');

test('until the app has started, the page shows its name and says it is starting; then the app alone', async ({ page, baseUrl }) => {
  // Hold the WebAssembly module back, as a slow phone network would.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(baseUrl);
  const heading = page.getByRole('heading', { level: 1, name: 'CX Journey Simulator' });
  await heading.waitFor();
  assert(await page.getByRole('status').filter({ hasText: 'Starting the simulator…' }).isVisible(), 'it says the simulator is starting');
  assertEqual(await page.getByRole('button', { name: 'Run simulation' }).count(), 0, 'the app has not started');
  release();
  const app = new SimulatorPage(page, baseUrl);
  await app.runButton.waitFor();
  assertEqual(await page.locator('#boot').count(), 0, 'the starting page is gone');
  assertEqual(await page.getByRole('heading', { level: 1 }).count(), 1, 'one page heading, the app\'s');
  assertEqual(await page.getByText('Starting the simulator…').count(), 0, 'nothing says it is starting');
});

test('a page that cannot start says why: a file that did not load, or a browser without WebAssembly', async ({ context, baseUrl }) => {
  const note = (page) => page.getByRole('status').filter({ hasText: /could not start|cannot run/ });
  for (const [why, prepare, expected] of [
    ['the module did not load', (page) => page.route('**/*.wasm', (route) => route.abort()), 'The simulator could not start: part of the page did not load. Reload the page to try again.'],
    ['no WebAssembly', (page) => page.addInitScript(() => delete globalThis.WebAssembly), 'This browser cannot run the simulator: it needs WebAssembly. Open the page in a current Chrome, Edge, Firefox or Safari.'],
  ]) {
    // A page of its own: its failures are this test's point.
    const page = await context.newPage();
    await prepare(page);
    await page.goto(baseUrl);
    await note(page).waitFor();
    assertEqual(await note(page).textContent(), expected, why);
    assert(await page.getByRole('heading', { level: 1, name: 'CX Journey Simulator' }).isVisible(), `${why}: the page's name`);
    await page.close();
  }
});

// Service workers are blocked here: they would also serve the workers'
// files, and this is a test of the page's own copy of its module.
test('once loaded, the page keeps working offline', async ({ page, context, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  // Soon after it starts, the page copies its module into memory for the
  // workers it starts later.
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => e.initiatorType === 'fetch' && e.name.endsWith('_bg.wasm')),
  );
  await context.setOffline(true);
  assert(!(await page.evaluate(() => navigator.onLine)), 'the browser is offline');
  const failed = [];
  page.on('requestfailed', (request) => failed.push(request.url()));

  await app.setTrials(2000);
  await app.run();
  assertEqual(await app.status.textContent(), 'Finished: 2,000 trials.', 'a run offline');

  // A long run cancelled, then another run.
  await app.setTrials(1000000);
  await app.runButton.click();
  await app.waitForTrialsDone(500);
  await app.cancelButton.click();
  await app.waitForStatus('Cancelled');
  await app.setTrials(1500);
  await app.runButton.click();
  await app.waitForStatus('Finished');
  assertEqual(await app.status.textContent(), 'Finished: 1,500 trials.', 'a run after a cancel offline');

  // The decision tools start their own worker on first use.
  const tools = new DecisionTools(page);
  await tools.openSection(tools.sensitivity);
  await tools.answered(tools.sensitivity);
  await tools.tornado.waitFor();
  await tools.optimiseBudget(20000, 4);

  await app.reportButton.click();
  await app.waitForReport();
  await app.openEditor();
  await app.runButton.waitFor();
  assertEqual(failed.join(', '), '', 'requests that failed offline');
}, { contextOptions: { serviceWorkers: 'block' } });

test('after a first visit, the page opens and runs with the site gone', async ({ page }) => {
  // A server of its own, to stop it: offline emulation need not reach
  // the service worker's own requests.
  const site = await serveStatic(dist);
  const app = new SimulatorPage(page, site.url);
  try {
    await app.open();
    const kept = await page.evaluate(async () => {
      const ready = navigator.serviceWorker?.ready;
      const late = new Promise((resolve) => setTimeout(resolve, 10_000));
      if (!ready || (await Promise.race([ready.then(() => true), late])) !== true) return 0;
      return (await caches.keys()).length;
    });
    assert(kept > 0, 'the site is kept in the browser');
  } finally {
    await site.close();
  }
  const gone = await fetch(site.url).then(() => false, () => true);
  assert(gone, 'the site is gone');

  await page.reload();
  await app.runButton.waitFor();
  await app.manualRuns();
  await app.setTrials(1000);
  await app.run();
  assertEqual(await app.status.textContent(), 'Finished: 1,000 trials.', 'a run with the site gone');
  const tools = new DecisionTools(page);
  await tools.openSection(tools.sensitivity);
  await tools.answered(tools.sensitivity);
  await tools.tornado.waitFor();
});

test('a new build of the site replaces the kept one on the next visit', async ({ page }) => {
  const root = await mkdtemp(join(tmpdir(), 'cx-site-'));
  await cp(dist, root, { recursive: true });
  const site = await serveStatic(root);
  const keptFiles = () =>
    page.evaluate(async () => {
      const cache = await caches.open((await caches.keys())[0]);
      return (await cache.keys()).map((request) => new URL(request.url).pathname.slice(1)).sort();
    });
  const build = () => page.evaluate(() => document.documentElement.dataset.build ?? 'first');
  try {
    const app = new SimulatorPage(page, site.url);
    await app.open();
    await page.evaluate(() => navigator.serviceWorker.ready);
    const before = await keptFiles();
    const styles = before.find((file) => /^styles-.*\.css$/.test(file));
    assert(styles, `the page's styles are kept: ${before.join(', ')}`);

    // The new build: marked on its root element, and its styles under a new name.
    const html = await readFile(join(root, 'index.html'), 'utf8');
    // The built page is minified: its attributes may be unquoted.
    const newBuild = html.replace(/<html lang="?en"?>/, '<html lang="en" data-build="new">').replace(styles, 'styles-newbuild.css');
    assert(newBuild.includes('data-build="new"') && newBuild.includes('styles-newbuild.css'), 'the new build is marked');
    await rename(join(root, styles), join(root, 'styles-newbuild.css'));
    await writeFile(join(root, 'index.html'), newBuild);
    await page.reload();
    await app.runButton.waitFor();
    assertEqual(await build(), 'new', 'the page after the new build');
    await page.waitForFunction(
      async (old) => {
        const cache = await caches.open((await caches.keys())[0]);
        const files = (await cache.keys()).map((request) => new URL(request.url).pathname.slice(1));
        return files.includes('styles-newbuild.css') && !files.includes(old);
      },
      styles,
    );
  } finally {
    await site.close();
    await rm(root, { recursive: true, force: true });
  }
  await page.reload();
  await page.getByRole('button', { name: 'Run simulation' }).waitFor();
  assertEqual(await build(), 'new', 'the page with the site gone');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert(background !== 'rgba(0, 0, 0, 0)', 'the new build\'s styles apply with the site gone');
});
