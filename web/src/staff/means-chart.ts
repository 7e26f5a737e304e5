import type { WaveResults } from '../../../server/results/schema.ts';
import { Chart, chartCanvas, errorBars, statusColours, thresholdLine } from './charts.ts';
import { el, onLanguage } from './dom.ts';
import { formatInterval, formatMean } from './format.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/**
 * Every commune's mean with its 95% interval, in rank order, coloured by status, against the
 * threshold. Communes with no response have no mean and are left out (and said to be).
 */
export function mountMeansChart(element: HTMLElement, deps: { results: WaveResults }): Part {
  const { results } = deps;
  const shown = results.communes.filter((c) => c.overall.mean !== null);
  let chart: Chart<'bar'> | null = null;

  const summary = () => {
    const ranked = shown.filter((c) => c.status !== 'insufficient');
    const top = ranked[0];
    const bottom = ranked.at(-1);
    const parts = [
      t('meansChart.summary', {
        shown: shown.length,
        total: results.communes.length,
        meeting: results.headline.meeting,
        threshold: results.threshold,
      }),
    ];
    if (top && bottom) {
      parts.push(
        t('meansChart.range', {
          top: top.name,
          topMean: formatMean(top.overall.mean),
          bottom: bottom.name,
          bottomMean: formatMean(bottom.overall.mean),
        }),
      );
    }
    parts.push(t('meansChart.seeTable'));
    return parts.join(' ');
  };

  const stopLanguage = onLanguage(() => {
    chart?.destroy();
    chart = null;
    const caption = el('figcaption', {}, [
      el('span', { textContent: t('meansChart.caption', { threshold: results.threshold }) }),
      el('span', { className: 'legend' }, [
        ...(['meets', 'below', 'insufficient'] as const).map((status) =>
          el('span', { className: `key key-${status}`, textContent: t(`key.${status}`) }),
        ),
      ]),
    ]);
    if (shown.length === 0) {
      element.replaceChildren(
        caption,
        el('p', { className: 'hint', textContent: t('noResponses') }),
      );
      return;
    }
    const canvas = chartCanvas(summary());
    element.replaceChildren(caption, el('div', { className: 'chart-box tall' }, [canvas]));
    chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: shown.map((c) => c.name),
        datasets: [
          {
            label: t('meansChart.series'),
            data: shown.map((c) => c.overall.mean),
            backgroundColor: shown.map((c) => statusColours[c.status]),
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { min: 0, max: 100, title: { display: true, text: t('meansChart.axis') } },
          x: { ticks: { autoSkip: false, maxRotation: 70, minRotation: 45 } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const commune = shown[item.dataIndex];
                if (!commune) return '';
                return t('meansChart.tooltip', {
                  mean: formatMean(commune.overall.mean),
                  interval: formatInterval(commune.overall.ciLow, commune.overall.ciHigh),
                  n: commune.n,
                });
              },
            },
          },
        },
      },
      plugins: [
        errorBars(
          shown.map((c) =>
            c.overall.ciLow === null || c.overall.ciHigh === null
              ? null
              : ([c.overall.ciLow, c.overall.ciHigh] as const),
          ),
        ),
        thresholdLine(results.threshold, String(results.threshold)),
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
