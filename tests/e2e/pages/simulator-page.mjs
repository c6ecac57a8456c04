// The simulator page as tests see it: accessible roles and names, or
// data-testid where a figure has no name of its own.

/**
 * Where the executive report's figures (`reportFigures()`) differ from the
 * result cards' (`cardFigures()`); an empty list when they agree. The
 * headline says "adds" or "loses" instead of the card's sign.
 */
export function reportVersusCards(report, cards) {
  const problems = [];
  const differ = (what, ours, theirs) => {
    if (ours !== theirs) problems.push(`${what}: report ${JSON.stringify(ours)}, card ${JSON.stringify(theirs)}`);
  };
  const [baseline, ...options] = cards;
  differ('baseline NPV', report.npv, baseline.npv);
  differ('baseline CLV', report.clv, baseline.clv);
  differ('baseline retention', report.retention, baseline.retention);
  differ('options', report.headlines.map((h) => h.name).sort().join(), options.map((c) => c.name).sort().join());
  differ('table rows', report.kpis.map((k) => k.name).join(), report.headlines.map((h) => h.name).join());
  for (const card of options) {
    const headline = report.headlines.find((h) => h.name === card.name);
    const row = report.kpis.find((k) => k.name === card.name);
    if (!headline || !row) continue;
    const loses = card.uplift.startsWith('\u2212');
    differ(`${card.name}: uplift in words`, headline.uplift, card.uplift.replace(/^[+\u2212]\u2060/, ''));
    differ(`${card.name}: verb`, headline.text.includes(loses ? ' loses ' : ' adds '), true);
    differ(`${card.name}: interval in words`, `90%: ${headline.low} to ${headline.high}`, card.upliftInterval);
    differ(`${card.name}: uplift in the table`, row.uplift, card.uplift);
    differ(`${card.name}: ROI in the table`, row.roi, card.roi ?? '—');
    differ(`${card.name}: chance in the table`, row.chance, card.chance);
    // A card may leave payback out; where it shows it, the table and the words agree.
    if (card.payback !== null) {
      differ(`${card.name}: payback in the table`, row.payback, card.payback);
      if (headline.payback !== null) differ(`${card.name}: payback in words`, headline.payback, card.payback);
    }
    if (headline.chance !== null) differ(`${card.name}: chance in words`, headline.chance, card.chance);
    // Where its value comes from: the CLV and retention of the cards.
    const how = headline.how ?? '';
    const moved = (what, from, to) => {
      const said = `${what} from ${from} to ${to}`;
      if (from === to) differ(`${card.name}: ${what} unchanged in words`, how.includes(`${what} from`), false);
      else differ(`${card.name}: ${what} in words`, how.includes(said), true);
    };
    moved('CLV', baseline.clv, card.clv);
    moved('12-month retention', baseline.retention, card.retention);
    if (how.includes('what each is worth')) differ(`${card.name}: same CLV in words`, how.includes(`(CLV ${card.clv})`), true);
  }
  return problems;
}

/**
 * A message as the page shows it: its sentences (`lines`) and the
 * problems it lists, each a list item (`problems`). A one-line message is
 * one line and no problems.
 */
export async function messageParts(message) {
  return message.evaluate((element) => {
    const texts = (selector) => [...element.querySelectorAll(selector)].map((e) => e.textContent);
    const lines = texts('.message-line');
    return {
      lines: lines.length > 0 ? lines : [element.textContent.trim()],
      problems: texts('li'),
    };
  });
}

export class SimulatorPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.heading = page.getByRole('heading', { level: 1 });
    this.trials = page.getByRole('spinbutton', { name: 'Trials' });
    this.runButton = page.getByRole('button', { name: 'Run simulation' });
    this.cancelButton = page.getByRole('button', { name: 'Cancel' });
    this.progress = page.getByRole('progressbar', { name: 'Simulation progress' });
    this.results = page.getByRole('region', { name: 'Results' });
    this.status = page.getByTestId('run-status');
    this.npvMeans = this.results.getByTestId('npv-mean');
    this.variants = this.results.getByTestId('variant');
    this.fanCharts = this.results.getByTestId('fan-chart');
    this.fanSeries = this.results.getByTestId('fan-series');
    this.histograms = this.results.getByTestId('histogram');
    this.flowDiagram = this.results.getByTestId('flow-diagram');
    this.roiMeans = this.results.getByTestId('roi-mean');
    this.shareLink = page.getByRole('textbox', { name: 'Share link', exact: true });
    this.copyButton = page.getByRole('button', { name: 'Copy share link' });
    this.copyStatus = page.getByTestId('share-link-status');
    this.shareControls = page.locator('.share-link');
    this.linkAlert = page.getByRole('alert').filter({ hasText: 'This share link' });
    this.scenarioName = page.locator('.scenario-name');
    this.examples = page.getByRole('combobox', { name: 'Example journeys' });
    this.savedAlert = page.getByRole('alert').filter({ hasText: 'Your saved journey' });
    this.autosaveAlert = page.getByRole('alert').filter({ hasText: 'This browser is not keeping your changes' });
    this.exportButton = page.getByRole('button', { name: 'Export scenario' });
    this.importInput = page.getByLabel('Import scenario');
    this.importButton = page.locator('label', { hasText: 'Import scenario' });
    this.importAlert = page.getByTestId('import-problem');
    this.seed = page.getByRole('textbox', { name: 'Seed' });
    this.newSeedButton = page.getByRole('button', { name: 'New seed' });
    this.autoRun = page.getByRole('checkbox', { name: /Re-run after each change/ });
    this.reportButton = page.getByRole('button', { name: 'Executive report' });
    this.report = page.getByRole('region', { name: 'Executive report' });
    this.openEditorButton = page.getByRole('button', { name: 'Open the full editor' });
    this.printButton = page.getByRole('button', { name: 'Print report' });
    this.headlines = this.report.getByTestId('headline');
    this.reportStatus = this.report.getByTestId('report-status');
  }

  /**
   * Turns off "Re-run after each change" (kept in localStorage), so that a
   * test's edits start runs only when it clicks "Run simulation".
   */
  async manualRuns() {
    if (await this.autoRun.isChecked()) await this.autoRun.uncheck();
  }

  /**
   * Opens `url` (a share link) as a fresh page load: a link that differs
   * only in its fragment would otherwise not reload the app. A good link
   * lands on the executive report; resolves to 'report' or 'workspace'.
   */
  async landOn(url) {
    await this.page.goto('about:blank');
    await this.page.goto(url);
    await this.runButton.or(this.openEditorButton).first().waitFor();
    return (await this.openEditorButton.count()) > 0 ? 'report' : 'workspace';
  }

  /** Opens a share link that must land on the executive report. */
  async openReport(url) {
    const view = await this.landOn(url);
    if (view !== 'report') throw new Error(`the link opened on the ${view}, not the report`);
  }

  /**
   * Opens a share link and goes on to the workspace, through "Open the
   * full editor" when the link lands on the report (a broken link does not).
   */
  async openLink(url) {
    if ((await this.landOn(url)) === 'report') {
      await this.openEditor();
    } else {
      await this.manualRuns();
    }
  }

  /**
   * Puts `url` in the address bar of the open page, as pasting a link
   * there (or Back and Forward) does: only the fragment changes, so the
   * browser does not reload the page. Throws if it did.
   */
  async pasteLink(url) {
    await this.page.evaluate(() => {
      window.__notReloaded = true;
    });
    await this.page.goto(url);
    if (!(await this.page.evaluate(() => window.__notReloaded === true))) throw new Error('the page reloaded');
  }

  /** Clicks "Open the full editor" on the report and waits for the workspace. */
  async openEditor() {
    await this.openEditorButton.click();
    await this.runButton.waitFor();
    await this.manualRuns();
  }

  /** Waits until the report shows a finished run: not busy, with its headline. */
  async waitForReport(timeout = 90_000) {
    await this.page.waitForFunction(
      () => {
        const report = document.querySelector('section[aria-label="Executive report"]');
        return report?.getAttribute('aria-busy') === 'false' && report.querySelector('[data-testid="headline-baseline"]');
      },
      null,
      { timeout },
    );
  }

  /**
   * The figures of every result card, by variant: name, NPV, NPV uplift
   * and its interval, ROI, chance of a positive ROI, payback, CLV and
   * retention, as the page writes them (null where a card has no such figure).
   */
  cardFigures() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('section[aria-label="Results"] [data-testid="variant"]')].map((card) => {
        const text = (id) => card.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
        const figure = (term) =>
          [...card.querySelectorAll('.figure')]
            .find((f) => f.querySelector('dt')?.firstChild?.textContent.trim() === term)
            ?.querySelector('.value')?.textContent ?? null;
        return {
          name: card.querySelector('h3').textContent,
          npv: text('npv-mean'),
          uplift: text('uplift-mean'),
          upliftInterval: card.querySelector('[data-testid="uplift-mean"]')?.nextElementSibling?.textContent ?? null,
          roi: text('roi-mean'),
          chance: figure('Chance of positive ROI'),
          payback: figure('Payback'),
          clv: figure('Customer lifetime value'),
          retention: figure('12-month retention'),
        };
      }),
    );
  }

  /**
   * The report's figures: the baseline sentence's, each option's headline
   * (best first) and each row of the options table.
   */
  reportFigures() {
    return this.page.evaluate(() => {
      const report = document.querySelector('section[aria-label="Executive report"]');
      const text = (root, id) => root.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
      const baseline = report.querySelector('[data-testid="headline-baseline"]');
      return {
        npv: text(baseline, 'headline-npv'),
        clv: text(baseline, 'headline-clv'),
        retention: text(baseline, 'headline-retention'),
        headlines: [...report.querySelectorAll('[data-testid="headline"]')].map((item) => ({
          name: item.dataset.option,
          best: item.classList.contains('best'),
          text: item.querySelector('p').textContent,
          uplift: text(item, 'headline-uplift'),
          low: text(item, 'headline-low'),
          high: text(item, 'headline-high'),
          payback: text(item, 'headline-payback'),
          chance: text(item, 'headline-roi-chance'),
          cost: text(item, 'headline-cost'),
          how: text(item, 'headline-how'),
        })),
        kpis: [...report.querySelectorAll('[data-testid="kpi-row"]')].map((row) => {
          const cell = (label) => row.querySelector(`td[data-label="${label}"] .value`)?.textContent ?? null;
          return {
            name: row.querySelector('th').textContent,
            uplift: cell('NPV uplift'),
            investment: cell('Investment'),
            roi: cell('ROI'),
            chance: cell('Chance of positive ROI'),
            payback: cell('Payback'),
          };
        }),
      };
    });
  }

  /**
   * Opens the app and waits until Yew has rendered it; edits start runs
   * only on "Run simulation" unless `autoRun` is true.
   */
  async open({ autoRun = false } = {}) {
    await this.page.goto(this.baseUrl);
    await this.runButton.waitFor();
    if (!autoRun) await this.manualRuns();
  }

  /** The ids of the examples the page offers, in its order. */
  exampleIds() {
    return this.examples.locator('option').evaluateAll((options) => options.map((o) => o.value));
  }

  /** Opens the example `id` and waits until the page shows its name. */
  async openExample(id) {
    await this.examples.selectOption(id);
    const name = await this.examples.locator(`option[value="${id}"]`).textContent();
    await this.page.getByRole('button', { name: 'Open example' }).click();
    await this.page.waitForFunction((n) => document.querySelector('.scenario-name')?.textContent === n, name);
  }

  async setTrials(n) {
    await this.trials.fill(String(n));
  }

  /**
   * Records every value the results region's aria-busy takes from now on,
   * in order, in window.__busyLog.
   */
  async recordBusy() {
    await this.page.evaluate(() => {
      const section = document.querySelector('section[aria-label="Results"]');
      window.__busyLog = [section.getAttribute('aria-busy')];
      new MutationObserver(() => {
        const value = section.getAttribute('aria-busy');
        if (window.__busyLog.at(-1) !== value) window.__busyLog.push(value);
      }).observe(section, { attributes: true, attributeFilter: ['aria-busy'] });
    });
  }

  busyLog() {
    return this.page.evaluate(() => window.__busyLog);
  }

  /** Clicks "Run simulation" and waits until that run is over and drawn (aria-busy back to false). */
  async run(timeout = 90_000) {
    await this.waitUntilSettled();
    await this.recordBusy();
    await this.runButton.click();
    await this.page.waitForFunction(() => window.__busyLog.join() === 'false,true,false', null, {
      timeout,
    });
  }

  /**
   * Waits until the results region is not busy: the run is over and every
   * card and chart shows its last report.
   */
  async waitUntilSettled(timeout = 10_000) {
    await this.page.waitForFunction(
      () => document.querySelector('section[aria-label="Results"]')?.getAttribute('aria-busy') === 'false',
      null,
      { timeout },
    );
  }

  /** Waits until the status line starts with `prefix` ("Finished", "Cancelled", ...). */
  async waitForStatus(prefix, timeout = 90_000) {
    await this.page.waitForFunction(
      (p) => document.querySelector('[data-testid="run-status"]')?.textContent.startsWith(p),
      prefix,
      { timeout },
    );
  }

  /**
   * Clicks "Cancel" from inside the page and resolves to the milliseconds
   * until the status line says the run is cancelled.
   */
  timedCancel() {
    return this.page.evaluate(
      () =>
        new Promise((resolve) => {
          const status = document.querySelector('[data-testid="run-status"]');
          const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel');
          let start = 0;
          const done = () => {
            if (!status.textContent.startsWith('Cancelled')) return false;
            resolve(performance.now() - start);
            return true;
          };
          const observer = new MutationObserver(() => done() && observer.disconnect());
          observer.observe(status, { childList: true, characterData: true, subtree: true });
          start = performance.now();
          cancel.click();
        }),
    );
  }

  /** Waits until at least `n` trials have come back during a run. */
  async waitForTrialsDone(n, timeout = 90_000) {
    await this.page.waitForFunction(
      (min) => Number(document.querySelector('progress')?.getAttribute('value')) >= min,
      n,
      { timeout },
    );
  }
}
