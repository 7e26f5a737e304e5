import type { RecordingImport } from '../../../server/audio/schema.ts';
import type { KitCheck, KitProblem, LanguageSummary } from '../../../server/languages/schema.ts';
import { formatNumber } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { recordingsDownloads, recordingsOutcome, sendRecordings } from './languages-recordings.ts';
import {
  mountCheckedUpload,
  problemList,
  problemsHeading,
  sendChecked,
} from './languages-upload.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

const percent = (coverage: number) => `${formatNumber(coverage * 100, 1)} %`;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const sendKit = (file: File, dryRun: boolean) =>
  sendChecked<KitCheck>(
    '/api/languages/import',
    file,
    /\.csv$/i.test(file.name) ? 'text/csv' : xlsxType,
    dryRun,
  );

const problemItem = (problem: KitProblem) =>
  el('li', {}, [
    el('strong', {
      textContent: problem.row
        ? t('languages.row', { row: problem.row })
        : t('languages.missingRow'),
    }),
    ` ${problem.key ?? ''}: ${problem.message}`,
  ]);

/** What a kit's check or store found: its problems, or the coverage it gives; its warnings. */
function kitOutcome(check: KitCheck): Node[] {
  const values = {
    language: check.language ?? '',
    translated: check.translated,
    needed: check.needed,
    coverage: percent(check.coverage),
  };
  const parts: Node[] =
    check.errors.length > 0
      ? [
          problemsHeading(check.errors.length),
          problemList('kit-problems', check.errors, problemItem),
        ]
      : [
          el('p', {
            textContent: t(check.stored ? 'languages.stored' : 'languages.checked', values),
          }),
        ];
  if (check.warnings.length > 0) {
    parts.push(
      el('h3', { textContent: t('languages.warnings', { count: check.warnings.length }) }),
      problemList('kit-warnings', check.warnings, problemItem),
    );
  }
  return parts;
}

function languagesTable(languages: LanguageSummary[]) {
  const table = el('table', { className: 'data languages-table' }, [
    el('thead', {}, [
      el('tr', {}, [
        el('th', { textContent: t('languages.language'), attrs: { scope: 'col' } }),
        el('th', {
          className: 'num',
          textContent: t('languages.coverage'),
          attrs: { scope: 'col' },
        }),
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
  // The staff tables' look, and its own scroll on a narrow screen or at 200% zoom.
  return el('div', { className: 'table-scroll' }, [table]);
}

/**
 * Languages (admins): each language's coverage and whether residents are offered it, its
 * translator's kit and its recordings (of the questionnaire served now) to download, and a
 * filled kit or a recordings zip to upload: each checked first (every problem listed), stored
 * only on a second press when it has none.
 */
export function mountLanguagesScreen(element: HTMLElement, deps: { api: Api }): Part {
  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'hint' });
  const listHost = el('div');
  const downloadsHost = el('div');
  element.append(heading, intro, listHost);
  let list: Part | null = null;
  const loadList = () => {
    list?.destroy();
    list = mountLoading(listHost, {
      load: () =>
        Promise.all([
          deps.api<LanguageSummary[]>('/api/languages'),
          deps.api<{ id: string }>('/api/questionnaires/current'),
        ]),
      ready: ([languages, questionnaire]) => {
        const stop = onLanguage(() => {
          listHost.replaceChildren(languagesTable(languages));
          downloadsHost.replaceChildren(recordingsDownloads(languages, questionnaire.id));
        });
        return { destroy: stop };
      },
    });
  };
  const kitUpload = mountCheckedUpload(element, {
    id: 'kit-file',
    accept: '.xlsx,.csv',
    words: () => ({
      title: t('languages.uploadTitle'),
      file: t('languages.file'),
      check: t('languages.check'),
      store: t('languages.store'),
      busy: t('languages.checking'),
    }),
    send: sendKit,
    describe: kitOutcome,
    stored: loadList,
  });
  const recordingsUpload = mountCheckedUpload<RecordingImport>(element, {
    id: 'recordings-file',
    accept: '.zip,application/zip',
    lead: downloadsHost,
    words: () => ({
      title: t('languages.recordingsTitle'),
      file: t('languages.recordingsFile'),
      check: t('languages.recordingsCheck'),
      store: t('languages.recordingsStore'),
      busy: t('languages.recordingsBusy'),
    }),
    send: sendRecordings,
    describe: recordingsOutcome,
  });
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('languages.title'));
    intro.textContent = t('languages.intro');
    kitUpload.render();
    recordingsUpload.render();
  });
  loadList();
  return {
    destroy() {
      stopLanguage();
      list?.destroy();
      kitUpload.destroy();
      recordingsUpload.destroy();
      element.replaceChildren();
    },
  };
}
