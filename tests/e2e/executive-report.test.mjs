import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { assertAccessible } from './axe.mjs';
import { assert, assertEqual, test } from './harness.mjs';
import { ResultsExtras } from './pages/results-extras.mjs';
import { SimulatorPage, reportVersusCards } from './pages/simulator-page.mjs';
import { example, linkTo } from './fixtures.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');


/** Pages of a PDF made by Chromium: its page objects, not the /Pages tree. */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * Records from the first paint whether the report ever showed a headline
 * while busy, and whether it was seen busy at all.
 */
function watchReport() {
  window.__reportLog = { busySeen: false, headlineWhileBusy: false, progress: '' };
  const check = () => {
    const report = document.querySelector('section[aria-label="Executive report"]');
    if (!report || report.getAttribute('aria-busy') !== 'true') return;
    window.__reportLog.busySeen = true;
    if (report.querySelector('[data-testid="headline"], [data-testid="headline-baseline"]')) {
      window.__reportLog.headlineWhileBusy = true;
    }
    const status = report.querySelector('[data-testid="report-status"]')?.textContent;
    if (status) window.__reportLog.progress = status;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

test('a share link opens on the executive report: headline, chart, assumptions, then the editor', async ({ page, baseUrl }) => {
  const scenario = await example('subscription-retailer.json');
  await page.addInitScript(watchReport);
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario, seed: 5, trials: 2000 }));
  await app.waitForReport();

  const log = await page.evaluate(() => window.__reportLog);
  assert(log.busySeen, 'the report is busy while the link runs');
  assert(!log.headlineWhileBusy, 'no headline while the run is under way');
  assert(/^Simulating… [\d,]+ of 2,000 trials$/.test(log.progress), `progress line ${JSON.stringify(log.progress)}`);

  assertEqual(await page.getByRole('heading', { level: 1 }).textContent(), scenario.name, 'journey name');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'report-heading', 'the title has the focus');
  // A saved PDF takes the tab's title as its name.
  assertEqual(await page.title(), `${scenario.name} · CX Journey Simulator`, 'tab title');
  assertEqual(await app.headlines.count(), scenario.scenarios.length, 'one headline per option');
  const figures = await app.reportFigures();
  const [best, ...rest] = figures.headlines;
  assert(best.best && rest.every((h) => !h.best), 'the first headline is the best option');
  assert(
    /^.+ (adds|loses) \S+ of NPV over 36 months, 90% likely between \S+ and \S+\. That is after its cost, \S+ in today's money\. It /.test(best.text),
    `headline ${JSON.stringify(best.text)}`,
  );
  // The best option works after the purchase: a customer is worth more.
  assert(/^It raises CLV from \S+ to \S+ and 12-month retention from \S+ to \S+[,.]/.test(best.how), `how ${JSON.stringify(best.how)}`);
  assertEqual(await app.report.getByTestId('fan-chart').count(), 1, 'the key chart');
  // The key chart is each option's gain over the baseline, ending at the
  // uplift the table shows, with the zero it crosses at payback.
  const series = await app.report.getByTestId('fan-series').evaluateAll((all) => all.map((s) => s.getAttribute('aria-label')));
  assertEqual(series.length, scenario.scenarios.length, 'one chart series per option');
  for (const row of figures.kpis) {
    assert(series.some((s) => s.startsWith(`${row.name}, month 36: ${row.uplift} (`)), `${row.name} ends at ${row.uplift}: ${series}`);
  }
  assertEqual(await app.report.locator('.report-chart .break-even line').count(), 1, 'the break-even line');
  assert((await app.report.locator('.report-chart .report-note').textContent()).includes('paid back where its line crosses zero'), 'how to read it');
  // On a wide screen that note reads beside the chart, not under it.
  const chartBox = await app.report.locator('.report-chart .chart').boundingBox();
  const noteBox = await app.report.locator('.report-chart .report-note').boundingBox();
  assert(
    noteBox.x >= chartBox.x + chartBox.width && noteBox.y + noteBox.height <= chartBox.y + chartBox.height,
    `note at ${JSON.stringify(noteBox)}, chart at ${JSON.stringify(chartBox)}`,
  );
  assertEqual(await app.report.locator('.stage-table tbody tr').count(), scenario.stages.length, 'stage rows');
  assertEqual(
    await app.report.locator('.friction-table tbody tr').count(),
    scenario.departments.length + scenario.handoffs.length,
    'friction rows',
  );
  assertEqual(await app.report.locator('.investment-table .group-row').count(), scenario.scenarios.length, 'options');
  const settings = await app.report.locator('.report-settings').textContent();
  assert(settings.includes('2,000 trials, seed\u00a05'), `settings ${JSON.stringify(settings)}`);
  // What a trial and a seed are, for a reader who never ran a simulation.
  const note = await app.report.locator('.assumptions-intro .report-note').textContent();
  assert(note.includes('Each trial is one simulated future of the journey.'), `note ${JSON.stringify(note)}`);
  assert(note.includes('the same link always shows the same figures'), `note ${JSON.stringify(note)}`);
  // In journey order, as the stages table lists them.
  assert(settings.includes('9,000 in Subscribed, 3,000 in Loyal subscriber'), `settings ${JSON.stringify(settings)}`);
  const stages = await app.report.locator('.stage-table').textContent();
  assert(stages.includes('sBG α\u00a00.6–\u20601.1, β\u00a06–\u206011'), `the sBG drop in ${JSON.stringify(stages.slice(0, 200))}…`);
  // And what it means for a customer, at α 0.85 and β 8.5: 0.85 / 9.35 and 0.85 / 20.35.
  assert(stages.includes('about 9.09% leave in their first month here, 4.18% in their 12th'), `the sBG drop in words in ${JSON.stringify(stages)}`);

  await app.openEditor();
  assertEqual(await app.status.textContent(), 'Finished: 2,000 trials.', 'the workspace has the same run');
  const problems = reportVersusCards(figures, await app.cardFigures());
  assertEqual(problems.join('\n'), '', 'the report against the workspace cards');
  // What each option costs, in words and in the table, as the comparison table has it.
  const compared = await new ResultsExtras(page).rowTexts();
  for (const { name, cost, investment } of figures.headlines.map((h) => ({
    ...h,
    investment: figures.kpis.find((k) => k.name === h.name).investment,
  }))) {
    const row = compared.find((r) => r.name === name);
    assertEqual(`${cost} ${investment}`, `${row.cells['Investment (PV)']} ${row.cells['Investment (PV)']}`, `${name}: investment`);
  }
  await app.reportButton.click();
  await app.waitForReport();
  assertEqual(JSON.stringify(await app.reportFigures()), JSON.stringify(figures), 'the report again');
});

test('when the best option may lose money and another cannot, the report names the safer one', async ({ page, baseUrl }) => {
  const scenario = await example('b2b-saas.json');
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario, seed: 1, trials: 2000 }));
  await app.waitForReport();
  const { headlines } = await app.reportFigures();
  const best = headlines.find((h) => h.best);
  const safer = await app.report.getByTestId('headline-safer').textContent();
  const said = /^“(.+)” adds less on average, but it is the safer choice: its 90% interval, \+\u2060(\S+) to \+\u2060(\S+), stays above zero, where “(.+)” may lose up to (\S+)\.$/.exec(safer);
  assert(said, `the words: ${JSON.stringify(safer)}`);
  const other = headlines.find((h) => h.name === said[1]);
  assertEqual(said[4], best.name, 'the best option is the one that may lose');
  assertEqual(`${best.low}`, `\u2212\u2060${said[5]}`, 'what the best may lose is its interval\'s low end');
  assertEqual(`+\u2060${said[2]} +\u2060${said[3]}`, `${other.low} ${other.high}`, 'the safer option\'s interval');
});

test('when every option loses NPV the report says so and calls none of them the best', async ({ page, baseUrl }) => {
  const scenario = await example('subscription-retailer.json');
  // The two options that act before the purchase: both lose NPV on average.
  scenario.scenarios = scenario.scenarios.filter((s) => s.name !== 'Fix the first-box experience');
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario, seed: 1, trials: 2000 }));
  await app.waitForReport();

  const figures = await app.reportFigures();
  assertEqual(figures.headlines.length, 2, 'one headline per option');
  assert(figures.headlines.every((h) => / loses \S+ of NPV /.test(h.text)), `both lose: ${JSON.stringify(figures.headlines)}`);
  assertEqual(figures.headlines.filter((h) => h.best).length, 0, 'no headline is the best');
  // Both act before the purchase: more customers, each worth the same.
  for (const { how } of figures.headlines) {
    assert(
      /^It wins [\d,]+ more customers over 36 months \(\d+\.\d% more\); what each is worth \(CLV \$\d+\) does not change\.$/.test(how),
      `how ${JSON.stringify(how)}`,
    );
  }
  assertEqual(await app.report.getByText('Best NPV uplift').count(), 0, 'no "Best NPV uplift" badge');
  assertEqual(await app.report.locator('[data-testid="kpi-row"].best').count(), 0, 'no row of the table stands out');
  assertEqual(
    await app.report.getByTestId('headline-none-adds').textContent(),
    'None of these options adds NPV on average over 36 months: the journey is worth more without any of them.',
    'the answer in words',
  );

  await app.openEditor();
  assertEqual(await app.results.getByText('Best NPV uplift').count(), 0, 'the comparison table marks no best either');
  assertEqual(reportVersusCards(figures, await app.cardFigures()).join('\n'), '', 'the report against the cards');
});

test('reloading one’s own edited page opens the workspace, not the report', async ({ page, baseUrl }) => {
  const scenario = await example('b2b-saas.json');
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario, seed: 3, trials: 1000 }));
  await app.waitForReport();
  await app.openEditor();
  await app.setTrials(1500);
  await page.waitForFunction(
    () => localStorage.getItem('cx-journey/v1/current') === location.hash.slice(1),
    null,
  );
  await page.reload();
  await app.runButton.waitFor();
  assertEqual(await app.report.count(), 0, 'report after reloading own work');
  assertEqual(await app.trials.inputValue(), '1500', 'the edit survived');

  // The address follows edits once they pause; a reload before it has
  // still opens the latest edit, in the workspace.
  await app.manualRuns();
  await app.setTrials(1700);
  const stale = await page.evaluate(() => location.hash);
  assert(!stale.includes(await app.shareLink.inputValue().then((l) => l.split('#')[1])), 'the address has not followed yet');
  await page.reload();
  await app.runButton.waitFor();
  assertEqual(await app.report.count(), 0, 'report after reloading straight after an edit');
  assertEqual(await app.trials.inputValue(), '1700', 'the edit made just before the reload');
  await page.waitForFunction(() => localStorage.getItem('cx-journey/v1/current') === location.hash.slice(1));
  assertEqual(await page.evaluate(() => location.href), await app.shareLink.inputValue(), 'the address caught up');
});

test('the Executive report button shows the report of the current run', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.reportButton.click();
  await app.reportStatus.waitFor();
  assertEqual(await app.reportStatus.textContent(), 'No results yet. Open the full editor to run the simulation.', 'before any run');
  assertEqual(await app.headlines.count(), 0, 'no headline without a run');
  await app.openEditor();
  await app.setTrials(1000);
  await app.run();
  const cards = await app.cardFigures();
  await app.reportButton.click();
  await app.waitForReport();
  assertEqual(reportVersusCards(await app.reportFigures(), cards).join('\n'), '', 'the report against the cards');
  await app.openEditor();
  assertEqual(JSON.stringify(await app.cardFigures()), JSON.stringify(cards), 'the workspace keeps its results');
  // A rate edited after the run: the report must not present old numbers
  // as this journey's, though its options and months are unchanged.
  await page.locator('#discount-rate').fill('0.2');
  await page.locator('#discount-rate').blur();
  await app.reportButton.click();
  await app.reportStatus.waitFor();
  assert((await app.reportStatus.textContent()).includes('earlier version'), 'an edited journey asks for a new run');
  assertEqual(await app.headlines.count(), 0, 'no headline for an edited journey');
});

test('the report opens at its top with its title focused, and the workspace comes back at its button', async ({ page, baseUrl }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.reportButton.focus();
  assert((await page.evaluate(() => scrollY)) > 300, 'the button is down the page at 390 px');
  await app.reportButton.press('Enter');
  await app.openEditorButton.waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  assertEqual(await page.evaluate(() => scrollY), 0, 'the report starts at its top');
  assertEqual(await focused(), 'report-heading', 'the report title has the focus');
  await page.evaluate(() => scrollTo(0, 1500));
  await app.openEditor();
  assertEqual(await focused(), 'report-button', 'the focus is back on the button');
  const box = await app.reportButton.boundingBox();
  assert(box && box.y >= 0 && box.y + box.height <= 900, `the button is in view: ${JSON.stringify(box)}`);

  // A link pasted while the report is open shows the new report from its top.
  await app.reportButton.click();
  await page.evaluate(() => scrollTo(0, 1500));
  const bank = await example('retail-bank.json');
  await app.pasteLink(linkTo(baseUrl, { scenario: bank, seed: 1, trials: 300 }));
  await page.waitForFunction((name) => document.querySelector('#report-heading')?.textContent === name, bank.name);
  assertEqual(await page.evaluate(() => scrollY), 0, 'the new report starts at its top');
  assertEqual(await focused(), 'report-heading', 'its title has the focus');
});

test('the browser\'s Back and Forward move between the report and the workspace, staying in the page', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  // The tab starts on about:blank: Back from the link would leave the page.
  const scenario = await example('b2b-saas.json');
  await app.openReport(linkTo(baseUrl, { scenario, seed: 1, trials: 300 }));
  await app.waitForReport();
  const address = page.url();
  const shown = () => page.evaluate(() => ({
    report: !!document.querySelector('[data-testid="executive-report"]'),
    editor: !!document.querySelector('#report-button'),
    url: location.href,
  }));
  await app.openEditor();
  await app.reportButton.waitFor();
  await page.goBack();
  await app.openEditorButton.waitFor();
  assertEqual(JSON.stringify(await shown()), JSON.stringify({ report: true, editor: false, url: address }), 'Back shows the report again');
  assertEqual(await page.evaluate(() => document.activeElement?.id ?? ''), 'report-heading', 'with its title focused');
  await page.goForward();
  await app.reportButton.waitFor();
  assertEqual((await shown()).report, false, 'Forward shows the workspace again');
  // From the workspace's button too.
  await app.reportButton.click();
  await app.openEditorButton.waitFor();
  await page.goBack();
  await app.reportButton.waitFor();
  assertEqual(await page.evaluate(() => document.activeElement?.id ?? ''), 'report-button', 'Back returns to the button');
  // The report's figures are the run's, not a rerun's.
  await page.goBack();
  await app.openEditorButton.waitFor();
  await app.waitForReport();
  assertEqual((await shown()).url, address, 'still on the link');
});

test('the report prints on at most two A4 pages, black on white, without buttons', async ({ page, baseUrl, artifacts }) => {
  const files = (await readdir(join(repo, 'examples'))).filter((f) => f.endsWith('.json')).sort();
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new SimulatorPage(page, baseUrl);
  for (const file of files) {
    const scenario = await example(file);
    await app.openReport(linkTo(baseUrl, { scenario, seed: 1, trials: 1000 }));
    await app.waitForReport();
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      const style = getComputedStyle(document.body);
      return {
        buttons: [...document.querySelectorAll('button')].filter(visible).map((b) => b.textContent),
        background: style.backgroundColor,
        text: getComputedStyle(document.querySelector('h1')).color,
        charts: [...document.querySelectorAll('[data-testid="fan-chart"]')].filter(visible).length,
        // Text in a table's rows that prints larger than the table's own.
        larger: [...document.querySelectorAll('.report-table')].flatMap((table) => {
          const size = parseFloat(getComputedStyle(table).fontSize);
          return [...table.querySelectorAll('tbody *')]
            .filter((e) => e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) > size + 0.01)
            .map((e) => `${e.className || e.localName} (${getComputedStyle(e).fontSize} in ${size}px)`);
        }),
      };
    });
    assertEqual(shown.buttons.join(', '), '', `${file}: buttons in print`);
    assertEqual(`${shown.background} ${shown.text}`, 'rgb(255, 255, 255) rgb(0, 0, 0)', `${file}: print colours`);
    assertEqual(shown.charts, 1, `${file}: the chart prints`);
    assertEqual([...new Set(shown.larger)].join(', '), '', `${file}: table text larger than its table in print`);
    // The chart's axis labels, laid out as on A4 within the page margins
    // (210 mm less 2 × 13 mm, at 96 px an inch), in points.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: Math.round((184 / 25.4) * 96), height: viewport.height });
    const labelPt = await page.evaluate(() => {
      const svg = document.querySelector('.report-chart svg');
      const label = svg.querySelector('.tick-label');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return parseFloat(getComputedStyle(label).fontSize) * scale * 0.75;
    });
    await page.setViewportSize(viewport);
    assert(labelPt >= 6.5, `${file}: the chart's axis labels print at ${labelPt.toFixed(1)} pt`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    assert(pages >= 1 && pages <= 2, `${file}: ${pages} A4 pages`);
    if (file === files[0]) await page.screenshot({ path: join(artifacts, 'report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
});

test('the workspace prints its results only, on at most three A4 pages, its chart labels at about 7 pt', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(1000);
  for (const id of await app.exampleIds()) {
    await app.openExample(id);
    await app.run();
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['.editor', '[data-testid="decision-tools"]', 'button']
        .flatMap((selector) => [...document.querySelectorAll(selector)])
        .filter((e) => e.getClientRects().length > 0).length);
    assertEqual(hidden, 0, `${id}: the editor, decision tools and buttons print`);
    // As laid out on A4 within the page margins: the smallest chart label, in points.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: Math.round((184 / 25.4) * 96), height: viewport.height });
    const labelPt = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.results .chart-svg')].map((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...[...svg.querySelectorAll('.tick-label')].map((l) => parseFloat(getComputedStyle(l).fontSize) * scale * 0.75));
    })));
    await page.setViewportSize(viewport);
    assert(labelPt >= 6.5, `${id}: chart labels print at ${labelPt.toFixed(1)} pt`);
    const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    assert(pages >= 1 && pages <= 3, `${id}: ${pages} A4 pages`);
    await page.emulateMedia({ media: 'screen' });
  }
});

test('the report reads at phone width without sideways scrolling', async ({ page, baseUrl, artifacts }) => {
  const scenario = await example('retail-bank.json');
  await page.setViewportSize({ width: 390, height: 900 });
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario, seed: 1, trials: 1000 }));
  await app.waitForReport();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(width <= 390, `the page is ${width} px wide at 390 px`);
  // The chart is drawn below its 400-unit width: its labels, as shown, stay
  // at least 10 px.
  const labelPx = await page.evaluate(() => {
    const svg = document.querySelector('.report-chart svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(svg.querySelector('.tick-label')).fontSize) * scale;
  });
  assert(labelPx >= 10, `the chart's axis labels are ${labelPx.toFixed(1)} px`);
  // Each option's name heads its investments across the whole width, not
  // squeezed into a card's first column.
  const heads = await app.report.locator('.investment-table').evaluate((table) =>
    [...table.querySelectorAll('.group-row')].map((row) => {
      const style = getComputedStyle(row);
      return {
        name: row.textContent,
        share: Math.round((row.querySelector('th').getBoundingClientRect().width / table.getBoundingClientRect().width) * 100),
        border: style.borderTopStyle,
      };
    }),
  );
  assertEqual(heads.length, 3, 'options in the investment table');
  for (const head of heads) {
    assert(head.share >= 95 && head.border === 'none', `${head.name}: ${head.share}% of the width, border ${head.border}`);
  }
  // A friction's range stays on one line.
  const broken = await app.report.locator('.friction-table td').evaluateAll((cells) =>
    cells
      .filter((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
      })
      .map((cell) => cell.textContent),
  );
  assertEqual(broken.join(' | '), '', 'frictions broken over lines at 390 px');
  await app.report.screenshot({ path: join(artifacts, 'report-390.png') });

  // An sBG drop with its words takes its stage card's whole width.
  await app.openReport(linkTo(baseUrl, { scenario: await example('subscription-retailer.json'), seed: 1, trials: 300 }));
  await app.waitForReport();
  const shares = await app.report.locator('.stage-table td:has(.sbg-words)').evaluateAll((cells) =>
    cells.map((cell) => Math.round((cell.getBoundingClientRect().width / cell.parentElement.clientWidth) * 100)),
  );
  assert(shares.length === 1 && shares[0] >= 85, `the sBG cell's share of its card: ${shares}`);
});

/**
 * Matches of the regular expression `source` in the text under `root`, as
 * [checked, broken]: a match is broken when its first and last characters
 * sit on different lines.
 */
function lineBreaksWithin(root, source) {
  let checked = 0;
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const top = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getClientRects()[0]?.top;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    for (const match of text.matchAll(new RegExp(source, 'g'))) {
      const first = top(node, match.index);
      if (first === undefined) continue;
      checked += 1;
      if (first !== top(node, match.index + match[0].length - 1)) broken.push(text.trim());
    }
  }
  return [checked, broken];
}

test('a signed amount never breaks between its sign and its currency symbol', async ({ page, baseUrl }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario: await example('subscription-retailer.json'), seed: 1, trials: 2000 }));
  await app.waitForReport();
  // A sign, perhaps a word joiner, then a currency symbol.
  const [checked, broken] = await app.report.evaluate(lineBreaksWithin, '[+\\u2212]\\u2060?[$€£¥₹]');
  assert(checked >= 10, `only ${checked} signed amounts on the report`);
  assertEqual(broken.join(' | '), '', 'amounts broken after their sign at 390 px');
});

test('a range of the assumptions and an sBG parameter with its value stay on one line', async ({ page, baseUrl }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario: await example('consumer-app.json'), seed: 1, trials: 1000 }));
  await app.waitForReport();
  const assumptions = app.report.getByRole('region', { name: /assumptions/i });
  // A figure, an en dash and the next figure; a Greek parameter and its value.
  const [ranges, brokenRanges] = await assumptions.evaluate(lineBreaksWithin, '[\\d%]–\\u2060?[\\d$€£¥₹]');
  const [parameters, brokenParameters] = await assumptions.evaluate(lineBreaksWithin, '[αβ]\\s\\d');
  assert(ranges >= 10 && parameters >= 2, `${ranges} ranges, ${parameters} parameters`);
  assertEqual([...brokenRanges, ...brokenParameters].join(' | '), '', 'broken over two lines at 390 px');
});

test('no word of the report breaks over two lines and no table scrolls sideways, from phone to laptop', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  // The examples with the longest stage, department and option names.
  for (const file of ['b2b-saas.json', 'retail-bank.json']) {
    await app.openReport(linkTo(baseUrl, { scenario: await example(file), seed: 1, trials: 300 }));
    await app.waitForReport();
    // Tables become cards below 769 px; 680 and 800 are either side.
    for (const width of [1280, 800, 680, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const [words, broken] = await app.report.evaluate(lineBreaksWithin, '[^\\s\\-–/]+');
      assert(words >= 500, `${file}: only ${words} words on the report`);
      assertEqual(broken.join(' | '), '', `${file}: words broken over two lines at ${width} px`);
      const scrolling = await app.report.locator('.report-table-box').evaluateAll((boxes) => boxes.filter((box) => box.scrollWidth > box.clientWidth).length);
      assertEqual(scrolling, 0, `${file}: tables scrolling sideways at ${width} px`);
    }
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`no accessibility violations on the executive report (${colorScheme})`, async ({ page, baseUrl }) => {
    await page.emulateMedia({ colorScheme });
    const scenario = await example('consumer-app.json');
    const app = new SimulatorPage(page, baseUrl);
    await app.openReport(linkTo(baseUrl, { scenario, seed: 2, trials: 1000 }));
    await app.waitForReport();
    await assertAccessible(page);
  });
}

test('a link of one trial gives no ranges and says the figures are one outcome', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario: await example('retail-bank.json'), seed: 1, trials: 1 }));
  await app.waitForReport();
  const answer = await app.report.locator('.report-answer').textContent();
  assert(!answer.includes('likely between'), `a range from one trial: ${answer.slice(0, 300)}`);
  const note = await app.report.getByTestId('few-trials').textContent();
  assert(note.startsWith('From a single trial:'), note);
  const settings = await app.report.locator('.report-settings').textContent();
  assert(settings.includes('1 trial, seed\u00a01'), settings);
});

test('Print report waits for the run, keeping its place in the tab order', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.openReport(linkTo(baseUrl, { scenario: await example('retail-bank.json'), seed: 1, trials: 1000000 }));
  await app.reportStatus.filter({ hasText: 'Simulating' }).waitFor();
  assertEqual(await app.printButton.getAttribute('aria-disabled'), 'true', 'unavailable while the run goes on');
  await page.evaluate(() => {
    window.__printed = false;
    window.print = () => {
      window.__printed = true;
    };
  });
  await app.printButton.dispatchEvent('click');
  assertEqual(await page.evaluate(() => window.__printed), false, 'nothing printed mid-run');
});
