import './print.css';
import { methodVersion } from '../../../server/exports/method-version.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { el } from './dom.ts';
import { pt } from './print-messages.ts';

/**
 * How far a mean is from the threshold, in the five bands of the on-screen heatmap (points
 * short: under 5, 5–10, 10–20, over 20), so that a printed table and the screen read alike;
 * `none` where there is no mean or no verdict (a commune with too few responses).
 *
 * @example printBand(91.2, 90) // 'reached'
 * @example printBand(80, 90)   // 'short' (exactly 10 short: the edge belongs to the nearer band)
 */
export type PrintBand = 'reached' | 'near' | 'short' | 'far' | 'veryFar' | 'none';
export function printBand(mean: number | null, threshold: number): PrintBand {
  if (mean === null || Number.isNaN(mean)) return 'none';
  const distance = mean - threshold;
  if (distance >= 0) return 'reached';
  if (distance >= -5) return 'near';
  if (distance >= -10) return 'short';
  if (distance >= -20) return 'far';
  return 'veryFar';
}
export const printBands: readonly PrintBand[] = [
  'reached',
  'near',
  'short',
  'far',
  'veryFar',
  'none',
];

/**
 * The screen-only bar above a report (a print button, the way back, a hint that the page is
 * laid out for A4) and the report's own heading: the kicker line, then the title.
 */
export function reportHead(options: {
  wave: string;
  title: string;
  back: { href: string; label: string };
}) {
  const print = el('button', { type: 'button', textContent: pt('print.print') });
  print.addEventListener('click', () => window.print());
  const toolbar = el('div', { className: 'print-toolbar' }, [
    el('a', { href: options.back.href, textContent: options.back.label }),
    print,
    el('p', { className: 'hint', textContent: pt('print.hint') }),
  ]);
  const heading = el('h1', { tabIndex: -1, textContent: options.title });
  const header = el('header', { className: 'report-head' }, [
    el('p', { className: 'kicker', textContent: pt('print.kicker', { wave: options.wave }) }),
    heading,
  ]);
  return { toolbar, header, heading };
}

/** The line every report ends with: the method version, its rules, and the day of the figures. */
export function methodFooter(options: {
  questionnaireId: string;
  threshold: number;
  minN: number;
}) {
  const date = new Intl.DateTimeFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date());
  return el('footer', { className: 'report-foot' }, [
    el('p', {
      textContent: pt('print.method', {
        method: methodVersion,
        questionnaire: options.questionnaireId,
        threshold: options.threshold,
        minN: options.minN,
        date,
      }),
    }),
  ]);
}

const clamp = (value: number) => Math.min(100, Math.max(0, value));

/**
 * A 0–100 bar for paper: the mean filled, the 95% interval as a thin bar, the threshold as an
 * upright line. Decorative (hidden from screen readers): its row says the same in numbers.
 * Drawn with boxes, not a canvas, so that the browser's print keeps it sharp on any printer.
 */
export function scoreBar(
  mean: number | null,
  interval: { low: number | null; high: number | null },
  threshold: number,
) {
  const bar = el('div', { className: 'score-bar', attrs: { 'aria-hidden': 'true' } });
  if (mean !== null) {
    const fill = el('span', { className: `score-fill band-${printBand(mean, threshold)}` });
    fill.style.width = `${clamp(mean)}%`;
    bar.append(fill);
  }
  if (interval.low !== null && interval.high !== null) {
    const ci = el('span', { className: 'score-ci' });
    ci.style.left = `${clamp(interval.low)}%`;
    ci.style.width = `${clamp(interval.high) - clamp(interval.low)}%`;
    bar.append(ci);
  }
  const line = el('span', { className: 'score-line' });
  line.style.left = `${clamp(threshold)}%`;
  bar.append(line);
  return bar;
}

/** A table with its caption and column headings (`num` columns right-aligned). */
export function reportTable(
  caption: string,
  headings: ReadonlyArray<{ text: string; num?: boolean }>,
  rows: HTMLTableRowElement[],
  className = '',
) {
  return el('table', { className: `report-table ${className}`.trim() }, [
    el('caption', { textContent: caption }),
    el('thead', {}, [
      el(
        'tr',
        {},
        headings.map((heading) =>
          el('th', {
            attrs: { scope: 'col' },
            className: heading.num ? 'num' : '',
            textContent: heading.text,
          }),
        ),
      ),
    ]),
    el('tbody', {}, rows),
  ]);
}
