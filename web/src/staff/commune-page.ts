import type { CommuneItems } from '../../../server/results/item-means-schema.ts';
import type { Staff } from '../../../server/users/schema.ts';
import { ApiError } from '../shared/api.ts';
import { mountCommuneTrend } from './commune-trend.ts';
import { mountDimensionSection } from './dimension-section.ts';
import { allParts, el, onLanguage, setHeading } from './dom.ts';
import { mountExports } from './exports.ts';
import { formatInterval, formatMean, formatPercent, statusText } from './format.ts';
import { mountIntegritySummary } from './integrity-counts.ts';
import { mountItemTable } from './item-table.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { communeReportLink } from './print-link.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { Api, CommuneDetail, Part, Trend } from './types.ts';
import { chanceWords, explainButton, intervalWords, responsesNeeded } from './uncertainty.ts';
import { mountWavePicker } from './wave-picker.ts';
import { weightingNote } from './weighting-note.ts';

/** The measures a `?dimension=` can open the page at; `overall` is the summary. */
const focusable = ['overall', 'security', 'opportunity', 'culture', 'trust'] as const;

/**
 * The commune's overall figures: status in words, n, mean and interval, chance of meeting,
 * each figure that needs it with a "?" that says what it means for this commune. A commune
 * with too few responses gets no verdict (no chance, no rank): only how many more it needs.
 */
function mountSummary(element: HTMLElement, detail: CommuneDetail): Part {
  const { commune, threshold, wave, minN } = detail;
  const insufficient = commune.status === 'insufficient';
  const stopLanguage = onLanguage(() => {
    const item = (label: string, value: string, name: string, explain?: string) => {
      const help = explain ? explainButton(label, explain) : null;
      return el('div', {}, [
        el('dt', {}, [label, ...(help ? [' ', help.button] : [])]),
        el('dd', { textContent: value, attrs: { 'data-figure': name } }),
        ...(help ? [el('dd', { className: 'explain-host' }, [help.note])] : []),
      ]);
    };
    const figures = [
      item(t('col.wave'), wave, 'wave'),
      item(t('col.n'), String(commune.n), 'n'),
      item(t('commune.mean'), formatMean(commune.overall.mean), 'mean'),
      item(
        t('col.interval'),
        formatInterval(commune.overall.ciLow, commune.overall.ciHigh),
        'interval',
        intervalWords({ subject: t('explain.theCommune'), ...commune.overall, n: commune.n }),
      ),
      ...(insufficient
        ? []
        : [
            item(
              t('col.pMeets', { threshold }),
              formatPercent(commune.pMeets),
              'pMeets',
              chanceWords(commune.pMeets, threshold),
            ),
            item(t('col.rank'), commune.rank === null ? '–' : String(commune.rank), 'rank'),
          ]),
    ];
    element.replaceChildren(
      el('h2', { textContent: t('commune.overall'), tabIndex: -1, id: 'measure-overall' }),
      el('p', {}, [
        el('span', {
          className: `status-band status-${commune.status}`,
          textContent: statusText(commune, minN),
        }),
      ]),
      // Whether the figures are weighted to the commune's population, and how many it stands for.
      weightingNote({ weighting: commune.weighting, measure: commune.overall }),
      ...(insufficient
        ? [
            el('p', {
              className: 'need-more',
              attrs: { 'data-figure': 'need' },
              textContent: t('commune.needMore', {
                more: responsesNeeded(commune.n, minN),
                n: commune.n,
                minN,
              }),
            }),
          ]
        : []),
      el('dl', { className: 'summary' }, figures),
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
 * every item with its "don't know" and "not applicable" shares, the trend over waves and its responses to download.
 * Opened at a dimension (`?dimension=trust`, from a heatmap cell), it scrolls to that
 * dimension and moves focus there. A commune officer asking for another commune gets the
 * API's 403, shown as "not allowed", with nothing of that commune named.
 */
export function mountCommunePage(
  element: HTMLElement,
  deps: {
    api: Api;
    code: string;
    dimension?: string | null;
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
  element.append(
    ...(backTo ? [back] : []),
    el('div', { className: 'screen-head' }, [heading, toolbar]),
    body,
  );
  const picker = mountWavePicker(toolbar, {
    waves: deps.waves,
    selected: deps.wave,
    onChange: deps.onWaveChange,
  });
  // Until the API says the commune may be seen, the heading names nothing: a refused page
  // must not show which commune was asked for.
  let state: 'loading' | 'refused' | 'missing' | 'shown' = 'loading';
  let name: string | null = null;
  const headingText = () =>
    state === 'shown' && name
      ? `${name} (${code})`
      : state === 'refused'
        ? t('notAllowed.title')
        : state === 'missing'
          ? t('error.notFound')
          : t('commune.loadingTitle');
  const stopLanguage = onLanguage(() => {
    if (backTo) back.replaceChildren(el('a', { href: backTo.href, textContent: t(backTo.label) }));
    setHeading(heading, headingText());
  });
  const query = deps.wave ? `?wave=${deps.wave}` : '';
  const loading = mountLoading(body, {
    load: () =>
      Promise.all([
        deps.api<CommuneDetail>(`/api/results/${code}${query}`),
        // "Don't know" and "not applicable" apart; without them, the combined share will do.
        deps.api<CommuneItems>(`/api/results/${code}/items${query}`).catch(() => null),
        // The wording only makes the items easier to read: without it, the codes will do.
        deps.questionTitles().catch(() => new Map() as QuestionTitles),
      ]).catch((error: unknown) => {
        if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
          state = error.status === 403 ? 'refused' : 'missing';
          setHeading(heading, headingText());
        }
        throw error;
      }),
    ready: ([detail, items, titles]) => {
      name = detail.commune.name;
      state = 'shown';
      setHeading(heading, headingText());
      // Only once the commune may be seen: the link's address names it.
      toolbar.append(communeReportLink(code, detail.wave));
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
        mountItemTable(hosts[3], {
          detail,
          items,
          titles,
          showNamesToggle: me.role !== 'commune_officer',
        }),
        mountCommuneTrend(hosts[4], { trend: deps.trend, code, minN: detail.minN }),
        mountExports(hosts[5], { wave: detail.wave, role: me.role, communeCode: code }),
      ];
      openAt(deps.dimension ?? null);
      return allParts(parts);
    },
  });

  /** Scrolls to the measure asked for and moves focus to it, so the keyboard starts there. */
  const openAt = (dimension: string | null) => {
    const measure = focusable.find((m) => m === dimension);
    if (!measure) return;
    const target = body.querySelector<HTMLElement>(`#measure-${measure}`);
    if (!target) return;
    // After the router's own focus on the heading, which runs once this screen is mounted.
    requestAnimationFrame(() => {
      // Centred, so the row is seen with the chart and the rows around it.
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    });
  };

  return {
    destroy() {
      stopLanguage();
      picker.destroy();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
