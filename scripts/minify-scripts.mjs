// Minifies the JavaScript bindings of a release build in Trunk's staging
// folder (Trunk's own minifier fails on the bindings' `export { … as
// default }`), then updates the integrity hash index.html gives them, so
// the browser still accepts the file. About 2 KB less gzipped.
//
// node scripts/minify-bindings.mjs STAGING_DIR
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { transform } from 'esbuild';

const staging = process.argv[2];
if (!staging) throw new Error('usage: node scripts/minify-bindings.mjs STAGING_DIR');

const html = join(staging, 'index.html');
let page = await readFile(html, 'utf8');
const bindings = (await readdir(staging)).filter((name) => /^cx-journey-app-[0-9a-f]+\.js$/.test(name));
if (bindings.length !== 1) throw new Error(`expected one bindings file in ${staging}, found ${bindings.length}`);
const [name] = bindings;

const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const file = join(staging, name);
const source = await readFile(file, 'utf8');
const before = integrity(source);
if (!page.includes(before)) throw new Error(`index.html does not name ${name} by its integrity hash ${before}`);

const { code } = await transform(source, { format: 'esm', minify: true, target: 'es2020' });
await writeFile(file, code);
page = page.replaceAll(before, integrity(code));
await writeFile(html, page);
console.log(`minify-bindings: ${name} ${source.length} → ${code.length} bytes`);
