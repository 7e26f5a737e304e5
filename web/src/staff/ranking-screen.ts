import type { WaveResults } from '../../../server/results/schema.ts';
import type { Staff } from '../../../server/users/schema.ts';
import { allParts, el, onLanguage, setHeading } from './dom.ts';
import { mountExports } from './exports.ts';
import { mountHeadlineCard } from './headline-card.ts';
import { mountHeatmap } from './heatmap.ts';
import { mountPriorities } from './heatmap-priorities.ts';
import { mountLoading } from './loading.ts';
import { mountMeansChart } from './means-chart.ts';
import { t } from './messages.ts';
import { provinceReportLink } from './print-link.ts';
import type { QuestionTitles } from './question-titles.ts';
import { mountRankingTable } from './ranking-table.ts';
import type { Api, Part, Trend } from './types.ts';
import { mountWavePicker } from './wave-picker.ts';

/**
 * The province's screen, in the order an official asks: the headline in one compact band,
 * then where each commune falls short (the heatmap, with the items to act on first beside
 * it) within the first screen, then the road to the target, every mean on a chart, the
 * ranking and the downloads.
 */
export function mountRankingScreen(
  element: HTMLElement,
  deps: {
    api: Api;
    wave: string | null;
    waves: readonly string[];
    onWaveChange: (wave: string) => void;
    trend: Trend;
    me: Staff;
    questionTitles?: () => Promise<QuestionTitles>;
  },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const toolbar = el('div', { className: 'toolbar' });
  const body = el('div');
  element.append(el('div', { className: 'screen-head' }, [heading, toolbar]), body);
  const picker = mountWavePicker(toolbar, {
    waves: deps.waves,
    selected: deps.wave,
    onChange: deps.onWaveChange,
  });
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('ranking.title'));
  });
  const titles = deps.questionTitles ?? (async () => new Map() as QuestionTitles);
  const query = deps.wave ? `?wave=${deps.wave}` : '';
  const loading = mountLoading(body, {
    load: () => deps.api<WaveResults>(`/api/results${query}`),
    ready: (results) => {
      toolbar.append(provinceReportLink(results.wave));
      const host = (className: string) => el('div', { className });
      const hosts = {
        headline: host('headline-host'),
        heatmap: el('section', {
          className: 'card heatmap-card',
          attrs: { 'aria-labelledby': 'heatmap-title' },
        }),
        priorities: el('section', {
          className: 'card priorities-card',
          attrs: { 'aria-labelledby': 'priorities-title' },
        }),
        trend: el('figure', { className: 'card chart share-trend' }),
        chart: el('figure', { className: 'card chart means' }),
        table: el('section', {
          className: 'card ranking-host',
          attrs: { 'aria-labelledby': 'ranking-table-title' },
        }),
        exports: host('exports-host'),
      };
      const heatmapTitle = el('h2', { id: 'heatmap-title' });
      const tableTitle = el('h2', { id: 'ranking-table-title' });
      const heatmapBody = el('div');
      const tableBody = el('div');
      hosts.heatmap.append(heatmapTitle, heatmapBody);
      hosts.table.append(tableTitle, tableBody);
      const stopTitles = onLanguage(() => {
        heatmapTitle.textContent = t('heatmap.title', { threshold: results.threshold });
        tableTitle.textContent = t('ranking.tableTitle');
      });
      body.append(
        hosts.headline,
        el('div', { className: 'insight' }, [hosts.heatmap, hosts.priorities]),
        hosts.trend,
        hosts.chart,
        hosts.table,
        hosts.exports,
      );
      const parts = [
        { destroy: stopTitles },
        mountHeadlineCard(hosts.headline, {
          results,
          trend: deps.trend,
          trendHost: hosts.trend,
        }),
        mountHeatmap(heatmapBody, { results }),
        mountPriorities(hosts.priorities, { api: deps.api, results, titles }),
        mountMeansChart(hosts.chart, { results }),
        mountRankingTable(tableBody, { results }),
        mountExports(hosts.exports, { wave: results.wave, role: deps.me.role, communeCode: null }),
      ];
      return allParts(parts);
    },
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
