import type { Commune } from '../../../server/communes/schema.ts';

/** Vietnamese search without diacritics: "quang lam" finds "Quảng Lâm". */
export function foldVietnamese(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * A searchable commune chooser: a search box filtering a native list box, so it works with
 * the keyboard, a screen reader and a small touch screen alike.
 */
export function mountCommuneChooser(
  element: HTMLElement,
  options: {
    communes: Commune[];
    selected: string | null;
    labels: { label: string; search: string; none: string };
    onChange: (code: string) => void;
  },
) {
  const searchId = `commune-search-${Math.random().toString(36).slice(2)}`;
  const listId = `${searchId}-list`;
  element.innerHTML = '';
  element.classList.add('commune-chooser');
  const label = document.createElement('label');
  label.htmlFor = listId;
  label.textContent = options.labels.label;
  const search = document.createElement('input');
  search.type = 'search';
  search.id = searchId;
  search.autocomplete = 'off';
  search.placeholder = options.labels.search;
  search.setAttribute('aria-label', options.labels.search);
  search.setAttribute('aria-controls', listId);
  const list = document.createElement('select');
  list.id = listId;
  list.size = 8;
  const empty = document.createElement('p');
  empty.className = 'hint';
  empty.textContent = options.labels.none;
  empty.hidden = true;
  element.append(label, search, list, empty);

  const render = () => {
    const query = foldVietnamese(search.value.trim());
    const shown = options.communes.filter((c) =>
      foldVietnamese(`${c.name} ${c.code}`).includes(query),
    );
    list.replaceChildren(
      ...shown.map((c) => {
        const option = new Option(c.name, c.code, false, c.code === options.selected);
        return option;
      }),
    );
    empty.hidden = shown.length > 0;
  };
  const onInput = () => render();
  const onSelect = () => {
    options.selected = list.value;
    options.onChange(list.value);
  };
  search.addEventListener('input', onInput);
  list.addEventListener('change', onSelect);
  render();
  return {
    destroy() {
      search.removeEventListener('input', onInput);
      list.removeEventListener('change', onSelect);
      element.replaceChildren();
    },
  };
}
