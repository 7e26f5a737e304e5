import type { WaveItemMeans } from '../../../server/results/item-means-schema.ts';
import type { WaveResults } from '../../../server/results/schema.ts';
import { currentLanguage, dimensionNames, translate } from '../shared/i18n.ts';
import { el, onLanguage } from './dom.ts';
import { formatMean } from './format.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { Api, Part } from './types.ts';

const dimensionKeys = ['security', 'opportunity', 'culture', 'trust'] as const;

/** How many items the panel lists before "show all". */
const topItems = 8;

export type ItemPriority = {
  name: string;
  dimension: string;
  /** Communes with enough responses whose mean on the item is below the threshold. */
  below: number;
  /** Communes with enough responses and a mean on the item. */
  judged: number;
  /** The lowest commune mean on the item, for a tie-break and a hint of how far. */
  lowest: number | null;
};

/**
 * Per item, how many communes it holds below the threshold, most first: the items to act on
 * first. Only communes with enough responses count (the others have no verdict), so the
 * counts agree with the heatmap's coloured rows. Pure.
 *
 * @example
 *   itemPriorities(results, items) // [{ name: 'tru_police', below: 31, judged: 50, … }, …]
 */
export function itemPriorities(results: WaveResults, items: WaveItemMeans): ItemPriority[] {
  const judged = new Set(
    results.communes.filter((c) => c.status !== 'insufficient').map((c) => c.code),
  );
  const communes = items.communes.filter((c) => judged.has(c.code));
  return items.items
    .map((item, index) => {
      const means = communes
        .map((c) => c.items[index]?.mean ?? null)
        .filter((m): m is number => m !== null);
      return {
        name: item.name,
        dimension: item.dimension,
        below: means.filter((m) => m < results.threshold).length,
        judged: means.length,
        lowest: means.length > 0 ? Math.min(...means) : null,
      };
    })
    .sort((a, b) => b.below - a.below || (a.lowest ?? 101) - (b.lowest ?? 101));
}

/** Per dimension, how many communes with enough responses are below the threshold. */
export function dimensionsBelow(results: WaveResults) {
  const judged = results.communes.filter((c) => c.status !== 'insufficient');
  return dimensionKeys.map((key) => ({
    key,
    below: judged.filter((c) => {
      const mean = c.dimensions[key].mean;
      return mean !== null && mean < results.threshold;
    }).length,
    judged: judged.filter((c) => c.dimensions[key].mean !== null).length,
  }));
}

/**
 * Beside the heatmap, the province at once: for each dimension and then each item, how many
 * communes it holds below the threshold. The item means come from their own request
 * (`GET /api/results/items`), so the heatmap never waits for them.
 */
export function mountPriorities(
  element: HTMLElement,
  deps: { api: Api; results: WaveResults; titles: () => Promise<QuestionTitles> },
): Part {
  const { results } = deps;
  const { threshold } = results;
  const heading = el('h2', { id: 'priorities-title' });
  const intro = el('p', { className: 'hint' });
  const dimensionList = el('table', { className: 'data priorities' });
  const itemsHost = el('div');
  element.append(
    heading,
    intro,
    el('div', { className: 'table-scroll' }, [dimensionList]),
    itemsHost,
  );

  const stopLanguage = onLanguage(() => {
    const judged = results.communes.filter((c) => c.status !== 'insufficient').length;
    heading.textContent = t('priorities.title', { threshold });
    intro.textContent = t('priorities.intro', { judged, total: results.communes.length });
    dimensionList.replaceChildren(
      el('caption', { textContent: t('priorities.dimensionsCaption', { threshold }) }),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { attrs: { scope: 'col' }, textContent: t('col.dimension') }),
          el('th', {
            attrs: { scope: 'col' },
            className: 'num',
            textContent: t('priorities.communesBelow', { threshold }),
          }),
        ]),
      ]),
      el(
        'tbody',
        {},
        dimensionsBelow(results).map((d) =>
          el('tr', { attrs: { 'data-dimension': d.key } }, [
            el('th', { attrs: { scope: 'row' }, textContent: translate(dimensionNames, d.key) }),
            el('td', {
              className: 'num',
              textContent: t('priorities.count', { below: d.below, judged: d.judged }),
            }),
          ]),
        ),
      ),
    );
  });

  const query = results.wave ? `?wave=${results.wave}` : '';
  const loading = mountLoading(itemsHost, {
    load: () =>
      Promise.all([
        deps.api<WaveItemMeans>(`/api/results/items${query}`),
        deps.titles().catch(() => new Map() as QuestionTitles),
      ]),
    ready: ([items, titles]) => {
      const priorities = itemPriorities(results, items);
      const stop = onLanguage(() => {
        const row = (p: ItemPriority) =>
          el('tr', { attrs: { 'data-item': p.name } }, [
            el('th', {
              attrs: { scope: 'row' },
              textContent: titles.get(p.name)?.[currentLanguage()] ?? t('priorities.unnamed'),
            }),
            el('td', { textContent: translate(dimensionNames, p.dimension) }),
            el('td', {
              className: 'num',
              textContent: t('priorities.count', { below: p.below, judged: p.judged }),
            }),
            el('td', { className: 'num', textContent: formatMean(p.lowest) }),
          ]);
        const table = (list: ItemPriority[], caption: string) =>
          el('div', { className: 'table-scroll' }, [
            el('table', { className: 'data priorities items-first' }, [
              el('caption', { textContent: caption }),
              el('thead', {}, [
                el('tr', {}, [
                  el('th', { attrs: { scope: 'col' }, textContent: t('col.question') }),
                  el('th', { attrs: { scope: 'col' }, textContent: t('col.dimension') }),
                  el('th', {
                    attrs: { scope: 'col' },
                    className: 'num',
                    textContent: t('priorities.communesBelow', { threshold }),
                  }),
                  el('th', {
                    attrs: { scope: 'col' },
                    className: 'num',
                    textContent: t('priorities.lowest'),
                  }),
                ]),
              ]),
              el('tbody', {}, list.map(row)),
            ]),
          ]);
        const rest = priorities.slice(topItems);
        itemsHost.replaceChildren(
          table(priorities.slice(0, topItems), t('priorities.itemsCaption', { count: topItems })),
          ...(rest.length > 0
            ? [
                el('details', { className: 'more-items' }, [
                  el('summary', { textContent: t('priorities.more', { count: rest.length }) }),
                  table(rest, t('priorities.restCaption')),
                ]),
              ]
            : []),
        );
      });
      return {
        destroy() {
          stop();
          itemsHost.replaceChildren();
        },
      };
    },
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
