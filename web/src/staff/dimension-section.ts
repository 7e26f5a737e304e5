import type { DimensionKey } from '../../../server/questionnaires/schema.ts';
import { dimensionNames, translate } from '../shared/i18n.ts';
import { Chart, chartCanvas, errorBars, statusColours, thresholdLine } from './charts.ts';
import { el, onLanguage } from './dom.ts';
import { formatInterval, formatMean } from './format.ts';
import { t } from './messages.ts';
import type { CommuneDetail, Part } from './types.ts';
import { explainButton, intervalWords, responsesNeeded } from './uncertainty.ts';

// Written out, not imported from the server schema: a value import would pull zod in.
const dimensionKeys: readonly DimensionKey[] = ['security', 'opportunity', 'culture', 'trust'];

/**
 * The commune's four dimensions against the threshold, as a chart and as a table, and the
 * weakest dimension named: the one whose shortfall pulls the overall score down most. A
 * commune with too few responses gets no verdict: no weakest dimension, no gap, grey bars.
 * Each row's header is `#measure-<key>`, for a page opened at that dimension.
 */
export function mountDimensionSection(element: HTMLElement, deps: { detail: CommuneDetail }): Part {
  const { commune, threshold, minN } = deps.detail;
  const insufficient = commune.status === 'insufficient';
  const weakestDimension = insufficient ? null : deps.detail.weakestDimension;
  const dimensions = dimensionKeys.map((key) => ({ key, ...commune.dimensions[key] }));
  let chart: Chart<'bar'> | null = null;

  const stopLanguage = onLanguage(() => {
    chart?.destroy();
    chart = null;
    const name = (key: string) => translate(dimensionNames, key);
    const weakest =
      commune.n === 0
        ? t('dimensions.noData')
        : insufficient
          ? t('dimensions.noVerdict', { more: responsesNeeded(commune.n, minN), minN })
          : weakestDimension === null
            ? t('dimensions.noneBelow', { threshold })
            : t('dimensions.weakest', {
                name: name(weakestDimension),
                mean: formatMean(commune.dimensions[weakestDimension].mean),
              });
    const canvas = chartCanvas(
      t('dimensions.summary', {
        list: dimensions.map((d) => `${name(d.key)} ${formatMean(d.mean)}`).join(', '),
        threshold,
      }),
    );
    const rows = dimensions.map((d) => {
      const gap =
        d.mean === null || insufficient
          ? '–'
          : d.mean >= threshold
            ? t('dimensions.reached')
            : t('dimensions.gap', { gap: formatMean(threshold - d.mean) });
      const help = explainButton(
        `${t('col.interval')}, ${name(d.key)}`,
        intervalWords({ subject: t('explain.theDimension', { name: name(d.key) }), ...d }),
      );
      return el(
        'tr',
        {
          className: d.key === weakestDimension ? 'weakest' : '',
          attrs: { 'data-dimension': d.key },
        },
        [
          el('th', {
            attrs: { scope: 'row' },
            id: `measure-${d.key}`,
            tabIndex: -1,
            textContent: name(d.key),
          }),
          el('td', { className: 'num', textContent: String(d.n) }),
          el('td', { className: 'num', textContent: formatMean(d.mean) }),
          el('td', { className: 'num' }, [
            formatInterval(d.ciLow, d.ciHigh),
            ' ',
            help.button,
            el('span', { className: 'explain-host' }, [help.note]),
          ]),
          el('td', { textContent: gap }),
        ],
      );
    });
    // A respondent who answers too few items of one dimension has no overall score, but
    // still counts in the dimensions they did answer: so a dimension's n can be larger.
    const larger = dimensions.some((d) => d.n > commune.n);
    const table = el('table', { className: 'data' }, [
      el('caption', { textContent: t('dimensions.caption', { threshold }) }),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { attrs: { scope: 'col' }, textContent: t('col.dimension') }),
          el('th', { attrs: { scope: 'col' }, className: 'num', textContent: t('col.n') }),
          el('th', { attrs: { scope: 'col' }, className: 'num', textContent: t('col.mean') }),
          el('th', { attrs: { scope: 'col' }, className: 'num', textContent: t('col.interval') }),
          el('th', { attrs: { scope: 'col' }, textContent: t('col.gap', { threshold }) }),
        ]),
      ]),
      el('tbody', {}, rows),
    ]);
    element.replaceChildren(
      el('h2', { textContent: t('dimensions.title', { threshold }) }),
      el('p', { className: weakestDimension ? 'weakest-note' : 'hint', textContent: weakest }),
      el('figure', { className: 'chart' }, [el('div', { className: 'chart-box short' }, [canvas])]),
      el('div', { className: 'table-scroll' }, [table]),
      ...(larger
        ? [
            el('p', {
              className: 'hint n-note',
              textContent: t('dimensions.nNote', { n: commune.n }),
            }),
          ]
        : []),
    );
    chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: dimensions.map((d) => name(d.key)),
        datasets: [
          {
            label: t('col.mean'),
            data: dimensions.map((d) => d.mean),
            backgroundColor: dimensions.map((d) =>
              insufficient
                ? statusColours.insufficient
                : d.mean !== null && d.mean >= threshold
                  ? statusColours.meets
                  : statusColours.below,
            ),
            maxBarThickness: 36,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        layout: { padding: { top: 20, right: 12 } },
        scales: { x: { min: 0, max: 100 } },
        plugins: { legend: { display: false } },
      },
      plugins: [
        errorBars(
          dimensions.map((d) =>
            d.ciLow === null || d.ciHigh === null ? null : ([d.ciLow, d.ciHigh] as const),
          ),
        ),
        thresholdLine(threshold, String(threshold)),
      ],
    });
  });
  return {
    destroy() {
      stopLanguage();
      chart?.destroy();
      element.replaceChildren();
    },
  };
}
