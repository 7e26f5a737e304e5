import type { DimensionKey } from '../../../server/questionnaires/schema.ts';
import type { CommuneResult, WaveResults } from '../../../server/results/schema.ts';
import { dimensionNames, translate } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { formatInterval, formatMean, formatPercent } from './format.ts';
import { mountLoading } from './loading.ts';
import { pt } from './print-messages.ts';
import { methodFooter, printBand, printBands, reportHead, reportTable } from './print-parts.ts';
import type { Api, Part, Trend } from './types.ts';

const dimensionKeys: readonly DimensionKey[] = ['security', 'opportunity', 'culture', 'trust'];

/** The headline in one sentence, and whether the target is met. */
function headline(results: WaveResults, targetYear: number) {
  const { headline: h, threshold } = results;
  return el('section', { className: 'report-headline' }, [
    el('p', {
      className: 'headline-sentence',
      textContent: pt('print.headline', {
        meeting: h.meeting,
        total: h.total,
        threshold,
        share: formatPercent(h.share),
        year: targetYear,
        target: formatPercent(h.targetShare),
        needed: h.needed,
      }),
    }),
    el('p', {
      textContent: h.targetMet
        ? pt('print.targetMet')
        : pt('print.targetNotMet', { missing: Math.max(0, h.needed - h.meeting) }),
    }),
  ]);
}

/** The colour key: each band in words, so the colours are never the only signal. */
function legend(threshold: number) {
  return el('p', { className: 'band-legend' }, [
    el('span', { textContent: pt('print.legend') }),
    ...printBands.map((band) =>
      el('span', {
        className: `band-key band-${band}`,
        textContent: pt(`print.band.${band}`, { threshold }),
      }),
    ),
  ]);
}

/**
 * One row: rank, commune, responses, then the overall score and each dimension in a cell
 * coloured by its distance from the threshold, then the status. A commune with too few
 * responses shows its figures in grey with no band and no verdict.
 */
function communeRow(commune: CommuneResult, threshold: number) {
  const insufficient = commune.status === 'insufficient';
  const cell = (mean: number | null) => {
    const band = insufficient ? 'none' : printBand(mean, threshold);
    return el('td', { className: `num band-${band}`, textContent: formatMean(mean) });
  };
  const status = insufficient
    ? pt('print.insufficientRow')
    : pt(
        commune.status === 'meets'
          ? commune.confident
            ? 'print.status.meetsSure'
            : 'print.status.meets'
          : 'print.status.below',
      );
  return el('tr', { className: `status-${commune.status}`, attrs: { 'data-code': commune.code } }, [
    el('td', { className: 'num', textContent: commune.rank === null ? '–' : String(commune.rank) }),
    el('th', { attrs: { scope: 'row' }, textContent: commune.name }),
    el('td', { className: 'num', textContent: String(commune.n) }),
    cell(commune.overall.mean),
    el('td', {
      className: 'num interval',
      textContent: formatInterval(commune.overall.ciLow, commune.overall.ciHigh),
    }),
    ...dimensionKeys.map((key) => cell(commune.dimensions[key].mean)),
    el('td', { textContent: status }),
  ]);
}

/**
 * The province report for A4 paper: the headline, and the ranking as a commune × dimension
 * table coloured by distance from the threshold (the printed form of the heatmap), then the
 * method. From `GET /api/results`, so only the roles that may read the ranking print it.
 */
export function mountPrintProvince(
  element: HTMLElement,
  deps: { api: Api; wave: string | null; trend: Trend },
): Part {
  const page = el('article', { className: 'report report-province' });
  element.append(page);
  const query = deps.wave ? `?wave=${deps.wave}` : '';
  return mountLoading(page, {
    load: () => deps.api<WaveResults>(`/api/results${query}`),
    ready: (results) => {
      const { threshold } = results;
      const stopLanguage = onLanguage(() => {
        const { toolbar, header, heading } = reportHead({
          wave: results.wave,
          title: pt('print.provinceTitle', { total: results.headline.total }),
          back: { href: '#/ranking', label: pt('print.backRanking') },
        });
        const table = reportTable(
          pt('print.tableCaption', { threshold }),
          [
            { text: pt('print.col.rank'), num: true },
            { text: pt('print.col.commune') },
            { text: pt('print.col.n'), num: true },
            { text: translate(dimensionNames, 'overall'), num: true },
            { text: pt('print.col.interval'), num: true },
            ...dimensionKeys.map((key) => ({ text: translate(dimensionNames, key), num: true })),
            { text: pt('print.status') },
          ],
          results.communes.map((commune) => communeRow(commune, threshold)),
          'province',
        );
        page.replaceChildren(
          toolbar,
          header,
          headline(results, deps.trend.targetYear),
          el('section', { className: 'report-ranking' }, [
            el('h2', { textContent: pt('print.table') }),
            legend(threshold),
            table,
          ]),
          methodFooter(results),
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
