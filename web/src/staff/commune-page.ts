import type { Staff } from '../../../server/users/schema.ts';
import { mountCommuneTrend } from './commune-trend.ts';
import { mountDimensionSection } from './dimension-section.ts';
import { allParts, el, onLanguage, setHeading } from './dom.ts';
import { mountExports } from './exports.ts';
import { formatInterval, formatMean, formatPercent, statusText } from './format.ts';
import { mountIntegritySummary } from './integrity-counts.ts';
import { mountItemTable } from './item-table.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { Api, CommuneDetail, Part, Trend } from './types.ts';
import { mountWavePicker } from './wave-picker.ts';

/**
 * METHOD.md's default minimum n. `GET /api/results/:communeCode` does not say the minN in
 * force (and a commune officer may not read `/api/results`, which does), so the "why
 * insufficient" text uses the default.
 */
const defaultMinN = 30;

/** The commune's overall figures: status in words, n, mean and interval, chance of meeting. */
function mountSummary(element: HTMLElement, detail: CommuneDetail): Part {
  const { commune, threshold, wave } = detail;
  const stopLanguage = onLanguage(() => {
    const item = (label: string, value: string, name: string) =>
      el('div', {}, [
        el('dt', { textContent: label }),
        el('dd', { textContent: value, attrs: { 'data-figure': name } }),
      ]);
    element.replaceChildren(
      el('h2', { textContent: t('commune.overall') }),
      el('p', {}, [
        el('span', {
          className: `status-band status-${commune.status}`,
          textContent: statusText(commune, defaultMinN),
        }),
      ]),
      el('dl', { className: 'summary' }, [
        item(t('col.wave'), wave, 'wave'),
        item(t('col.n'), String(commune.n), 'n'),
        item(t('commune.mean'), formatMean(commune.overall.mean), 'mean'),
        item(
          t('col.interval'),
          formatInterval(commune.overall.ciLow, commune.overall.ciHigh),
          'interval',
        ),
        item(t('col.pMeets', { threshold }), formatPercent(commune.pMeets), 'pMeets'),
        item(t('col.rank'), commune.rank === null ? '–' : String(commune.rank), 'rank'),
      ]),
    );
  });
  return {
    destroy() {
      stopLanguage();
      element.replaceChildren();
    },
  };
}

/**
 * One commune: its figures, its flags awaiting review and excluded responses, the four dimensions against the threshold with the weakest named,
 * every item with its don't-know flag, the trend over waves and its responses to download.
 * A commune officer asking for another commune gets the API's 403, shown as "not allowed".
 */
export function mountCommunePage(
  element: HTMLElement,
  deps: {
    api: Api;
    code: string;
    wave: string | null;
    waves: readonly string[];
    onWaveChange: (wave: string) => void;
    trend: Trend;
    me: Staff;
    questionTitles: () => Promise<QuestionTitles>;
  },
): Part {
  const { code, me } = deps;
  const back = el('p', { className: 'back' });
  const heading = el('h1', { tabIndex: -1 });
  const toolbar = el('div', { className: 'toolbar' });
  const body = el('div');
  // An officer has no ranking to go back to, only their own commune (when not on it).
  const backTo =
    me.role !== 'commune_officer'
      ? { href: '#/ranking', label: 'commune.back' }
      : me.communeCode !== code
        ? { href: `#/commune/${me.communeCode}`, label: 'commune.backOwn' }
        : null;
  element.append(...(backTo ? [back] : []), heading, toolbar, body);
  const picker = mountWavePicker(toolbar, {
    waves: deps.waves,
    selected: deps.wave,
    onChange: deps.onWaveChange,
  });
  let name: string | null = null;
  const stopLanguage = onLanguage(() => {
    if (backTo) back.replaceChildren(el('a', { href: backTo.href, textContent: t(backTo.label) }));
    setHeading(heading, name ? `${name} (${code})` : t('commune.titleCode', { code }));
  });
  const query = deps.wave ? `?wave=${deps.wave}` : '';
  const loading = mountLoading(body, {
    load: () =>
      Promise.all([
        deps.api<CommuneDetail>(`/api/results/${code}${query}`),
        // The wording only makes the items easier to read: without it, the codes will do.
        deps.questionTitles().catch(() => new Map() as QuestionTitles),
      ]),
    ready: ([detail, titles]) => {
      name = detail.commune.name;
      setHeading(heading, `${name} (${code})`);
      const section = (className: string) => el('section', { className: `card ${className}` });
      const hosts = [
        section('commune-summary'),
        section('integrity'),
        section('dimensions'),
        section('items'),
        section('commune-trend'),
        el('div'),
      ] as const;
      body.append(...hosts);
      const parts = [
        mountSummary(hosts[0], detail),
        // An officer sees the counts too, but may not open the queue: they are judged on these.
        mountIntegritySummary(hosts[1], {
          commune: detail.commune,
          wave: detail.wave,
          linked: me.role !== 'commune_officer',
        }),
        mountDimensionSection(hosts[2], { detail }),
        mountItemTable(hosts[3], { detail, titles }),
        mountCommuneTrend(hosts[4], { trend: deps.trend, code, minN: defaultMinN }),
        mountExports(hosts[5], { wave: detail.wave, role: me.role, communeCode: code }),
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
