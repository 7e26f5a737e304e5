import type { CommuneResult, WaveResults } from '../../../server/results/schema.ts';
import { el, onLanguage, setHeading, uniqueId } from './dom.ts';
import { formatInterval, formatMean, statusText } from './format.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';
import { mountWavePicker } from './wave-picker.ts';
import { effectivePeople } from './weighting-words.ts';
import {
  type CompareFilter,
  type CompareRow,
  compareCounts,
  compareFilters,
  compareRows,
  filterRows,
} from './weights-compare-rows.ts';
import './weights-compare.css';

/** The part of `GET /api/population` this screen reads: which communes have margins. */
type PopulationMargins = { margins: ReadonlyArray<{ communeCode: string }> };

type Compared = { weighted: WaveResults; unweighted: WaveResults; withMargins: Set<string> | null };

const columnsPerRow = 10;

/** A status in one or two words, for the sentence saying how it changes. */
const statusWord = (status: CommuneResult['status']) => t(`key.${status}`);

function statusCell(commune: CommuneResult, minN: number, column: string) {
  return el('td', { attrs: { 'data-col': column } }, [
    el('span', {
      className: `status-band status-${commune.status}`,
      textContent: statusText(commune, minN),
    }),
  ]);
}

const num = (column: string, text: string) =>
  el('td', { className: 'num', textContent: text, attrs: { 'data-col': column } });

/** The weighted half of a row: its figures, or in words why there are none. */
function weightedCells(row: CompareRow, minN: number) {
  const { weighted } = row;
  if (weighted.weighting !== 'raked') {
    // The group's heading already says "weighted": the cell says only why there are no figures.
    const why = {
      no: 'weights.noMargins',
      yes: 'weights.cannotRake',
      unknown: 'weights.notWeighted',
    };
    return [
      el('td', {
        colSpan: 4,
        className: 'not-weighted',
        textContent: t(why[row.margins]),
        attrs: { 'data-col': 'weighting' },
      }),
    ];
  }
  const placed = weighted.overall.n - (weighted.overall.unplaced ?? 0);
  return [
    num('weightedMean', formatMean(weighted.overall.mean)),
    num('weightedInterval', formatInterval(weighted.overall.ciLow, weighted.overall.ciHigh)),
    statusCell(weighted, minN, 'weightedStatus'),
    num('effectiveN', String(effectivePeople(weighted.overall.effectiveN ?? 0, placed))),
  ];
}

/** The last column: whether the status changes, and the responses weighting had to leave out. */
function changeCell(row: CompareRow) {
  const unplaced = row.weighted.weighting === 'raked' ? (row.weighted.overall.unplaced ?? 0) : 0;
  return el('td', { attrs: { 'data-col': 'change' } }, [
    row.changed
      ? el('strong', {
          className: 'weights-change',
          textContent: t('weights.changed', {
            from: statusWord(row.unweighted.status),
            to: statusWord(row.weighted.status),
          }),
        })
      : el('span', { textContent: t('weights.same') }),
    ...(unplaced > 0
      ? [
          el('span', {
            className: 'hint',
            textContent: t('weights.unplacedShort', { count: unplaced }),
          }),
        ]
      : []),
  ]);
}

function renderRow(row: CompareRow, minN: number) {
  const name = el('th', { attrs: { scope: 'row', 'data-col': 'name' } }, [
    el('a', { href: `#/commune/${row.code}`, textContent: row.name }),
    el('span', { className: 'code', textContent: ` ${row.code}` }),
  ]);
  return el(
    'tr',
    {
      className: row.changed ? 'weights-changed' : '',
      attrs: { 'data-code': row.code, 'data-changed': String(row.changed) },
    },
    [
      name,
      num('n', String(row.weighted.n)),
      ...weightedCells(row, minN),
      num('unweightedMean', formatMean(row.unweighted.overall.mean)),
      num(
        'unweightedInterval',
        formatInterval(row.unweighted.overall.ciLow, row.unweighted.overall.ciHigh),
      ),
      statusCell(row.unweighted, minN, 'unweightedStatus'),
      changeCell(row),
    ],
  );
}

/** The table's two header rows: the weighted and unweighted groups over their own columns. */
function renderHead(head: HTMLElement) {
  const th = (text: string, attrs: Record<string, string>, className = '') =>
    el('th', { textContent: text, className, attrs });
  head.replaceChildren(
    el('tr', {}, [
      th(t('col.commune'), { scope: 'col', rowspan: '2' }),
      th(t('col.n'), { scope: 'col', rowspan: '2' }, 'num'),
      th(t('weights.weighted'), { scope: 'colgroup', colspan: '4' }, 'group'),
      th(t('weights.unweighted'), { scope: 'colgroup', colspan: '3' }, 'group'),
      th(t('weights.change'), { scope: 'col', rowspan: '2' }),
    ]),
    el('tr', {}, [
      th(t('col.mean'), { scope: 'col' }, 'num'),
      th(t('col.interval'), { scope: 'col' }, 'num'),
      th(t('col.status'), { scope: 'col' }),
      th(t('weights.effectiveN'), { scope: 'col' }, 'num effective'),
      th(t('col.mean'), { scope: 'col' }, 'num'),
      th(t('col.interval'), { scope: 'col' }, 'num'),
      th(t('col.status'), { scope: 'col' }),
    ]),
  );
}

/** The comparison once its three requests have answered. */
function mountComparison(element: HTMLElement, data: Compared): Part {
  const { weighted, unweighted, withMargins } = data;
  const rows = compareRows(weighted, unweighted, withMargins);
  const counts = compareCounts(rows);
  let filter: CompareFilter = 'all';

  const summary = el('p', { className: 'weights-summary' });
  const unknown = el('p', { className: 'notice', hidden: withMargins !== null });
  const filterId = uniqueId('weights-filter');
  const select = el('select', { id: filterId, name: 'weights-filter' });
  const label = el('label', { htmlFor: filterId });
  const count = el('p', { className: 'hint', attrs: { role: 'status' } });
  const caption = el('caption');
  const head = el('thead');
  const body = el('tbody');
  const colgroups = [2, 4, 3, 1].map((span) => el('colgroup', { span }));
  const table = el('table', { className: 'data weights-compare' }, [
    caption,
    ...colgroups,
    head,
    body,
  ]);
  element.append(
    summary,
    unknown,
    el('div', { className: 'table-tools weights-tools' }, [
      el('div', { className: 'field' }, [label, select]),
      count,
    ]),
    el('div', { className: 'table-scroll' }, [table]),
  );

  const renderBody = () => {
    const shown = filterRows(rows, filter);
    body.replaceChildren(
      ...(shown.length > 0
        ? shown.map((row) => renderRow(row, weighted.minN))
        : [el('tr', {}, [el('td', { colSpan: columnsPerRow, textContent: t('weights.none') })])]),
    );
    count.textContent = t('weights.count', { shown: shown.length, total: rows.length });
  };
  const onFilter = () => {
    filter = compareFilters.find((f) => f === select.value) ?? 'all';
    renderBody();
  };
  select.addEventListener('change', onFilter);

  const stopLanguage = onLanguage(() => {
    summary.textContent = t('weights.summary', counts);
    unknown.textContent = t('weights.marginsUnknown');
    label.textContent = t('weights.filter');
    select.replaceChildren(
      ...compareFilters.map((f) => new Option(t(`weights.filter.${f}`), f, false, f === filter)),
    );
    caption.textContent = t('weights.caption', { wave: weighted.wave });
    renderHead(head);
    renderBody();
  });
  return {
    destroy() {
      stopLanguage();
      select.removeEventListener('change', onFilter);
      element.replaceChildren();
    },
  };
}

/**
 * Analysts' and admins' check of the weighting (METHOD.md section 8): every commune of a wave
 * weighted and unweighted side by side (mean, interval, status, n and its effective size), the
 * communes whose status changes with weighting first and marked, and those without population
 * figures said so. Both sets of figures are the API's own (`weights=raked` and `weights=none`).
 */
export function mountWeightsCompare(
  element: HTMLElement,
  deps: {
    api: Api;
    wave: string | null;
    waves: readonly string[];
    onWaveChange: (wave: string) => void;
  },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const toolbar = el('div', { className: 'toolbar' });
  const intro = el('p', { className: 'intro' });
  const body = el('div');
  element.append(el('div', { className: 'screen-head' }, [heading, toolbar]), intro, body);
  const picker = mountWavePicker(toolbar, {
    waves: deps.waves,
    selected: deps.wave,
    onChange: deps.onWaveChange,
  });
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('weights.title'));
    intro.textContent = t('weights.intro');
  });
  const wave = deps.wave ? `wave=${deps.wave}&` : '';
  const loading = mountLoading(body, {
    load: async (): Promise<Compared> => {
      const [weighted, unweighted, population] = await Promise.all([
        deps.api<WaveResults>(`/api/results?${wave}weights=raked`),
        deps.api<WaveResults>(`/api/results?${wave}weights=none`),
        // Which communes have margins only sharpens the words; the figures stand without it.
        deps.api<PopulationMargins>('/api/population').catch(() => null),
      ]);
      const withMargins = population ? new Set(population.margins.map((m) => m.communeCode)) : null;
      return { weighted, unweighted, withMargins };
    },
    ready: (data) => mountComparison(body, data),
  });
  return {
    destroy() {
      stopLanguage();
      picker.destroy();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
