import type { KitCheck, KitProblem, LanguageSummary } from '../../../server/languages/schema.ts';
import { ApiError } from '../shared/api.ts';
import { formatNumber } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

const percent = (coverage: number) => `${formatNumber(coverage * 100, 1)} %`;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a kit file as it is (the route takes the bytes), dry run or not. */
async function sendKit(file: File, dryRun: boolean): Promise<KitCheck> {
  const res = await fetch(`/api/languages/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': /\.csv$/i.test(file.name) ? 'text/csv' : xlsxType },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (res.ok) return body as KitCheck;
  const details = body?.error?.details as KitCheck | undefined;
  if (details && Array.isArray(details.errors)) return details;
  throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? '');
}

const problemItem = (problem: KitProblem) =>
  el('li', {}, [
    el('strong', {
      textContent: problem.row
        ? t('languages.row', { row: problem.row })
        : t('languages.missingRow'),
    }),
    ` ${problem.key ?? ''}: ${problem.message}`,
  ]);

function languagesTable(languages: LanguageSummary[]) {
  return el('table', { className: 'languages-table' }, [
    el('thead', {}, [
      el('tr', {}, [
        el('th', { textContent: t('languages.language'), attrs: { scope: 'col' } }),
        el('th', { textContent: t('languages.coverage'), attrs: { scope: 'col' } }),
        el('th', { textContent: t('languages.offered'), attrs: { scope: 'col' } }),
        el('th', { textContent: t('languages.kit'), attrs: { scope: 'col' } }),
      ]),
    ]),
    el(
      'tbody',
      {},
      languages.map((language) => {
        const source = language.code === 'vi' || language.code === 'en';
        const kit = (format: 'xlsx' | 'csv') =>
          el('a', {
            href: `/api/languages/${language.code}/kit?format=${format}`,
            textContent: format.toUpperCase(),
            attrs: { download: `strings-${language.code}.${format}` },
          });
        return el('tr', { attrs: { 'data-code': language.code } }, [
          el('th', { attrs: { scope: 'row' } }, [
            `${language.nameVi} · `,
            el('span', { lang: language.code, textContent: language.name }),
            ` (${language.code})`,
          ]),
          el('td', { className: 'num', textContent: percent(language.coverage) }),
          el('td', { textContent: language.offered ? t('languages.yes') : t('languages.no') }),
          el('td', {}, source ? [t('languages.source')] : [kit('xlsx'), ' · ', kit('csv')]),
        ]);
      }),
    ),
  ]);
}

/**
 * Languages (admins): each language's coverage and whether residents are offered it, its
 * translator's kit to download, and a filled kit to upload: checked first (every problem
 * listed by row), stored only on a second press when it has none.
 */
export function mountLanguagesScreen(element: HTMLElement, deps: { api: Api }): Part {
  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'hint' });
  const listHost = el('div');
  const uploadTitle = el('h2');
  const fileLabel = el('label', { htmlFor: 'kit-file' });
  const fileInput = el('input', {
    type: 'file',
    id: 'kit-file',
    name: 'kit',
    accept: '.xlsx,.csv',
  });
  const checkButton = el('button', { type: 'button' });
  const storeButton = el('button', { type: 'button', className: 'primary', hidden: true });
  const outcome = el('div', { attrs: { role: 'status' } });
  element.append(
    heading,
    intro,
    listHost,
    el('section', {}, [
      uploadTitle,
      fileLabel,
      fileInput,
      el('p', {}, [checkButton, ' ', storeButton]),
      outcome,
    ]),
  );
  let list: Part | null = null;
  const loadList = () => {
    list?.destroy();
    list = mountLoading(listHost, {
      load: () => deps.api<LanguageSummary[]>('/api/languages'),
      ready: (languages) => {
        const stop = onLanguage(() => listHost.replaceChildren(languagesTable(languages)));
        return { destroy: stop };
      },
    });
  };
  let last: KitCheck | null = null;
  const renderOutcome = () => {
    if (!last) return outcome.replaceChildren();
    const values = {
      language: last.language ?? '',
      translated: last.translated,
      needed: last.needed,
      coverage: percent(last.coverage),
    };
    const parts: Node[] = [];
    if (last.errors.length > 0) {
      parts.push(
        el('p', {
          className: 'error',
          textContent: t('languages.problems', { count: last.errors.length }),
        }),
        el('ul', { className: 'kit-problems' }, last.errors.map(problemItem)),
      );
    } else {
      parts.push(
        el('p', { textContent: t(last.stored ? 'languages.stored' : 'languages.checked', values) }),
      );
    }
    if (last.warnings.length > 0) {
      parts.push(
        el('h3', { textContent: t('languages.warnings', { count: last.warnings.length }) }),
        el('ul', { className: 'kit-warnings' }, last.warnings.map(problemItem)),
      );
    }
    outcome.replaceChildren(...parts);
  };
  const run = async (dryRun: boolean) => {
    const file = fileInput.files?.[0];
    if (!file) return;
    outcome.replaceChildren(el('p', { textContent: t('languages.checking') }));
    storeButton.hidden = true;
    try {
      last = await sendKit(file, dryRun);
      storeButton.hidden = !dryRun || last.errors.length > 0;
      renderOutcome();
      if (last.stored) loadList();
    } catch (error) {
      last = null;
      outcome.replaceChildren(el('p', { className: 'error', textContent: errorText(error) }));
    }
  };
  const check = () => void run(true);
  const store = () => void run(false);
  const changed = () => {
    last = null;
    storeButton.hidden = true;
    outcome.replaceChildren();
  };
  checkButton.addEventListener('click', check);
  storeButton.addEventListener('click', store);
  fileInput.addEventListener('change', changed);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('languages.title'));
    intro.textContent = t('languages.intro');
    uploadTitle.textContent = t('languages.uploadTitle');
    fileLabel.textContent = t('languages.file');
    checkButton.textContent = t('languages.check');
    storeButton.textContent = t('languages.store');
    renderOutcome();
  });
  loadList();
  return {
    destroy() {
      stopLanguage();
      list?.destroy();
      checkButton.removeEventListener('click', check);
      storeButton.removeEventListener('click', store);
      fileInput.removeEventListener('change', changed);
      element.replaceChildren();
    },
  };
}
