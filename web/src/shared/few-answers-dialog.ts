import { type FormKey, formMessages } from './form-messages.ts';
import { translate } from './i18n.ts';

const t = (key: FormKey, values?: Record<string, string | number>) =>
  translate(formMessages, key, values);

let dialogs = 0;

/**
 * A modal "Ông/Bà mới trả lời 4 câu. Gửi luôn?" with two large buttons, drawn in the page
 * rather than with `window.confirm`, whose buttons a kiosk's browser may label in English and
 * draw small. Resolves true for "Gửi luôn", false for "Trả lời tiếp" or Escape. Focus starts
 * on "Trả lời tiếp": a tap on "complete" by mistake must not send on a second stray tap.
 */
export function askSendWithFewAnswers(
  host: HTMLElement,
  counts: { answered: number; total: number },
): { answer: Promise<boolean>; close(): void } {
  dialogs += 1;
  const id = `few-answers-${dialogs}`;
  const dialog = document.createElement('dialog');
  dialog.className = 'form-dialog few-answers';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-text`);
  const title = Object.assign(document.createElement('h2'), {
    id: `${id}-title`,
    textContent: t('fewAnswersTitle'),
  });
  const text = Object.assign(document.createElement('p'), { id: `${id}-text` });
  const question = Object.assign(document.createElement('strong'), {
    textContent:
      counts.answered === 0 ? t('noAnswers') : t('fewAnswers', { answered: counts.answered }),
  });
  const hint = Object.assign(document.createElement('span'), {
    className: 'hint',
    textContent: t('fewAnswersHint', { total: counts.total }),
  });
  text.append(question, document.createElement('br'), hint);
  const send = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'primary big',
    textContent: t('sendNow'),
  });
  const back = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'big',
    textContent: t('keepAnswering'),
  });
  const actions = Object.assign(document.createElement('div'), {
    className: 'form-dialog__actions',
  });
  actions.append(back, send);
  dialog.append(title, text, actions);
  host.append(dialog);

  let settle: (send: boolean) => void = () => {};
  const answer = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  let closed = false;
  const close = (result = false) => {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    settle(result);
  };
  send.addEventListener('click', () => close(true));
  back.addEventListener('click', () => close(false));
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close(false);
  });
  dialog.showModal();
  back.focus();
  return { answer, close: () => close(false) };
}
