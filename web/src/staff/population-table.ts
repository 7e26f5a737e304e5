import type { Commune } from '../../../server/communes/schema.ts';
import type { Population } from '../../../server/population/schema.ts';
import { marginCategories } from '../../../server/population/validate-margins.ts';
import { formatNumber } from '../shared/i18n.ts';
import { el } from './dom.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

const columns = [...marginCategories.sex, ...marginCategories.age_band];

/** The margins in force, one row per commune: women, men, then the four age bands. */
export function mountPopulationTable(
  element: HTMLElement,
  deps: { margins: Population['margins']; communes: readonly Commune[] },
): Part {
  const byCommune = new Map<string, Map<string, number>>();
  for (const margin of deps.margins) {
    const row = byCommune.get(margin.communeCode) ?? new Map<string, number>();
    row.set(margin.category, margin.population);
    byCommune.set(margin.communeCode, row);
  }
  const name = new Map(deps.communes.map((c) => [c.code, c.name]));
  const rows = [...byCommune].map(([code, figures]) =>
    el('tr', {}, [
      el('th', { attrs: { scope: 'row' }, textContent: `${name.get(code) ?? ''} (${code})` }),
      ...columns.map((category) =>
        el('td', {
          className: 'num',
          textContent: formatNumber(figures.get(category) ?? null, 0),
        }),
      ),
    ]),
  );
  element.append(
    // Focusable and named, so a keyboard can scroll it where it is wider than the screen.
    el(
      'div',
      {
        className: 'table-scroll',
        tabIndex: 0,
        attrs: { role: 'region', 'aria-label': t('population.tableCaption') },
      },
      [
        el('table', { className: 'data' }, [
          el('caption', { textContent: t('population.tableCaption') }),
          el('thead', {}, [
            el('tr', {}, [
              el('th', { attrs: { scope: 'col' }, textContent: t('col.commune') }),
              ...columns.map((category) =>
                el('th', {
                  className: 'num',
                  attrs: { scope: 'col' },
                  textContent: t(`population.col.${category}`),
                }),
              ),
            ]),
          ]),
          el('tbody', {}, rows),
        ]),
      ],
    ),
  );
  return {
    destroy() {
      element.replaceChildren();
    },
  };
}
