import type { PairedKiosk } from '../../../server/kiosks/schema.ts';
import { el } from '../shared/el.ts';
import { translate } from '../shared/i18n.ts';
import { checkExitPin } from './exit-pin.ts';
import { mountKeypad } from './keypad.ts';
import { type KioskKey, kioskMessages } from './messages.ts';

const t = (key: KioskKey, values?: Record<string, string | number>) =>
  translate(kioskMessages, key, values);

const pinLength = 6;
const freeTries = 5;
const lockSeconds = 60;
/** A prompt a resident opened by chance closes by itself. */
const untouchedMs = 30_000;

/** Kept for the page's life, so closing and reopening the prompt does not reset the count. */
let wrongTries = 0;
let lockedUntil = 0;

/**
 * Asks for the staff PIN on a digit keypad and checks it on the device (offline too). After
 * five wrong PINs, a minute must pass before each further try.
 */
export function openPinDialog(
  host: HTMLElement,
  options: { exitPinHash: PairedKiosk['exitPinHash']; onCorrect: () => void },
) {
  const dots = el('p', { className: 'pin-dots', attrs: { role: 'status' } });
  const problem = el('p', { className: 'error', attrs: { role: 'alert' } });
  const keypadHost = el('div');
  const cancel = el('button', { type: 'button', className: 'cancel', textContent: t('cancel') });
  const dialog = el(
    'dialog',
    { className: 'kiosk-dialog pin-dialog', attrs: { 'aria-labelledby': 'pin-title' } },
    [
      el('h2', { id: 'pin-title', textContent: t('pinTitle') }),
      el('p', { textContent: t('pinText') }),
      dots,
      problem,
      keypadHost,
      cancel,
    ],
  );
  host.append(dialog);

  let pin = '';
  let idle: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(idle);
    keypad.destroy();
    dialog.close();
    dialog.remove();
  };
  const touched = () => {
    clearTimeout(idle);
    idle = setTimeout(close, untouchedMs);
  };
  const render = () => {
    dots.textContent = '●'.repeat(pin.length) + '○'.repeat(pinLength - pin.length);
    dots.setAttribute('aria-label', t('pinEntered', { count: pin.length }));
  };
  const submit = async () => {
    const wait = Math.ceil((lockedUntil - Date.now()) / 1000);
    if (wait > 0) {
      problem.textContent = t('pinLocked', { seconds: wait });
      return;
    }
    const tried = pin;
    pin = '';
    render();
    if (await checkExitPin(tried, options.exitPinHash)) {
      wrongTries = 0;
      close();
      options.onCorrect();
      return;
    }
    wrongTries += 1;
    if (wrongTries >= freeTries) lockedUntil = Date.now() + lockSeconds * 1000;
    problem.textContent =
      wrongTries >= freeTries ? t('pinLocked', { seconds: lockSeconds }) : t('pinWrong');
  };
  const keypad = mountKeypad(keypadHost, {
    label: t('pinKeypad'),
    keys: [
      ...'123456789'.split('').map((value) => ({ value })),
      { value: 'delete', text: '⌫', label: t('deleteKey') },
      { value: '0' },
      { value: 'ok', text: t('ok'), className: 'primary' },
    ],
    onKey: (key) => {
      touched();
      problem.textContent = '';
      if (key === 'delete') pin = pin.slice(0, -1);
      else if (key === 'ok') void submit();
      else if (pin.length < pinLength) pin += key;
      render();
      if (key !== 'ok' && pin.length === pinLength) void submit();
    },
  });
  keypadHost.classList.add('digits');
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  render();
  touched();
  dialog.showModal();
  return { close };
}
