#!/usr/bin/env node
// How much main-thread work one keystroke in the journey editor costs, in
// headless Chromium: for the default journey and for one at the engine's
// limits (40 stages, 30 departments, 20 scenarios, 50 investments in the
// first), it types into a stage's advocacy field, one key at a time, with
// "Re-run after each change" off, and reads from a Chrome trace the CPU
// time of every main-thread task each key caused (event handling, the page's
// redraw, style, layout and paint).
//
//   trunk build --release --dist /tmp/dist-bench
//   node bench/typing.mjs --dist /tmp/dist-bench
//   node bench/typing.mjs --dist /tmp/dist-bench --keys 0.123456 --rounds 5
//
// Options (environment in brackets):
//   --dist DIR     the built site [BENCH_DIST, then E2E_DIST; default dist/]
//   --keys TEXT    what is typed in each round (default 0.123456)
//   --rounds N     rounds per journey; the field is cleared between them
//                  (default 3)
//   --field ID     the element typed into (default stage-2-advocacy)
//   --json         one JSON document instead of a table
import { stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { launchChromium } from '../tests/e2e/browser.mjs';
import { journeyAtTheLimits } from '../tests/e2e/fixtures.mjs';
import { serveStatic } from '../tests/e2e/static-server.mjs';
import { TASK_EVENTS, cpuMs, mainThreadEvents, outermost } from './trace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

const { values: options } = parseArgs({
  options: {
    dist: { type: 'string', default: process.env.BENCH_DIST ?? process.env.E2E_DIST ?? join(repo, 'dist') },
    keys: { type: 'string', default: '0.123456' },
    rounds: { type: 'string', default: '3' },
    field: { type: 'string', default: 'stage-2-advocacy' },
    json: { type: 'boolean', default: false },
  },
});
const rounds = Number(options.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: ${options.rounds} is not a positive whole number`);

/** Waits until the page has drawn a frame and gone idle. */
const settle = (page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 60))));

// Where the page's own code runs: event handlers, timers, frame callbacks.
const SCRIPT_EVENTS = new Set(['EventDispatch', 'TimerFire', 'FunctionCall', 'FireAnimationFrame', 'RunMicrotasks', 'FireIdleCallback']);

/**
 * CPU milliseconds of the main-thread tasks after each `key-N` mark and
 * before the next one: in all, in the page's script (its redraw included),
 * and the rest (style, layout, paint).
 */
function perKey(trace) {
  const events = trace.traceEvents ?? trace;
  const marks = events
    .filter((e) => /^key-\d+$/.test(e.name) && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b'))
    .map((e) => e.ts)
    .sort((a, b) => a - b)
    .filter((ts, i, all) => i === 0 || ts !== all[i - 1]);
  const onMain = mainThreadEvents(events);
  const tasks = onMain.filter((e) => TASK_EVENTS.has(e.name));
  return marks.map((from, i) => {
    const to = marks[i + 1] ?? Infinity;
    // The task that set the mark is the benchmark's own, not the key's.
    const caused = tasks.filter((t) => t.ts > from && t.ts < to);
    // Script: the events inside the tasks that run the page's code.
    const script = outermost(
      onMain.filter((e) => SCRIPT_EVENTS.has(e.name) && caused.some((t) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur)),
    );
    const total = caused.reduce((sum, t) => sum + cpuMs(t), 0);
    const scriptMs = script.reduce((sum, e) => sum + cpuMs(e), 0);
    return { total, script: scriptMs, render: total - scriptMs };
  });
}

async function measure(browser, baseUrl, journey) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Run simulation' }).waitFor();
  const autoRun = page.getByRole('checkbox', { name: /Re-run after each change/ });
  if (await autoRun.isChecked()) await autoRun.uncheck();
  if (journey.file) {
    await page.getByLabel('Import scenario').setInputFiles({
      name: 'journey.json',
      mimeType: 'application/json',
      buffer: Buffer.from(journey.file),
    });
    await page.waitForFunction((n) => document.querySelector('.scenario-name')?.textContent === n, journey.name);
  }
  const field = page.locator(`[id="${options.field}"]`);
  await field.waitFor();
  const stages = await page.locator('.stage-list > *').count();
  const costs = [];
  try {
    for (let round = 0; round < rounds; round++) {
      await field.fill('');
      await field.focus();
      await settle(page);
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
      let n = 0;
      for (const key of options.keys) {
        await page.evaluate((name) => performance.mark(name), `key-${n++}`);
        await page.keyboard.press(key);
        await settle(page);
      }
      await page.evaluate(() => performance.mark('key-end'));
      costs.push(...perKey(JSON.parse((await browser.stopTracing()).toString())).slice(0, options.keys.length));
    }
    const typed = await field.inputValue();
    if (typed !== options.keys) errors.push(`the field holds ${JSON.stringify(typed)}, not ${JSON.stringify(options.keys)}`);
  } finally {
    await context.close();
  }
  return { journey: journey.name, stages, keys: costs.length, costs, errors };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fixed = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

async function main() {
  await stat(join(options.dist, 'index.html')).catch(() => {
    throw new Error(`${options.dist}/index.html is missing: build the app first (trunk build --release --dist DIR)`);
  });
  const journeys = [
    { name: 'Subscription retailer (monthly box)', file: null },
    { name: 'At the limits', file: JSON.stringify(await journeyAtTheLimits()) },
  ];
  const before = loadavg().map((x) => Number(x.toFixed(2)));
  const server = await serveStatic(resolve(options.dist));
  const browser = await launchChromium();
  const results = [];
  try {
    for (const journey of journeys) results.push(await measure(browser, server.url, journey));
  } finally {
    await browser.close();
    await server.close();
  }
  const machine = { cores: cpus().length, loadavg: before, loadavgAfter: loadavg().map((x) => Number(x.toFixed(2))) };
  for (const r of results) {
    const sorted = (part) => r.costs.map((c) => c[part]).sort((a, b) => a - b);
    const total = sorted('total');
    Object.assign(r, {
      medianMs: quantile(total, 0.5),
      p90Ms: quantile(total, 0.9),
      maxMs: total[total.length - 1],
      scriptMedianMs: quantile(sorted('script'), 0.5),
      renderMedianMs: quantile(sorted('render'), 0.5),
    });
  }
  if (options.json) {
    console.log(JSON.stringify({ machine, keys: options.keys, rounds, field: options.field, results }, null, 2));
  } else {
    console.log(
      `${new Date().toISOString()}  ${machine.cores} cores  load average ${machine.loadavg.join(' ')} (start), ${machine.loadavgAfter.join(' ')} (end)`,
    );
    console.log(`main-thread CPU ms per keystroke, typing ${JSON.stringify(options.keys)} into #${options.field}, ${rounds} rounds`);
    console.log('(script: the page\'s code and redraw; render: style, layout, paint)\n');
    const head = ['journey', 'stages', 'keys', 'median', 'p90', 'max', 'script median', 'render median'];
    const rows = results.map((r) => [
      r.journey,
      r.stages,
      r.keys,
      fixed(r.medianMs),
      fixed(r.p90Ms),
      fixed(r.maxMs),
      fixed(r.scriptMedianMs),
      fixed(r.renderMedianMs),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
    const pad = (s, w, right) => (right ? String(s).padStart(w) : String(s).padEnd(w));
    console.log(head.map((h, i) => pad(h, widths[i], i > 0)).join('  '));
    for (const row of rows) console.log(row.map((c, i) => pad(c, widths[i], i > 0)).join('  '));
  }
  const failed = results.filter((r) => r.errors.length > 0 || r.keys === 0);
  for (const r of failed) console.error(`${r.journey}: ${r.errors.join('; ') || 'no keystroke measured'}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench/typing.mjs: ${error?.message ?? error}`);
    process.exit(2);
  },
);
