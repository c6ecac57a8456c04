import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { assert, assertEqual, test } from './harness.mjs';
import { ADVANCE, JourneyEditor } from './pages/journey-editor.mjs';
import { ResultsExtras } from './pages/results-extras.mjs';
import { SimulatorPage } from './pages/simulator-page.mjs';
import { journeyCommand } from './fixtures.mjs';

/** RFC 4180 rows of `text` (quoted cells may hold commas and quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [''];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        row[row.length - 1] += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else row[row.length - 1] += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push('');
    else if (c === '\n') {
      rows.push(row);
      row = [''];
    } else row[row.length - 1] += c;
  }
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

async function runSmall(page, baseUrl) {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  await app.setTrials(500);
  await app.run();
  return app;
}

/** `value` with every uncertain value ({low, high}) replaced by its midpoint. */
function withoutRanges(value) {
  if (Array.isArray(value)) return value.map(withoutRanges);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 2 && 'low' in value && 'high' in value) return (value.low + value.high) / 2;
  return Object.fromEntries(keys.map((key) => [key, withoutRanges(value[key])]));
}

test('a figure that is the same in every trial shows no 90% interval', async ({ page, baseUrl }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  // Without uncertain values every trial has the same rates, so the same
  // CLV; NPV still varies with the draws of who moves each month.
  const journey = withoutRanges(
    JSON.parse(await readFile(new URL('../../examples/subscription-retailer.json', import.meta.url), 'utf8')),
  );
  journey.name = 'No ranges';
  await app.importInput.setInputFiles({ name: 'no-ranges.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(journey)) });
  await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent === 'No ranges');
  await app.setTrials(300);
  await app.run();

  const baseline = await app.variants.first().textContent();
  assert(/NPV.*90%: \S+ to \S+/.test(baseline), `the NPV's interval on the baseline card: ${baseline}`);
  assert(!/Customer lifetime value[^%]*90%/.test(baseline.replace(/12-month retention.*/, '')), `no CLV interval: ${baseline}`);
  const note = await app.histograms
    .filter({ hasText: 'Customer lifetime value, Baseline' })
    .locator('.chart-note')
    .first()
    .textContent();
  assert(/^Bar height: share of trials · median \$[\d,.]+k?$/.test(note), `the CLV histogram's note: ${note}`);
});

test('the comparison table has a row per option with the cards\' numbers and marks the best', async ({ page, baseUrl, artifacts }) => {
  const app = await runSmall(page, baseUrl);
  const extras = new ResultsExtras(page);
  const variants = await app.variants.count();
  assert(variants >= 2, 'the default journey has investment options');
  assertEqual(await extras.rows.count(), variants, 'one row per variant');
  assertEqual(await extras.table.locator('caption').count(), 1, 'a caption');
  assertEqual(await extras.table.locator('thead th[scope="col"]').count(), 12, 'column headers');
  assertEqual(await extras.table.locator('tbody th[scope="row"]').count(), variants, 'row headers');

  const rows = await extras.rowTexts();
  const names = await app.variants.locator('h3').allTextContents();
  assertEqual(rows.map((r) => r.name).join('|'), names.join('|'), 'rows in the cards\' order');
  const npv = await app.npvMeans.allTextContents();
  const uplift = await app.results.getByTestId('uplift-mean').allTextContents();
  rows.forEach((row, i) => {
    assertEqual(row.cells.NPV, npv[i], `${row.name} NPV`);
    if (i > 0) assertEqual(row.cells['NPV uplift'], uplift[i - 1], `${row.name} NPV uplift`);
    // Counts of people: whole numbers below 10,000, else three digits and a unit.
    for (const label of ['Customers acquired', 'Referrals']) {
      assert(/^(\d{1,3}(,\d{3})?|\d+(\.\d+)?[kMB])$/.test(row.cells[label]), `${row.name} ${label}: ${row.cells[label]}`);
    }
  });
  // The default journey's investments have fixed costs: their present value
  // has no spread, so no "$517k to $517k" line; NPV has one.
  const intervals = (label) =>
    extras.rows.nth(1).locator(`td[data-label="${label}"] .interval`).count();
  assertEqual(await intervals('Investment (PV)'), 0, 'interval of a fixed investment');
  assertEqual(await intervals('NPV'), 1, 'interval of the NPV');
  const best = rows.filter((r) => r.best);
  assertEqual(best.length, 1, 'one best option');
  assert(best[0].name !== rows[0].name, 'the best is an option, not the baseline');
  const badge = extras.table.getByText('Best NPV uplift');
  assertEqual(await badge.count(), 1, 'the best option says so in words');

  for (const width of [1280, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(scrollWidth <= width, `no sideways scroll at ${width} px (scroll width ${scrollWidth})`);
    const [tableWidth, boxWidth] = await page.locator('.results .comparison').evaluate((box) => [box.scrollWidth, box.clientWidth]);
    assert(tableWidth <= boxWidth, `the comparison is ${tableWidth} px wide in ${boxWidth} px at ${width} px`);
    // Up to a small laptop the rows follow the cards: only what the cards
    // leave out.
    const shown = await extras.rows.nth(1).locator('td').evaluateAll((cells) =>
      cells.filter((td) => td.offsetParent !== null).map((td) => td.dataset.label).join('|'),
    );
    const expected = width < 1280 ? ['Investment (PV)', 'Customers acquired', 'Referrals'] : Object.keys(rows[1].cells);
    assertEqual(shown, expected.join('|'), `an option's figures shown at ${width} px`);
    await extras.table.screenshot({ path: join(artifacts, `comparison-${width}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await extras.table.screenshot({ path: join(artifacts, 'comparison-390-dark.png') });
});

test('results download as CSV: summaries and monthly series', async ({ page, baseUrl }) => {
  const app = await runSmall(page, baseUrl);
  const extras = new ResultsExtras(page);
  const names = await app.variants.locator('h3').allTextContents();

  const summaries = await extras.download(extras.csvButton);
  assertEqual(summaries.name, 'subscription-retailer-results.csv', 'file name');
  const rows = parseCsv(summaries.bytes.toString('utf8'));
  assertEqual(rows[0].join(','), 'scenario,key,mean,sd,p05,p50,p95', 'summary header');
  assert(rows.every((r) => r.length === 7), 'seven cells in every row');
  for (const [i, name] of names.entries()) {
    const keys = rows.filter((r) => r[0] === name).map((r) => r[1]);
    for (const key of ['npv', 'clv', 'retention_12m', 'total_revenue']) {
      assert(keys.includes(key), `${name} has ${key}`);
    }
    if (i > 0) {
      for (const key of ['uplift_npv', 'uplift_revenue', 'investment_pv', 'roi', 'prob_positive_roi']) {
        assert(keys.includes(key), `${name} has ${key}`);
      }
    }
  }
  const npv = rows.find((r) => r[0] === names[0] && r[1] === 'npv');
  const [mean, , p05, , p95] = npv.slice(2).map(Number);
  assert(p05 <= mean && mean <= p95 && Number.isFinite(mean), `baseline NPV ${npv}`);

  const monthly = await extras.download(extras.monthlyButton);
  assertEqual(monthly.name, 'subscription-retailer-monthly.csv', 'file name');
  const series = parseCsv(monthly.bytes.toString('utf8'));
  assertEqual(series[0].slice(0, 4).join(','), 'scenario,month,active_customers_mean,active_customers_p05', 'monthly header');
  assertEqual(series[0].length, 2 + 4 * 7, 'four columns per series');
  assertEqual(series[0].at(-4), 'cumulative_uplift_npv_mean', 'the options\' gain over the baseline comes last');
  // The baseline has no gain over itself; an option's is a number every month.
  const gain = series[0].length - 4;
  assert(series.filter((r) => r[0] === names[0]).every((r) => r.slice(gain).every((c) => c === '')), 'no baseline gain');
  assert(series.filter((r) => r[0] === names[1]).every((r) => Number.isFinite(Number(r[gain])) && r[gain] !== ''), 'an option\'s gain');
  const months = series.filter((r) => r[0] === names[0]).length;
  assert(months >= 12, `a row per month (${months})`);
  assertEqual(series.length - 1, months * names.length, 'a row per variant and month');
});

test('the break-even label is drawn over the options\' bands and lines, haloed, on the page and in a download', async ({ page, baseUrl }) => {
  await runSmall(page, baseUrl);
  const extras = new ResultsExtras(page);
  const title = 'Cumulative NPV uplift';
  const chart = page.locator('figure', { has: page.locator('.chart-title', { hasText: title }) });
  const drawn = await chart.locator('.break-even text').evaluate((label) => {
    const fans = [...label.ownerSVGElement.querySelectorAll('.fan')];
    const style = getComputedStyle(label);
    return {
      over: fans.length > 0 && fans.every((fan) => fan.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING),
      paintOrder: style.paintOrder,
      halo: style.stroke === getComputedStyle(label.closest('figure')).backgroundColor,
    };
  });
  assert(drawn.over, 'the label comes after every band and line');
  assert(drawn.paintOrder.startsWith('stroke'), `its halo is painted first (${drawn.paintOrder})`);
  assert(drawn.halo, "the halo is the card's colour");
  const svg = await extras.download(extras.chartButton(title, 'SVG'));
  const exported = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const label = [...doc.querySelectorAll('text')].find((t) => t.textContent === 'break-even');
    return { label: label?.style.paintOrder ?? null, others: doc.querySelectorAll('[style*="paint-order"]').length };
  }, svg.bytes.toString('utf8'));
  assert(exported.label?.startsWith('stroke'), `the download keeps the halo (${exported.label})`);
  assertEqual(exported.others, 1, 'and no other element names a paint order');
});

test('each chart downloads as a self-contained SVG and as PNG', async ({ page, baseUrl, artifacts }) => {
  await runSmall(page, baseUrl);
  const extras = new ResultsExtras(page);
  const charts = await page.getByRole('button', { name: /^Download .* chart as SVG$/ }).count();
  assert(charts >= 4, `every chart has its buttons (${charts})`);

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const svg = await extras.download(extras.chartButton('Active customers', 'SVG'));
    assertEqual(svg.name, 'active-customers.svg', 'SVG file name');
    const text = svg.bytes.toString('utf8');
    assert(!text.includes('var(--'), 'no CSS variables left in the SVG');
    assert(text.includes('xmlns="http://www.w3.org/2000/svg"'), 'the SVG namespace');
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        width: Number(root.getAttribute('width')),
        text: root.textContent,
        // The axis labels' size, which the page draws larger in a narrow chart.
        labels: [...new Set([...doc.querySelectorAll('text[text-anchor="end"]')].map((t) => t.style.fontSize))],
      };
    }, text);
    assertEqual(parsed.labels.join(), '12px', 'the axis labels at the chart\'s usual size');
    assertEqual(parsed.error, null, 'the SVG parses');
    assertEqual(parsed.root, 'svg', 'root element');
    assert(parsed.width >= 300, `SVG width ${parsed.width}`);
    assert(parsed.text.includes('Active customers'), 'the title is drawn in');
    await writeFile(join(artifacts, `active-customers-${colorScheme}.svg`), svg.bytes);

    const png = await extras.download(extras.chartButton('Active customers', 'PNG'));
    assertEqual(png.name, 'active-customers.png', 'PNG file name');
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    assert(signature.every((b, i) => png.bytes[i] === b), 'the PNG signature');
    const width = png.bytes.readUInt32BE(16);
    const height = png.bytes.readUInt32BE(20);
    assertEqual(width, 2 * parsed.width, 'PNG at twice the SVG width');
    assert(height > 400 && height < 2000, `PNG height ${height}`);
    await writeFile(join(artifacts, `active-customers-${colorScheme}.png`), png.bytes);
  }

  const flow = await extras.download(extras.chartButton('Journey flow', 'SVG'));
  assert(!flow.bytes.toString('utf8').includes('var(--'), 'flow diagram SVG has no CSS variables');

  // One to a row on a small tablet, a chart draws its text smaller on
  // screen; the file keeps the usual size.
  await page.setViewportSize({ width: 680, height: 900 });
  for (const title of ['Active customers', 'Journey flow']) {
    const wide = await extras.download(extras.chartButton(title, 'SVG'));
    const sizes = await page.evaluate(
      (source) => [...new Set([...new DOMParser().parseFromString(source, 'image/svg+xml').querySelectorAll('text[text-anchor="end"]')].map((t) => t.style.fontSize))],
      wide.bytes.toString('utf8'),
    );
    assertEqual(sizes.join(), '12px', `${title}: the labels of the file made at 680 px`);
  }
});

test('a range input shows a preview of its distribution with an accessible name', async ({ page, baseUrl, artifacts }) => {
  const app = new SimulatorPage(page, baseUrl);
  await app.open();
  const editor = new JourneyEditor(page);
  const previews = editor.region.getByTestId('distribution-preview');
  const before = await previews.count();

  const stage = editor.region.locator('[data-testid^="stage-"]').first();
  const toggle = stage.getByRole('checkbox', { name: `${ADVANCE}: range` });
  if (!(await toggle.isChecked())) await toggle.check();
  await stage.getByLabel(`${ADVANCE} low`, { exact: true }).fill('0.2');
  await stage.getByLabel(`${ADVANCE} high`, { exact: true }).fill('0.4');
  const preview = stage.getByRole('img', { name: /^Beta distribution, median 0\.\d+, 90% between 0\.\d+ and 0\.\d+$/ });
  await preview.waitFor();
  assert((await previews.count()) >= Math.min(before + 1, 1), 'a preview is shown');
  const name = await preview.getAttribute('aria-label');
  const [, median] = name.match(/median (0\.\d+)/);
  assert(Math.abs(Number(median) - 0.3) < 0.02, `median near 0.3: ${name}`);
  const box = await preview.boundingBox();
  assert(box.width >= 100 && box.width <= 140 && box.height >= 20 && box.height <= 36, `size ${JSON.stringify(box)}`);
  await stage.screenshot({ path: join(artifacts, 'distribution-preview.png') });

  // An amount is lognormal.
  const amounts = editor.region.getByRole('img', { name: /^Lognormal distribution, median / });
  const arrivals = page.getByRole('checkbox', { name: 'Arrivals per month: range' });
  if (!(await arrivals.isChecked())) await arrivals.check();
  await page.getByLabel('Arrivals per month low', { exact: true }).fill('1000');
  await page.getByLabel('Arrivals per month high', { exact: true }).fill('4000');
  await amounts.first().waitFor();
  assert(
    (await page.getByRole('img', { name: 'Lognormal distribution, median 2,000, 90% between 1,000 and 4,000' }).count()) === 1,
    'arrivals preview names its numbers',
  );
});

test('a link made by `journey link` opens on the numbers `journey run` prints, to the last digit', async ({ context, baseUrl }) => {
  const stats = ['mean', 'sd', 'p05', 'p50', 'p95'];
  for (const [i, example] of ['retail-bank', 'consumer-app', 'b2b-saas', 'subscription-retailer'].entries()) {
    const seed = String(11 + i);
    const link = (await journeyCommand(['link', `examples/${example}.json`, '--seed', seed, '--trials', '1200', '--site', baseUrl])).trim();
    assert(link.startsWith(`${baseUrl}#v1.`), `link ${link.slice(0, 60)}`);
    const cli = JSON.parse(await journeyCommand(['run', link]));
    assertEqual(`${cli.seed} ${cli.trials}`, `${seed} 1200`, `${example}: the run the link asks for`);
    const cliMonthly = await journeyCommand(['run', link, '--format', 'csv']);

    const page = await context.newPage();
    const app = new SimulatorPage(page, baseUrl);
    await app.openReport(link);
    await app.openEditor();
    await app.waitForStatus('Finished');
    const extras = new ResultsExtras(page);
    const rows = parseCsv((await extras.download(extras.csvButton)).bytes.toString('utf8'));
    const compared = new Set();
    for (const [name, key, ...cells] of rows.slice(1)) {
      const variant = cli.results.find((r) => r.name === name);
      assert(variant, `${example}: ${name} is in the command's results`);
      const value = variant.summary[key] ?? variant.uplift?.[key];
      assert(value !== undefined, `${example}: ${name} ${key} is in the command's results`);
      // A share (prob_positive_roi) is one number, in the mean's cell; a
      // result undefined in every trial (null) has empty cells.
      const expected = value === null ? stats.map(() => null)
        : typeof value === 'number' ? [value, null, null, null, null] : stats.map((s) => value[s]);
      const shown = cells.map((c) => (c === '' ? null : Number(c)));
      assertEqual(JSON.stringify(shown), JSON.stringify(expected), `${example}: ${name} ${key}, page against command`);
      compared.add(name);
    }
    assertEqual(compared.size, cli.results.length, `${example}: every option compared`);
    const monthly = (await extras.download(extras.monthlyButton)).bytes.toString('utf8');
    assert(monthly === cliMonthly, `${example}: the monthly series differ from \`journey run --format csv\``);
    await page.close();
  }
}, { timeout: 240_000 });
