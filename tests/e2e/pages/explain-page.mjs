// "Explain this number" on the result cards and the month step-through, as
// tests see them.

/** The explain buttons and panels of the result cards. */
export class ExplainCards {
  constructor(page) {
    this.page = page;
    this.results = page.getByRole('region', { name: 'Results' });
    this.cards = this.results.getByTestId('variant');
  }

  /** Each figure of card `i`: { label, value } as the card shows them. */
  figures(i) {
    return this.cards.nth(i).locator('.figure').evaluateAll((figures) =>
      figures.map((figure) => ({
        label: figure.querySelector('dt').firstChild.textContent.trim(),
        value: figure.querySelector('.value').textContent,
      })),
    );
  }

  /** The "Explain LABEL" button of card `i`. */
  button(i, label) {
    return this.cards.nth(i).getByRole('button', { name: `Explain ${label}`, exact: true });
  }

  /** The panel a button controls. */
  async panelOf(button) {
    const id = await button.getAttribute('aria-controls');
    return this.page.locator(`[id="${id}"]`);
  }
}

/** The "One month, step by step" panel. */
export class MonthStepPanel {
  constructor(page) {
    this.page = page;
    this.region = page.getByRole('region', { name: 'One month, step by step' });
    this.month = this.region.getByRole('spinbutton', { name: 'Month' });
    this.trialCount = this.region.getByRole('spinbutton', { name: 'Trial' });
    this.expected = this.region.getByRole('radio', { name: 'Expected flows' });
    this.oneTrial = this.region.getByRole('radio', { name: 'One simulated trial' });
    this.teaching = this.region.getByRole('checkbox', { name: 'Use a small teaching journey' });
    this.next = this.region.getByRole('button', { name: 'Next step' });
    this.back = this.region.getByRole('button', { name: 'Previous step' });
    this.title = this.region.getByTestId('month-step-title');
    this.view = this.region.getByTestId('month-step-view');
    this.source = this.region.locator('.month-step-source');
    this.endTotals = this.region.getByTestId('month-end-total');
  }

  /** "Step 3 of 9: …" as [3, 9]. */
  async position() {
    const match = /^Step (\d+) of (\d+)/.exec(await this.title.textContent());
    return [Number(match[1]), Number(match[2])];
  }

  /** Clicks Next until the last step; returns every step's title. */
  async walkToEnd() {
    const titles = [await this.title.textContent()];
    while ((await this.next.getAttribute('aria-disabled')) !== 'true') {
      const before = titles.at(-1);
      await this.next.click();
      await this.page.waitForFunction(
        ([el, text]) => el.textContent !== text,
        [await this.title.elementHandle(), before],
      );
      titles.push(await this.title.textContent());
    }
    return titles;
  }

  /** The last step's total row: start, out, dropped, in, new, end. */
  async totals() {
    const cells = await this.endTotals.locator('td').allTextContents();
    const [start, out, dropped, into, fresh, end] = cells.map((c) => Number(c.replaceAll(',', '')));
    return { start, out, dropped, into, fresh, end };
  }
}
