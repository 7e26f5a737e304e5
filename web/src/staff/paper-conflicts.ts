import './paper.css';
import type { Commune } from '../../../server/communes/schema.ts';
import {
  answerLabel,
  codeOf,
  type PaperForm,
  type PaperSource,
  paperForm,
  readCode,
} from '../../../server/paper/paper-codes.ts';
import type { Conflict } from '../../../server/paper/schema.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { el, onLanguage, setHeading, uniqueId } from './dom.ts';
import { formatDateTime } from './format.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { codeFeedback } from './paper-entry-answers.ts';
import { pushRoute } from './router.ts';
import type { Api, Part } from './types.ts';

/** The question a difference names for the day written on the form, not an answer. */
const dayQuestion = 'completedOn';

const shown = (form: PaperForm, question: string, value: unknown) => {
  if (value === null || value === undefined) return `(${t('entry.blank')})`;
  if (question === dayQuestion) return String(value).split('-').reverse().join('/');
  const q = form.questions.find((x) => x.name === question);
  if (!q) return JSON.stringify(value);
  const code = codeOf(q, value);
  const label = answerLabel(q, value);
  // A rating's own numbers have no words of their own: "8", not "8 · 8".
  if (code && label === code) return code;
  return code ? `${code} · ${label}` : JSON.stringify(value);
};

/** One form's conflict: each differing answer, both entries, the decision, a reason. */
function conflictCard(
  conflict: Conflict,
  form: PaperForm,
  communeName: string,
  onResolve: (body: {
    answers: Record<string, unknown>;
    completedOn?: string | null;
    reason: string;
  }) => Promise<void>,
) {
  /** The decided code (or day) per question; a question absent here is still undecided. */
  const decided = new Map<string, string>();
  const title = (question: string) =>
    question === dayQuestion
      ? t('conflicts.completedOn')
      : (() => {
          const q = form.questions.find((x) => x.name === question);
          return q ? `${q.number}. ${q.title}` : question;
        })();
  const error = el('p', { className: 'error', hidden: true, attrs: { role: 'alert' } });
  const rows = conflict.differences.map((difference) => {
    const { question } = difference;
    const id = uniqueId('decide');
    const q = form.questions.find((x) => x.name === question);
    const input = el('input', {
      id,
      name: question,
      type: question === dayQuestion ? 'date' : 'text',
      inputMode: question === dayQuestion ? undefined : 'numeric',
      autocomplete: 'off',
      className: 'entry-code',
      attrs: { 'aria-describedby': `${id}-said` },
    });
    const said = el('span', {
      id: `${id}-said`,
      className: 'entry-said',
      attrs: { 'aria-live': 'polite' },
    });
    const update = () => {
      decided.set(question, input.value);
      if (q) {
        const feedback = codeFeedback(q, input.value);
        said.textContent = feedback.text;
        said.className = feedback.ok ? 'entry-said' : 'entry-said error';
        if (feedback.ok) input.removeAttribute('aria-invalid');
        else input.setAttribute('aria-invalid', 'true');
      }
    };
    input.addEventListener('input', update);
    const take = (value: unknown, entry: 1 | 2) => {
      const text =
        question === dayQuestion
          ? typeof value === 'string'
            ? value
            : ''
          : q
            ? codeOf(q, value)
            : '';
      const button = el('button', {
        type: 'button',
        className: 'take',
        textContent: t('conflicts.take', { value: shown(form, question, value) }),
        attrs: {
          'aria-label': t('conflicts.takeNamed', {
            value: shown(form, question, value),
            entry,
            question: title(question),
          }),
        },
      });
      button.addEventListener('click', () => {
        input.value = text;
        update();
        input.focus();
      });
      return button;
    };
    return el('tr', { attrs: { 'data-question': question } }, [
      el('th', { attrs: { scope: 'row' }, textContent: title(question) }),
      el('td', { attrs: { 'data-label': t('conflicts.col.first') } }, [take(difference.first, 1)]),
      el('td', { attrs: { 'data-label': t('conflicts.col.second') } }, [
        take(difference.second, 2),
      ]),
      el('td', { attrs: { 'data-label': t('conflicts.col.decided') } }, [
        el('label', {
          htmlFor: id,
          className: 'visually-hidden',
          textContent: t('conflicts.decidedLabel', { question: title(question) }),
        }),
        input,
        ' ',
        said,
      ]),
    ]);
  });
  const reasonId = uniqueId('reason');
  const reason = el('textarea', { id: reasonId, name: 'reason', rows: 2, maxLength: 1000 });
  const save = el('button', {
    type: 'submit',
    className: 'primary',
    textContent: t('conflicts.resolve'),
  });
  const card = el(
    'form',
    { className: 'card conflict', attrs: { 'data-serial': conflict.serial } },
    [
      el('h2', {
        textContent: t('conflicts.form', {
          serial: conflict.serial,
          commune: communeName,
          wave: conflict.wave,
        }),
      }),
      el('p', {
        className: 'hint',
        textContent: t('conflicts.entries', {
          first: conflict.entries[0]
            ? `${conflict.entries[0].enteredBy}, ${formatDateTime(conflict.entries[0].enteredAt)}`
            : '–',
          second: conflict.entries[1]
            ? `${conflict.entries[1].enteredBy}, ${formatDateTime(conflict.entries[1].enteredAt)}`
            : '–',
        }),
      }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data conflict-table' }, [
          el('caption', { textContent: t('conflicts.caption', { serial: conflict.serial }) }),
          el('thead', {}, [
            el(
              'tr',
              {},
              [
                'conflicts.col.question',
                'conflicts.col.first',
                'conflicts.col.second',
                'conflicts.col.decided',
              ].map((key) => el('th', { attrs: { scope: 'col' }, textContent: t(key) })),
            ),
          ]),
          el('tbody', {}, rows),
        ]),
      ]),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: reasonId, textContent: t('conflicts.reason') }),
        reason,
      ]),
      error,
      el('div', { className: 'actions' }, [save]),
    ],
  );
  card.addEventListener('submit', (event) => {
    event.preventDefault();
    const fail = (text: string, focus?: HTMLElement | null) => {
      error.textContent = text;
      error.hidden = false;
      focus?.focus();
    };
    const undecided = conflict.differences.filter((d) => !decided.has(d.question));
    if (undecided.length > 0) {
      fail(
        t('conflicts.undecided', { questions: undecided.map((d) => title(d.question)).join('; ') }),
        card.querySelector<HTMLElement>(`input[name="${undecided[0]?.question}"]`),
      );
      return;
    }
    const answers: Record<string, unknown> = {};
    let completedOn: string | null | undefined;
    for (const { question } of conflict.differences) {
      const text = decided.get(question) ?? '';
      if (question === dayQuestion) {
        completedOn = text === '' ? null : text;
        continue;
      }
      const q = form.questions.find((x) => x.name === question);
      const read = q ? readCode(q, text) : null;
      if (!read?.ok) {
        fail(
          q ? codeFeedback(q, text).text : question,
          card.querySelector<HTMLElement>(`input[name="${question}"]`),
        );
        return;
      }
      answers[question] = read.value;
    }
    if (reason.value.trim().length < 5) {
      fail(t('conflicts.reasonShort'), reason);
      return;
    }
    save.disabled = true;
    void onResolve({
      answers,
      ...(completedOn === undefined ? {} : { completedOn }),
      reason: reason.value.trim(),
    }).catch((failure: unknown) => {
      save.disabled = false;
      fail(errorText(failure));
    });
  });
  return card;
}

function mountConflictList(
  element: HTMLElement,
  deps: { api: Api; communes: Commune[]; communeCode: string | null },
): Part {
  const { api, communes } = deps;
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  const versions = new Map<string, PaperSource>();
  let communeCode = deps.communeCode;
  let notice = '';

  const filter = el('div', { className: 'table-tools' });
  const status = el('p', { className: 'notice', tabIndex: -1, attrs: { role: 'status' } });
  const listHost = el('div');
  element.append(
    el('p', { className: 'hint', textContent: t('conflicts.intro') }),
    filter,
    status,
    listHost,
  );

  const renderFilter = () => {
    const select = el('select', { id: 'conflicts-commune', name: 'communeCode' }, [
      new Option(t('conflicts.allCommunes'), ''),
      ...communes.map(
        (c) => new Option(`${c.name} (${c.code})`, c.code, false, c.code === communeCode),
      ),
    ]);
    select.addEventListener('change', () => {
      communeCode = select.value || null;
      pushRoute({ name: 'paperConflicts', ...(communeCode ? { communeCode } : {}) });
      void load();
    });
    filter.replaceChildren(
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'conflicts-commune', textContent: t('form.commune') }),
        select,
      ]),
    );
  };

  const load = async () => {
    const query = communeCode ? `?communeCode=${communeCode}` : '';
    try {
      const conflicts = await api<Conflict[]>(`/api/paper/conflicts${query}`);
      for (const id of new Set(conflicts.map((c) => c.questionnaireId))) {
        if (!versions.has(id)) {
          versions.set(id, await api<PaperSource>(`/api/questionnaires/${encodeURIComponent(id)}`));
        }
      }
      renderList(conflicts);
    } catch (error) {
      listHost.replaceChildren(
        el('p', { className: 'error', textContent: errorText(error), attrs: { role: 'alert' } }),
      );
    }
  };

  const renderList = (conflicts: Conflict[]) => {
    status.textContent = notice;
    status.hidden = notice === '';
    listHost.replaceChildren(
      el('p', {
        className: 'hint',
        textContent:
          conflicts.length === 0
            ? t('conflicts.none')
            : t('conflicts.count', { count: conflicts.length }),
      }),
      ...conflicts.map((conflict) => {
        const source = versions.get(conflict.questionnaireId);
        const form = source
          ? paperForm(source, { language: currentLanguage() })
          : {
              questions: [],
              pages: [],
              missing: [],
              leftOff: [],
              title: '',
              language: 'vi',
              questionnaireId: conflict.questionnaireId,
            };
        return conflictCard(
          conflict,
          form,
          communeName.get(conflict.communeCode) ?? conflict.communeCode,
          async (body) => {
            await api(`/api/paper/conflicts/${conflict.serial}/resolve`, {
              method: 'POST',
              json: body,
            });
            notice = t('conflicts.resolved', { serial: conflict.serial });
            await load();
            status.focus();
          },
        );
      }),
    );
  };

  const stopLanguage = onLanguage(() => {
    renderFilter();
    void load();
  });
  return {
    destroy() {
      stopLanguage();
      element.replaceChildren();
    },
  };
}

/** Paper forms whose two entries differ (admins, analysts): decide each answer from the paper. */
export function mountPaperConflicts(
  element: HTMLElement,
  deps: { api: Api; communes: () => Promise<Commune[]>; communeCode: string | null },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const body = el('div');
  element.append(heading, body);
  const stopLanguage = onLanguage(() => setHeading(heading, t('conflicts.title')));
  const loading = mountLoading(body, {
    load: () => deps.communes(),
    ready: (communes) =>
      mountConflictList(body, { api: deps.api, communes, communeCode: deps.communeCode }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
