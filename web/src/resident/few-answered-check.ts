import type { SurveyModel } from 'survey-core';
import { translate } from '../shared/i18n.ts';
import { el } from './el.ts';
import { residentMessages } from './messages.ts';

const t = (key: string, values?: Record<string, string | number>) =>
  translate(residentMessages, key, values);

/**
 * Whether to ask before sending: fewer than half of the questions have an answer ("Không
 * biết" and "Không áp dụng" are answers).
 *
 * @example fewAnswered(5, 29) // true: 5 < 14.5
 * @example fewAnswered(15, 29) // false
 */
export function fewAnswered(answered: number, total: number) {
  return answered < total / 2;
}

/**
 * Asks once, in a modal dialog, before a survey with fewer than half of its questions
 * answered is sent: an empty survey is more often a slip than a choice. "Gửi luôn" sends it;
 * "Quay lại" takes the resident to the first question without an answer.
 */
export function watchFewAnswered(element: HTMLElement, model: SurveyModel) {
  let asked = false;
  let dialog: HTMLDialogElement | null = null;
  const close = () => {
    dialog?.close();
    dialog?.remove();
    dialog = null;
  };
  const onCompleting = (_sender: SurveyModel, options: { allow: boolean }) => {
    if (asked) return;
    const questions = model.getAllQuestions(true).filter((q) => q.getType() !== 'html');
    const unanswered = questions.filter((q) => q.isEmpty());
    const answered = questions.length - unanswered.length;
    if (!fewAnswered(answered, questions.length)) return;
    asked = true;
    options.allow = false;
    const send = el('button', {
      type: 'button',
      className: 'primary',
      textContent: t('fewAnsweredSend'),
    });
    const back = el('button', { type: 'button', textContent: t('fewAnsweredBack') });
    const text = el('p', {
      id: 'few-answered-text',
      textContent: t('fewAnswered', { answered, total: questions.length }),
    });
    dialog = el(
      'dialog',
      { className: 'few-answered' },
      text,
      el('div', { className: 'dialog-buttons' }, send, back),
    );
    dialog.setAttribute('aria-labelledby', text.id);
    send.addEventListener('click', () => {
      close();
      model.doComplete();
    });
    back.addEventListener('click', () => {
      close();
      unanswered[0]?.focus();
    });
    dialog.addEventListener('cancel', () => close());
    element.append(dialog);
    dialog.showModal();
    send.focus();
  };
  model.onCompleting.add(onCompleting);
  return {
    destroy() {
      model.onCompleting.remove(onCompleting);
      close();
    },
  };
}
