import type { WaveResults } from '../../../server/results/schema.ts';
import { el, onLanguage } from './dom.ts';
import { formatPercent } from './format.ts';
import { t } from './messages.ts';
import { mountShareTrend } from './share-trend-chart.ts';
import type { Part, Trend } from './types.ts';

/**
 * The province's target at a glance: how many communes meet the threshold, the share against
 * the "more than 90%" target, how many more are needed, and the road there wave by wave.
 * With `trendHost`, the road is drawn there instead of in the card, so that the card stays
 * one compact band above the heatmap.
 */
export function mountHeadlineCard(
  element: HTMLElement,
  deps: { results: WaveResults; trend: Trend; trendHost?: HTMLElement },
): Part {
  const { headline, threshold, wave } = deps.results;
  const figures = el('div', { className: 'headline-figures' });
  const chartHost = deps.trendHost ?? el('figure', { className: 'chart share-trend' });
  const inCard = deps.trendHost === undefined;
  const card = el('section', {
    className: 'card headline',
    attrs: { 'aria-labelledby': 'headline-title' },
  });
  element.append(card);

  const stopLanguage = onLanguage(() => {
    const more = Math.max(0, headline.needed - headline.meeting);
    const figure = (name: string, value: string, caption: string) =>
      el('p', { className: 'figure' }, [
        el('strong', { textContent: value, attrs: { 'data-figure': name } }),
        el('span', { textContent: caption }),
      ]);
    figures.replaceChildren(
      figure(
        'meeting',
        `${headline.meeting} / ${headline.total}`,
        t('headline.meeting', { threshold }),
      ),
      figure(
        'share',
        formatPercent(headline.share, 1),
        t('headline.share', { target: formatPercent(headline.targetShare) }),
      ),
      figure(
        'more',
        String(more),
        headline.targetMet
          ? t('headline.met')
          : t('headline.more', { needed: headline.needed, total: headline.total }),
      ),
    );
    card.classList.toggle('compact', !inCard);
    card.replaceChildren(
      el('h2', { id: 'headline-title', textContent: t('headline.title', { wave }) }),
      figures,
      el('p', {
        className: headline.targetMet ? 'target-state met' : 'target-state',
        textContent: headline.targetMet ? t('headline.targetMet') : t('headline.targetNotMet'),
      }),
      ...(inCard ? [chartHost] : []),
    );
  });
  const chart = mountShareTrend(chartHost, { trend: deps.trend });
  return {
    destroy() {
      stopLanguage();
      chart.destroy();
      element.replaceChildren();
    },
  };
}
