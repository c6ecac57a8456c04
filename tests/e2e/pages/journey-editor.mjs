// The journey editor as tests see it: each stage is found by its
// data-testid (`stage-<id>`), each field by its accessible name.

export const ADVANCE = 'Advance (monthly probability)';
export const NEXT = 'Advances to';
export const INITIAL = 'People here at the start';

export class JourneyEditor {
  constructor(page) {
    this.page = page;
    this.region = page.getByRole('region', { name: 'Journey', exact: true });
    this.problemSummary = page.getByTestId('problem-summary');
    this.referralEntry = this.region.getByLabel('Referrals enter at', { exact: true });
  }

  /** The stage whose scenario id is `id` ("need", "research", ...). */
  stage(id) {
    return this.region.getByTestId(`stage-${id}`);
  }

  /** A field of a stage by its exact label, e.g. ADVANCE. */
  field(stageId, label) {
    return this.stage(stageId).getByLabel(label, { exact: true });
  }

  /** The inline problems shown under a stage's field. */
  fieldProblems(stageId, label) {
    return this.stage(stageId)
      .locator('.field')
      .filter({ has: this.page.getByLabel(label, { exact: true }) })
      .locator('.field-problems li, .field-error');
  }

  async setField(stageId, label, text) {
    await this.field(stageId, label).fill(String(text));
  }
}
