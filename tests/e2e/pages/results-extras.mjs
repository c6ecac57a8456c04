// The results' comparison table and downloads as tests see them.

export class ResultsExtras {
  constructor(page) {
    this.page = page;
    this.results = page.getByRole('region', { name: 'Results' });
    // "The journey's figures" for a journey without options.
    this.table = this.results.getByRole('table', { name: /^(Options compared|The journey's figures)/ });
    this.rows = this.table.getByTestId('comparison-row');
    this.csvButton = this.results.getByRole('button', { name: 'Download results (CSV)' });
    this.monthlyButton = this.results.getByRole('button', { name: 'Download monthly series (CSV)' });
  }

  /** The button that saves the chart titled `title` as `format` ("SVG" or "PNG"). */
  chartButton(title, format) {
    return this.results.getByRole('button', { name: `Download ${title} chart as ${format}` });
  }

  /** Clicks `button` and returns the download it starts: { name, bytes }. */
  async download(button) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** Each row's header and cells as text, in order. */
  async rowTexts() {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('.option-name').textContent,
        best: row.classList.contains('best'),
        cells: Object.fromEntries(
          [...row.querySelectorAll('td')].map((td) => [td.dataset.label, td.querySelector('.value').textContent]),
        ),
      })),
    );
  }
}
