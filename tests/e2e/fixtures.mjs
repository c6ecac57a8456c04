// What the tests (and bench/typing.mjs) feed the app, made without it:
// the examples, journeys built from them, and share links in the format the
// app documents, v1. + base64url(raw DEFLATE(JSON of the run)).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The fragment (without `#`) of `run`: `{ scenario, seed, trials }`. */
export function encodeFragment(run) {
  return `v1.${deflateRawSync(Buffer.from(JSON.stringify(run))).toString('base64url')}`;
}

/** The share link to `run` on the page served at `baseUrl`. */
export function linkTo(baseUrl, run) {
  return `${baseUrl.replace(/\/$/, '')}/#${encodeFragment(run)}`;
}

const execute = promisify(execFile);
let commandBuilt;

/**
 * The stdout of the `journey` command with `args`. The command is the one
 * `scripts/check.sh`'s native tests build (the same cargo command, so it is
 * built here only when that has not happened yet).
 */
export async function journeyCommand(args) {
  const cargo = ['test', '-q', '--profile', 'native-tests', '--workspace', '--exclude', 'journey-core', '--no-run'];
  commandBuilt ??= execute('cargo', cargo, { cwd: repo });
  await commandBuilt;
  const target = process.env.CARGO_TARGET_DIR ? resolve(repo, process.env.CARGO_TARGET_DIR) : join(repo, 'target');
  const { stdout } = await execute(join(target, 'native-tests', 'journey'), args, { cwd: repo, maxBuffer: 64 << 20 });
  return stdout;
}

/** The scenario of `examples/FILE`. */
export async function example(file) {
  return JSON.parse(await readFile(join(repo, 'examples', file), 'utf8'));
}

/**
 * The subscription retailer grown to the engine's limits: 40 stages, 30
 * departments, 20 scenarios, and 50 investments in the first scenario.
 */
export async function journeyAtTheLimits() {
  const s = await example('subscription-retailer.json');
  s.name = 'At the limits';
  for (let n = s.stages.length + 1; n <= 40; n++) {
    s.stages.push({ id: `extra-${n}`, name: `Extra ${n}`, phase: 'own', owner: 'care', drop: 0.1 });
  }
  for (let n = s.departments.length + 1; n <= 30; n++) {
    s.departments.push({ id: `team-${n}`, name: `Team ${n}`, friction: 0 });
  }
  const investment = { department: 'care', monthly_spend: 1000, half_friction_spend: 5000 };
  for (let n = s.scenarios.length + 1; n <= 20; n++) {
    s.scenarios.push({ name: `Option ${n}`, investments: [investment] });
  }
  while (s.scenarios[0].investments.length < 50) s.scenarios[0].investments.push(investment);
  return s;
}
