#!/usr/bin/env node
// End-to-end tests: serves dist/ (build it first with `trunk build --release`),
// drives the real app in headless Chromium and prints "N passed, M failed".
//
//   node tests/e2e/run.mjs [NAME...]   only the tests whose names contain NAME
//   E2E_BASE_URL=http://127.0.0.1:8080/ node tests/e2e/run.mjs   test a running server
//   E2E_DIST=/tmp/dist node tests/e2e/run.mjs   serve another build (trunk build --release --dist /tmp/dist)
//   E2E_JOBS=1 node tests/e2e/run.mjs   one test at a time (default 2 at once)
import { mkdir, readdir, access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { drawEverything, launchChromium } from './browser.mjs';
import { tests } from './harness.mjs';
import { serveStatic } from './static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const dist = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(repo, 'dist');
const artifacts = join(here, 'artifacts');

async function main() {
  const external = process.env.E2E_BASE_URL;
  if (!external) {
    try {
      await access(join(dist, 'index.html'));
    } catch {
      console.error(`e2e: ${dist}/index.html is missing; run \`trunk build --release\` first`);
      return 1;
    }
  }
  await mkdir(artifacts, { recursive: true });

  const only = process.argv.slice(2);
  const files = (await readdir(here)).filter((f) => f.endsWith('.test.mjs')).sort();
  for (const file of files) await import(pathToFileURL(join(here, file)).href);
  const selected = tests().filter((t) => only.length === 0 || only.some((o) => t.name.includes(o)));

  const server = external ? { url: external, close: async () => {} } : await serveStatic(dist);
  const browser = await launchChromium();
  let passed = 0;
  let failed = 0;
  const runOne = async (t) => {
    // A test that needs other browser flags gets a browser of its own.
    const own = t.browserArgs.length > 0 ? await launchChromium(t.browserArgs) : null;
    const context = await (own ?? browser).newContext({ viewport: { width: 1280, height: 900 }, ...t.contextOptions });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`HTTP ${response.status()} for ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.setDefaultTimeout(t.timeout);
    const started = Date.now();
    try {
      await withTimeout(t.fn({ page, context, baseUrl: server.url, artifacts }), t.timeout);
      const unexpected = pageErrors.filter((e) => !t.expectedErrors.some((expected) => expected.test(e)));
      if (unexpected.length > 0) throw new Error(`errors on the page:\n    ${unexpected.join('\n    ')}`);
      passed += 1;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${String(error?.stack ?? error).split('\n').join('\n     ')}`);
      // The whole page, the parts it draws only near the view included.
      await drawEverything(page)
        .then(() => page.screenshot({ path: join(artifacts, `failure-${slug(t.name)}.png`), fullPage: true }))
        .catch(() => {});
    } finally {
      await context.close();
      await own?.close();
    }
  };
  // Tests run two at a time (each in its own context): one test alone
  // leaves a core idle for much of its time. The tests given the most time
  // start first, so that none of them ends the run by itself; those that
  // time the page's answers run last, one by one.
  const byTime = [...selected].sort((a, b) => b.timeout - a.timeout);
  const jobs = Math.max(1, Number.parseInt(process.env.E2E_JOBS ?? '2', 10) || 1);
  const runAll = async (queue, at) =>
    Promise.all(
      Array.from({ length: Math.min(at, queue.length) }, async () => {
        for (let t = queue.shift(); t; t = queue.shift()) await runOne(t);
      }),
    );
  try {
    await runAll(byTime.filter((t) => !t.alone), jobs);
    await runAll(byTime.filter((t) => t.alone), 1);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
