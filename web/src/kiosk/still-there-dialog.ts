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
  const dialog = document.createElement('dialog');
  dialog.className = 'kiosk-dialog still-there';
  dialog.setAttribute('aria-labelledby', 'still-there-title');
  dialog.setAttribute('aria-describedby', 'still-there-text');
  const title = Object.assign(document.createElement('h2'), {
    id: 'still-there-title',
    textContent: t('stillTitle'),
  });
  const text = Object.assign(document.createElement('p'), { id: 'still-there-text' });
  const count = Object.assign(document.createElement('p'), { className: 'countdown' });
  count.setAttribute('aria-hidden', 'true');
  const stay = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'primary huge',
    textContent: t('stillHere'),
  });
  dialog.append(title, text, count, stay);
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
