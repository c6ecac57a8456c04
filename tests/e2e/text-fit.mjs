// Whether form controls show their text whole. `textFits` runs in the
// page: pass it to `locator.evaluateAll`.

/**
 * For each visible control: its label, its text, the width that text
 * needs and the width it gets, in CSS pixels. A <select>'s text is the
 * choice it shows, or with `which` = 'widest' its widest choice; it gets
 * the width inside its padding, less the list's arrow. A text input's
 * text needs its scroll width and gets its client width.
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
  const fits = controls
    .filter((control) => control.checkVisibility())
    .map((control) => {
      const name = (control.getAttribute('aria-label') ?? control.labels?.[0]?.textContent ?? control.id).trim();
      if (!(control instanceof HTMLSelectElement)) {
        return { name, text: control.value, need: control.scrollWidth, room: control.clientWidth };
      }
      const style = getComputedStyle(control);
      probe.style.font = style.font;
      const options = which === 'widest' ? [...control.options] : [...control.selectedOptions];
      const widths = options.map((option) => textWidth(option.textContent));
      const widest = options[widths.indexOf(Math.max(...widths))];
      const sides = ['borderLeftWidth', 'borderRightWidth', 'paddingLeft', 'paddingRight'];
      const inside = sides.reduce((w, side) => w - parseFloat(style[side]), control.getBoundingClientRect().width);
      // Half a pixel for rounding: a select sized to its text fits it exactly.
      return { name, text: widest.textContent, need: Math.max(...widths), room: inside - ARROW + 0.5 };
    });
  probe.remove();
  return fits;
}

/** The fits of `textFits` whose text is cut, each as a line of text. */
export function cut(fits) {
  return fits
    .filter((f) => f.need > f.room)
    .map((f) => `${f.name}: "${f.text}" needs ${Math.round(f.need)} px, has ${Math.round(f.room)}`);
}
