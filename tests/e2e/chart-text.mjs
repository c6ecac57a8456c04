// Text in a chart as the reader sees it: an SVG's text scales with the SVG.

/**
 * Per chart in `scope` with any `selector` text shown, its title and the
 * size of its smallest such text in CSS pixels: the font size times the
 * chart's scale.
 */
export function smallestText(scope, selector = 'text') {
  return scope.locator('.chart-svg').evaluateAll(
    (svgs, selector) =>
      svgs.flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll(selector)]
          .filter((text) => text.getBoundingClientRect().width > 0)
          .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
        return sizes.length > 0 ? [[svg.closest('figure').querySelector('.chart-title').textContent, Math.min(...sizes)]] : [];
      }),
    selector,
  );
}

/** The charts in `smallest` (from `smallestText`) whose text is under `px`, in words. */
export function under(smallest, px) {
  return smallest
    .filter(([, size]) => size < px)
    .map(([title, size]) => `${title}: ${size.toFixed(1)} px`)
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
