#!/usr/bin/env node
// Browser timings of the web app in headless Chromium: for each example, the
// time from "Run simulation" to every result drawn and the longest
// main-thread task during the run, with 1 and 2 trial workers; then the
// gzipped size of every file the site serves.
//
//   trunk build --release --dist /tmp/dist-bench
//   node bench/browser.mjs --dist /tmp/dist-bench
//   node bench/browser.mjs --examples retail-bank --trials 10000 --workers 2 --json
//
// Options (environment in brackets):
//   --dist DIR           the built site [BENCH_DIST, then E2E_DIST; default dist/]
//   --examples A,B       example names or files (default every examples/*.json)
//   --trials N,M         trials per run (default 10000,100000)
//   --workers N,M        trial workers, 1 to 4, set with ?workers=N (default 1,2)
//   --json               one JSON document instead of tables
//   --timeout S          longest wait for one run, in seconds (default 300)
//   --sizes-only         only the gzipped sizes; no browser
//   --cpu                also the main thread's CPU time per task, from a
//                        Chrome trace (steady on a busy machine, where wall
//                        times of tasks include pauses by the system)
import { readFile, readdir, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { serveStatic } from '../tests/e2e/static-server.mjs';
import { TASK_EVENTS, cpuMs, mainThreadEvents, outermost } from './trace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

// Installed in the page before the app loads: long tasks (PerformanceObserver
// reports every task over 50 ms), the gaps between animation frames (a frame
// cannot start while the main thread is busy), the first render, and the
// moment a run's results are drawn.
function monitor() {
  const bench = {
    longTasks: [],
    frames: [],
    firstRender: null,
    runStart: null,
    runEnd: null,
    busySeen: false,
  };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasks = null; // not supported: only frame gaps count
  }
  let last = null;
  const frame = (t) => {
    if (last !== null && bench.runStart !== null && bench.runEnd === null) {
      bench.frames.push({ at: last, gap: t - last });
    }
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  const watch = () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run simulation');
    if (button && bench.firstRender === null) bench.firstRender = performance.now();
    const results = document.querySelector('section[aria-label="Results"]');
    if (!results || bench.runStart === null || bench.runEnd !== null) return;
    const busy = results.getAttribute('aria-busy');
    if (busy === 'true') bench.busySeen = true;
    // The charts draw one by one after the report, busy until the last is.
    const charts = results.querySelector('[data-testid="charts"]');
    if (busy === 'false' && bench.busySeen && charts && charts.getAttribute('aria-busy') !== 'true') {
      // Drawn: the frame after the one that shows the finished results.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (bench.runEnd === null) bench.runEnd = performance.now();
        }),
      );
      bench.runEndSeen = performance.now();
    }
  };
  new MutationObserver(watch).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-busy'],
  });

  // Clicks "Run simulation" and starts the clock in the same task.
  bench.start = () => {
    Object.assign(bench, { frames: [], runStart: null, runEnd: null, runEndSeen: null, busySeen: false });
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run simulation');
    bench.runStart = performance.now();
    button.click();
  };
}

function parseArgs(argv) {
  const options = {
    dist: process.env.BENCH_DIST ?? process.env.E2E_DIST ?? join(repo, 'dist'),
    examples: null,
    trials: [10_000, 100_000],
    workers: [1, 2],
    json: false,
    timeout: 300,
    sizesOnly: false,
    cpu: false,
  };
  const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
  const numbers = (value, name) =>
    list(value).map((s) => {
      const n = Number(s.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: ${JSON.stringify(s)} is not a positive whole number`);
      return n;
    });
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      i += 1;
      return argv[i];
    };
    if (arg === '--dist') options.dist = value();
    else if (arg === '--examples') options.examples = list(value());
    else if (arg === '--trials') options.trials = numbers(value(), '--trials');
    else if (arg === '--workers') options.workers = numbers(value(), '--workers');
    else if (arg === '--timeout') options.timeout = numbers(value(), '--timeout')[0];
    else if (arg === '--json') options.json = true;
    else if (arg === '--sizes-only') options.sizesOnly = true;
    else if (arg === '--cpu') options.cpu = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node bench/browser.mjs [--dist DIR] [--examples A,B] [--trials N,M] [--workers N,M] [--json] [--timeout S] [--sizes-only] [--cpu]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  for (const w of options.workers) if (w > 4) throw new Error(`--workers: ${w} is above 4, the app's limit`);
  options.dist = resolve(options.dist);
  return options;
}

async function exampleFiles(names) {
  const dir = join(repo, 'examples');
  if (!names) {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
  }
  return names.map((name) => (name.endsWith('.json') ? resolve(name) : join(dir, `${name}.json`)));
}

/** Every file under `root`, with its size and gzipped size (level 9). */
async function gzipSizes(root) {
  const files = [];
  const walk = async (dir) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const bytes = await readFile(path);
        files.push({ file: relative(root, path), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  await walk(root);
  const total = files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  return { files, total };
}

/** Opens the app with `workers` trial workers and the example loaded. */
async function openExample(browser, baseUrl, file, workers) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => dialog.accept());
  await page.addInitScript(monitor);
  await page.goto(`${baseUrl}?workers=${workers}`);
  const runButton = page.getByRole('button', { name: 'Run simulation' });
  await runButton.waitFor();
  const firstRender = await page.evaluate(() => window.__bench.firstRender);
  // Runs start only from "Run simulation", not after each edit.
  const autoRun = page.getByRole('checkbox', { name: /Re-run after each change/ });
  if ((await autoRun.count()) > 0 && (await autoRun.isChecked())) await autoRun.uncheck();
  const name = JSON.parse(await readFile(file, 'utf8')).name;
  await page.getByLabel('Import scenario').setInputFiles(file);
  if (name) {
    await page.waitForFunction((n) => document.querySelector('.scenario-name')?.textContent === n, name, {
      timeout: 10_000,
    });
  }
  return { context, page, errors, firstRender };
}

/** The page's main-thread tasks in a Chrome trace, as CPU milliseconds. */
function mainThreadCpu(trace) {
  const onMain = mainThreadEvents(trace);
  const taskEvents = onMain.filter((e) => TASK_EVENTS.has(e.name));
  const tasks = taskEvents.map(cpuMs);
  // What the longest three tasks spent their time on: CPU ms by the name of
  // each event directly inside them (script, style, layout, paint, ...).
  const worstCpuTasks = [...taskEvents]
    .sort((a, b) => cpuMs(b) - cpuMs(a))
    .slice(0, 3)
    .map((task) => {
      const end = task.ts + task.dur;
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end);
      const by = {};
      for (const e of outermost(inside)) by[e.name] = (by[e.name] ?? 0) + cpuMs(e);
      const parts = Object.fromEntries(Object.entries(by).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
      return { cpuMs: Math.round(cpuMs(task) * 10) / 10, parts };
    });
  return {
    longestTaskCpuMs: Math.max(0, ...tasks),
    tasksOver50CpuMs: tasks.filter((ms) => ms > 50).length,
    mainThreadCpuMs: tasks.reduce((sum, ms) => sum + ms, 0),
    worstCpuTasks,
  };
}

/** One timed run of `trials` trials on an open page. */
async function timeRun(page, trials, timeoutMs, cpu = false) {
  await page.getByRole('spinbutton', { name: 'Trials' }).fill(String(trials));
  const results = page.getByRole('region', { name: 'Results' });
  // Let any automatic re-run after the edit finish first.
  await page.waitForTimeout(600);
  await page.waitForFunction(
    () => document.querySelector('section[aria-label="Results"]')?.getAttribute('aria-busy') === 'false',
    null,
    { timeout: timeoutMs },
  );
  if (!(await page.getByRole('button', { name: 'Run simulation' }).isEnabled())) {
    throw new Error('"Run simulation" is disabled: the scenario or the trial count is not valid');
  }
  const browser = page.context().browser();
  if (cpu) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  }
  await page.evaluate(() => window.__bench.start());
  await page.waitForFunction(() => window.__bench.runEnd !== null, null, { timeout: timeoutMs, polling: 100 });
  const cpuTimes = cpu ? mainThreadCpu(JSON.parse((await browser.stopTracing()).toString())) : {};
  const status = await page.getByTestId('run-status').textContent();
  const histograms = await results.getByTestId('histogram').count();
  const measured = await page.evaluate(() => {
    const b = window.__bench;
    const during = (t) => t >= b.runStart && t <= b.runEnd;
    const tasks = b.longTasks === null ? null : b.longTasks.filter((task) => during(task.start));
    const gaps = b.frames.filter((f) => during(f.at));
    return {
      ms: b.runEnd - b.runStart,
      resultsMs: b.runEndSeen - b.runStart,
      longestTaskMs: tasks === null ? null : Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks === null ? null : tasks.length,
      longTaskTotalMs: tasks === null ? null : tasks.reduce((s, t) => s + t.duration, 0),
      // The longest few, with when they started, to tell where they come from.
      worstTasks:
        tasks === null
          ? null
          : [...tasks]
              .sort((a, b) => b.duration - a.duration)
              .slice(0, 5)
              .map((t) => ({ atMs: Math.round(t.start - b.runStart), ms: Math.round(t.duration) })),
      maxFrameGapMs: Math.max(0, ...gaps.map((f) => f.gap)),
      frames: gaps.length,
    };
  });
  return { ...measured, ...cpuTimes, status, histograms };
}

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function fixed(x, digits) {
  return x === null || x === undefined ? 'n/a' : x.toFixed(digits);
}

function printRuns(runs, cpu) {
  const head = ['example', 'workers', 'trials', 'to results s', 'longest task ms', 'tasks >50ms', 'max frame gap ms', 'first render ms'];
  if (cpu) head.push('longest task cpu ms', 'tasks >50ms cpu');
  const rows = runs.map((r) => [
    r.example,
    r.workers,
    r.trials.toLocaleString('en-US'),
    r.error ? 'error' : fixed(r.ms / 1000, 2),
    r.error ? '' : fixed(r.longestTaskMs, 0),
    r.error ? '' : r.longTasks ?? 'n/a',
    r.error ? '' : fixed(r.maxFrameGapMs, 0),
    fixed(r.firstRenderMs, 0),
    ...(cpu ? [r.error ? '' : fixed(r.longestTaskCpuMs, 0), r.error ? '' : r.tasksOver50CpuMs ?? 'n/a'] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  console.log(head.map((h, i) => pad(h, widths[i], i > 0)).join('  '));
  for (const row of rows) console.log(row.map((c, i) => pad(c, widths[i], i > 0)).join('  '));
  for (const r of runs.filter((r) => r.error)) console.log(`error ${r.example} ${r.workers}w ${r.trials}: ${r.error}`);
}

function printSizes(sizes) {
  const kb = (n) => (n / 1024).toFixed(1);
  const width = Math.max(5, ...sizes.files.map((f) => f.file.length));
  console.log(`${pad('file', width)}  ${pad('KiB', 9, true)}  ${pad('gzip KiB', 9, true)}`);
  for (const f of sizes.files) console.log(`${pad(f.file, width)}  ${pad(kb(f.bytes), 9, true)}  ${pad(kb(f.gzip), 9, true)}`);
  console.log(`${pad('total', width)}  ${pad(kb(sizes.total.bytes), 9, true)}  ${pad(kb(sizes.total.gzip), 9, true)}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  try {
    await stat(join(options.dist, 'index.html'));
  } catch {
    throw new Error(`${options.dist}/index.html is missing: build the app first (trunk build --release --dist DIR)`);
  }
  const machine = {
    cores: cpus().length,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString(),
  };
  const sizes = await gzipSizes(options.dist);
  const runs = [];
  if (!options.sizesOnly) {
    // Chromium as the end-to-end tests start it.
    const { launchChromium } = await import('../tests/e2e/browser.mjs');
    const server = await serveStatic(options.dist);
    const browser = await launchChromium();
    try {
      for (const file of await exampleFiles(options.examples)) {
        const example = basename(file, '.json');
        for (const workers of options.workers) {
          const { context, page, errors, firstRender } = await openExample(browser, server.url, file, workers);
          try {
            for (const trials of options.trials) {
              const run = { example, workers, trials, firstRenderMs: firstRender };
              try {
                Object.assign(run, await timeRun(page, trials, options.timeout * 1000, options.cpu));
                if (!run.status.startsWith('Finished')) run.error = `status ${JSON.stringify(run.status)}`;
              } catch (error) {
                run.error = String(error?.message ?? error).split('\n')[0];
              }
              if (errors.length > 0) run.error = `page error: ${errors.join('; ')}`;
              runs.push(run);
              if (!options.json) {
                process.stderr.write(
                  `${example} ${workers}w ${trials}: ${run.error ?? `${fixed(run.ms / 1000, 2)} s, longest task ${fixed(run.longestTaskMs, 0)} ms${options.cpu ? ` (${fixed(run.longestTaskCpuMs, 0)} ms cpu)` : ''}`}\n`,
                );
              }
            }
          } finally {
            await context.close();
          }
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }
  machine.loadavgAfter = loadavg().map((x) => Number(x.toFixed(2)));
  if (options.json) {
    console.log(JSON.stringify({ machine, dist: options.dist, runs, sizes }, null, 2));
  } else {
    console.log(
      `${machine.date}  ${machine.cores} cores  load average ${machine.loadavg.join(' ')} (start), ${machine.loadavgAfter.join(' ')} (end)`,
    );
    if (runs.length > 0) {
      console.log();
      printRuns(runs, options.cpu);
    }
    console.log();
    printSizes(sizes);
  }
  return runs.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench/browser.mjs: ${error?.message ?? error}`);
    process.exit(2);
  },
);
