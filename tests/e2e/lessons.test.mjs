// Lessons: every lesson runs to its end, each step explained with its own
// run's figures; and a lesson never loses the user's unsaved journey.

import { assertAccessible } from './axe.mjs';
import { assert, assertEqual, test } from './harness.mjs';
import { LessonsPage } from './pages/lessons-page.mjs';
import { ResultsExtras } from './pages/results-extras.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

const DEFAULT_NAME = 'Subscription retailer (monthly box)';
const LESSONS = [
  ['retention', 'Why retention beats acquisition'],
  ['handoffs', 'Friction at hand-offs'],
  ['advocacy', 'The value of advocacy'],
  ['churn-curves', 'Heterogeneous churn and CLV'],
];
const MONEY = /[$€£]\d/;

/** No axe violations on the page, in the light and the dark theme. */
async function assertAccessibleInBothThemes(page) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await assertAccessible(page);
  }
}

async function openPage(page, baseUrl) {
  const app = new SimulatorPage(page, `${baseUrl}?workers=2`);
  await app.open();
  return { app, lessons: new LessonsPage(page) };
}

for (const [key, title] of LESSONS) {
  test(`lesson “${title}” runs to its end`, async ({ page, baseUrl }) => {
    const { app, lessons } = await openPage(page, baseUrl);
    assertEqual(JSON.stringify((await lessons.lessons()).map(([k]) => k)), JSON.stringify(LESSONS.map(([k]) => k)), 'lessons offered');
    await lessons.begin(key);
    assert(await lessons.stepHeading.evaluate((h) => h === document.activeElement), 'focus moves to the step');
    const run = await lessons.run.evaluate((b) => b.getBoundingClientRect().bottom);
    assert(run <= page.viewportSize().height, `"Run this step" is in view once the lesson starts: ${run}`);
    assertEqual(await lessons.back.isDisabled(), true, 'no step before the first');

    let { n, of } = await lessons.step();
    assertEqual(n, 1, 'the lesson starts at step 1');
    assert(of >= 3 && of <= 5, `${of} steps`);
    for (;;) {
      const step = await lessons.step();
      const words = await lessons.runStep();
      const text = words.join(' ');
      assert(MONEY.test(text), `step ${step.n} quotes figures: ${text}`);
      assert(!/NaN|undefined|Run step/.test(text), `step ${step.n} compares with the steps before: ${text}`);
      const name = await app.scenarioName.textContent();
      assert(name.includes(title) && name.includes(step.title), `the page shows the step's journey: ${name}`);
      assert(['1000', '2000'].includes(await app.trials.inputValue()), 'a step runs few trials');
      if (step.n === 1) {
        // The explanation quotes the figures the Results panel shows.
        const npv = await app.npvMeans.first().textContent();
        assert(text.includes(npv), `step 1 quotes the baseline NPV ${npv}: ${text}`);
        // Counts of people too, as the comparison table writes them.
        const counted = await new ResultsExtras(page).rowTexts();
        const { cells } = counted[0];
        if (/ invited friends/.test(text)) {
          assert(text.includes(`${cells.Referrals} invited friends`), `referrals ${cells.Referrals}: ${text}`);
        }
        if (/ new (users|subscribers) /.test(text)) {
          assert(text.includes(`${cells['Customers acquired']} new`), `customers acquired ${cells['Customers acquired']}: ${text}`);
        }
        // People lost to friction, as the flow diagram's note counts them.
        const lost = text.match(/ ([\d.,]+[kM]?) people were lost to friction/);
        if (lost) {
          const note = await app.flowDiagram.locator('.chart-note').textContent();
          assert(note.startsWith(`Friction loses ${lost[1]} people in all:`), `lost to friction ${lost[1]}: ${note}`);
        }
        await lessons.showResults.click();
        assert(await app.results.evaluate((r) => r === document.activeElement), '"Show the results" moves to the Results panel');
        // Its heading and first figures at the top of the window (below the
        // room kept for the editor's sticky bar), not its middle.
        const top = await app.results.evaluate((r) => Math.round(r.getBoundingClientRect().top));
        assert(top >= 0 && top <= 80, `the Results panel starts at the top of the window: ${top}`);
      }
      if (step.n === of) break;
      await lessons.next.click();
      assertEqual((await lessons.step()).n, step.n + 1, 'Next shows the next step');
      assertEqual((await lessons.explanation()).length, 0, 'a new step has no explanation before its run');
    }
    assertEqual(await lessons.next.count(), 0, 'no Next on the last step');
    await lessons.back.click();
    assert((await lessons.explanation()).length > 0, 'a step run earlier keeps its explanation');
    await lessons.end.click();
    await lessons.start.waitFor();
    assert(await lessons.picker.evaluate((p) => p === document.activeElement), 'focus returns to the lesson picker');
  });
}

test('a lesson saves unsaved changes to My journeys before replacing the journey', async ({ page, baseUrl }) => {
  const { app, lessons } = await openPage(page, baseUrl);
  await app.seed.fill('4242');
  await lessons.begin('churn-curves');
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, 'starting a lesson changes nothing yet');
  await lessons.runStep();
  assertEqual(
    await lessons.note.textContent(),
    `Your changes to “${DEFAULT_NAME}” were saved in My journeys.`,
    'the panel says where the work went',
  );
  const saved = page.getByRole('list', { name: 'My journeys' }).getByRole('listitem');
  assertEqual(JSON.stringify(await saved.locator('.name').allTextContents()), JSON.stringify([DEFAULT_NAME]), 'saved journeys');
  assert((await app.scenarioName.textContent()).startsWith('Lesson · Heterogeneous churn and CLV · step '), 'the step replaced the journey');

  // Back to the saved journey: it has the seed that was typed.
  await page.getByRole('button', { name: `Open “${DEFAULT_NAME}”`, exact: true }).click();
  await page.waitForFunction((name) => document.querySelector('.scenario-name')?.textContent === name, DEFAULT_NAME);
  assertEqual(await app.seed.inputValue(), '4242', 'the saved seed');
  assertEqual(await saved.count(), 1, "the lesson's unchanged journey is not saved");
});

test('a lesson step and its explanation have no accessibility violations, light and dark', async ({ page, baseUrl }) => {
  const { lessons } = await openPage(page, baseUrl);
  await lessons.begin('churn-curves');
  await lessons.runStep();
  await assertAccessibleInBothThemes(page);
});

test('a lesson under way comes back after a reload, at its step, with what its runs showed', async ({ page, baseUrl }) => {
  const { app, lessons } = await openPage(page, baseUrl);
  await lessons.begin('handoffs');
  const first = await lessons.runStep();
  await lessons.next.click();
  const shown = await lessons.step();
  assertEqual(shown.n, 2, 'on step 2');

  await page.reload();
  await app.runButton.waitFor();
  assertEqual(await lessons.start.count(), 0, 'the lesson is still under way after a reload');
  assertEqual(JSON.stringify(await lessons.step()), JSON.stringify(shown), 'the same step after a reload');
  assertEqual(await lessons.panel.locator('.lesson-dot.done').count(), 1, 'step 1 is marked as run');
  assertEqual((await lessons.explanation()).length, 0, 'step 2 has not been run');
  // Each step's dot is a button to it, the current one marked.
  const dot = (n) => lessons.panel.getByRole('button', { name: new RegExp(`^Step ${n}: `) });
  assertEqual(await dot(2).getAttribute('aria-current'), 'step', 'step 2 is the current one');
  assert((await dot(1).textContent()).endsWith(' (run)'), 'step 1 says it was run');
  await dot(1).click();
  assertEqual((await lessons.step()).n, 1, 'its dot goes to step 1');
  assertEqual(JSON.stringify(await lessons.explanation()), JSON.stringify(first), "step 1's explanation, from its run before the reload");

  // Reloaded on step 1's run, the page runs it again: the lesson knows
  // those results for its step's.
  await page.reload();
  await app.waitForStatus('Finished');
  await lessons.showResults.waitFor({ timeout: 10_000 });
  assertEqual(JSON.stringify(await lessons.explanation()), JSON.stringify(first), "step 1's explanation after the page's rerun");

  // An ended lesson stays ended.
  await lessons.end.click();
  await page.reload();
  await lessons.start.waitFor();
  assertEqual(await lessons.note.count(), 0, 'no message');
});

test('a damaged lesson under way gets a message naming the problem, and a fresh start', async ({ page, baseUrl }) => {
  const { lessons } = await openPage(page, baseUrl);
  await page.evaluate(() => localStorage.setItem('cx-journey/v1/lesson', '{"lesson": "retention", "step": 9, "figures": []}'));
  await page.reload();
  await lessons.start.waitFor();
  assertEqual(await lessons.note.count(), 1, 'a message');
  assertEqual(
    await lessons.note.textContent(),
    'The lesson you were in could not be restored: it has figures for 0 steps, but the lesson has 4. Start it again to go on.',
    'the message',
  );
  await assertAccessibleInBothThemes(page);
  await lessons.begin('retention');
  assertEqual((await lessons.step()).n, 1, 'the lesson starts afresh');
  assert(!(await lessons.panel.textContent()).includes('could not be restored'), 'the message is gone once a lesson starts');
});

test('a lesson link opens the page on its lesson, once, and keeps a lesson under way', async ({ page, context, baseUrl }) => {
  const { app, lessons } = await openPage(page, baseUrl);
  await lessons.picker.selectOption('advocacy');
  const link = `${baseUrl.replace(/\/$/, '')}/?lesson=advocacy`;
  assertEqual(await lessons.link.inputValue(), link, 'the link to the chosen lesson');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  await lessons.copyLink.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-link-status"]')?.textContent === 'Copied');
  assertEqual(await page.evaluate(() => navigator.clipboard.readText()), link, 'clipboard text');

  // A student opens it in a browser of their own: the lesson is there at
  // its first step, in view and focused, and nothing is replaced until the
  // step runs.
  const fresh = await context.browser().newContext({ viewport: { width: 390, height: 844 } });
  try {
    const student = await fresh.newPage();
    const other = new SimulatorPage(student, link);
    const theirs = new LessonsPage(student);
    await student.goto(`${link}&workers=2`);
    await theirs.run.waitFor();
    assertEqual(await theirs.panel.locator('.lesson-title').textContent(), 'The value of advocacy', 'the linked lesson');
    assertEqual((await theirs.step()).n, 1, 'at its first step');
    await student.waitForFunction(() => document.activeElement?.classList.contains('lesson-step'));
    const run = await theirs.run.evaluate((b) => b.getBoundingClientRect());
    assert(run.top >= 0 && run.bottom <= 844, `"Run this step" is in view: ${JSON.stringify(run)}`);
    await other.manualRuns();
    assertEqual(await other.scenarioName.textContent(), DEFAULT_NAME, 'the journey is not replaced before the step runs');
    assertEqual(await student.evaluate(() => location.search), '?workers=2', 'the address forgets the lesson, keeps the rest');

    await theirs.next.click();
    await student.reload();
    await theirs.run.waitFor();
    assertEqual((await theirs.step()).n, 2, 'a reload keeps the step the student went to');
    await student.goto(link);
    await theirs.run.waitFor();
    assertEqual((await theirs.step()).n, 2, 'the link again keeps the lesson under way at its step');
    assertEqual(await theirs.note.count(), 0, 'and says nothing');

    await student.goto(link.replace('advocacy', 'handoffs'));
    await theirs.run.waitFor();
    assertEqual(await theirs.panel.locator('.lesson-title').textContent(), 'Friction at hand-offs', 'a link to another lesson opens it');
    assertEqual((await theirs.step()).n, 1, 'at its first step');
    assertEqual(
      await theirs.note.textContent(),
      'The link opened this lesson; “The value of advocacy”, which you were in, has ended.',
      'saying which lesson ended',
    );

    await student.goto(link.replace('advocacy', 'Advocacy'));
    await theirs.run.waitFor();
    assertEqual(await theirs.panel.locator('.lesson-title').textContent(), 'Friction at hand-offs', 'a link to no lesson keeps the one under way');
    assertEqual(await theirs.note.textContent(), 'The link asks for a lesson “Advocacy”, which this page does not have.', 'and names what it asked for');
    await theirs.end.click();
    assertEqual(await theirs.picker.inputValue(), 'handoffs', 'once ended, the list offers the lesson that was under way');
    assertEqual(await theirs.link.inputValue(), link.replace('advocacy', 'handoffs'), 'with its link');
    await student.goto(link.replace('advocacy', 'Advocacy'));
    await theirs.start.waitFor();
    assertEqual(await theirs.note.textContent(), 'The link asks for a lesson “Advocacy”, which this page does not have.', 'said where a lesson is chosen');
    await student.waitForFunction(() => document.activeElement?.id === 'lesson');
  } finally {
    await fresh.close();
  }
  assertEqual(await app.scenarioName.textContent(), DEFAULT_NAME, "the educator's page is as it was");
});
