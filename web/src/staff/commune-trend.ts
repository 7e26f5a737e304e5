import { Chart, chartCanvas, statusColours, thresholdLine } from './charts.ts';
import { el, onLanguage } from './dom.ts';
import { formatMean } from './format.ts';
import { t } from './messages.ts';
import { roadYears } from './share-trend-chart.ts';
import type { Part, Trend } from './types.ts';

/** One commune's overall mean wave by wave, toward the target year, as a chart and a table. */
export function mountCommuneTrend(
  element: HTMLElement,
  deps: { trend: Trend; code: string; minN: number },
): Part {
  const { trend, code } = deps;
  const waves = trend.waves.flatMap((w) => {
    const commune = w.communes.find((c) => c.code === code);
    return commune ? [{ wave: w.wave, ...commune }] : [];
  });
  let chart: Chart<'line'> | null = null;

  const stopLanguage = onLanguage(() => {
    chart?.destroy();
    chart = null;
    const heading = el('h2', { textContent: t('communeTrend.title', { year: trend.targetYear }) });
    if (waves.length === 0) {
      element.replaceChildren(heading, el('p', { className: 'hint', textContent: t('noWaves') }));
      return;
    }
    const statusWords = (w: (typeof waves)[number]) =>
      w.status === 'insufficient'
        ? t('status.insufficient', { n: w.n, minN: deps.minN })
        : t(`status.${w.status}`);
    const canvas = chartCanvas(
      t('communeTrend.summary', {
        points: waves.map((w) => `${w.wave}: ${formatMean(w.mean)} (n = ${w.n})`).join('; '),
        threshold: trend.threshold,
      }),
    );
    const table = el('table', { className: 'data' }, [
      el('caption', { textContent: t('communeTrend.caption') }),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { attrs: { scope: 'col' }, textContent: t('col.wave') }),
          el('th', { attrs: { scope: 'col' }, className: 'num', textContent: t('col.n') }),
          el('th', { attrs: { scope: 'col' }, className: 'num', textContent: t('col.mean') }),
          el('th', { attrs: { scope: 'col' }, textContent: t('col.status') }),
        ]),
      ]),
      el(
        'tbody',
        {},
        waves.map((w) =>
          el('tr', { className: `status-${w.status}` }, [
            el('th', { attrs: { scope: 'row' }, textContent: w.wave }),
            el('td', { className: 'num', textContent: String(w.n) }),
            el('td', { className: 'num', textContent: formatMean(w.mean) }),
            el('td', {}, [
              el('span', {
                className: `status-band status-${w.status}`,
                textContent: statusWords(w),
              }),
            ]),
          ]),
        ),
      ),
    ]);
    element.replaceChildren(
      heading,
      el('figure', { className: 'chart' }, [el('div', { className: 'chart-box short' }, [canvas])]),
      el('div', { className: 'table-scroll' }, [table]),
    );
    const years = roadYears(trend);
    const byWave = new Map(waves.map((w) => [w.wave, w.mean]));
    chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: years,
        datasets: [
          {
            label: t('col.mean'),
            data: years.map((year) => byWave.get(year) ?? null),
            borderColor: statusColours.meets,
            backgroundColor: statusColours.meets,
            pointRadius: 5,
            spanGaps: true,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { offset: true }, y: { min: 0, max: 100 } },
        plugins: { legend: { display: false } },
      },
      plugins: [thresholdLine(trend.threshold, String(trend.threshold))],
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
