import {
  formatPairingCode,
  normalizePairingCode,
  pairingAlphabet,
  pairingCodeLength,
} from '../../../server/kiosks/pairing-alphabet.ts';
import type { PairedKiosk } from '../../../server/kiosks/schema.ts';
import { ApiError, api } from '../shared/api.ts';
import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { mountKeypad } from './keypad.ts';
import { type KioskKey, kioskMessages } from './messages.ts';

const t = (key: KioskKey, values?: Record<string, string | number>) =>
  translate(kioskMessages, key, values);

const reasons = ['malformed', 'unknown', 'used', 'expired', 'revoked'] as const;
const isReason = (reason: string): reason is (typeof reasons)[number] =>
  (reasons as readonly string[]).includes(reason);

/** The server's reason, said in the officer's language. */
function pairingProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return t('pair.offline');
  if (error.status === 429) return t('pair.tooMany');
  const details = Array.isArray(error.details) ? (error.details as { reason?: unknown }[]) : [];
  const reason = details.find((d) => typeof d.reason === 'string')?.reason;
  if (typeof reason === 'string' && isReason(reason)) return t(`pair.${reason}`);
  return t('pair.failed', { message: error.message });
}

/** Letters and digits of the code alphabet only, grouped `XXXX-XXXX` as they are typed. */
const tidy = (typed: string) =>
  formatPairingCode(
    [...typed.toUpperCase()]
      .filter((c) => pairingAlphabet.includes(c))
      .join('')
      .slice(0, pairingCodeLength),
  );

/**
 * Pairing: an officer types the one-time code (on the screen's keypad, or a keyboard) and the
 * server answers this kiosk's token. `initialCode` comes from a link (`/kiosk#pair=…`, as a QR
 * code would carry it) and is sent at once.
 */
export function mountPairingScreen(
  element: HTMLElement,
  deps: { onPaired: (kiosk: PairedKiosk) => void; initialCode?: string },
) {
  const heading = el('h1');
  const intro = el('p');
  const label = el('label', { htmlFor: 'pairing-code' });
  const input = el('input', {
    id: 'pairing-code',
    className: 'pairing-code',
    type: 'text',
    autocomplete: 'off',
    spellcheck: false,
    maxLength: pairingCodeLength + 1,
    attrs: { autocapitalize: 'characters', 'aria-describedby': 'pairing-problem' },
  });
  const keypadHost = el('div');
  const submit = el('button', { type: 'submit', className: 'primary big' });
  const problem = el('p', { id: 'pairing-problem', className: 'error', attrs: { role: 'alert' } });
  const form = el('form', { className: 'pairing-form', noValidate: true }, [
    label,
    input,
    keypadHost,
    submit,
    problem,
  ]);
  element.append(heading, intro, form);

  const update = (value: string) => {
    input.value = tidy(value);
    submit.disabled = normalizePairingCode(input.value) === null;
    problem.textContent = '';
  };
  const texts = () => {
    heading.textContent = t('pairTitle');
    intro.textContent = t('pairIntro');
    label.textContent = t('pairLabel');
    submit.textContent = t(busy ? 'pairing' : 'pairButton');
    keypadHost.setAttribute('aria-label', t('pairKeypad'));
    keypadHost.querySelector('[data-key="delete"]')?.setAttribute('aria-label', t('deleteKey'));
    const clear = keypadHost.querySelector('[data-key="clear"]');
    if (clear) clear.textContent = t('clearKey');
  };
  let busy = false;
  const keypad = mountKeypad(keypadHost, {
    label: t('pairKeypad'),
    keys: [
      ...[...pairingAlphabet].map((value) => ({ value })),
      { value: 'delete', text: '⌫', label: t('deleteKey'), className: 'key-wide' },
      { value: 'clear', text: t('clearKey'), className: 'key-wide' },
    ],
    onKey: (key) => {
      if (key === 'delete') update(input.value.replace(/-?.$/, ''));
      else if (key === 'clear') update('');
      else update(input.value + key);
    },
  });

  const pair = async () => {
    const code = normalizePairingCode(input.value);
    if (busy || code === null) return;
    busy = true;
    submit.disabled = true;
    submit.textContent = t('pairing');
    try {
      const kiosk = await api<PairedKiosk>('/api/kiosks/pair', {
        method: 'POST',
        json: { code: formatPairingCode(code) },
      });
      deps.onPaired(kiosk);
    } catch (error) {
      problem.textContent = pairingProblem(error);
      submit.textContent = t('pairButton');
      submit.disabled = false;
    } finally {
      busy = false;
    }
  };
  const onInput = () => update(input.value);
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void pair();
  };
  input.addEventListener('input', onInput);
  form.addEventListener('submit', onSubmit);
  const unsubscribe = onLanguageChange(texts);
  texts();
  update(deps.initialCode ?? '');
  if (deps.initialCode) void pair();
  return {
    destroy() {
      unsubscribe();
      input.removeEventListener('input', onInput);
      form.removeEventListener('submit', onSubmit);
      keypad.destroy();
      element.replaceChildren();
    },
  };
}
