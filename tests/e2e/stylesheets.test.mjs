// The styles ship as one stylesheet that a Trunk hook joins from a list of
// files: a file in styles/ left out of that list would never reach the page.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { assertEqual, test } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

test('every stylesheet in styles/ is joined into the page\'s one stylesheet', async () => {
  const trunk = await readFile(join(root, 'Trunk.toml'), 'utf8');
  const joined = [...trunk.matchAll(/styles\/([\w-]+\.css)/g)].map((m) => m[1]);
  const present = (await readdir(join(root, 'styles'))).filter((f) => f.endsWith('.css'));
  assertEqual(JSON.stringify([...joined].sort()), JSON.stringify(present.sort()), 'styles joined by Trunk.toml');
  assertEqual(new Set(joined).size, joined.length, 'each joined once');
});
