import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { OrganisationEditor, ScenarioEditor } from './pages/editor-scenarios.mjs';
import { JourneyEditor } from './pages/journey-editor.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

/** Each hand-off as "From → To", read from its two selects. */
function handoffPairs(page) {
  return page
    .getByTestId('handoff')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('select')].map((s) => s.selectedOptions[0]?.textContent).join(' → ')),
    );
}

/** The hand-off's From or To select: `end` is "From" or "To", `n` counts from 1. */
function handoffEnd(page, end, n) {
  return page.getByRole('combobox', { name: `${end} department of hand-off ${n}`, exact: true });
}

test('a new scenario investing in a new hand-off runs and shows in the results', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const organisation = new OrganisationEditor(page);
  const scenarios = new ScenarioEditor(page);
  await app.open();
  await app.setTrials(500);

  await organisation.addHandoff('Marketing', 'E-commerce');
  assertEqual(
    (await handoffPairs(page)).join(', '),
    'Sales → Operations, Marketing → E-commerce',
    'hand-offs after adding one',
  );
  // The form moves on to a pair with no hand-off, and refuses one that has.
  assert(await organisation.addHandoffButton.isEnabled(), 'the form offers a new pair');
  await organisation.handoffFrom.selectOption({ label: 'Marketing' });
  await organisation.handoffTo.selectOption({ label: 'E-commerce' });
  assert(await organisation.addHandoffButton.isDisabled(), 'the same hand-off cannot be added twice');
  assertEqual(
    await organisation.description(organisation.addHandoffButton),
    'That hand-off is already listed.',
    'why it cannot be added',
  );
  await page.getByLabel('Marketing → E-commerce friction', { exact: true }).fill('0.2');

  const before = (await scenarios.titles()).length;
  await scenarios.addButton.click();
  assertEqual((await scenarios.titles()).length, before + 1, 'scenarios after adding one');
  const card = scenarios.card('New scenario');
  // Focus goes to the new scenario's name, ready to type.
  const nameId = await scenarios.nameField(card).getAttribute('id');
  await page.waitForFunction((id) => document.activeElement?.id === id, nameId, { timeout: 5000 });
  await scenarios.nameField(card).fill('Smoother hand-over to the shop');
  const renamed = scenarios.card('Smoother hand-over to the shop');
  const investment = scenarios.investment(renamed, 1);
  await investment.getByLabel('Invest in', { exact: true }).selectOption({ label: 'Marketing → E-commerce' });
  await scenarios.investmentField(investment, 'Monthly spend').fill('8000');
  await scenarios.investmentField(investment, 'Monthly spend that halves friction').fill('5000');
  await investment.getByRole('checkbox', { name: /^Monthly spend that halves friction.*: range$/ }).check();
  await investment.getByLabel(/^Monthly spend that halves friction .* high$/).fill('20000');
  await scenarios.investmentField(investment, 'One-off cost').fill('25000');
  assertEqual(await editor.problemSummary.textContent(), '', 'the journey is valid');

  await app.run();
  const result = app.variants.filter({ has: page.getByRole('heading', { name: 'Smoother hand-over to the shop' }) });
  assertEqual(await result.count(), 1, 'the new scenario has a card in the results');
  assert(/\d/.test(await result.getByTestId('roi-mean').textContent()), 'the new scenario has an ROI');

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
    await renamed.screenshot({ path: join(artifacts, `scenario-card-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page scrolls sideways by ${overflow} px at ${width} px`);
  }
});

test('scenarios are duplicated, renamed with checks in place, and removed', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const scenarios = new ScenarioEditor(page);
  await app.open();
  const [first, second] = await scenarios.titles();
  const count = (await scenarios.titles()).length;

  await page.getByRole('button', { name: `Duplicate ${first}`, exact: true }).click();
  await page.getByRole('button', { name: `Duplicate ${first}`, exact: true }).click();
  assertEqual(
    (await scenarios.titles()).slice(0, 3).join(' | '),
    `${first} | ${first} (copy 2) | ${first} (copy)`,
    'copies come right after the original with unique names',
  );

  const copy = scenarios.card(`${first} (copy)`);
  await scenarios.nameField(copy).fill(second);
  // Validation names the later of the two scenarios that share a name.
  const clash = await scenarios.nameProblems(scenarios.card(second).last()).allTextContents();
  assert(clash.some((m) => m.includes('used by another scenario')), `problems ${JSON.stringify(clash)}`);
  assert(await app.runButton.isDisabled(), 'Run simulation is disabled while two scenarios share a name');
  await scenarios.nameField(scenarios.card(second).first()).fill('Plan B');
  assertEqual(await editor.problemSummary.textContent(), '', 'no problems once renamed');

  const planB = scenarios.card('Plan B');
  await planB.getByRole('button', { name: 'Add an investment to Plan B' }).click();
  assertEqual(await planB.getByTestId('investment').count(), 2, 'investments after adding one');
  await planB.getByRole('button', { name: 'Remove investment 1 of Plan B' }).click();
  assertEqual(await planB.getByTestId('investment').count(), 1, 'investments after removing one');

  await page.getByRole('button', { name: 'Remove scenario Plan B' }).focus();
  await page.keyboard.press('Enter');
  // Focus is not lost: it goes to the name of the scenario now in its place.
  await page.waitForFunction(() => /^scenario-\d+-name$/.test(document.activeElement?.id ?? ''), null, {
    timeout: 5000,
  });
  await page.getByRole('button', { name: `Remove scenario ${first} (copy 2)` }).click();
  assertEqual((await scenarios.titles()).length, count, 'scenarios after removing the copies');
  assertEqual(await editor.problemSummary.textContent(), '', 'the journey is still valid');
});

test('departments and hand-offs are added and removed, and say what a removal takes', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const organisation = new OrganisationEditor(page);
  const scenarios = new ScenarioEditor(page);
  await app.open();

  const marketing = organisation.departments.getByRole('button', { name: 'Remove department Marketing' });
  assert(await marketing.isDisabled(), 'a department owning stages cannot be removed');
  const why = await organisation.description(marketing);
  assert(why.includes('Need, Research'), `reason ${JSON.stringify(why)}`);

  await organisation.addDepartment('Field Service');
  const names = await organisation.departmentNames();
  assertEqual(names.at(-1), 'Field Service', 'the new department');
  await organisation.departments.getByRole('button', { name: 'Remove department Field Service' }).click();
  assertEqual((await organisation.departmentNames()).length, names.length - 1, 'departments after removing it');

  const removeHandoff = organisation.handoffs.getByRole('button', { name: 'Remove hand-off Sales → Operations' });
  assertEqual(await organisation.description(removeHandoff), 'Also removes 1 investment.', 'what removing the hand-off takes');
  await removeHandoff.click();
  assertEqual((await handoffPairs(page)).length, 0, 'hand-offs after removing it');
  const integrate = scenarios.card('Integrate checkout with fulfilment');
  assertEqual(await integrate.getByTestId('investment').count(), 0, 'the investment in it went with it');
  assertEqual(await editor.problemSummary.textContent(), '', 'the journey is still valid');
});

test('a hand-off changes departments in place; its investment and the results follow', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const organisation = new OrganisationEditor(page);
  const scenarios = new ScenarioEditor(page);
  await app.open();
  await app.setTrials(500);
  await app.run();
  const before = await app.npvMeans.first().textContent();
  const target = scenarios
    .investment(scenarios.card('Integrate checkout with fulfilment'), 1)
    .getByLabel('Invest in', { exact: true });
  const targetShown = () => target.evaluate((s) => s.selectedOptions[0]?.textContent);
  assertEqual(await targetShown(), 'Sales → Operations', 'the investment targets the hand-off');

  // Reversed one select at a time: Sales → Sales is flagged in place.
  await handoffEnd(page, 'To', 1).selectOption({ label: 'Sales' });
  const from = handoffEnd(page, 'From', 1);
  assertEqual(await from.getAttribute('aria-invalid'), 'true', 'aria-invalid on a hand-off to itself');
  const why = await organisation.description(from);
  assert(why.includes('a hand-off needs two different departments'), `problem ${JSON.stringify(why)}`);
  assert(/^\d+ problems? — fix/.test(await editor.problemSummary.textContent()), 'the problem is counted');
  assert(await app.runButton.isDisabled(), 'Run simulation is disabled meanwhile');
  await from.selectOption({ label: 'Operations' });
  assertEqual((await handoffPairs(page)).join(', '), 'Operations → Sales', 'the reversed hand-off');
  assertEqual(await editor.problemSummary.textContent(), '', 'no problems once reversed');
  assertEqual(await targetShown(), 'Operations → Sales', 'the investment followed its hand-off');
  assert(
    await organisation.handoffs.getByText('Operations → Sales friction', { exact: true }).isVisible(),
    'the friction is named after the new pair',
  );

  // Purchase (Sales) no longer hands customers over with friction.
  await app.run();
  const after = await app.npvMeans.first().textContent();
  assert(after !== before, `baseline NPV did not change: ${before} → ${after}`);

  // Reversed in one step, back to where it was.
  await page.getByRole('button', { name: 'Reverse hand-off Operations → Sales', exact: true }).click();
  assertEqual((await handoffPairs(page)).join(', '), 'Sales → Operations', 'reversed back');
  assertEqual(await targetShown(), 'Sales → Operations', 'the investment followed again');

  // A pair another hand-off has is offered but cannot be chosen, nor
  // reversed into.
  await organisation.addHandoff('Marketing', 'Operations');
  await organisation.addHandoff('Operations', 'Sales');
  const taken = handoffEnd(page, 'From', 1).locator('option', { hasText: 'Marketing' });
  assertEqual(await taken.textContent(), 'Marketing (already listed)', 'the taken pair says so');
  assert(await taken.isDisabled(), 'the taken pair is disabled');
  const reverse = page.getByRole('button', { name: 'Reverse hand-off Sales → Operations', exact: true });
  assert(await reverse.isDisabled(), 'no reversing into a listed hand-off');
  assertEqual(await editor.problemSummary.textContent(), '', 'the journey is valid');

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
    await organisation.handoffs.screenshot({ path: join(artifacts, `handoffs-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page scrolls sideways by ${overflow} px at ${width} px`);
  }
});

test('the journey can be renamed: the page, its tab, the report and the share link follow', async ({ page, context, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const editor = page.getByRole('region', { name: 'Journey', exact: true });
  const name = editor.getByRole('textbox', { name: 'Journey name' });
  const original = await name.inputValue();
  assertEqual(original, await app.scenarioName.textContent(), 'the field holds the name shown');

  await name.fill('Acme <b>boxes</b>');
  assertEqual(await app.scenarioName.textContent(), 'Acme <b>boxes</b>', 'the scenario panel, as text');
  assertEqual(await page.title(), 'Acme <b>boxes</b> · CX Journey Simulator', 'the tab');
  await app.setTrials(500);
  await app.run();
  await app.reportButton.click();
  assertEqual(await app.report.getByRole('heading', { level: 1 }).textContent(), 'Acme <b>boxes</b>', 'the report');
  await app.openEditor();

  const fresh = await context.browser().newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(await app.shareLink.inputValue());
    await other.getByRole('button', { name: 'Open the full editor' }).waitFor();
    assertEqual(await other.title(), 'Acme <b>boxes</b> · CX Journey Simulator', 'a share link carries the name');
  } finally {
    await fresh.close();
  }

  // A name too long is a problem shown under the field, and holds runs back.
  await name.fill('x'.repeat(201));
  assertEqual(await name.getAttribute('aria-invalid'), 'true', 'a name too long');
  assertEqual(await page.locator('#journey-name-problems').textContent(), 'is longer than 200 characters', 'its problem');
  assert(await app.runButton.isDisabled(), 'Run waits for the name to be fixed');

  // A name left empty reads as an untitled journey; Undo brings the name back.
  await name.fill('');
  assertEqual(await app.scenarioName.textContent(), 'Untitled journey', 'an empty name');
  await editor.getByRole('button', { name: /^Undo/ }).click();
  assertEqual(await name.inputValue(), 'Acme <b>boxes</b>', 'Undo takes the clearing back');
});
