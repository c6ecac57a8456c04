// Undo and Redo of changes to the journey: buttons named after the change,
// the keyboard, typing as one step, and whole journeys replaced.
import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

function history(page) {
  const editor = page.getByRole('region', { name: 'Journey', exact: true });
  return {
    undo: editor.getByRole('button', { name: /^Undo/ }),
    redo: editor.getByRole('button', { name: /^Redo/ }),
    topUndo: page.getByRole('region', { name: 'Scenario', exact: true }).getByRole('button', { name: /^Undo/ }),
    status: page.getByTestId('announced'),
  };
}

async function accessibleName(locator) {
  return locator.evaluate((el) => el.getAttribute('aria-label'));
}

test('undo: a removed stage comes back whole, typing is one step, and redo puts it back', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const { undo, redo, topUndo, status } = history(page);
  await app.open();
  const original = await app.shareLink.inputValue();
  assert(await undo.isDisabled(), 'nothing to undo on a fresh page');
  assert(await redo.isDisabled(), 'nothing to redo on a fresh page');
  const researchAdvance = await editor.field('research', ADVANCE).inputValue();

  await editor.stage('research').getByRole('button', { name: 'Remove Research' }).click();
  assertEqual(await editor.stage('research').count(), 0, 'Research removed');
  assertEqual(await accessibleName(undo), 'Undo removing stage “Research”', 'the button says what it undoes');
  assertEqual(await accessibleName(topUndo), 'Undo removing stage “Research”', 'so does the one beside the scenario');

  // Typing a number key by key is one step.
  const advance = editor.field('need', ADVANCE);
  await advance.fill('');
  await advance.pressSequentially('0.55');
  assertEqual(await accessibleName(undo), 'Undo change to stage “Need”', 'typing names its stage');
  await undo.click();
  assertEqual(await advance.inputValue(), '0.4', 'the whole number is taken back');
  assertEqual(await status.textContent(), 'Undone: change to stage “Need”.', 'announced');

  // The last step, by keyboard: focus stays on the button, now unavailable.
  await undo.focus();
  await page.keyboard.press('Enter');
  assertEqual(await editor.field('research', ADVANCE).inputValue(), researchAdvance, 'Research is back with its values');
  assert(await undo.evaluate((el) => el === document.activeElement), 'focus stays on Undo');
  assertEqual(await app.shareLink.inputValue(), original, 'the journey is exactly as it was');
  assert(await undo.isDisabled(), 'nothing left to undo');
  assertEqual(await accessibleName(redo), 'Redo removing stage “Research”', 'redo says what it puts back');

  await redo.click();
  assertEqual(await editor.stage('research').count(), 0, 'redo removes Research again');
  await redo.click();
  assertEqual(await advance.inputValue(), '0.55', 'and puts the typed number back');
  assert(await redo.isDisabled(), 'nothing left to redo');

  // Leaving a field ends its step: typing there again is a new one.
  await advance.fill('0.6');
  await advance.press('Tab');
  await advance.fill('0.7');
  await undo.click();
  assertEqual(await advance.inputValue(), '0.6', 'back to the number typed before leaving the field');

  // A new change after an undo drops what was undone.
  await undo.click();
  await editor.setField('need', ADVANCE, '0.3');
  assert(await redo.isDisabled(), 'a new change ends redo');
});

test('undo: Ctrl+Z and Ctrl+Shift+Z work in the editor, and text fields elsewhere keep their own undo', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const editor = new JourneyEditor(page);
  const { undo } = history(page);
  await app.open();
  const original = await app.shareLink.inputValue();

  await editor.stage('research').getByRole('button', { name: 'Remove Research' }).click();
  // Focus is now on the next stage's name, a text field in the editor:
  // the journey's undo applies there.
  await page.keyboard.press('Control+z');
  assertEqual(await editor.stage('research').count(), 1, 'Ctrl+Z brings Research back');
  await page.keyboard.press('Control+Shift+z');
  assertEqual(await editor.stage('research').count(), 0, 'Ctrl+Shift+Z removes it again');
  await page.keyboard.press('Control+y');
  assertEqual(await editor.stage('research').count(), 0, 'Ctrl+Y with nothing to redo changes nothing');
  await page.keyboard.press('Control+z');
  assertEqual(await app.shareLink.inputValue(), original, 'back to the journey as opened');

  // The trials field is not the journey: Ctrl+Z there undoes its text.
  await editor.stage('research').getByRole('button', { name: 'Remove Research' }).click();
  await app.trials.click();
  await app.trials.pressSequentially('5');
  await page.keyboard.press('Control+z');
  assertEqual(await editor.stage('research').count(), 0, 'the journey is left alone');
  assertEqual(await accessibleName(undo), 'Undo removing stage “Research”', 'its step is still there');

  // An editor field holding text that is not a number keeps the browser's
  // undo of that text: the journey never took it in.
  const advance = editor.field('need', ADVANCE);
  await advance.fill('0.4x');
  await page.keyboard.press('Control+z');
  assertEqual(await editor.stage('research').count(), 0, 'unread text: the journey is left alone');
});

test('undo: an imported journey and an opened example can be taken back', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  const { topUndo, status } = history(page);
  await app.open();
  const original = await app.shareLink.inputValue();
  const name = await app.scenarioName.textContent();

  const scenario = { schema: 1, name: 'Tiny journey', months: 12, departments: [{ id: 'd' }], stages: [{ id: 'b', phase: 'buy', owner: 'd', advance: 0.2 }, { id: 'o', phase: 'own', owner: 'd', drop: 0.1 }] };
  await app.importInput.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await page.waitForFunction((n) => document.querySelector('.scenario-name')?.textContent === n, scenario.name);
  assertEqual(await accessibleName(topUndo), `Undo importing “${scenario.name}”`, 'the import is a step');
  await topUndo.click();
  assertEqual(await app.scenarioName.textContent(), name, 'the journey before the import is back');
  assertEqual(await app.shareLink.inputValue(), original, 'exactly');
  assertEqual(await status.textContent(), `Undone: importing “${scenario.name}”.`, 'announced');

  const examples = page.getByRole('combobox', { name: 'Example journeys' });
  await examples.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Open example' }).click();
  await page.waitForFunction((n) => document.querySelector('.scenario-name')?.textContent !== n, name);
  const opened = await app.scenarioName.textContent();
  assertEqual(await accessibleName(topUndo), `Undo opening “${opened}”`, 'an opened example is a step');
  await topUndo.click();
  assertEqual(await app.shareLink.inputValue(), original, 'the example is taken back');
});

test('undo: the editor heading and its buttons stay in view down the journey, at both widths', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  const { undo } = history(page);
  await app.open();
  await page.getByRole('button', { name: /^Remove scenario/ }).last().click();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
    await page.getByRole('button', { name: 'Add a scenario' }).scrollIntoViewIfNeeded();
    const box = await undo.boundingBox();
    assert(box && box.y >= 0 && box.y + box.height <= 800, `Undo at ${JSON.stringify(box)} is in view at ${width} px`);
    assert(await undo.isEnabled(), 'and can be pressed');
    await page.screenshot({ path: join(artifacts, `undo-sticky-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `the page scrolls sideways by ${overflow} px at ${width} px`);
  }
  // A field reached by Tab is not hidden under the heading.
  await page.setViewportSize({ width: 1280, height: 800 });
  const field = page.getByRole('region', { name: 'Journey', exact: true }).getByRole('textbox').first();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await field.focus();
  const [fieldBox, undoBox] = [await field.boundingBox(), await undo.boundingBox()];
  assert(fieldBox.y >= undoBox.y + undoBox.height, `the focused field (${fieldBox.y}) is below the heading (${undoBox.y + undoBox.height})`);
});
