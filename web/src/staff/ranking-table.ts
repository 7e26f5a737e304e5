import type { CommuneResult, WaveResults } from '../../../server/results/schema.ts';
import { foldVietnamese } from '../shared/commune-chooser.ts';
import { el, onLanguage, uniqueId } from './dom.ts';
import { formatInterval, formatMean, formatPercent, statusText } from './format.ts';
import { countLink } from './integrity-counts.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';
import { weightingTag } from './weighting-note.ts';

type SortKey = 'rank' | 'name' | 'n' | 'mean' | 'pMeets' | 'status' | 'flagged' | 'excluded';
type Direction = 'ascending' | 'descending';

const statusOrder = { meets: 0, below: 1, insufficient: 2 } as const;
const sortValue: Record<SortKey, (c: CommuneResult) => number | string | null> = {
  rank: (c) => c.rank,
  name: (c) => c.name,
  n: (c) => c.n,
  mean: (c) => c.overall.mean,
  pMeets: (c) => (c.status === 'insufficient' ? null : c.pMeets),
  status: (c) => statusOrder[c.status],
  flagged: (c) => c.flaggedUnreviewed,
  excluded: (c) => c.excluded,
};
/**
 * The first click on a column sorts the way a reader most likely wants: the communes to act
 * on first, so the lowest mean and the least chance of meeting come first (as on the heatmap).
 */
const firstDirection: Record<SortKey, Direction> = {
  rank: 'ascending',
  name: 'ascending',
  n: 'descending',
  mean: 'ascending',
  pMeets: 'ascending',
  status: 'ascending',
  flagged: 'descending',
  excluded: 'descending',
};

/** Sorts communes by one column; missing values go last either way, ties keep rank order. */
export function sortCommunes(communes: CommuneResult[], key: SortKey, direction: Direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return communes
    .map((commune, index) => ({ commune, index }))
    .sort((a, b) => {
      const x = sortValue[key](a.commune);
      const y = sortValue[key](b.commune);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        return a.index - b.index;
      }
      const order =
        typeof x === 'string' && typeof y === 'string'
          ? x.localeCompare(y, 'vi')
          : Number(x) - Number(y);
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ commune }) => commune);
}

const columns: ReadonlyArray<{ key: SortKey | null; label: string; numeric: boolean }> = [
  { key: 'rank', label: 'col.rank', numeric: true },
  { key: 'name', label: 'col.commune', numeric: false },
  { key: 'n', label: 'col.n', numeric: true },
  { key: 'mean', label: 'col.mean', numeric: true },
  { key: null, label: 'col.interval', numeric: true },
  { key: 'pMeets', label: 'col.pMeets', numeric: true },
  { key: 'status', label: 'col.status', numeric: false },
  { key: 'flagged', label: 'col.flaggedUnreviewed', numeric: true },
  { key: 'excluded', label: 'col.excluded', numeric: true },
];

/**
 * All communes of a wave: rank, n, mean and interval, the chance of meeting the threshold and
 * the status in words on a colour band, and its flags awaiting review and responses excluded
 * (linked to its queue for those who may review). Sortable by column, searchable without diacritics.
 */
export function mountRankingTable(
  element: HTMLElement,
  deps: { results: WaveResults; canReview?: boolean },
): Part {
  // Only admins and analysts see the ranking, and both may review.
  const { results, canReview = true } = deps;
  let sort: { key: SortKey; direction: Direction } = { key: 'rank', direction: 'ascending' };
  let query = '';
  const searchId = uniqueId('ranking-search');
  const search = el('input', {
    type: 'search',
    id: searchId,
    name: 'ranking-search',
    autocomplete: 'off',
  });
  const searchLabel = el('label', { htmlFor: searchId });
  const count = el('p', { className: 'hint', attrs: { role: 'status' } });
  const caption = el('caption');
  const headRow = el('tr');
  const body = el('tbody');
  const table = el('table', { className: 'data ranking' }, [
    caption,
    el('thead', {}, [headRow]),
    body,
  ]);
  element.append(
    el('div', { className: 'table-tools' }, [
      el('div', { className: 'field' }, [searchLabel, search]),
      count,
    ]),
    el('div', { className: 'table-scroll' }, [table]),
  );

  const renderHead = () => {
    headRow.replaceChildren(
      ...columns.map((column) => {
        const th = el('th', { attrs: { scope: 'col' }, className: column.numeric ? 'num' : '' });
        if (column.key === null) {
          th.append(
            el('span', {
              className: 'th-label',
              textContent: t(column.label, { threshold: results.threshold }),
            }),
          );
          return th;
        }
        const key = column.key;
        const active = sort.key === key;
        if (active) th.setAttribute('aria-sort', sort.direction);
        const arrow = active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕';
        const button = el('button', { type: 'button', className: 'sort' }, [
          t(column.label, { threshold: results.threshold }),
          el('span', { className: 'arrow', textContent: arrow, attrs: { 'aria-hidden': 'true' } }),
        ]);
        button.addEventListener('click', () => {
          sort = active
            ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
            : { key, direction: firstDirection[key] };
          renderHead();
          renderBody();
          headRow.querySelector<HTMLButtonElement>(`th[aria-sort] button`)?.focus();
        });
        th.append(button);
        return th;
      }),
    );
  };

  const renderRow = (commune: CommuneResult) => {
    const num = (column: string, text: string) =>
      el('td', { className: 'num', textContent: text, attrs: { 'data-col': column } });
    const name = el('th', { attrs: { scope: 'row', 'data-col': 'name' } }, [
      el('a', { href: `#/commune/${commune.code}`, textContent: commune.name }),
      el('span', { className: 'code', textContent: ` ${commune.code}` }),
      // Said only where weighted: without population figures every row would repeat "not".
      ...(commune.weighting === 'raked'
        ? [' ', weightingTag({ weighting: commune.weighting, measure: commune.overall })]
        : []),
    ]);
    return el(
      'tr',
      { className: `status-${commune.status}`, attrs: { 'data-code': commune.code } },
      [
        num('rank', commune.rank === null ? '–' : String(commune.rank)),
        name,
        num('n', String(commune.n)),
        num('mean', formatMean(commune.overall.mean)),
        num('interval', formatInterval(commune.overall.ciLow, commune.overall.ciHigh)),
        // Too few responses: no verdict, so no chance of meeting either (the status says why).
        num('pMeets', commune.status === 'insufficient' ? '–' : formatPercent(commune.pMeets)),
        el('td', { attrs: { 'data-col': 'status' } }, [
          el('span', {
            className: `status-band status-${commune.status}`,
            textContent: statusText(commune, results.minN),
          }),
        ]),
        ...(['flaggedUnreviewed', 'excluded'] as const).map((kind) =>
          el('td', { className: 'num', attrs: { 'data-col': kind } }, [
            countLink(commune, kind, { wave: results.wave, linked: canReview }),
          ]),
        ),
      ],
    );
  };

  const renderBody = () => {
    const folded = foldVietnamese(query.trim());
    const shown = sortCommunes(results.communes, sort.key, sort.direction).filter((c) =>
      foldVietnamese(`${c.name} ${c.code}`).includes(folded),
    );
    body.replaceChildren(
      ...(shown.length > 0
        ? shown.map(renderRow)
        : [el('tr', {}, [el('td', { colSpan: columns.length, textContent: t('ranking.none') })])]),
    );
    count.textContent = t('ranking.count', { shown: shown.length, total: results.communes.length });
  };

  const onSearch = () => {
    query = search.value;
    renderBody();
  };
  search.addEventListener('input', onSearch);
  const stopLanguage = onLanguage(() => {
    searchLabel.textContent = t('ranking.search');
    caption.textContent = t('ranking.caption', {
      wave: results.wave,
      threshold: results.threshold,
    });
    renderHead();
    renderBody();
  });
  return {
    destroy() {
      stopLanguage();
      search.removeEventListener('input', onSearch);
      element.replaceChildren();
    },
  };
}
