import { onLanguageChange } from '../shared/i18n.ts';

// The staff files import `el` from here; it lives with the other pages' shared code.
export { el } from '../shared/el.ts';

/** Runs `render` now and after every change of language; returns the unsubscribe. */
export function onLanguage(render: () => void) {
  render();
  return onLanguageChange(() => render());
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Rebuilds `root` with `rebuild` and puts back what the person had typed or chosen in its
 * named fields, so that switching language never throws away a half-filled form.
 */
export function keepFieldValues(root: HTMLElement, rebuild: () => void) {
  const fields = () => [
    ...root.querySelectorAll<Field>('input[name], select[name], textarea[name]'),
  ];
  const values = new Map(fields().map((field) => [field.name, field.value]));
  rebuild();
  for (const field of fields()) {
    const value = values.get(field.name);
    if (value !== undefined && field.type !== 'hidden') field.value = value;
    field.dispatchEvent(new Event('change'));
  }
}

let nextId = 0;
/** An id unique in the page, for `for=` and `aria-*` references. */
export function uniqueId(prefix: string) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Sets a screen's heading and the document's title to match, as a screen reader announces it. */
export function setHeading(heading: HTMLElement, text: string) {
  heading.textContent = text;
  document.title = `${text} – CB-HPI`;
}

/** One part made of several, destroyed together. */
export function allParts(parts: ReadonlyArray<{ destroy(): void }>) {
  return {
    destroy() {
      for (const part of parts) part.destroy();
    },
  };
}
