import type { CommuneResult, WaveResults } from '../../../server/results/schema.ts';
import { dimensionNames, translate } from '../shared/i18n.ts';
import { el, onLanguage } from './dom.ts';
import { formatMean } from './format.ts';
import { type Band, bandOf } from './heatmap-bands.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/** The heatmap's columns: the overall score, then the four dimensions. */
export const heatmapMeasures = ['overall', 'security', 'opportunity', 'culture', 'trust'] as const;
export type HeatmapMeasure = (typeof heatmapMeasures)[number];
type SortKey = 'name' | HeatmapMeasure;
type Direction = 'ascending' | 'descending';

const meanOf = (commune: CommuneResult, measure: HeatmapMeasure) =>
  measure === 'overall' ? commune.overall.mean : commune.dimensions[measure].mean;

/**
 * Sorts the heatmap's rows. A measure sorts worst first on the first click (the point of the
 * screen is who is furthest from the threshold); communes with too few responses have no
 * verdict and go last either way, as do missing means; ties keep the API's rank order.
 */
export function sortHeatmapRows(
  communes: readonly CommuneResult[],
  key: SortKey,
  direction: Direction,
): CommuneResult[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = (c: CommuneResult) =>
    key === 'name' ? c.name : c.status === 'insufficient' ? null : meanOf(c, key);
  return communes
    .map((commune, index) => ({ commune, index }))
    .sort((a, b) => {
      const x = value(a.commune);
      const y = value(b.commune);
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

/** The address of a commune opened at one measure (the overall score: its summary). */
export const cellHref = (code: string, measure: HeatmapMeasure) =>
  `#/commune/${code}?dimension=${measure}`;

const measureName = (measure: HeatmapMeasure) =>
  measure === 'overall' ? t('heatmap.overall') : translate(dimensionNames, measure);

/** What a cell says to someone who cannot see its colour: the gap in words. */
function cellLabel(commune: CommuneResult, measure: HeatmapMeasure, threshold: number) {
  const mean = meanOf(commune, measure);
  const base = `${commune.name}, ${measureName(measure)}: ${formatMean(mean)}`;
  if (commune.status === 'insufficient') return `${base}. ${t('heatmap.noVerdict')}`;
  if (mean === null) return base;
  return mean >= threshold
    ? `${base}. ${t('heatmap.reached', { threshold })}`
    : `${base}. ${t('heatmap.short', { gap: formatMean(threshold - mean) })}`;
}

/** The legend: every band with its range, so a cell's colour can be read back in words. */
function legend(threshold: number) {
  const bands: Array<[Band, string]> = [
    ['reached', t('band.reached', { threshold })],
    ['near', t('band.near')],
    ['short', t('band.short')],
    ['far', t('band.far')],
    ['veryFar', t('band.veryFar')],
    ['none', t('band.none')],
  ];
  return el(
    'ul',
    { className: 'heatmap-legend', attrs: { 'aria-label': t('heatmap.legend') } },
    bands.map(([band, words]) =>
      el('li', {}, [
        el('span', { className: `swatch band-${band}`, attrs: { 'aria-hidden': 'true' } }),
        words,
      ]),
    ),
  );
}

/**
 * Every commune × the overall score and the four dimensions, each cell coloured by its
 * distance from the threshold with its value printed. Communes with too few responses are
 * grey, with how many more they need and no verdict. Sortable by any column, worst first;
 * a cell opens the commune at that dimension.
 */
export function mountHeatmap(element: HTMLElement, deps: { results: WaveResults }): Part {
  const { results } = deps;
  const { threshold, minN } = results;
  let sort: { key: SortKey; direction: Direction } = { key: 'overall', direction: 'ascending' };
  const caption = el('caption');
  const headRow = el('tr');
  const body = el('tbody');
  const table = el('table', { className: 'data heatmap' }, [
    caption,
    el('thead', {}, [headRow]),
    body,
  ]);
  const legendHost = el('div');
  const how = el('p', { className: 'hint heatmap-how' });
  element.append(legendHost, how, el('div', { className: 'table-scroll' }, [table]));

  const renderHead = () => {
    const keys: SortKey[] = ['name', ...heatmapMeasures];
    headRow.replaceChildren(
      ...keys.map((key) => {
        const active = sort.key === key;
        const th = el('th', {
          attrs: { scope: 'col', 'data-col': key },
          className: key === 'name' ? '' : 'num',
        });
        if (active) th.setAttribute('aria-sort', sort.direction);
        const arrow = active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕';
        const button = el('button', { type: 'button', className: 'sort' }, [
          key === 'name' ? t('col.commune') : measureName(key),
          el('span', { className: 'arrow', textContent: arrow, attrs: { 'aria-hidden': 'true' } }),
        ]);
        button.addEventListener('click', () => {
          sort = active
            ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
            : { key, direction: 'ascending' };
          renderHead();
          renderBody();
          headRow.querySelector<HTMLButtonElement>('th[aria-sort] button')?.focus();
        });
        th.append(button);
        return th;
      }),
    );
  };

  const renderRow = (commune: CommuneResult) => {
    const insufficient = commune.status === 'insufficient';
    const name = el('th', { attrs: { scope: 'row', 'data-col': 'name' } }, [
      el('a', { href: `#/commune/${commune.code}`, textContent: commune.name }),
      ...(insufficient
        ? [
            el('span', {
              className: 'need',
              textContent: t('heatmap.need', { more: Math.max(0, minN - commune.n), n: commune.n }),
            }),
          ]
        : []),
    ]);
    const cells = heatmapMeasures.map((measure) => {
      const mean = meanOf(commune, measure);
      const band = insufficient ? 'none' : bandOf(mean, threshold);
      return el(
        'td',
        { className: `num cell band-${band}`, attrs: { 'data-col': measure, 'data-band': band } },
        [
          el('a', {
            href: cellHref(commune.code, measure),
            textContent: formatMean(mean),
            attrs: { 'aria-label': cellLabel(commune, measure, threshold) },
          }),
        ],
      );
    });
    return el(
      'tr',
      { className: insufficient ? 'insufficient' : '', attrs: { 'data-commune': commune.code } },
      [name, ...cells],
    );
  };

  const renderBody = () => {
    body.replaceChildren(
      ...sortHeatmapRows(results.communes, sort.key, sort.direction).map(renderRow),
    );
  };

  const stopLanguage = onLanguage(() => {
    caption.textContent = t('heatmap.caption', { wave: results.wave });
    how.textContent = t('heatmap.how', { threshold });
    legendHost.replaceChildren(legend(threshold));
    renderHead();
    renderBody();
  });
  return {
    destroy() {
      stopLanguage();
      element.replaceChildren();
    },
  };
}
