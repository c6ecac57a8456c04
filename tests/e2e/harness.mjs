// The smallest test harness that does the job: test files register tests
// with `test(name, fn)`; run.mjs runs them, two at a time, each in a fresh
// browser context, and counts passes and failures.

const registered = [];

/**
 * Registers a test; `fn` receives { page, context, baseUrl, artifacts }.
 * `contextOptions` are added to those of the test's browser context;
 * `browserArgs`, to the Chromium flags of a browser started for this test
 * alone. An error on the page fails the test unless it matches one of
 * `expectedErrors` (regular expressions). A test that times how quickly the
 * page answers says `alone: true`: it runs with no other test beside it.
 */
export function test(
  name,
  fn,
  { timeout = 120_000, contextOptions = {}, browserArgs = [], expectedErrors = [], alone = false } = {},
) {
  registered.push({ name, fn, timeout, contextOptions, browserArgs, expectedErrors, alone });
}

export function tests() {
  return registered;
}

/** Throws with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/**
 * Reads with `read` until it gives `expected`, for at most `timeout` ms;
 * then fails as assertEqual does. For what the page shows some frames
 * after an input: the browser delivers touch moves at its next frame.
 */
export async function assertSoon(read, expected, what, timeout = 5_000) {
  const end = Date.now() + timeout;
  let actual = await read();
  while (actual !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    actual = await read();
  }
  assertEqual(actual, expected, what);
}
