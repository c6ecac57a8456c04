// The whole site, gzipped, stays within the download budget of 600 KB:
// everything a first visit can fetch, and the service worker keeps.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { assert, test } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : join(here, '../../dist');
const BUDGET = 600_000;

test('the whole site is at most 600 KB gzipped', async () => {
  const files = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  let total = 0;
  const sizes = [];
  for (const f of files) {
    const path = join(f.parentPath ?? f.path, f.name);
    // Level 9, as bench/browser.mjs measures it.
    const gzip = gzipSync(await readFile(path), { level: 9 }).length;
    total += gzip;
    sizes.push([gzip, path.slice(dist.length + 1)]);
  }
  assert(files.some((f) => f.name.endsWith('.wasm')), `no wasm module in ${dist}`);
  const largest = sizes
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map(([bytes, name]) => `${name} ${(bytes / 1000).toFixed(1)} kB`)
    .join(', ');
  assert(total <= BUDGET, `the site is ${(total / 1000).toFixed(1)} kB gzipped, over ${BUDGET / 1000} kB (largest: ${largest})`);
});
