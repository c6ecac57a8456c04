// The simulator page as tests see it: accessible roles and names, or
// data-testid where a figure has no name of its own.

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
    this.copyStatus = page.getByTestId('copy-status');
    this.shareControls = page.locator('.share-link');
    this.linkAlert = page.getByRole('alert').filter({ hasText: 'This share link' });
    this.scenarioName = page.locator('.scenario-name');
    this.savedAlert = page.getByRole('alert').filter({ hasText: 'Your saved journey' });
    this.exportButton = page.getByRole('button', { name: 'Export scenario' });
    this.importInput = page.getByLabel('Import scenario');
    this.importAlert = page.getByTestId('import-problem');
    this.seed = page.getByRole('textbox', { name: 'Seed' });
    this.newSeedButton = page.getByRole('button', { name: 'New seed' });
    this.autoRun = page.getByRole('checkbox', { name: /Re-run after each change/ });
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
   * only in its fragment would otherwise not reload the app.
   */
  async openLink(url) {
    await this.page.goto('about:blank');
    await this.page.goto(url);
    await this.runButton.waitFor();
    await this.manualRuns();
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

  /** Clicks "Run simulation" and waits until that run is over (aria-busy back to false). */
  async run(timeout = 90_000) {
    await this.recordBusy();
    await this.runButton.click();
    await this.page.waitForFunction(() => window.__busyLog.join() === 'false,true,false', null, {
      timeout,
    });
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
