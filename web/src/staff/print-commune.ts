import type { DimensionKey } from '../../../server/questionnaires/schema.ts';
import { currentLanguage, dimensionNames, translate } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { formatInterval, formatMean, formatPercent } from './format.ts';
import { mountLoading } from './loading.ts';
import { pt } from './print-messages.ts';
import { methodFooter, printBand, reportHead, reportTable, scoreBar } from './print-parts.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { Api, CommuneDetail, Part, Trend } from './types.ts';

// Written out, not imported from the server schema: a value import would pull zod in.
const dimensionKeys: readonly DimensionKey[] = ['security', 'opportunity', 'culture', 'trust'];

/** How many of the lowest-scoring questions the report lists: what fits beside the rest on A4. */
export const weakestItemCount = 5;

/**
 * The commune's questions with the lowest mean item score, lowest first (ties by name), at
 * most `count`; questions nobody answered are left out (no mean to rank).
 */
export function weakestItems(items: CommuneDetail['items'], count = weakestItemCount) {
  return items
    .filter((item): item is typeof item & { mean: number } => item.mean !== null && item.n > 0)
    .sort((a, b) => a.mean - b.mean || a.name.localeCompare(b.name))
    .slice(0, count);
}

const statusWord = (commune: CommuneDetail['commune']) =>
  commune.status === 'meets'
    ? pt(commune.confident ? 'print.status.meetsSure' : 'print.status.meets')
    : pt(`print.status.${commune.status}`);

/** The score, interval, status and the figures around them, as a row of labelled boxes. */
function summary(detail: CommuneDetail) {
  const { commune, threshold, minN } = detail;
  const insufficient = commune.status === 'insufficient';
  const figure = (label: string, value: string, name: string) =>
    el('div', { className: 'figure' }, [
      el('dt', { textContent: label }),
      el('dd', { textContent: value, attrs: { 'data-figure': name } }),
    ]);
  const { ciLow, ciHigh, mean } = commune.overall;
  const figures = [
    figure(pt('print.score'), formatMean(mean), 'mean'),
    figure(pt('print.interval'), formatInterval(ciLow, ciHigh), 'interval'),
    figure(pt('print.status'), statusWord(commune), 'status'),
    figure(pt('print.responses'), String(commune.n), 'n'),
  ];
  // A commune with too few responses gets no verdict: no chance of meeting, no rank.
  if (!insufficient) {
    figures.push(
      figure(pt('print.pMeets', { threshold }), formatPercent(commune.pMeets), 'pMeets'),
      figure(pt('print.rank'), commune.rank === null ? '–' : String(commune.rank), 'rank'),
    );
  }
  const sentences = [
    ciLow !== null && ciHigh !== null
      ? pt('print.intervalSentence', { low: formatMean(ciLow), high: formatMean(ciHigh) })
      : '',
    insufficient
      ? pt('print.needMore', { n: commune.n, minN, more: Math.max(0, minN - commune.n) })
      : '',
  ].filter(Boolean);
  return el('section', { className: `report-summary status-${commune.status}` }, [
    el('dl', { className: 'figures' }, figures),
    ...sentences.map((text) => el('p', { textContent: text })),
  ]);
}

/** The four dimensions with their bars against the threshold, and the weakest named. */
function dimensions(detail: CommuneDetail) {
  const { commune, threshold, weakestDimension } = detail;
  const insufficient = commune.status === 'insufficient';
  const name = (key: string) => translate(dimensionNames, key);
  const rows = dimensionKeys.map((key) => {
    const d = commune.dimensions[key];
    const against =
      d.mean === null
        ? '–'
        : d.mean >= threshold
          ? pt('print.reached')
          : pt('print.short', { gap: formatMean(threshold - d.mean) });
    const band = insufficient ? 'none' : printBand(d.mean, threshold);
    return el('tr', { className: `band-row-${band}` }, [
      el('th', { attrs: { scope: 'row' }, textContent: name(key) }),
      el('td', { className: 'num', textContent: formatMean(d.mean) }),
      el('td', { className: 'num', textContent: formatInterval(d.ciLow, d.ciHigh) }),
      el('td', { textContent: against }),
      el('td', { className: 'bar-cell' }, [
        scoreBar(d.mean, { low: d.ciLow, high: d.ciHigh }, threshold),
      ]),
    ]);
  });
  const verdict = insufficient
    ? null
    : weakestDimension === null
      ? pt('print.noneBelow', { threshold })
      : pt('print.weakestDimension', { name: name(weakestDimension) });
  return el('section', { className: 'report-dimensions' }, [
    el('h2', { textContent: pt('print.dimensions', { threshold }) }),
    reportTable(
      pt('print.dimensionsCaption', { threshold }),
      [
        { text: pt('print.col.dimension') },
        { text: pt('print.col.score'), num: true },
        { text: pt('print.col.interval'), num: true },
        { text: pt('print.col.against', { threshold }) },
        { text: pt('print.col.chart') },
      ],
      rows,
      'dimensions',
    ),
    ...(verdict ? [el('p', { className: 'verdict', textContent: verdict })] : []),
  ]);
}

/** The lowest-scoring questions, by their wording as residents read it. */
function items(detail: CommuneDetail, titles: QuestionTitles) {
  const weakest = weakestItems(detail.items);
  const heading = el('h2', { textContent: pt('print.items') });
  if (weakest.length === 0) {
    return el('section', { className: 'report-items' }, [
      heading,
      el('p', { textContent: pt('print.noItems') }),
    ]);
  }
  const rows = weakest.map((item) =>
    el('tr', {}, [
      el('th', {
        attrs: { scope: 'row' },
        textContent: titles.get(item.name)?.[currentLanguage()] ?? item.name,
      }),
      el('td', { textContent: translate(dimensionNames, item.dimension) }),
      el('td', { className: 'num', textContent: formatMean(item.mean) }),
      el('td', { className: 'num', textContent: String(item.n) }),
    ]),
  );
  return el('section', { className: 'report-items' }, [
    heading,
    reportTable(
      pt('print.itemsCaption', { count: weakest.length }),
      [
        { text: pt('print.col.question') },
        { text: pt('print.col.dimension') },
        { text: pt('print.col.score'), num: true },
        { text: pt('print.col.answers'), num: true },
      ],
      rows,
      'items',
    ),
  ]);
}

/** The commune's overall score wave by wave, with a bar for each against the threshold. */
function trendSection(trend: Trend, code: string, threshold: number) {
  const waves = trend.waves.flatMap((w) => {
    const commune = w.communes.find((c) => c.code === code);
    return commune ? [{ wave: w.wave, ...commune }] : [];
  });
  const heading = el('h2', { textContent: pt('print.trend') });
  if (waves.length === 0) {
    return el('section', { className: 'report-trend' }, [
      heading,
      el('p', { textContent: pt('print.noTrend') }),
    ]);
  }
  const rows = waves.map((w) =>
    el('tr', {}, [
      el('th', { attrs: { scope: 'row' }, textContent: w.wave }),
      el('td', { className: 'num', textContent: String(w.n) }),
      el('td', { className: 'num', textContent: formatMean(w.mean) }),
      el('td', { className: 'num', textContent: formatInterval(w.ciLow, w.ciHigh) }),
      el('td', { textContent: pt(`print.status.${w.status}`) }),
      el('td', { className: 'bar-cell' }, [
        scoreBar(w.mean, { low: w.ciLow, high: w.ciHigh }, threshold),
      ]),
    ]),
  );
  return el('section', { className: 'report-trend' }, [
    heading,
    reportTable(
      pt('print.trendCaption'),
      [
        { text: pt('print.col.wave') },
        { text: pt('print.responses'), num: true },
        { text: pt('print.col.score'), num: true },
        { text: pt('print.col.interval'), num: true },
        { text: pt('print.status') },
        { text: pt('print.col.chart') },
      ],
      rows,
      'trend',
    ),
  ]);
}

/**
 * One commune's report for A4 paper (print.css): its score, interval and status, the four
 * dimensions against the threshold, the weakest questions, its trend, and the method. From
 * `GET /api/results/:communeCode` (so a commune officer may print their own commune) and
 * the trend the dashboard has already loaded.
 */
export function mountPrintCommune(
  element: HTMLElement,
  deps: {
    api: Api;
    code: string;
    wave: string | null;
    trend: Trend;
    questionTitles: () => Promise<QuestionTitles>;
  },
): Part {
  const { code } = deps;
  const page = el('article', { className: 'report report-commune' });
  element.append(page);
  const query = deps.wave ? `?wave=${deps.wave}` : '';
  return mountLoading(page, {
    load: () =>
      Promise.all([
        deps.api<CommuneDetail>(`/api/results/${code}${query}`),
        deps.questionTitles().catch(() => new Map() as QuestionTitles),
      ]),
    ready: ([detail, titles]) => {
      const stopLanguage = onLanguage(() => {
        const { toolbar, header, heading } = reportHead({
          wave: detail.wave,
          title: pt('print.communeTitle', {
            name: `${detail.commune.name} (${detail.commune.code})`,
          }),
          back: { href: `#/commune/${code}`, label: pt('print.backCommune') },
        });
        page.replaceChildren(
          toolbar,
          header,
          summary(detail),
          dimensions(detail),
          items(detail, titles),
          trendSection(deps.trend, code, detail.threshold),
          methodFooter(detail),
        );
        setHeading(heading, heading.textContent ?? '');
      });
      return {
        destroy() {
          stopLanguage();
          page.replaceChildren();
        },
      };
    },
  });
}
