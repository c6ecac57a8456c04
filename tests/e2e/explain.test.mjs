import { assert, assertEqual, test } from './harness.mjs';
import { ExplainCards, MonthStepPanel } from './pages/explain-page.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';

const SHOTS = process.env.EXPLAIN_SHOTS;

async function noSidewaysScroll(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(scrollWidth <= width, `no sideways scroll at ${width} px (scroll width ${scrollWidth})`);
}

test('explain: every figure on every card explains its formula with the card\'s own number', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(300);
  await app.run();
  const cards = new ExplainCards(page);
  const count = await cards.cards.count();
  assert(count >= 2, 'a baseline and at least one option');

  for (let i = 0; i < count; i += 1) {
    const figures = await cards.figures(i);
    const labels = figures.map((f) => f.label);
    const expected = i === 0
      ? ['NPV', 'Customer lifetime value', '12-month retention']
      : ['NPV', 'NPV uplift', 'Revenue uplift', 'ROI', 'Chance of positive ROI', 'Payback', 'Customer lifetime value', '12-month retention'];
    assertEqual(labels.join('|'), expected.join('|'), `figures of card ${i}`);
    for (const { label, value } of figures) {
      const button = cards.button(i, label);
      assertEqual(await button.getAttribute('aria-expanded'), 'false', `${label} starts folded`);
      const panel = await cards.panelOf(button);
      assert(await panel.isHidden(), `${label}: explanation hidden at first`);
      await button.click();
      assertEqual(await button.getAttribute('aria-expanded'), 'true', `${label} unfolds`);
      await panel.waitFor();
      const text = await panel.textContent();
      assert(text.includes('='), `${label}: a formula (${text})`);
      if (value !== '—') assert(text.includes(value), `${label}: the card's own figure ${value} in "${text}"`);
      assert(text.includes('90%') || text.includes('interval'), `${label}: what the interval means`);
      await button.click();
      assert(await panel.isHidden(), `${label}: folds again`);
    }
  }

  // Keyboard: Enter and Space on the focused button.
  const uplift = cards.button(1, 'NPV uplift');
  await uplift.focus();
  await page.keyboard.press('Enter');
  assertEqual(await uplift.getAttribute('aria-expanded'), 'true', 'Enter unfolds');
  const panel = await cards.panelOf(uplift);
  const text = await panel.textContent();
  const baselineNpv = await app.npvMeans.first().textContent();
  const optionNpv = await app.npvMeans.nth(1).textContent();
  assert(text.includes(`${optionNpv} − ${baselineNpv} =`), `NPV uplift spelt out from the cards' NPVs: ${text}`);
  await cards.button(1, 'ROI').click();

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page, width);
    if (SHOTS) {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await cards.cards.nth(1).screenshot({ path: `${SHOTS}/card-${width}-${scheme}.png` });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
  await uplift.focus();
  await page.keyboard.press('Space');
  assertEqual(await uplift.getAttribute('aria-expanded'), 'false', 'Space folds');
});

test('explain: one month step by step walks to its end and its people add up', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const panel = new MonthStepPanel(page);
  await panel.region.scrollIntoViewIfNeeded();

  // One simulated trial of a run with the page's seed: whole people, exactly conserved.
  await app.seed.fill('42');
  await panel.oneTrial.check();
  await panel.source.filter({ hasText: 'simulated trial 1 (seed 42)' }).waitFor();
  const [first, steps] = await panel.position();
  assertEqual(first, 1, 'starts at step 1');
  assertEqual(await panel.back.getAttribute('aria-disabled'), 'true', 'no step before the first');
  const titles = await panel.walkToEnd();
  assertEqual(titles.length, steps, 'every step visited');
  assert(titles.some((t) => / splits$/.test(t)), 'a step per stage split');
  assert(titles.some((t) => /arrivals and referrals$/.test(t)), 'an arrivals step');
  const t = await panel.totals();
  assertEqual(t.out, t.into, 'every advance lands in a stage');
  assertEqual(t.start - t.out - t.dropped + t.into + t.fresh, t.end, 'people conserved');
  assert(t.end > 0, 'people at the end');

  // Back to the arrivals step: its counts are the new people of the table.
  await panel.back.click();
  const arrivals = Number((await panel.region.getByTestId('arrivals').textContent()).replaceAll(',', ''));
  const referrals = Number((await panel.region.getByTestId('referrals').textContent()).replaceAll(',', ''));
  assertEqual(arrivals + referrals, t.fresh, 'arrivals and referrals are the new people');
  // Each referrer's advocacy, then the share its owner's friction takes off.
  const advocacy = await panel.region.locator('td[data-label="Advocacy a month"]').allTextContents();
  assert(advocacy.length > 0, 'referring stages');
  for (const cell of advocacy) assert(/^[\d.]+%, less [\d.]+% of it \(.+ friction\): [\d.]+%$/.test(cell), cell);

  // The small teaching journey, month 3, in expected flows: Onboard's
  // split names its friction and hand-off.
  await panel.teaching.check();
  await panel.expected.check();
  await panel.month.fill('3');
  await panel.month.press('Enter');
  await panel.source.filter({ hasText: 'month 3' }).waitFor();
  // What is not a month in the journey shows the month shown.
  for (const typed of ['-3', '2.5', '']) {
    await panel.month.fill(typed);
    await panel.month.press('Enter');
    assertEqual(await panel.month.inputValue(), '3', `the Month field after ${JSON.stringify(typed)}`);
  }
  await panel.month.fill('9999');
  await panel.month.press('Enter');
  const last = await panel.month.getAttribute('max');
  assertEqual(await panel.month.inputValue(), last, 'a month past the end reads as the last');
  await panel.source.filter({ hasText: `month ${last}` }).waitFor();
  await panel.month.fill('3');
  await panel.month.press('Enter');
  await panel.source.filter({ hasText: 'month 3' }).waitFor();
  await panel.region.getByRole('button', { name: 'Start again' }).click();
  assertEqual((await panel.position()).join(' of '), '1 of 7', 'four stages: seven steps');
  for (let i = 0; i < 3; i += 1) await panel.next.click();
  await panel.title.filter({ hasText: 'Onboard splits' }).waitFor();
  const sentence = await panel.view.locator('.month-step-sentence').textContent();
  assert(sentence.includes("Operations' friction (10%) and the Operations→Support hand-off (5%) leave"), sentence);
  await panel.next.focus();
  await page.keyboard.press('Enter');
  await panel.title.filter({ hasText: 'Use splits' }).waitFor();
  // A screen reader hears the step moved to, and nothing when the step's
  // text changes because the journey did.
  const spoken = panel.region.getByTestId('month-step-spoken');
  const said = await spoken.textContent();
  assert(said.startsWith('Step 5 of 7: Use splits. '), said);
  assertEqual(await panel.region.locator('[aria-live]').count(), 1, 'one live region');
  await panel.month.fill('4');
  await panel.month.press('Enter');
  await panel.source.filter({ hasText: 'month 4' }).waitFor();
  assertEqual(await spoken.textContent(), said, 'nothing new said after an edit');
  await panel.walkToEnd();
  const e = await panel.totals();
  const gap = Math.abs(e.start - e.dropped + e.fresh - e.end);
  assert(gap <= 0.5, `expected flows conserve people up to rounding (gap ${gap})`);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page, width);
    if (SHOTS) {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await panel.region.screenshot({ path: `${SHOTS}/month-${width}-${scheme}.png` });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }
});

test("explain: on a phone no table of a month's steps scrolls sideways, in any example, with the browser's text larger too", async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const panel = new MonthStepPanel(page);
  const problems = [];
  let tables = 0;
  const browser = await page.context().newCDPSession(page);
  // 360 px, a small phone: a table that fits there fits any wider phone;
  // and a phone of 390 px whose reader set the browser's text to 20 px.
  for (const [width, text] of [[360, 16], [390, 20]]) {
    await browser.send('Page.setFontSizes', { fontSizes: { standard: text, fixed: 13 } });
    for (const value of await app.exampleIds()) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await app.openExample(value);
      await page.setViewportSize({ width, height: 900 });
      while ((await panel.position())[0] > 1) await panel.back.click();
      for (;;) {
        const title = await panel.title.textContent();
        const wide = await panel.view.locator('.month-step-table').evaluateAll((boxes) =>
          boxes.map((box) => ({ caption: box.querySelector('caption').textContent, over: box.scrollWidth - box.clientWidth })),
        );
        tables += wide.length;
        for (const { caption, over } of wide.filter((w) => w.over > 0)) {
          problems.push(`${width} px, ${text} px text, ${value}, "${title}": "${caption}" ${over} px too wide`);
        }
        if ((await panel.next.getAttribute('aria-disabled')) === 'true') break;
        await panel.next.click();
        await page.waitForFunction(([el, text]) => el.textContent !== text, [await panel.title.elementHandle(), title]);
      }
    }
  }
  assert(tables > 80, `only ${tables} tables checked`);
  assertEqual(problems.join('\n'), '', 'tables that scroll sideways');
});
