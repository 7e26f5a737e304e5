import { el } from './el.ts';
import { currentLanguage, type Language, onLanguageChange, setLanguage } from './i18n.ts';

const labels: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/**
 * The staff pages' two-button language switch; each button names its language in that
 * language. Residents choose among every offered language instead (language-chooser.ts).
 */
export function mountLanguageSwitch(element: HTMLElement) {
  element.classList.add('language-switch');
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', 'Ngôn ngữ / Language');
  const buttons = (Object.keys(labels) as Language[]).map((language) => {
    const button = el('button', { type: 'button', lang: language, textContent: labels[language] });
    button.addEventListener('click', () => setLanguage(language));
    element.append(button);
    return { language, button };
  });
  const render = () => {
    const active = currentLanguage();
    for (const { language, button } of buttons)
      button.setAttribute('aria-pressed', String(language === active));
  };
  render();
  document.documentElement.lang = currentLanguage();
  const unsubscribe = onLanguageChange(render);
  return {
    destroy() {
      unsubscribe();
      element.replaceChildren();
    },
  };
}
