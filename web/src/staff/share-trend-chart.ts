import { Chart, chartCanvas, statusColours, thresholdLine } from './charts.ts';
import { el, onLanguage } from './dom.ts';
import { formatPercent } from './format.ts';
import { t } from './messages.ts';
import type { Part, Trend } from './types.ts';

/** Every year from the first wave to the target year, so the road left to go is visible. */
export function roadYears(trend: Trend) {
  const first = Number(trend.waves[0]?.wave ?? trend.targetYear);
  const last = Math.max(trend.targetYear, Number(trend.waves.at(-1)?.wave ?? first));
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

/** The share of communes meeting the threshold, wave by wave, against the target share. */
export function mountShareTrend(element: HTMLElement, deps: { trend: Trend }): Part {
  const { trend } = deps;
  let chart: Chart<'line'> | null = null;
  const stopLanguage = onLanguage(() => {
    chart?.destroy();
    chart = null;
    const targetShare = trend.waves.at(-1)?.headline.targetShare ?? 0.9;
    const caption = el('figcaption', {
      textContent: t('shareTrend.caption', {
        threshold: trend.threshold,
        target: formatPercent(targetShare),
        year: trend.targetYear,
      }),
    });
    if (trend.waves.length === 0) {
      element.replaceChildren(caption, el('p', { className: 'hint', textContent: t('noWaves') }));
      return;
    }
    const points = trend.waves.map((w) =>
      t('shareTrend.point', {
        wave: w.wave,
        share: formatPercent(w.headline.share, 1),
        meeting: w.headline.meeting,
        total: w.headline.total,
      }),
    );
    const canvas = chartCanvas(
      t('shareTrend.summary', {
        points: points.join('; '),
        target: formatPercent(targetShare),
        year: trend.targetYear,
      }),
    );
    element.replaceChildren(caption, el('div', { className: 'chart-box short' }, [canvas]));
    const years = roadYears(trend);
    const byWave = new Map(trend.waves.map((w) => [w.wave, w.headline.share * 100]));
    chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: years,
        datasets: [
          {
            label: t('shareTrend.series'),
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
        scales: {
          x: { offset: true },
          y: { min: 0, max: 100, ticks: { callback: (value) => `${value}%` } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: { label: (item) => formatPercent((item.parsed.y ?? 0) / 100, 1) },
          },
        },
      },
      plugins: [
        thresholdLine(
          targetShare * 100,
          t('shareTrend.target', { target: formatPercent(targetShare) }),
        ),
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
