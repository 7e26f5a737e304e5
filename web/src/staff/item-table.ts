import type { CommuneItems } from '../../../server/results/item-means-schema.ts';
import { currentLanguage, dimensionNames, translate } from '../shared/i18n.ts';
import { el, onLanguage, uniqueId } from './dom.ts';
import { formatMean, formatPercent } from './format.ts';
import { t } from './messages.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { CommuneDetail, Part } from './types.ts';

/** The words for a missing code: the 2026 form's 98 and 99; any other code by its number. */
const missingLabel = (code: number) =>
  code === 98
    ? t('col.dontKnow')
    : code === 99
      ? t('col.notApplicable')
      : t('col.missingCode', { code });

/**
 * Every scored item of the commune: its wording as residents read it, valid answers, mean
 * item score, and the shares of "don't know" and of "not applicable" apart (from
 * `GET /api/results/:communeCode/items`; the combined share when that is unavailable),
 * flagged above 20% together (METHOD.md section 7) in words, not colour. The internal names
 * are for analysts only, behind a toggle.
 */
export function mountItemTable(
  element: HTMLElement,
  deps: {
    detail: CommuneDetail;
    items?: CommuneItems | null;
    titles: QuestionTitles;
    showNamesToggle?: boolean;
  },
): Part {
  const { items } = deps.detail;
  const apart = deps.items ?? null;
  const codes = apart?.missingCodes ?? [];
  let showNames = false;
  const toggleId = uniqueId('item-names');

  const render = () => {
    const rows = items.map((item, index) => {
      const split = apart?.items[index]?.name === item.name ? apart.items[index] : undefined;
      const wording = deps.titles.get(item.name)?.[currentLanguage()];
      const question = el('th', { attrs: { scope: 'row' } }, [
        el('span', { textContent: wording ?? t('items.unnamed') }),
        ...(item.reverse
          ? [el('span', { className: 'reverse-note', textContent: ` ${t('items.reverse')}` })]
          : []),
        ...(showNames || !wording
          ? [el('span', { className: 'code', textContent: ` ${item.name}` })]
          : []),
      ]);
      const flag = item.dontKnowFlag
        ? el('span', { className: 'flag', textContent: t('items.flag') })
        : el('span', { className: 'hint', textContent: t('items.noFlag') });
      const missingCells = split
        ? split.missing.map((m) =>
            el('td', {
              className: 'num',
              textContent: formatPercent(m.rate),
              attrs: { 'data-col': `missing-${m.code}` },
            }),
          )
        : [
            el('td', {
              className: 'num',
              textContent: formatPercent(item.dontKnowRate),
              attrs: { 'data-col': 'missing' },
            }),
          ];
      return el(
        'tr',
        { className: item.dontKnowFlag ? 'flagged' : '', attrs: { 'data-item': item.name } },
        [
          question,
          el('td', { textContent: translate(dimensionNames, item.dimension) }),
          el('td', { className: 'num', textContent: String(item.n) }),
          el('td', { className: 'num', textContent: formatMean(item.mean) }),
          ...missingCells,
          el('td', {}, [flag]),
        ],
      );
    });
    const head: Array<{ text: string; numeric: boolean }> = [
      { text: t('col.question'), numeric: false },
      { text: t('col.dimension'), numeric: false },
      { text: t('col.validAnswers'), numeric: true },
      { text: t('col.itemMean'), numeric: true },
      ...(apart
        ? codes.map((code) => ({ text: missingLabel(code), numeric: true }))
        : [{ text: t('col.dontKnowOrNa'), numeric: true }]),
      { text: t('col.flag'), numeric: false },
    ];
    const toggle = deps.showNamesToggle
      ? [
          el('p', { className: 'names-toggle' }, [
            el('input', { type: 'checkbox', id: toggleId, name: 'item-names', checked: showNames }),
            el('label', { htmlFor: toggleId, textContent: ` ${t('items.showNames')}` }),
          ]),
        ]
      : [];
    element.replaceChildren(
      el('h2', { textContent: t('items.title') }),
      el('p', { className: 'hint', textContent: t('items.note') }),
      ...toggle,
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data items' }, [
          el('caption', { textContent: t('items.caption', { wave: deps.detail.wave }) }),
          el('thead', {}, [
            el(
              'tr',
              {},
              head.map((column) =>
                el('th', {
                  attrs: { scope: 'col' },
                  className: column.numeric ? 'num' : '',
                  textContent: column.text,
                }),
              ),
            ),
          ]),
          el('tbody', {}, rows),
        ]),
      ]),
    );
    element.querySelector<HTMLInputElement>(`#${toggleId}`)?.addEventListener('change', (event) => {
      showNames = (event.target as HTMLInputElement).checked;
      render();
      element.querySelector<HTMLInputElement>(`#${toggleId}`)?.focus();
    });
  };
  const stopLanguage = onLanguage(render);
  return {
    destroy() {
      stopLanguage();
      element.replaceChildren();
    },
  };
}
