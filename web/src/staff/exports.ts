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
 * script in between. Two groups, and the screen says which is which: Excel files for people
 * (words, rounded figures, codes kept as text) and CSV files for machines (codes, full
 * precision, with the column dictionary). A commune officer gets their own commune only.
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
    const forPeople: HTMLElement[] = [];
    const forMachines: HTMLElement[] = [];
    if (communeCode !== null) {
      forPeople.push(link('responses.xlsx', t('exports.communeResponsesXlsx'), { communeCode }));
      forMachines.push(link('responses.csv', t('exports.communeResponses'), { communeCode }));
    }
    if (role !== 'commune_officer' && communeCode === null) {
      forPeople.push(
        link('results.xlsx', t('exports.resultsXlsx'), {}),
        link('responses.xlsx', t('exports.responsesXlsx'), {}),
      );
      forMachines.push(
        link('results.csv', t('exports.resultsCsv'), {}),
        link('responses.csv', t('exports.responses'), {}),
      );
    }
    forMachines.push(link('responses-dictionary.csv', t('exports.dictionary'), {}));
    const group = (id: string, title: string, note: string, links: HTMLElement[]) =>
      el('section', { className: 'download-group', attrs: { 'aria-labelledby': id } }, [
        el('h3', { id, textContent: title }),
        el('p', { className: 'hint', textContent: note }),
        el('ul', { className: 'downloads' }, links),
      ]);
    element.replaceChildren(
      el('section', { className: 'card exports', attrs: { 'aria-labelledby': 'exports-title' } }, [
        el('h2', { id: 'exports-title', textContent: t('exports.title', { wave: wave ?? '' }) }),
        group('exports-people', t('exports.forPeople'), t('exports.forPeopleNote'), forPeople),
        group(
          'exports-machines',
          t('exports.forMachines'),
          t('exports.forMachinesNote'),
          forMachines,
        ),
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
