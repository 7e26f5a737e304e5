import type { Role } from '../../../server/users/schema.ts';
import { el, onLanguage } from './dom.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/** A download link to an export of the wave (omitted: the server's latest wave). */
function exportHref(file: string, params: Record<string, string | null>) {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null),
  ).toString();
  return `/api/exports/${file}${query ? `?${query}` : ''}`;
}

/**
 * Plain download links: the browser sends the session cookie and saves the file, with no
 * script in between. A commune officer gets their own commune's responses only.
 */
export function mountExports(
  element: HTMLElement,
  deps: { wave: string | null; role: Role; communeCode: string | null },
): Part {
  const { wave, role, communeCode } = deps;
  const stopLanguage = onLanguage(() => {
    const link = (file: string, label: string, params: Record<string, string | null>) =>
      el('li', {}, [
        el('a', {
          className: 'download',
          href: exportHref(file, { wave, ...params }),
          download: '',
          textContent: label,
        }),
      ]);
    const links =
      communeCode !== null
        ? [link('responses.csv', t('exports.communeResponses'), { communeCode })]
        : [];
    if (role !== 'commune_officer' && communeCode === null) {
      links.push(
        link('results.csv', t('exports.resultsCsv'), {}),
        link('results.xlsx', t('exports.resultsXlsx'), {}),
        link('responses.csv', t('exports.responses'), {}),
      );
    }
    element.replaceChildren(
      el('section', { className: 'card exports', attrs: { 'aria-labelledby': 'exports-title' } }, [
        el('h2', { id: 'exports-title', textContent: t('exports.title', { wave: wave ?? '' }) }),
        el('ul', { className: 'downloads' }, links),
        el('p', { className: 'hint', textContent: t('exports.note') }),
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
