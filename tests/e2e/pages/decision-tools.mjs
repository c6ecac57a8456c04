// The decision tools as tests see them: the region, its three disclosure
// sections and their fields by accessible name.

export class DecisionTools {
  constructor(page) {
    this.page = page;
    this.region = page.getByRole('region', { name: 'Decision tools' });

    this.sensitivity = page.getByTestId('sensitivity-panel');
    this.sensitivitySummary = this.sensitivity.locator('summary');
    this.outcome = this.region.getByRole('combobox', { name: 'Outcome' });
    this.tornado = this.region.getByTestId('tornado');
    this.tornadoRows = this.region.getByTestId('tornado-row');
    this.evpiReading = this.region.getByTestId('evpi-reading');
    this.evpiTable = this.region.getByTestId('evpi-table');

    this.optimizer = page.getByTestId('optimizer-panel');
    this.optimizerSummary = this.optimizer.locator('summary');
    this.budget = this.region.getByLabel(/^Monthly budget/);
    this.steps = this.region.getByLabel('Steps', { exact: true });
    this.optimise = this.region.getByRole('button', { name: 'Optimise' });
    this.optimum = this.region.getByTestId('optimum');
    this.allocation = this.region.getByTestId('allocation');
    this.frontier = this.region.getByTestId('frontier');
    this.addScenario = this.region.getByRole('button', { name: 'Add as a new scenario' });
    this.added = this.region.getByTestId('optimum-added');

    this.calibration = page.getByTestId('calibration-panel');
    this.calibrationSummary = this.calibration.locator('summary');
    this.curve = this.region.getByLabel('Survival curve');
    this.curveKind = this.region.getByRole('combobox', { name: 'Values are' });
    this.fit = this.region.getByRole('button', { name: 'Fit', exact: true });
    this.curveError = this.region.getByTestId('curve-error');
    this.alpha = this.region.getByTestId('fit-alpha');
    this.beta = this.region.getByTestId('fit-beta');
    this.survivalChart = this.region.getByTestId('survival-chart');
    this.fitStage = this.region.getByRole('combobox', { name: 'Stage', exact: true });
    this.applyFit = this.region.getByRole('button', { name: 'Apply to stage' });
    this.fitApplied = this.region.getByTestId('fit-applied');
  }

  /** Opens a section (a <details>) unless it is open already. */
  async openSection(section) {
    // An answer arriving in a section above can move the summary away
    // between Playwright's aim and its click: try again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await section.evaluate((d) => d.open)) return;
      await section.locator('summary').click();
    }
    if (!(await section.evaluate((d) => d.open))) throw new Error('the section did not open');
  }

  /** Opens the optimizer, splits `budget` a month in `steps` steps and waits for the allocation. */
  async optimiseBudget(budget, steps) {
    await this.openSection(this.optimizer);
    await this.budget.fill(String(budget));
    await this.steps.fill(String(steps));
    await this.optimise.click();
    await this.answered(this.optimizer);
    await this.allocation.waitFor();
  }

  /** The swings of the tornado's bars, top to bottom. */
  swings() {
    return this.tornadoRows.evaluateAll((rows) => rows.map((r) => Number(r.dataset.swing)));
  }

  /**
   * Waits until the panel's status says the last question was answered,
   * and resolves to the milliseconds it took as the page saw them.
   */
  async answered(panel) {
    const status = panel.getByTestId('decision-status');
    await status.and(this.page.locator('[data-busy="false"][data-ms]')).waitFor();
    return Number(await status.getAttribute('data-ms'));
  }
}
