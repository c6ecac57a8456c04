// Text in a chart as the reader sees it: an SVG's text scales with the SVG.

/**
 * Per chart in `scope` with any `selector` text shown, its title and the
 * sizes of its smallest and largest such text in CSS pixels: the font size
 * times the chart's scale.
 */
export function textSizes(scope, selector = 'text') {
  return scope.locator('.chart-svg').evaluateAll(
    (svgs, selector) =>
      svgs.flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll(selector)]
          .filter((text) => text.getBoundingClientRect().width > 0)
          .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
        const title = svg.closest('figure').querySelector('.chart-title').textContent;
        return sizes.length > 0 ? [[title, Math.min(...sizes), Math.max(...sizes)]] : [];
      }),
    selector,
  );
}

/** The charts in `sizes` (from `textSizes`) with text under `px`, in words. */
export function under(sizes, px) {
  return sizes
    .filter(([, smallest]) => smallest < px)
    .map(([title, smallest]) => `${title}: ${smallest.toFixed(1)} px`)
    .join(', ');
}

/** The charts in `sizes` (from `textSizes`) with text over `px`, in words. */
export function over(sizes, px) {
  return sizes
    .filter(([, , largest]) => largest > px)
    .map(([title, , largest]) => `${title}: ${largest.toFixed(1)} px`)
    .join(', ');
}

/** Whether every shown readout box in `chart` lies within its SVG. */
export function readoutInside(chart) {
  return chart.locator('.chart-svg').evaluate((svg) => {
    const frame = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('.point-readout .readout-box')]
      .map((box) => box.getBoundingClientRect())
      .filter((box) => box.width > 0)
      .every((box) => box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5);
  });
}

/**
 * The text of each chart in `scope` drawn outside its SVG's box (onto the
 * card around it, or cut in a download), in words: chart title, the text,
 * and by how many pixels.
 */
export function textOutside(scope) {
  return scope.locator('.chart-svg').evaluateAll((svgs) =>
    svgs
      .flatMap((svg) => {
        const frame = svg.getBoundingClientRect();
        const title = svg.closest('figure').querySelector('.chart-title').textContent;
        return [...svg.querySelectorAll('text')].flatMap((text) => {
          const box = text.getBoundingClientRect();
          const past = Math.max(frame.left - box.left, box.right - frame.right, frame.top - box.top, box.bottom - frame.bottom);
          return box.width > 0 && past > 0.5 ? [`${title}: "${text.textContent}" ${past.toFixed(1)} px out`] : [];
        });
      })
      .join(', '),
  );
}
