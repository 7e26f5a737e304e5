import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartType,
  Colors,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the parts the dashboard draws, so the rest of Chart.js is shaken out of the bundle.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Colors,
);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#1b1b1b';

export { Chart };

/** Bar and point colours by status; each at least 3:1 against white (WCAG 1.4.11). */
export const statusColours = {
  meets: '#0b6e4f',
  below: '#b45309',
  insufficient: '#767676',
} as const;
export const thresholdColour = '#a4161a';

/** The value axis: y for upright bars and lines, x for lying bars. */
const valueScale = (chart: Chart) =>
  chart.options?.indexAxis === 'y' ? chart.scales.x : chart.scales.y;

/**
 * Draws a 95% interval as an error bar over each element of the first dataset, from
 * `intervals[i]` (null: no interval). Chart.js has no error bars of its own, and a plugin
 * package for them would cost more than these lines.
 */
export function errorBars<T extends ChartType>(
  intervals: ReadonlyArray<readonly [number, number] | null>,
): Plugin<T> {
  return {
    id: 'cbhpiErrorBars',
    afterDatasetsDraw(chart) {
      const scale = valueScale(chart as unknown as Chart);
      if (!scale) return;
      const lying = chart.options?.indexAxis === 'y';
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
      ctx.clip();
      ctx.strokeStyle = '#1b1b1b';
      ctx.lineWidth = 1.5;
      chart.getDatasetMeta(0).data.forEach((element, index) => {
        const interval = intervals[index];
        if (!interval) return;
        const low = scale.getPixelForValue(interval[0]);
        const high = scale.getPixelForValue(interval[1]);
        const cap = 4;
        ctx.beginPath();
        if (lying) {
          const y = element.y;
          ctx.moveTo(low, y);
          ctx.lineTo(high, y);
          for (const x of [low, high]) {
            ctx.moveTo(x, y - cap);
            ctx.lineTo(x, y + cap);
          }
        } else {
          const x = element.x;
          ctx.moveTo(x, low);
          ctx.lineTo(x, high);
          for (const y of [low, high]) {
            ctx.moveTo(x - cap, y);
            ctx.lineTo(x + cap, y);
          }
        }
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}

/** A dashed line across the chart at `value` of the value axis, named by `label`. */
export function thresholdLine<T extends ChartType>(value: number, label: string): Plugin<T> {
  return {
    id: 'cbhpiThreshold',
    afterDatasetsDraw(chart) {
      const scale = valueScale(chart as unknown as Chart);
      if (!scale) return;
      const lying = chart.options?.indexAxis === 'y';
      const { ctx, chartArea } = chart;
      const at = scale.getPixelForValue(value);
      ctx.save();
      ctx.strokeStyle = thresholdColour;
      ctx.fillStyle = thresholdColour;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      if (lying) {
        ctx.moveTo(at, chartArea.top);
        ctx.lineTo(at, chartArea.bottom);
      } else {
        ctx.moveTo(chartArea.left, at);
        ctx.lineTo(chartArea.right, at);
      }
      ctx.stroke();
      ctx.font = `600 13px ${Chart.defaults.font.family}`;
      if (lying) {
        ctx.textAlign = 'left';
        ctx.textBaseline = 'bottom';
        ctx.fillText(
          label,
          Math.min(at + 4, chartArea.right - ctx.measureText(label).width),
          chartArea.top - 2,
        );
      } else {
        ctx.textAlign = 'right';
        ctx.textBaseline = 'bottom';
        ctx.fillText(label, chartArea.right - 4, at - 3);
      }
      ctx.restore();
    },
  };
}

/**
 * A canvas a screen reader announces as one image, named by a summary of what it shows; the
 * figures themselves are in the table next to it.
 */
export function chartCanvas(label: string) {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  return canvas;
}
