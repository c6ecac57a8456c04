// Once loaded, the page needs no network: runs, the decision tools (whose
// worker starts on first use) and the report all work offline.
import { assert, assertEqual, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { DecisionTools } from './pages/decision-tools.mjs';

test('once loaded, the page keeps working offline', async ({ page, context, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  // The page keeps its module in memory for the workers it starts later.
  await page.waitForLoadState('networkidle');
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
});
