import type { WaveResults } from '../../../server/results/schema.ts';
import type { Staff } from '../../../server/users/schema.ts';
import { allParts, el, onLanguage, setHeading } from './dom.ts';
import { mountExports } from './exports.ts';
import { mountHeadlineCard } from './headline-card.ts';
import { mountLoading } from './loading.ts';
import { mountMeansChart } from './means-chart.ts';
import { t } from './messages.ts';
import { mountRankingTable } from './ranking-table.ts';
import type { Api, Part, Trend } from './types.ts';
import { mountWavePicker } from './wave-picker.ts';

/** The province's screen: the headline, every commune's mean on a chart, the ranking, downloads. */
export function mountRankingScreen(
  element: HTMLElement,
  deps: {
    api: Api;
    wave: string | null;
    waves: readonly string[];
    onWaveChange: (wave: string) => void;
    trend: Trend;
    me: Staff;
  },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const toolbar = el('div', { className: 'toolbar' });
  const body = el('div');
  element.append(heading, toolbar, body);
  const picker = mountWavePicker(toolbar, {
    waves: deps.waves,
    selected: deps.wave,
    onChange: deps.onWaveChange,
  });
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('ranking.title'));
  });
  const query = deps.wave ? `?wave=${deps.wave}` : '';
  const loading = mountLoading(body, {
    load: () => deps.api<WaveResults>(`/api/results${query}`),
    ready: (results) => {
      const host = (className: string) => el('div', { className });
      const hosts = {
        headline: host('headline-host'),
        chart: el('figure', { className: 'card chart means' }),
        table: host('ranking-host'),
        exports: host('exports-host'),
      };
      body.append(hosts.headline, hosts.chart, hosts.table, hosts.exports);
      const parts = [
        mountHeadlineCard(hosts.headline, { results, trend: deps.trend }),
        mountMeansChart(hosts.chart, { results }),
        mountRankingTable(hosts.table, { results }),
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
