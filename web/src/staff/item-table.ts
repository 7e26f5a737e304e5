import { currentLanguage, dimensionNames, translate } from '../shared/i18n.ts';
import { el, onLanguage } from './dom.ts';
import { formatMean, formatPercent } from './format.ts';
import { t } from './messages.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { CommuneDetail, Part } from './types.ts';

/**
 * Every scored item of the commune: its wording, valid answers, mean item score and the share
 * of "don't know" answers, flagged above 20% (METHOD.md section 7) in words, not colour.
 */
export function mountItemTable(
  element: HTMLElement,
  deps: { detail: CommuneDetail; titles: QuestionTitles },
): Part {
  const { items } = deps.detail;
  const stopLanguage = onLanguage(() => {
    const rows = items.map((item) => {
      const wording = deps.titles.get(item.name)?.[currentLanguage()] ?? item.name;
      const question = el('th', { attrs: { scope: 'row' } }, [
        el('span', { textContent: wording }),
        el('span', {
          className: 'code',
          textContent: ` ${item.name}${item.reverse ? ` · ${t('items.reverse')}` : ''}`,
        }),
      ]);
      const flag = item.dontKnowFlag
        ? el('span', { className: 'flag', textContent: t('items.flag') })
        : el('span', { className: 'hint', textContent: t('items.noFlag') });
      return el('tr', { className: item.dontKnowFlag ? 'flagged' : '' }, [
        question,
        el('td', { textContent: translate(dimensionNames, item.dimension) }),
        el('td', { className: 'num', textContent: String(item.n) }),
        el('td', { className: 'num', textContent: formatMean(item.mean) }),
        el('td', { className: 'num', textContent: formatPercent(item.dontKnowRate) }),
        el('td', {}, [flag]),
      ]);
    });
    const head = [
      'col.question',
      'col.dimension',
      'col.n',
      'col.itemMean',
      'col.dontKnow',
      'col.flag',
    ];
    element.replaceChildren(
      el('h2', { textContent: t('items.title') }),
      el('p', { className: 'hint', textContent: t('items.note') }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data items' }, [
          el('caption', { textContent: t('items.caption', { wave: deps.detail.wave }) }),
          el('thead', {}, [
            el(
              'tr',
              {},
              head.map((key, index) =>
                el('th', {
                  attrs: { scope: 'col' },
                  className: index >= 2 && index <= 4 ? 'num' : '',
                  textContent: t(key),
                }),
              ),
            ),
          ]),
          el('tbody', {}, rows),
        ]),
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
