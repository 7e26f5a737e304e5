import type { ArchiveProblem, RecordingImport } from '../../../server/audio/schema.ts';
import type { LanguageSummary } from '../../../server/languages/schema.ts';
import { el } from './dom.ts';
import { problemList, problemsHeading, sendChecked } from './languages-upload.ts';
import { t } from './messages.ts';

/** A recordings zip as the kit exports it (server/API.md "Recorded audio"), checked or stored. */
export const sendRecordings = (file: File, dryRun: boolean) =>
  sendChecked<RecordingImport>('/api/audio/archive', file, 'application/zip', dryRun);

/** Which file, and which question or answer, a problem is about; then the server's words. */
const problemItem = (problem: ArchiveProblem) => {
  const where = [
    problem.file ? t('languages.recordingsFileNamed', { file: problem.file }) : null,
    problem.key ? t('languages.recordingsKey', { key: problem.key }) : null,
  ].filter((part): part is string => part !== null);
  return el('li', {}, [
    el('strong', { textContent: where.length > 0 ? where.join(' · ') : t('languages.archive') }),
    `: ${problem.message}`,
  ]);
};

/**
 * What a recordings zip's check or import found: every problem (nothing stored), or how many
 * recordings it adds, replaces and leaves as they are; files the manifest does not name.
 */
export function recordingsOutcome(answer: RecordingImport): Node[] {
  const parts: Node[] = [];
  if (answer.errors.length > 0) {
    parts.push(
      problemsHeading(answer.errors.length),
      problemList('recordings-problems', answer.errors, problemItem),
    );
  } else {
    const values = {
      language: answer.language ?? '',
      questionnaire: answer.questionnaireId ?? '',
      added: answer.added,
      replaced: answer.replaced,
      unchanged: answer.unchanged,
    };
    parts.push(
      el('p', {
        className: 'recordings-counts',
        textContent: t(
          answer.stored ? 'languages.recordingsStored' : 'languages.recordingsChecked',
          values,
        ),
      }),
    );
  }
  if (answer.warnings.length > 0) {
    parts.push(
      el('h3', { textContent: t('languages.warnings', { count: answer.warnings.length }) }),
      problemList('recordings-warnings', answer.warnings, problemItem),
    );
  }
  return parts;
}

/**
 * Each language's recordings of the questionnaire served now, one zip per language (the same
 * the import takes back). Every link reads the same, so its name also says the language.
 */
export function recordingsDownloads(
  languages: readonly LanguageSummary[],
  questionnaireId: string,
) {
  return el('div', { className: 'recordings-downloads' }, [
    el('p', {
      className: 'hint',
      textContent: t('languages.recordingsIntro', { questionnaire: questionnaireId }),
    }),
    el(
      'ul',
      {},
      languages.map((language) => {
        const words = t('languages.recordingsDownload');
        return el('li', { attrs: { 'data-code': language.code } }, [
          `${language.nameVi} (${language.code}): `,
          el('a', {
            href: `/api/audio/${encodeURIComponent(questionnaireId)}/archive?language=${language.code}`,
            textContent: words,
            attrs: {
              download: `recordings-${language.code}-${questionnaireId}.zip`,
              'aria-label': `${words} · ${language.nameVi}`,
            },
          }),
        ]);
      }),
    ),
  ]);
}
