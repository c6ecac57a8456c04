// The "Lessons" panel as tests see it: accessible roles and names.

export class LessonsPage {
  constructor(page) {
    this.page = page;
    this.panel = page.getByRole('region', { name: 'Lessons' });
    this.picker = page.getByRole('combobox', { name: 'Lesson' });
    this.start = page.getByRole('button', { name: 'Start lesson' });
    this.run = this.panel.getByRole('button', { name: /^Run this step( again)?$/ });
    this.back = this.panel.getByRole('button', { name: 'Back', exact: true });
    this.next = this.panel.getByRole('button', { name: 'Next', exact: true });
    this.end = this.panel.getByRole('button', { name: 'End lesson' });
    this.showResults = this.panel.getByRole('button', { name: 'Show the results' });
    this.stepHeading = this.panel.getByRole('heading', { level: 3 });
    this.result = this.panel.getByTestId('lesson-result');
    // The lesson's own message, not the copy button's status.
    this.note = this.panel.getByRole('status').and(page.locator('.lesson-note, .lesson-problem'));
    this.link = this.panel.getByRole('textbox', { name: 'Link to this lesson' });
    this.copyLink = this.panel.getByRole('button', { name: 'Copy lesson link' });
  }

  /** The lessons offered, as [key, title]. */
  lessons() {
    return this.picker.locator('option').evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
  }

  async begin(key) {
    await this.picker.selectOption(key);
    await this.start.click();
    await this.run.waitFor();
  }

  /** "Step 2 of 4" and the step's title, from the step heading. */
  async step() {
    const count = await this.stepHeading.locator('.lesson-count').textContent();
    const [, n, of] = count.match(/^Step (\d+) of (\d+)$/);
    const heading = await this.stepHeading.textContent();
    return { n: Number(n), of: Number(of), title: heading.slice(count.length) };
  }

  /**
   * Runs the shown step and waits for its explanation: the results region
   * is no longer busy and the panel says what the run shows.
   */
  async runStep(timeout = 60_000) {
    await this.run.click();
    await this.page.waitForFunction(
      () => {
        const results = document.querySelector('section[aria-label="Results"]');
        const result = document.querySelector('[data-testid="lesson-result"]');
        return results?.getAttribute('aria-busy') === 'false' && result?.querySelector('h4')?.textContent === 'What the run shows';
      },
      null,
      { timeout },
    );
    return this.explanation();
  }

  /** The explanation's paragraphs. */
  explanation() {
    return this.result.locator('p:not(.hint)').allTextContents();
  }
}
