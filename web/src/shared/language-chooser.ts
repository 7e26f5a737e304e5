import { el } from './el.ts';
import './language-chooser.css';
import { currentLanguageCode, message, onLanguageChange } from './i18n.ts';
import {
  chooseLanguage,
  loadLanguage,
  type OfferedLanguage,
  offeredLanguages,
  restoreLanguage,
} from './languages.ts';

/**
 * Plays a language's recorded greeting, when there is one (`GET /api/audio/…/_greeting`, see
 * server/API.md "Languages and audio"), so a person who cannot read the page hears their
 * language; the chooser works the same without it.
 */
export type GreetingPlayer = (code: string) => void;

/** The language just pressed: a page that redraws on the change puts focus back on it. */
let pressed: string | null = null;

/**
 * The row of large buttons, one per offered language, each with the language's own name (and
 * its `lang`, so a screen reader says it in the right voice). Replaces the two-button switch
 * on the resident page and the kiosk. With one language offered, nothing is shown.
 *
 * `prefetch` (the kiosk): every offered language is fetched at once, so the service worker
 * holds them all and the kiosk offers them offline.
 */
export function mountLanguageChooser(
  element: HTMLElement,
  deps: { prefetch?: boolean; greet?: GreetingPlayer; offered?: Promise<OfferedLanguage[]> } = {},
) {
  const row = el('div', { className: 'language-chooser', hidden: true, attrs: { role: 'group' } });
  element.append(row);
  let buttons: { code: string; button: HTMLButtonElement }[] = [];
  let destroyed = false;

  const render = () => {
    row.setAttribute('aria-label', message('language.choose'));
    const active = currentLanguageCode();
    for (const { code, button } of buttons)
      button.setAttribute('aria-pressed', String(code === active));
  };
  const show = (offered: OfferedLanguage[]) => {
    if (destroyed) return;
    buttons = offered.map((language) => {
      const button = el('button', {
        type: 'button',
        className: 'language-choice',
        lang: language.code,
        textContent: language.name,
      });
      button.addEventListener('click', () => {
        pressed = language.code;
        deps.greet?.(language.code);
        // Kept until the redrawn screen's chooser has taken it (its list is a promise away).
        void chooseLanguage(language).then(() =>
          setTimeout(() => {
            pressed = null;
          }, 0),
        );
      });
      return { code: language.code, button };
    });
    row.replaceChildren(...buttons.map((entry) => entry.button));
    row.hidden = buttons.length < 2;
    render();
    const again = buttons.find((entry) => entry.code === pressed);
    if (again && !row.hidden && !row.contains(document.activeElement)) {
      pressed = null;
      again.button.focus();
    }
  };

  const unsubscribe = onLanguageChange(render);
  void (deps.offered ?? offeredLanguages()).then(async (offered) => {
    show(offered);
    await restoreLanguage(offered);
    if (deps.prefetch) for (const language of offered) await loadLanguage(language);
  });
  document.documentElement.lang = currentLanguageCode();
  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      row.remove();
    },
  };
}
