// The investment scenarios, departments and hand-offs of the journey
// editor as tests see them: regions, articles and fields by their
// accessible names.

export class ScenarioEditor {
  constructor(page) {
    this.page = page;
    this.region = page.getByRole('region', { name: 'Investment scenarios' });
    this.addButton = this.region.getByRole('button', { name: 'Add a scenario' });
    this.cards = this.region.getByTestId('scenario-option');
  }

  /** The card of the scenario whose title is `name`. */
  card(name) {
    return this.region.getByRole('article', { name, exact: true });
  }

  titles() {
    return this.region.locator('.scenario-title').allTextContents();
  }

  nameField(card) {
    return card.getByLabel('Scenario name', { exact: true });
  }

  /** The inline problems under a card's name field. */
  nameProblems(card) {
    return card
      .locator('.field')
      .filter({ has: this.page.getByLabel('Scenario name', { exact: true }) })
      .locator('.field-problems li');
  }

  /** Investment `n` (from 1) of a card. */
  investment(card, n) {
    return card.getByRole('group', { name: `Investment ${n}`, exact: true });
  }

  /** A field of an investment by the start of its label ("Monthly spend", ...). */
  investmentField(investment, label) {
    return investment.getByLabel(new RegExp(`^${label}( \\([^)]*\\))?$`));
  }
}

export class OrganisationEditor {
  constructor(page) {
    this.page = page;
    this.departments = page.getByRole('region', { name: 'Departments' });
    this.handoffs = page.getByRole('region', { name: 'Hand-offs' });
    this.newDepartment = this.departments.getByLabel('New department', { exact: true });
    this.addDepartmentButton = this.departments.getByRole('button', { name: 'Add department' });
    this.handoffFrom = this.handoffs.getByLabel('From', { exact: true });
    this.handoffTo = this.handoffs.getByLabel('To', { exact: true });
    this.addHandoffButton = this.handoffs.getByRole('button', { name: 'Add hand-off' });
  }

  departmentNames() {
    return this.departments.getByLabel('Department', { exact: true }).evaluateAll((inputs) => inputs.map((i) => i.value));
  }

  async addDepartment(name) {
    await this.newDepartment.fill(name);
    await this.addDepartmentButton.click();
  }

  async addHandoff(from, to) {
    await this.handoffFrom.selectOption({ label: from });
    await this.handoffTo.selectOption({ label: to });
    await this.addHandoffButton.click();
  }

  /** The text describing what a Remove button does (or why it cannot). */
  async description(button) {
    const id = await button.getAttribute('aria-describedby');
    return id ? this.page.locator(`[id="${id}"]`).textContent() : null;
  }
}
