// Whether form controls show their text whole. `textFits` runs in the
// page: pass it to `locator.evaluateAll`.

/**
 * For each visible control: its label, its text, the width that text
 * needs on one line and the width it gets, in CSS pixels, and whether it
 * shows whole. A <select>'s text is the choice it shows, or with `which` =
 * 'widest' its widest choice; it gets the width inside its padding, less
 * the list's arrow. A select the browser lets the page style (appearance
 * base-select) wraps its text: it shows whole if every word fits the width
 * and every line the select's height. A text input's text needs its scroll
 * width and gets its client width.
 */
export function textFits(controls, which = 'chosen') {
  const ARROW = 20;
  const probe = document.createElement('span');
  probe.style.cssText = 'position: absolute; white-space: pre';
  document.body.append(probe);
  const textWidth = (text) => {
    probe.textContent = text;
    return probe.getBoundingClientRect().width;
  };
  // The height of `text` wrapped to `width`, in the probe's font.
  const wrappedHeight = (text, width) => {
    probe.style.whiteSpace = 'normal';
    probe.style.width = `${width}px`;
    probe.textContent = text;
    const height = probe.getBoundingClientRect().height;
    probe.style.whiteSpace = 'pre';
    probe.style.width = '';
    return height;
  };
  const fits = controls
    .filter((control) => control.checkVisibility())
    .map((control) => {
      const name = (control.getAttribute('aria-label') ?? control.labels?.[0]?.textContent ?? control.id).trim();
      if (!(control instanceof HTMLSelectElement)) {
        return { name, text: control.value, need: control.scrollWidth, room: control.clientWidth, whole: control.scrollWidth <= control.clientWidth };
      }
      const style = getComputedStyle(control);
      probe.style.font = style.font;
      const options = which === 'widest' ? [...control.options] : [...control.selectedOptions];
      const widths = options.map((option) => textWidth(option.textContent));
      const widest = options[widths.indexOf(Math.max(...widths))];
      const sides = ['borderLeftWidth', 'borderRightWidth', 'paddingLeft', 'paddingRight'];
      const inside = sides.reduce((w, side) => w - parseFloat(style[side]), control.getBoundingClientRect().width);
      const need = Math.max(...widths);
      const text = widest.textContent;
      if (style.appearance !== 'base-select') {
        // Half a pixel for rounding: a select sized to its text fits it exactly.
        const room = inside - ARROW + 0.5;
        return { name, text, need, room, whole: need <= room };
      }
      const arrow = parseFloat(getComputedStyle(control, '::picker-icon').width) + parseFloat(style.columnGap);
      const room = inside - arrow + 0.5;
      const words = Math.max(...text.split(/\s+/).map(textWidth));
      const height = control.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      // A choice not shown now is whole if its words fit: chosen, it would take the lines it needs.
      const lines = which === 'widest' || wrappedHeight(text, room) <= height + 0.5;
      return { name, text, need, room, whole: words <= room && lines };
    });
  probe.remove();
  return fits;
}

/** The fits of `textFits` whose text is cut, each as a line of text. */
export function cut(fits) {
  return fits
    .filter((f) => !f.whole)
    .map((f) => `${f.name}: "${f.text}" needs ${Math.round(f.need)} px, has ${Math.round(f.room)}`);
}
