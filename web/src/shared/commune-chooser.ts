import type { Commune } from '../../../server/communes/schema.ts';
import { el } from './el.ts';

/** Vietnamese search without diacritics: "quang lam" finds "Quảng Lâm". */
export function foldVietnamese(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const vietnamese = new Intl.Collator('vi');

/**
 * Communes in the order a Vietnamese reader looks for them: by name with Vietnamese collation
 * (Đ after D, Ă and Â after A, tones after the plain letter), not by code.
 *
 * @example sortCommunesByName([{ name: 'Đức Long' }, { name: 'Độc Lập' }, { name: 'Dũng' }])
 *   // Dũng, Độc Lập, Đức Long
 */
export function sortCommunesByName<T extends Pick<Commune, 'name'>>(communes: readonly T[]) {
  return [...communes].sort((a, b) => vietnamese.compare(a.name, b.name));
}

/**
 * A searchable commune chooser: a search box filtering a native list box, so it works with
 * the keyboard, a screen reader and a small touch screen alike.
 *
 * `onChange` hears the commune that is both selected and shown, or null: a search that hides
 * the selected commune takes it away (a resident must never start for a commune they cannot
 * see), and clearing the search gives it back.
 */
export function mountCommuneChooser(
  element: HTMLElement,
  options: {
    communes: Commune[];
    selected: string | null;
    labels: { label: string; search: string; none: string };
    onChange: (code: string | null) => void;
  },
) {
  const communes = sortCommunesByName(options.communes);
  let selected = options.selected;
  let shownSelection: string | null = null;
  const searchId = `commune-search-${Math.random().toString(36).slice(2)}`;
  const listId = `${searchId}-list`;
  element.replaceChildren();
  element.classList.add('commune-chooser');
  const search = el('input', {
    type: 'search',
    id: searchId,
    autocomplete: 'off',
    placeholder: options.labels.search,
    attrs: { 'aria-label': options.labels.search, 'aria-controls': listId },
  });
  const list = el('select', { id: listId, size: 8 });
  const empty = el('p', { className: 'hint', textContent: options.labels.none, hidden: true });
  element.append(
    el('label', { htmlFor: listId, textContent: options.labels.label }),
    search,
    list,
    empty,
  );

  const tell = () => {
    const now =
      communes.some((c) => c.code === selected) && list.value === selected ? selected : null;
    if (now === shownSelection) return;
    shownSelection = now;
    options.onChange(now);
  };
  const render = () => {
    const query = foldVietnamese(search.value.trim());
    const shown = communes.filter((c) => foldVietnamese(`${c.name} ${c.code}`).includes(query));
    list.replaceChildren(
      ...shown.map((c) => new Option(c.name, c.code, false, c.code === selected)),
    );
    if (!shown.some((c) => c.code === selected)) list.selectedIndex = -1;
    empty.hidden = shown.length > 0;
    tell();
  };
  const onInput = () => render();
  const onSelect = () => {
    selected = list.value || null;
    tell();
  };
  search.addEventListener('input', onInput);
  list.addEventListener('change', onSelect);
  render();
  return {
    /** The commune selected and shown, or null. */
    value: () => shownSelection,
    focus: () => list.focus(),
    destroy() {
      search.removeEventListener('input', onInput);
      list.removeEventListener('change', onSelect);
      element.replaceChildren();
    },
  };
}
