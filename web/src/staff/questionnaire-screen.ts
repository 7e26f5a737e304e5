import type {
  QuestionnaireCheck,
  QuestionnaireProblem,
  QuestionnaireVersion,
} from '../../../server/questionnaires/publish-schemas.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { ApiError } from '../shared/api.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { formatDateTime } from './format.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { mountQuestionnairePreview } from './questionnaire-preview.ts';
import type { Api, Part } from './types.ts';
import './questionnaire.css';

/** An uploaded file as checked by the server (nothing stored yet). */
type Upload = {
  name: string;
  json: Record<string, unknown>;
  check: QuestionnaireCheck | null;
  /** The file could not be read as JSON: the parser's words. */
  notJson: string | null;
};

/** What the resident's form needs of an upload; the scoring defaults the form reads filled in. */
function asQuestionnaire(json: Record<string, unknown>): Questionnaire {
  const scoring = (json.scoring ?? {}) as Questionnaire['scoring'];
  return {
    ...(json as unknown as Questionnaire),
    scoring: { ...scoring, missing: scoring.missing ?? [98, 99] },
  };
}

function useText(version: QuestionnaireVersion) {
  const uses = [
    version.current ? t('questionnaires.current') : null,
    version.answered ? t('questionnaires.answered') : null,
  ].filter((text): text is string => text !== null);
  return uses.length > 0 ? uses.join('; ') : t('questionnaires.unused');
}

function versionsTable(versions: QuestionnaireVersion[]) {
  const head = ['id', 'date', 'storedAt', 'hash', 'source', 'use'].map((key) =>
    el('th', { textContent: t(`questionnaires.${key}`), attrs: { scope: 'col' } }),
  );
  return el(
    'table',
    { className: 'data questionnaire-versions', attrs: { 'aria-labelledby': 'qv-list' } },
    [
      el('thead', {}, [el('tr', {}, head)]),
      el(
        'tbody',
        {},
        versions.map((v) =>
          el('tr', { attrs: { 'data-id': v.id } }, [
            el('th', { textContent: v.id, attrs: { scope: 'row' } }),
            el('td', { textContent: v.published }),
            el('td', { textContent: formatDateTime(v.storedAt) }),
            el('td', {}, [
              el('code', { textContent: v.contentHash.slice(0, 12), title: v.contentHash }),
            ]),
            el('td', {
              textContent: t(
                v.fromDashboard ? 'questionnaires.fromDashboard' : 'questionnaires.fromFile',
              ),
            }),
            el('td', { textContent: useText(v) }),
          ]),
        ),
      ),
    ],
  );
}

function problemsTable(problems: QuestionnaireProblem[]) {
  return el('table', { className: 'data questionnaire-problems' }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        ['where', 'item', 'message'].map((key) =>
          el('th', { textContent: t(`questionnaires.${key}`), attrs: { scope: 'col' } }),
        ),
      ),
    ]),
    el(
      'tbody',
      {},
      problems.map((p) =>
        el('tr', {}, [
          el('td', {}, [el('code', { textContent: p.where })]),
          el('td', { textContent: p.item ?? '' }),
          el('td', { textContent: p.message, lang: 'en' }),
        ]),
      ),
    ),
  ]);
}

/** The problems a refused publication lists, in the check's shape. */
function refusedProblems(error: unknown): QuestionnaireProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return null;
  if (!Array.isArray(error.details)) return null;
  return error.details.map((d: { path?: string; item?: string | null; message?: string }) => ({
    where: d.path ?? '',
    item: d.item ?? null,
    message: d.message ?? '',
  }));
}

function mountVersionsAdmin(
  element: HTMLElement,
  deps: { api: Api; versions: QuestionnaireVersion[] },
): Part {
  const { api } = deps;
  let versions = deps.versions;
  let upload: Upload | null = null;
  let confirming = false;
  let busy = false;
  let status: (() => string) | null = null;
  let formError: (() => string) | null = null;
  let preview: Part | null = null;

  const list = el('section', { className: 'card', attrs: { 'aria-labelledby': 'qv-list' } });
  const form = el('section', { className: 'card', attrs: { 'aria-labelledby': 'qv-upload' } });
  const fileInput = el('input', {
    type: 'file',
    id: 'qv-file',
    accept: '.json,application/json',
    attrs: { 'aria-describedby': 'qv-format' },
  });
  const report = el('div', { className: 'questionnaire-report' });
  const previewSection = el('section', {
    className: 'card',
    hidden: true,
    attrs: { 'aria-labelledby': 'qv-preview' },
  });
  const previewHeading = el('h2', { id: 'qv-preview' });
  const previewHost = el('div');
  previewSection.append(previewHeading, previewHost);
  element.append(list, form, previewSection);

  const download = async () => {
    const current = versions.find((v) => v.current);
    if (!current) return;
    try {
      const definition = await api<unknown>(`/api/questionnaires/${current.id}`);
      const blob = new Blob([`${JSON.stringify(definition, null, 2)}\n`], {
        type: 'application/json',
      });
      const link = el('a', { href: URL.createObjectURL(blob), download: `${current.id}.json` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      formError = () => errorText(error);
      renderReport();
    }
  };

  const renderList = () => {
    const current = versions.find((v) => v.current);
    const downloadButton = el('button', {
      type: 'button',
      className: 'download',
      textContent: current ? t('questionnaires.download', { id: current.id }) : '',
      hidden: !current,
    });
    downloadButton.addEventListener('click', () => void download());
    list.replaceChildren(
      el('h2', { id: 'qv-list', textContent: t('questionnaires.published') }),
      el('div', { className: 'table-scroll' }, [versionsTable(versions)]),
      el('p', {}, [downloadButton]),
    );
  };

  const renderReport = () => {
    const parts: Node[] = [];
    const id = upload?.check?.id ?? '';
    if (upload?.notJson) {
      parts.push(
        el('p', {
          className: 'error',
          textContent: t('questionnaires.notJson', { message: upload.notJson }),
          attrs: { role: 'alert' },
        }),
      );
    } else if (upload?.check && upload.check.problems.length > 0) {
      parts.push(
        el('div', { className: 'questionnaire-problem-list', attrs: { role: 'alert' } }, [
          el('p', {
            className: 'error',
            textContent: t('questionnaires.problems', { count: upload.check.problems.length }),
          }),
          el('div', { className: 'table-scroll' }, [problemsTable(upload.check.problems)]),
        ]),
      );
    } else if (upload?.check?.alreadyPublished) {
      parts.push(el('p', { className: 'notice', textContent: t('questionnaires.same', { id }) }));
    } else if (upload?.check?.ok) {
      parts.push(el('p', { className: 'notice', textContent: t('questionnaires.clean', { id }) }));
      if (confirming) {
        const yes = el('button', {
          type: 'button',
          className: 'primary',
          disabled: busy,
          textContent: busy ? t('questionnaires.publishing') : t('questionnaires.confirmYes'),
        });
        const no = el('button', { type: 'button', textContent: t('questionnaires.cancel') });
        yes.addEventListener('click', () => void publish());
        no.addEventListener('click', () => {
          confirming = false;
          renderReport();
        });
        parts.push(
          el(
            'div',
            { className: 'confirm', attrs: { role: 'group', 'aria-labelledby': 'qv-confirm' } },
            [
              el('p', { id: 'qv-confirm', textContent: t('questionnaires.confirm', { id }) }),
              yes,
              no,
            ],
          ),
        );
      } else {
        const start = el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('questionnaires.publish', { id }),
        });
        start.addEventListener('click', () => {
          confirming = true;
          renderReport();
          report.querySelector<HTMLButtonElement>('.confirm button')?.focus();
        });
        parts.push(start);
      }
    }
    parts.push(
      el('p', {
        className: 'error',
        textContent: formError?.() ?? '',
        hidden: formError === null,
        attrs: { role: 'alert' },
      }),
      el('p', {
        className: 'questionnaire-status',
        textContent: status?.() ?? '',
        attrs: { role: 'status' },
      }),
    );
    report.replaceChildren(...parts);
  };

  const renderForm = () => {
    form.replaceChildren(
      el('h2', { id: 'qv-upload', textContent: t('questionnaires.upload') }),
      el('p', { id: 'qv-format', className: 'hint', textContent: t('questionnaires.format') }),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'qv-file', textContent: t('questionnaires.file') }),
        fileInput,
      ]),
      report,
    );
    renderReport();
  };

  const showPreview = () => {
    preview?.destroy();
    preview = null;
    const canPreview = upload?.check?.ok === true;
    previewSection.hidden = !canPreview;
    if (canPreview && upload) {
      preview = mountQuestionnairePreview(previewHost, {
        questionnaire: asQuestionnaire(upload.json),
      });
    }
  };

  const checkFile = async () => {
    const file = fileInput.files?.[0];
    upload = null;
    confirming = false;
    status = null;
    formError = null;
    if (file) {
      let json: Record<string, unknown> = {};
      let notJson: string | null = null;
      try {
        json = JSON.parse(await file.text());
      } catch (error) {
        notJson = (error as Error).message;
      }
      upload = { name: file.name, json, check: null, notJson };
      if (!notJson) {
        status = () => t('questionnaires.checking');
        renderReport();
        try {
          upload.check = await api<QuestionnaireCheck>('/api/questionnaires/check', {
            method: 'POST',
            json,
          });
          status = null;
        } catch (error) {
          status = null;
          formError = () => errorText(error);
        }
      }
    }
    renderReport();
    showPreview();
  };

  const publish = async () => {
    if (!upload?.check?.ok) return;
    const id = upload.check.id ?? '';
    busy = true;
    renderReport();
    try {
      await api<QuestionnaireVersion>('/api/questionnaires', { method: 'POST', json: upload.json });
      versions = await api<QuestionnaireVersion[]>('/api/questionnaires');
      upload = null;
      fileInput.value = '';
      status = () => t('questionnaires.done', { id });
      renderList();
      showPreview();
    } catch (error) {
      const problems = refusedProblems(error);
      if (problems && upload?.check) upload.check = { ...upload.check, ok: false, problems };
      else if (error instanceof ApiError && error.status === 409) {
        formError = () => t('questionnaires.taken', { id });
      } else formError = () => errorText(error);
    }
    busy = false;
    confirming = false;
    renderReport();
  };

  const change = () => void checkFile();
  fileInput.addEventListener('change', change);
  const stopLanguage = onLanguage(() => {
    renderList();
    renderForm();
    previewHeading.textContent = t('questionnaires.preview');
  });
  return {
    destroy() {
      stopLanguage();
      preview?.destroy();
      fileInput.removeEventListener('change', change);
      element.replaceChildren();
    },
  };
}

/**
 * Questionnaire versions (admins): those published, the current one to download and start
 * from, and a new version's file checked by the server's own loader (every problem by where
 * and item), previewed with the resident's own form in both languages, then published under
 * its new id after a confirmation.
 */
export function mountQuestionnaireScreen(element: HTMLElement, deps: { api: Api }): Part {
  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'hint' });
  const body = el('div');
  element.append(heading, intro, body);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('questionnaires.title'));
    intro.textContent = t('questionnaires.intro');
  });
  const loading = mountLoading(body, {
    load: () => deps.api<QuestionnaireVersion[]>('/api/questionnaires'),
    ready: (versions) => mountVersionsAdmin(body, { api: deps.api, versions }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
