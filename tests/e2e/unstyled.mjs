// SVG shapes that no style rule reached: drawn in the SVG default, solid
// black, as a rect whose rule was removed would be.

/** Descriptions of the visible shapes under `root` (a locator) filled solid black. */
export function unstyledShapes(root) {
  return root.evaluate((element) =>
    [...element.querySelectorAll('svg rect, svg path, svg circle, svg polygon, svg text')]
      .filter((shape) => {
        const style = getComputedStyle(shape);
        return style.fill === 'rgb(0, 0, 0)' && Number(style.fillOpacity) > 0 && style.visibility !== 'hidden';
      })
      .map((shape) => `${shape.localName}.${shape.getAttribute('class') ?? ''}`),
  );
}
