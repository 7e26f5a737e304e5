import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import type { Outbox } from '../shared/outbox.ts';
import { type KioskKey, kioskMessages } from './messages.ts';

const t = (key: KioskKey, values?: Record<string, string | number>) =>
  translate(kioskMessages, key, values);

/**
 * What staff see after the PIN: kiosk mode has ended. From here they resume it, or pair the
 * device again; and they may discard the responses the server refused (a final 4xx), which would
 * otherwise stay on the device with their answers.
 */
export function mountEndedScreen(
  element: HTMLElement,
  deps: { outbox: Outbox; onResume: () => void; onUnpair: () => void },
) {
  const heading = el('h1', { tabIndex: -1 });
  const text = el('p');
  const discard = el('button', { type: 'button', hidden: true });
  const resume = el('button', { type: 'button', className: 'primary big' });
  const unpair = el('button', { type: 'button', className: 'big' });
  element.append(heading, text, discard, el('div', { className: 'actions' }, [resume, unpair]));

  let rejected: string[] = [];
  const render = () => {
    heading.textContent = t('endedTitle');
    text.textContent = t('endedText');
    resume.textContent = t('resume');
    unpair.textContent = t('unpair');
    discard.textContent = t('discardRejected', { count: rejected.length });
    discard.hidden = rejected.length === 0;
  };
  const refresh = async () => {
    rejected = (await deps.outbox.items()).filter((i) => i.state === 'rejected').map((i) => i.id);
    render();
  };
  const onDiscard = async () => {
    for (const id of rejected) await deps.outbox.dismiss(id);
    await refresh();
  };
  discard.addEventListener('click', () => void onDiscard());
  resume.addEventListener('click', deps.onResume);
  unpair.addEventListener('click', deps.onUnpair);
  const unsubscribe = onLanguageChange(render);
  render();
  heading.focus();
  void refresh();
  return {
    destroy() {
      unsubscribe();
      element.replaceChildren();
    },
  };
}
