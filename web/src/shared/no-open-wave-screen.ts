import type { CurrentQuestionnaire } from '../../../server/waves/current-schema.ts';
import { el } from './el.ts';
import { catalogue, type KeyUnder, onLanguageChange, translate } from './i18n.ts';

/** The screen's words, plain, for residents: surveys/languages/<code>/messages.json `noWave.`. */
const messages = catalogue('noWave');
const t = (key: KeyUnder<'noWave'>, values?: Record<string, string>) =>
  translate(messages, key, values);

/** Whether the server said no wave is open (an older server says nothing: treat as open). */
export function noWaveOpen(questionnaire: object): boolean {
  return (questionnaire as Partial<CurrentQuestionnaire>).openWave === null;
}

/** 2026-03-01 → 01/03/2026, as dates are written in Việt Nam. */
const dayText = (date: string) => date.split('-').reverse().join('/');

/**
 * "No survey open now", for the resident page and the kiosk when the server has no wave open.
 * Only a screen: the page's outbox keeps sending what it holds behind it.
 */
export function mountNoOpenWaveScreen(
  element: HTMLElement,
  deps: { nextOpensOn: string | null; className?: string },
) {
  const heading = el('h1', { tabIndex: -1 });
  const text = el('p');
  const sending = el('p', { className: 'hint' });
  const section = el('section', { className: `no-open-wave ${deps.className ?? ''}`.trim() }, [
    heading,
    text,
    sending,
  ]);
  element.append(section);
  const render = () => {
    heading.textContent = t('title');
    text.textContent = deps.nextOpensOn
      ? t('next', { date: dayText(deps.nextOpensOn) })
      : t('later');
    sending.textContent = t('sending');
  };
  render();
  heading.focus();
  const unsubscribe = onLanguageChange(render);
  return {
    destroy() {
      unsubscribe();
      section.remove();
    },
  };
}
