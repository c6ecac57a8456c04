// Minifies the scripts of a release build in Trunk's staging folder: the
// JavaScript bindings (Trunk's own minifier fails on their `export { … as
// default }`), whose integrity hash in index.html it then updates so that the
// browser still accepts the file, and the service worker, which Trunk copies
// as it is. About 2.5 KB less gzipped. It also drops the integrity hash from
// the module's preload: browsers ignore it there (the bindings fetch the
// module without one) and Chromium warns about it on every visit.
//
// node scripts/minify-scripts.mjs STAGING_DIR
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { transform } from 'esbuild';

const staging = process.argv[2];
if (!staging) throw new Error('usage: node scripts/minify-scripts.mjs STAGING_DIR');

/** Minifies file `name` of the staging folder; its text before and after. */
async function minify(name, options) {
  const file = join(staging, name);
  const source = await readFile(file, 'utf8');
  const { code } = await transform(source, { minify: true, target: 'es2020', ...options });
  await writeFile(file, code);
  console.log(`minify-scripts: ${name} ${source.length} → ${code.length} bytes`);
  return [source, code];
}

const html = join(staging, 'index.html');
let page = await readFile(html, 'utf8');
const bindings = (await readdir(staging)).filter((name) => /^cx-journey-app-[0-9a-f]+\.js$/.test(name));
if (bindings.length !== 1) throw new Error(`expected one bindings file in ${staging}, found ${bindings.length}`);
const [name] = bindings;

const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const before = integrity(await readFile(join(staging, name), 'utf8'));
if (!page.includes(before)) throw new Error(`index.html does not name ${name} by its integrity hash ${before}`);
const [, code] = await minify(name, { format: 'esm' });
page = page.replaceAll(before, integrity(code));
const wasmPreload = /<link\b[^>]*_bg\.wasm[^>]*>/;
if (!wasmPreload.test(page)) throw new Error('index.html has no preload of the wasm module');
page = page.replace(wasmPreload, (link) => link.replace(/\s+integrity=(?:"[^"]*"|[^\s>]+)/, ''));
await writeFile(html, page);

// A classic script: no format, so that esbuild keeps it one.
await minify('sw.js', {});
