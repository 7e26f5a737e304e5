import { el } from './el.ts';
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
  const send = el('button', {
    type: 'button',
    className: 'primary big',
    textContent: t('sendNow'),
  });
  const back = el('button', { type: 'button', className: 'big', textContent: t('keepAnswering') });
  const dialog = el(
    'dialog',
    {
      className: 'form-dialog few-answers',
      attrs: { 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` },
    },
    [
      el('h2', { id: `${id}-title`, textContent: t('fewAnswersTitle') }),
      el('p', { id: `${id}-text` }, [
        el('strong', {
          textContent:
            counts.answered === 0 ? t('noAnswers') : t('fewAnswers', { answered: counts.answered }),
        }),
        el('br'),
        el('span', {
          className: 'hint',
          textContent: t('fewAnswersHint', { total: counts.total }),
        }),
      ]),
      el('div', { className: 'form-dialog__actions' }, [back, send]),
    ],
  );
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
