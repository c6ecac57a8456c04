import { join } from 'node:path';

import { assert, assertEqual, assertSoon, test } from './harness.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { over, readoutInside, textOutside, textSizes, under } from './chart-text.mjs';
import { unstyledShapes } from './unstyled.mjs';
import { example, linkTo } from './fixtures.mjs';
import { DecisionTools } from './pages/decision-tools.mjs';

const FLOW_HINT =
  'Point at or tap a stage to see how many people entered it, advanced, dropped out (some to friction) and were still there at the end.';

test('after a run, fan charts, histograms and the flow diagram are drawn with names', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(2000);
  await app.run();

  assertEqual(await app.fanCharts.count(), 3, 'fan charts');
  const uplift = /^Fan chart of cumulative NPV uplift over the baseline/;
  for (const name of [/^Fan chart of active customers/, /^Fan chart of cumulative NPV \(/, uplift]) {
    const chart = app.results.getByRole('img', { name });
    assertEqual(await chart.count(), 1, `chart named ${name}`);
  }
  const variants = await app.variants.count();
  assertEqual(await app.fanSeries.count(), 3 * variants - 1, 'one series per variant and fan chart, no baseline uplift');
  // The uplift chart: the options' gains against a break-even line, each
  // ending at the uplift its card shows.
  const gains = app.fanCharts.nth(2);
  assertEqual(await gains.locator('.break-even line').count(), 1, 'a break-even line');
  const cards = await app.cardFigures();
  for (const card of cards.slice(1)) {
    const label = await gains.getByRole('img', { name: `${card.name}, month `, exact: false }).getAttribute('aria-label');
    assert(label.includes(`: ${card.uplift} (`), `the chart ends at the card's uplift ${card.uplift}: ${label}`);
  }

  const histograms = await app.histograms.count();
  assert(histograms >= variants, `expected at least one histogram per variant, got ${histograms}`);
  assert((await app.results.getByRole('img', { name: /^Histogram of ROI of / }).count()) >= 1, 'an ROI histogram');
  // The checkout and awareness options act before the purchase: their CLV
  // is the baseline's in every trial, so the baseline's histogram stands for them.
  const clvCharts = app.histograms.filter({ hasText: /^Customer lifetime value/ });
  assertEqual(
    JSON.stringify(await clvCharts.locator('.chart-title').allTextContents()),
    JSON.stringify(['Customer lifetime value, Baseline', 'Customer lifetime value, Fix the first-box experience']),
    'one CLV histogram per distinct CLV',
  );
  const notes = await clvCharts.first().locator('.chart-note').allTextContents();
  assertEqual(notes.length, 2, `the baseline's CLV notes: ${notes}`);
  assert(notes[0].startsWith('Bar height: share of trials'), `how to read it: ${notes[0]}`);
  assertEqual(
    notes[1],
    'The same in every trial for Integrate checkout with fulfilment and Awareness campaign: CLV counts what a customer brings from the purchase on.',
    'the baseline\'s CLV histogram names the options it stands for',
  );
  assertEqual(await clvCharts.nth(1).locator('.chart-note').count(), 1, 'the first-box option\'s CLV stands alone');
  assertEqual(await app.results.getByRole('img', { name: /^Bar chart of people per stage/ }).count(), 1, 'flow diagram');

  // Each series names its final value for a screen reader; it is not a Tab
  // stop of its own, as the month slider gives every value from the keyboard.
  const first = app.fanSeries.first();
  assert(/, month \d+: .*\d/.test(await first.getAttribute('aria-label')), 'the series names its final value');
  assertEqual(await first.getAttribute('tabindex'), null, 'a series is not a Tab stop');

  // Any month's values: on hover, and from the keyboard through the month slider.
  const fan = app.fanCharts.first();
  const months = fan.getByRole('slider', { name: 'Active customers, month by month' });
  const readout = fan.locator('.point-readout');
  await months.scrollIntoViewIfNeeded();
  const box = await months.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await readout.waitFor();
  const hovered = await readout.textContent();
  assert(hovered.startsWith('Month 1'), `hovering the left edge shows month 1: ${hovered}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 60);
  await readout.waitFor({ state: 'detached' });
  await months.focus();
  const last = await months.getAttribute('aria-valuemax');
  assertEqual(await months.getAttribute('aria-valuenow'), last, 'focus starts on the last month');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  assertEqual(await months.getAttribute('aria-valuenow'), '2', 'arrow keys step through months');
  const spoken = await months.getAttribute('aria-valuetext');
  assert(/^Month 2; .+: .+ \(90%: .+ to .+\)/.test(spoken), `the month in words: ${spoken}`);
  assert((await readout.textContent()).startsWith('Month 2'), 'the readout follows the keyboard');

  const stageLabels = await app.flowDiagram.locator('.stage-label').allTextContents();
  assertEqual(stageLabels[0], 'Need', 'the flow diagram names stages as the editor does');
  // The first stage loses the most people; a stage after the purchase the
  // largest share of those who reach it, which its short bar hides.
  const note = await app.flowDiagram.locator('.chart-note').textContent();
  assert(
    /^Friction loses [\d.]+[kM] people in all: the most at Need \([\d.]+k\), and the largest share of those who enter at First box \([\d.]+%\)\.$/.test(note),
    `the note says what the bars count: ${note}`,
  );
  assertEqual((await unstyledShapes(app.results)).join(', '), '', 'shapes drawn in the default black');
  const counts = await app.flowDiagram.locator('.flow-count').allTextContents();
  assertEqual(counts.length, stageLabels.length, 'a count at the end of every bar');
  // Each stage's counts in words, from the keyboard: the focus is on the
  // first stage, the down arrow steps to the next, the row shown is marked;
  // on a laptop and on the smallest phone, where the words take a line more.
  const stages = app.flowDiagram.getByRole('slider', { name: 'Journey flow, stage by stage' });
  const stageWords = app.flowDiagram.locator('.flow-readout');
  // From the top of the chart, which the focus may scroll into view.
  const legendTop = () =>
    app.flowDiagram.evaluate((chart) => chart.querySelector('.chart-legend').getBoundingClientRect().y - chart.getBoundingClientRect().y);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    assertEqual(await stageWords.textContent(), FLOW_HINT, 'a hint until a stage is picked');
    const hintedTop = await legendTop();
    await stages.focus();
    for (const [i, count] of counts.entries()) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      const words = await stageWords.textContent();
      assert(
        new RegExp(`^${stageLabels[i]}: ([\\d.,]+[kM]? there at the start, )?${count} entered, [\\d.,]+[kM]? advanced, [\\d.,]+[kM]? dropped \\([\\d.,]+[kM]? to friction\\), [\\d.,]+[kM]? still there at the end$`).test(words),
        `stage ${i + 1} in words, against its bar's count ${count}: ${words}`,
      );
      assertEqual(await stages.getAttribute('aria-valuetext'), words, 'the slider says what the readout shows');
      assertEqual(await app.flowDiagram.locator('.flow-row.shown .flow-count').textContent(), count, 'the row shown is marked');
      const moved = (await legendTop()) - hintedTop;
      assert(Math.abs(moved) < 0.5, `at ${width} px the legend stays put under stage ${i + 1}'s words (moved ${moved} px)`);
    }
    await stages.evaluate((slider) => slider.blur());
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await stages.focus();
  await page.keyboard.press('End');
  assertEqual(await stages.getAttribute('aria-valuenow'), String(counts.length), 'End goes to the last stage');
  await page.keyboard.press('Home');
  assertEqual(await stages.getAttribute('aria-valuenow'), '1', 'Home goes back to the first stage');
  // On paper the hint of what to point at is left out.
  await stages.evaluate((slider) => slider.blur());
  await page.emulateMedia({ media: 'print' });
  assert(!(await stageWords.isVisible()), 'no hint on paper');
  await page.emulateMedia({ media: 'screen' });
  assert(await stageWords.isVisible(), 'the hint on screen');

  // A chart sizes its text by its own width: at every width each chart's
  // labels read at 10 to 14 px (the page's own small text is 12 to 14),
  // and on phones at 11 or more (12 from 390 px), the charts taking the
  // whole width of the panel; a tablet shows two charts to a row, a small
  // tablet one.
  for (const width of [1280, 768, 680, 430, 414, 390, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(scrollWidth <= width, `no sideways scroll at ${width} px (scroll width ${scrollWidth})`);
    await app.results.locator('.charts').screenshot({ path: join(artifacts, `charts-${width}.png`) });
    const labels = await textSizes(app.results, 'text:not(.point-readout text)');
    assertEqual(under(labels, 10), '', `chart labels under 10 px at ${width} px`);
    assertEqual(over(labels, 14), '', `chart labels over 14 px at ${width} px`);
    if (width >= 360 && width <= 430) {
      const floor = width === 360 ? 11 : 12;
      assertEqual(under(labels, floor), '', `chart labels under ${floor} px on a ${width} px phone`);
    }
    const tops = await app.results.locator('.charts > *').evaluateAll((charts) => charts.map((c) => Math.round(c.getBoundingClientRect().top)));
    const perRow = tops.filter((top) => top === tops[0]).length;
    assertEqual(perRow, { 1280: 3, 768: 2, 680: 1, 430: 1, 414: 1, 390: 1, 360: 1 }[width], `charts in the first row at ${width} px`);
    if (width === 680 || width <= 390) {
      // A month's readout, drawn for the chart's width: in larger text on
      // a phone, in smaller text one to a row on a tablet.
      await months.focus();
      const shown = await textSizes(fan, '.point-readout text');
      assertEqual(shown.length, 1, 'one readout shown');
      assertEqual(under(shown, 10), '', `readout text under 10 px at ${width} px`);
      assertEqual(over(shown, 14), '', `readout text over 14 px at ${width} px`);
      assert(await readoutInside(fan), `the readout stays inside the chart at ${width} px`);
      await app.fanCharts.first().screenshot({ path: join(artifacts, `fan-chart-${width}.png`) });
    }
    if (width === 390) {
      await app.histograms.first().screenshot({ path: join(artifacts, 'histogram-390.png') });
      await app.flowDiagram.screenshot({ path: join(artifacts, 'flow-diagram-390.png') });
    }
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.results.locator('.charts').screenshot({ path: join(artifacts, 'charts-390-dark.png') });
  await app.fanCharts.first().screenshot({ path: join(artifacts, 'fan-chart-390-dark.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await app.results.locator('.charts').screenshot({ path: join(artifacts, 'charts-1280-dark.png') });
});

test('the flow diagram names long stages in full, on two lines', async ({ page, baseUrl, artifacts }) => {
  // Broken at a space ("Research and / compare") or, where no space leaves
  // a short first line, after a hyphen ("Marketing- / qualified lead").
  for (const file of ['retail-bank.json', 'b2b-saas.json']) {
    const scenario = await example(file);
    const app = new SimulatorPage(page, baseUrl);
    await app.openReport(linkTo(baseUrl, { scenario, seed: 1, trials: 500 }));
    await app.waitForReport();
    await app.openEditorButton.click();
    await app.flowDiagram.waitFor();
    const labels = await app.flowDiagram.locator('.stage-label').evaluateAll((texts) =>
      texts.map((text) => [...text.querySelectorAll('tspan')].map((line) => line.textContent)),
    );
    assertEqual(
      JSON.stringify(labels.map((lines) => lines.reduce((name, line) => (name.endsWith('-') ? name + line : `${name} ${line}`)))),
      JSON.stringify(scenario.stages.map((stage) => stage.name)),
      `every stage of ${file} by its whole name`,
    );
    assert(labels.some((lines) => lines.length === 2), 'some names take two lines');
    await app.flowDiagram.screenshot({ path: join(artifacts, `flow-diagram-long-names-${file.replace('.json', '')}.png`) });
  }
});

test('no chart draws text outside its own box, in any example, from laptop to phone', async ({ page, baseUrl }) => {
  // Long axis labels ("+£20M", "+300%") and stage names reached past the
  // chart, onto its card's border, and were cut in a downloaded chart.
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(300);
  for (const id of await app.exampleIds()) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await app.openExample(id);
    await app.run();
    await app.flowDiagram.waitFor();
    // Wide charts with small text, narrow ones with the largest.
    for (const width of [1280, 1024, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      assertEqual(await textOutside(app.results), '', `${id}: chart text outside its chart at ${width} px`);
    }
  }
});

test("no chart's axis labels overlap, in the corner where the axes meet least of all", async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(1000);
  await app.run();
  await app.histograms.last().waitFor();
  // Wide charts and narrow ones, whose text is larger.
  for (const width of [1280, 900, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overlaps = await app.results.locator('svg.chart-svg').evaluateAll((charts) =>
      charts.flatMap((chart, c) => {
        const boxes = [...chart.querySelectorAll('.tick-label')].map((label) => [label.textContent, label.getBoundingClientRect()]);
        const found = [];
        boxes.forEach(([a, p], i) =>
          boxes.slice(i + 1).forEach(([b, q]) => {
            if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) found.push(`chart ${c}: "${a}" and "${b}"`);
          }),
        );
        return found;
      }),
    );
    assertEqual(overlaps.join(' | '), '', `overlapping axis labels at ${width} px`);
  }
});

test('every axis writes its labels alike: "$5k, $10k", never "$5,000, $10k"', async ({ page, baseUrl }) => {
  // The B2B example's fan chart and the optimizer's budget axis both span
  // 10,000, where a figure's own size would switch it to compact form.
  const app = new SimulatorPage(page, baseUrl);
  await app.openLink(linkTo(baseUrl, { scenario: await example('b2b-saas.json'), seed: 1, trials: 1000 }));
  await app.histograms.last().waitFor();
  const tools = new DecisionTools(page);
  await tools.openSection(tools.sensitivity);
  await tools.answered(tools.sensitivity);
  await tools.optimiseBudget(20000, 10);
  const axes = await page.evaluate(() =>
    [...document.querySelectorAll('svg.chart-svg, .tornado-axis')].flatMap((chart) => {
      // An SVG chart's labels left of the plot are its y axis, the rest its x axis.
      const labels = [...chart.querySelectorAll('.tick-label')];
      const y = labels.filter((l) => l.getAttribute('text-anchor') === 'end');
      return [y, labels.filter((l) => !y.includes(l))].map((axis) => axis.map((l) => l.textContent));
    }),
  );
  const numeric = axes.filter((axis) => axis.some((t) => /\d/.test(t)));
  assert(numeric.length >= 10, `${numeric.length} axes`);
  assert(numeric.some((axis) => axis.some((t) => /\dk$/.test(t))), 'some axis in thousands');
  const mixed = numeric.filter((axis) => {
    const nonZero = axis.filter((t) => /[1-9]/.test(t) && !t.endsWith('%'));
    return nonZero.some((t) => /\d[kMBT]$/.test(t)) && nonZero.some((t) => /\d$/.test(t));
  });
  assertEqual(mixed.map((axis) => axis.join(' | ')).join(' / '), '', 'axes that mix full and compact figures');
});

/**
 * The first fan chart (active customers) after a 500-trial run, scrolled
 * into view: its slider, readout, plot box and the month it shows.
 */
async function activeCustomersChart(page, baseUrl) {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(500);
  await app.run();
  const fan = app.fanCharts.first();
  const months = fan.getByRole('slider', { name: 'Active customers, month by month' });
  const readout = fan.locator('.point-readout');
  await months.scrollIntoViewIfNeeded();
  const box = await months.boundingBox();
  const shown = async () => ((await readout.count()) === 0 ? 'nothing' : (await readout.textContent()).match(/^Month \d+/)?.[0]);
  return { app, fan, months, readout, box, shown };
}

test(
  'on a touch screen a chart shows the month tapped or dragged to, the flow diagram the stage tapped, until a tap elsewhere',
  async ({ page, context, baseUrl }) => {
    const { app, fan, months, readout, box, shown } = await activeCustomersChart(page, baseUrl);
    const count = Number(await months.getAttribute('aria-valuemax'));
    const at = (share) => ({ x: box.x + box.width * share, y: box.y + box.height / 2 });
    const month = (share) => `Month ${Math.round(share * (count - 1)) + 1}`;

    for (const share of [0.25, 0.6]) {
      await page.touchscreen.tap(at(share).x, at(share).y);
      await assertSoon(shown, month(share), `tapped ${share * 100}% across`);
    }
    const title = await fan.locator('figcaption').boundingBox();
    await page.touchscreen.tap(title.x + 5, title.y + title.height / 2);
    await readout.waitFor({ state: 'detached' });

    // A drag across the plot: no tap, so nothing but the slider itself
    // gives the plot the focus whose loss (a tap elsewhere) hides the month.
    const touch = await context.newCDPSession(page);
    const send = (type, point) =>
      touch.send('Input.dispatchTouchEvent', { type, touchPoints: point ? [{ x: point.x, y: point.y }] : [] });
    await send('touchStart', at(0.1));
    for (const share of [0.2, 0.3, 0.4]) await send('touchMove', at(share));
    await assertSoon(shown, month(0.4), 'a finger dragged to 40% across');
    await send('touchEnd');
    await assertSoon(shown, month(0.4), 'the month stays shown once the finger lifts');
    assert(await months.evaluate((slider) => slider === document.activeElement), 'the plot has the focus after a drag');

    // The flow diagram: a tap on a stage's row, its name or its bar, gives
    // its counts, which a mouse would have from pointing at it.
    const flow = app.flowDiagram;
    const stageWords = flow.locator('.flow-readout');
    const rows = flow.locator('.flow-row');
    for (const [i, part] of [[2, '.stage-label'], [0, '.flow.entered'], [4, '.flow-count']]) {
      const target = rows.nth(i).locator(part);
      await target.scrollIntoViewIfNeeded();
      const spot = await target.boundingBox();
      await page.touchscreen.tap(spot.x + spot.width / 2, spot.y + spot.height / 2);
      const count = await rows.nth(i).locator('.flow-count').textContent();
      const entered = async () => (await stageWords.textContent()).match(/: ([^ ]+) entered, /)?.[1];
      await assertSoon(entered, count, `tapped stage ${i + 1}`);
    }
    const flowTitle = await flow.locator('figcaption').boundingBox();
    await page.touchscreen.tap(flowTitle.x + 5, flowTitle.y + flowTitle.height / 2);
    await assertSoon(() => stageWords.textContent(), FLOW_HINT, 'a tap elsewhere hides them');
  },
  { contextOptions: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } },
);

test('a chart with the focus keeps its month shown when the mouse leaves it; without the focus the month goes with the mouse', async ({ page, baseUrl }) => {
  const { months, box, shown } = await activeCustomersChart(page, baseUrl);
  const over = () => page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const away = () => page.mouse.move(box.x + box.width / 2, box.y - 40);
  const middle = async (what) => {
    await assertSoon(async () => /^Month (1[5-9]|2[0-2])$/.test(await shown()), true, what);
    return shown();
  };

  await over();
  await middle('the month under the mouse');
  await away();
  await assertSoon(shown, 'nothing', 'after the mouse left a chart without the focus');

  await months.focus();
  await page.keyboard.press('Home');
  await assertSoon(shown, 'Month 1', 'Home with the focus');
  await over();
  const hovered = await middle('the month under the mouse, with the focus');
  await away();
  await assertSoon(shown, hovered, 'after the mouse left the focused chart');
  await page.keyboard.press('ArrowRight');
  await assertSoon(shown, `Month ${Number(hovered.slice(6)) + 1}`, 'the keys go on from there');
  await months.evaluate((slider) => slider.blur());
  await assertSoon(shown, 'nothing', 'once the chart loses the focus');
});
