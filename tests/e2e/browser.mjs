// Headless Chromium as the tests start it.
import { chromium } from 'playwright-core';

// Playwright gives every launch a fresh, temporary --user-data-dir.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Headless Chromium prepares the address bar's suggestion popup, two
// renderers, for every new window, that is for every test's browser
// context: about 0.5 s of CPU each time, a third of opening the app.
const UNUSED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

function launch(args) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args,
  });
}

let playwrightDisabled;

/**
 * Playwright's own --disable-features, read once from a browser it started:
 * Chromium keeps only the last --disable-features, so ours must repeat them.
 */
function disabledByPlaywright() {
  playwrightDisabled ??= (async () => {
    // The browser tells its command line only to automation.
    const probe = await launch([...CHROMIUM_ARGS, '--enable-automation']);
    try {
      const cdp = await probe.newBrowserCDPSession();
      const { arguments: args } = await cdp.send('Browser.getBrowserCommandLine');
      const flag = args.findLast((a) => a.startsWith('--disable-features='));
      return flag ? flag.slice('--disable-features='.length).split(',').filter(Boolean) : [];
    } finally {
      await probe.close();
    }
  })();
  return playwrightDisabled;
}

/** Starts headless Chromium, with `extraArgs` after the usual ones. */
export async function launchChromium(extraArgs = []) {
  const disabled = [...(await disabledByPlaywright()), ...UNUSED_FEATURES];
  return launch([...CHROMIUM_ARGS, `--disable-features=${disabled.join(',')}`, ...extraArgs]);
}

/**
 * Has `page` draw every part now, the ones it otherwise draws only as they
 * come near the view (`content-visibility: auto`, styles/app.css): for a
 * picture of the whole page, and for checks of what the parts look like.
 */
export function drawEverything(page) {
  return page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
}
