import './paper.css';
import {
  answersOf,
  type PaperForm,
  type PaperSource,
  paperForm,
} from '../../../server/paper/paper-codes.ts';
import type { EntryReceipt, FormStatus } from '../../../server/paper/schema.ts';
import { hasValidDammCheck, parseSerial } from '../../../server/paper/serial.ts';
import { ApiError } from '../shared/api.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { t } from './messages.ts';
import { typedDay } from './paper-day.ts';
import {
  answerRows,
  codeFeedback,
  couldBecomeCode,
  dayFeedback,
  dayField,
  summaryTable,
} from './paper-entry-answers.ts';
import type { Api, Part } from './types.ts';

/** Why a typed serial is refused, in the clerk's words, or null when it is a serial. */
function serialProblem(typed: string): string | null {
  const parsed = parseSerial(typed);
  if (parsed.ok) return null;
  const digits = typed.trim().replace(/-/g, '');
  if (!/^\d{14}$/.test(digits)) return t('entry.serialShape');
  return hasValidDammCheck(digits) ? t('entry.serialZero') : t('entry.serialCheck');
}

/** The status line after a send or a refused serial: its words, and whether it is an error. */
type Notice = { text: () => string; error: boolean };

type Loaded = { status: FormStatus; source: PaperSource };

/**
 * The paper entry screen (enumerators, admins), made for the keyboard: the serial (its check
 * digit checked as it is typed), then each answer as a number in the paper's order, Enter or
 * Tab to the next (a code the question does not have stops there with why), the day, a
 * summary whose send button has the focus (Enter), and straight back to an empty serial.
 * What was typed stays until the server has it: offline or on a server error nothing is lost.
 */
export function mountPaperEntry(element: HTMLElement, deps: { api: Api }): Part {
  const { api } = deps;
  const versions = new Map<string, PaperSource>();
  let loaded: Loaded | null = null;
  let form: PaperForm | null = null;
  const typed = new Map<string, string>();
  let notice: Notice | null = null;
  let summaryShown = false;
  let sending = false;
  let sent = 0;
  let serialText = '';
  let serialNote: (() => string) | null = null;
  let serialError = false;

  // No tabIndex: the dashboard moves focus to a screen's focusable heading, and here the serial
  // field must have it, so a clerk can type at once.
  const heading = el('h1');
  const intro = el('p', { className: 'hint' });
  const result = el('div', { className: 'entry-result', attrs: { role: 'status' } });
  const serialForm = el('form', { className: 'card entry-serial', noValidate: true });
  const answersHost = el('section', { className: 'card entry-answers', hidden: true });
  const summaryHost = el('section', { className: 'card entry-summary', hidden: true });
  element.append(heading, intro, result, serialForm, answersHost, summaryHost);

  const serialInput = () => serialForm.querySelector<HTMLInputElement>('input[name=serial]');
  const focusSerial = () => serialInput()?.focus();
  const inputs = () => [...answersHost.querySelectorAll<HTMLInputElement>('input')];

  const renderResult = () => {
    result.replaceChildren(
      ...(notice
        ? [
            el('p', {
              className: notice.error ? 'error' : 'notice entry-done',
              textContent: notice.text(),
            }),
          ]
        : []),
      ...(sent > 0
        ? [el('p', { className: 'hint', textContent: t('entry.count', { count: sent }) })]
        : []),
    );
  };

  const renderSerial = () => {
    const input = el('input', {
      id: 'entry-serial',
      name: 'serial',
      value: serialText,
      autocomplete: 'off',
      inputMode: 'numeric',
      spellcheck: false,
      maxLength: 24,
      className: 'entry-serial-input',
      readOnly: loaded !== null,
      attrs: {
        'aria-describedby': 'entry-serial-hint entry-serial-said',
        ...(serialError ? { 'aria-invalid': 'true' } : {}),
      },
    });
    const said = el('p', {
      id: 'entry-serial-said',
      className: serialError ? 'error' : 'hint',
      textContent: serialNote?.() ?? '',
    });
    input.addEventListener('input', () => {
      serialText = input.value;
      const digits = input.value.trim().replace(/-/g, '');
      // Checked as soon as all 14 digits are there: a slip shows before Enter is pressed.
      if (digits.length >= 14) {
        const problem = serialProblem(input.value);
        serialError = problem !== null;
        serialNote = () => serialProblem(serialText) ?? t('entry.serialOk');
      } else {
        serialError = false;
        serialNote = null;
      }
      input.toggleAttribute('aria-invalid', serialError);
      said.className = serialError ? 'error' : 'hint';
      said.textContent = serialNote?.() ?? '';
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Tab' && !event.shiftKey && loaded === null) {
        event.preventDefault();
        void checkSerial();
      }
    });
    serialForm.replaceChildren(
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'entry-serial', textContent: t('entry.serial') }),
        input,
        el('p', { id: 'entry-serial-hint', className: 'hint', textContent: t('entry.serialHint') }),
        said,
      ]),
    );
  };

  const renderAnswers = () => {
    if (!loaded || !form) {
      answersHost.hidden = true;
      answersHost.replaceChildren();
      return;
    }
    const { status } = loaded;
    answersHost.hidden = false;
    answersHost.replaceChildren(
      el('h2', {
        textContent: t('entry.form', {
          serial: status.serial,
          commune: status.communeName,
          wave: status.wave,
          state: t(`entry.state.${status.state}`),
        }),
      }),
      el('ol', { className: 'entry-rows' }, answerRows(form, typed)),
    );
    for (const input of inputs()) showFeedback(input, false);
  };

  const renderSummary = () => {
    if (!summaryShown || !loaded || !form) {
      summaryHost.hidden = true;
      summaryHost.replaceChildren();
      return;
    }
    const confirm = el('button', {
      type: 'button',
      className: 'primary entry-confirm',
      disabled: sending,
      textContent: sending ? t('entry.sending') : t('entry.confirm'),
    });
    confirm.addEventListener('click', () => void send());
    const drop = el('button', { type: 'button', textContent: t('entry.startOver') });
    drop.addEventListener('click', () => startOver());
    summaryHost.hidden = false;
    summaryHost.replaceChildren(
      el('h2', { textContent: t('entry.summary') }),
      summaryTable(form, typed, loaded.status.serial),
      el('div', { className: 'actions' }, [confirm, drop]),
    );
  };

  /** What a field's line says: while typing only what is already sure, on Enter all of it. */
  const feedbackFor = (input: HTMLInputElement, final: boolean) => {
    const value = input.value.trim();
    if (input.name === dayField) {
      return final || value.length >= 8 ? dayFeedback(value) : { ok: true, text: '' };
    }
    const question = form?.questions.find((q) => q.name === input.name);
    if (!question || (value === '' && !final)) return { ok: true, text: '' };
    const feedback = codeFeedback(question, value);
    if (final || feedback.ok || !couldBecomeCode(question, value)) return feedback;
    return { ok: true, text: '' };
  };

  /** The line under a field: what the code means, or why it is not one (then marked invalid). */
  const showFeedback = (input: HTMLInputElement, final: boolean) => {
    const feedback = feedbackFor(input, final);
    if (feedback.ok) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
    const said = answersHost.querySelector<HTMLElement>(`#${input.id}-said`);
    if (said) {
      said.textContent = feedback.text;
      said.className = feedback.ok ? 'entry-said' : 'entry-said error';
    }
    return feedback.ok;
  };

  const startOver = () => {
    loaded = null;
    form = null;
    typed.clear();
    summaryShown = false;
    serialText = '';
    serialNote = null;
    serialError = false;
    renderSerial();
    renderAnswers();
    renderSummary();
    focusSerial();
  };

  const refuseSerial = (text: () => string) => {
    serialError = true;
    serialNote = text;
    renderSerial();
    focusSerial();
    serialInput()?.select();
  };

  const checkSerial = async () => {
    const problem = serialProblem(serialText);
    if (problem) {
      refuseSerial(() => serialProblem(serialText) ?? '');
      return;
    }
    const parsed = parseSerial(serialText);
    if (!parsed.ok) return;
    const serial = parsed.serial;
    serialText = serial;
    serialError = false;
    serialNote = () => t('entry.checking');
    renderSerial();
    try {
      const status = await api<FormStatus>(`/api/paper/forms/${serial}`);
      if (status.enteredByYou) return refuseSerial(() => t('entry.enteredByYou', { serial }));
      if (status.state === 'verified')
        return refuseSerial(() => t('entry.alreadyVerified', { serial }));
      if (status.state === 'conflict')
        return refuseSerial(() => t('entry.alreadyConflict', { serial }));
      let source = versions.get(status.questionnaireId);
      if (!source) {
        source = await api<PaperSource>(
          `/api/questionnaires/${encodeURIComponent(status.questionnaireId)}`,
        );
        versions.set(status.questionnaireId, source);
      }
      loaded = { status, source };
      form = paperForm(source, { language: currentLanguage() });
      notice = null;
      serialNote = null;
      renderResult();
      renderSerial();
      renderAnswers();
      inputs()[0]?.focus();
    } catch (error) {
      refuseSerial(() => {
        if (error instanceof ApiError && error.status === 404)
          return t('entry.unknownSerial', { serial });
        if (error instanceof ApiError && error.status === 403)
          return t('entry.otherCommune', { serial });
        return failureText(error, serial);
      });
    }
  };

  const failureText = (error: unknown, serial: string) => {
    if (!(error instanceof ApiError)) return t('entry.offline');
    if (error.status >= 500) return t('entry.serverError', { status: error.status });
    if (error.code === 'already_entered') return t('entry.duplicate', { serial });
    if (error.code === 'form_decided') return t('entry.decided', { serial });
    if (error.code === 'no_open_wave') return t('entry.noOpenWave', { serial });
    return t('entry.refused', { message: error.message });
  };

  const send = async () => {
    if (!loaded || !form || sending) return;
    const { serial } = loaded.status;
    const day = typedDay(typed.get(dayField) ?? '');
    sending = true;
    renderSummary();
    try {
      const receipt = await api<EntryReceipt>('/api/paper/entries', {
        method: 'POST',
        json: {
          serial,
          answers: answersOf(form, Object.fromEntries(typed)),
          ...(day ? { completedOn: day } : {}),
        },
      });
      sending = false;
      sent += 1;
      notice = { text: () => t(`entry.result.${receipt.state}`, { serial }), error: false };
      renderResult();
      startOver();
    } catch (error) {
      sending = false;
      // A refusal for good (this person entered it already) ends the form; a failure keeps it.
      const final = error instanceof ApiError && error.status === 409;
      notice = { text: () => failureText(error, serial), error: true };
      renderResult();
      if (final) {
        startOver();
        return;
      }
      renderSummary();
      summaryHost.querySelector<HTMLElement>('.entry-confirm')?.focus();
    }
  };

  /** Enter or Tab on an answer: the next field if the code is one, else stay and say why. */
  const onAnswerKey = (event: KeyboardEvent) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !answersHost.contains(input)) return;
    // The paper is still on the desk: dropping what was typed of it loses nothing.
    if (event.key === 'Escape') {
      event.preventDefault();
      startOver();
      return;
    }
    if (event.key !== 'Enter' && !(event.key === 'Tab' && !event.shiftKey)) return;
    event.preventDefault();
    if (!showFeedback(input, true)) {
      input.select();
      return;
    }
    const all = inputs();
    const next = all[all.indexOf(input) + 1];
    if (next) {
      next.focus();
      next.select();
      return;
    }
    const firstWrong = all.find((field) => !showFeedback(field, true));
    if (firstWrong) {
      firstWrong.focus();
      return;
    }
    summaryShown = true;
    renderSummary();
    summaryHost.querySelector<HTMLElement>('.entry-confirm')?.focus();
  };
  const onAnswerInput = (event: Event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !answersHost.contains(input)) return;
    typed.set(input.name, input.value);
    showFeedback(input, false);
    // A change after the summary was drawn: it must be read again before sending.
    if (summaryShown) {
      summaryShown = false;
      renderSummary();
    }
  };
  const onSerialSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (loaded === null) void checkSerial();
  };
  answersHost.addEventListener('keydown', onAnswerKey);
  answersHost.addEventListener('input', onAnswerInput);
  serialForm.addEventListener('submit', onSerialSubmit);

  const stopLanguage = onLanguage(() => {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
    setHeading(heading, t('entry.title'));
    intro.textContent = t('entry.intro');
    if (loaded) form = paperForm(loaded.source, { language: currentLanguage() });
    renderResult();
    renderSerial();
    renderAnswers();
    renderSummary();
    if (focused) document.getElementById(focused)?.focus();
  });
  focusSerial();
  return {
    destroy() {
      stopLanguage();
      answersHost.removeEventListener('keydown', onAnswerKey);
      answersHost.removeEventListener('input', onAnswerInput);
      serialForm.removeEventListener('submit', onSerialSubmit);
      element.replaceChildren();
    },
  };
}
