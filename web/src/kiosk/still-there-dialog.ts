import { el } from '../shared/el.ts';
import { translate } from '../shared/i18n.ts';
import { type KioskKey, kioskMessages } from './messages.ts';

const t = (key: KioskKey, values?: Record<string, string | number>) =>
  translate(kioskMessages, key, values);

/**
 * "Still there?": a modal with a countdown and one big button. A touch on the button (or
 * Escape) keeps the form; the end of the countdown calls `onTimeout`, which clears it.
 */
export function openStillThere(
  host: HTMLElement,
  options: { seconds: number; onStay: () => void; onTimeout: () => void },
) {
  const text = el('p', { id: 'still-there-text' });
  const count = el('p', { className: 'countdown', attrs: { 'aria-hidden': 'true' } });
  const stay = el('button', {
    type: 'button',
    className: 'primary huge',
    textContent: t('stillHere'),
  });
  const dialog = el(
    'dialog',
    {
      className: 'kiosk-dialog still-there',
      attrs: { 'aria-labelledby': 'still-there-title', 'aria-describedby': 'still-there-text' },
    },
    [el('h2', { id: 'still-there-title', textContent: t('stillTitle') }), text, count, stay],
  );
  host.append(dialog);

  let left = options.seconds;
  const render = () => {
    text.textContent = t('stillText', { seconds: left });
    count.textContent = String(left);
  };
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(tick);
    dialog.close();
    dialog.remove();
  };
  const tick = setInterval(() => {
    left -= 1;
    if (left > 0) return render();
    close();
    options.onTimeout();
  }, 1000);
  const onStay = () => {
    close();
    options.onStay();
  };
  stay.addEventListener('click', onStay);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    onStay();
  });
  render();
  dialog.showModal();
  stay.focus();
  return { close };
}
