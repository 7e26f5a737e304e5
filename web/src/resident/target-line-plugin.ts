import type { Chart, Plugin } from 'chart.js';

export const targetLineColour = '#8a4b00';

/**
 * A Chart.js plugin drawing the province's target as a vertical line across a horizontal bar
 * chart, labelled above the chart area. Small and inline rather than the annotation plugin:
 * one line does not need another dependency on a resident's phone.
 */
export function targetLinePlugin(value: number, label: () => string): Plugin<'bar'> {
  return {
    id: 'targetLine',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const scale = chart.scales.x;
      if (!scale) return;
      const x = Math.round(scale.getPixelForValue(value));
      const { top, bottom } = chart.chartArea;
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = targetLineColour;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillStyle = targetLineColour;
      ctx.font = '600 14px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(label(), x + 1, top - 4);
      ctx.restore();
    },
  };
}
