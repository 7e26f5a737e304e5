import type { Staff } from '../../../server/users/schema.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/** A screen the role may not open: said plainly, with the way back to the one it may. */
export function mountNotAllowed(element: HTMLElement, deps: { me: Staff }): Part {
  const home =
    deps.me.role === 'commune_officer'
      ? { href: `#/commune/${deps.me.communeCode}`, label: 'nav.myCommune' }
      : { href: '#/ranking', label: 'nav.ranking' };
  const stopLanguage = onLanguage(() => {
    const heading = el('h1', { tabIndex: -1 });
    setHeading(heading, t('notAllowed.title'));
    element.replaceChildren(
      heading,
      el('p', { className: 'notice not-allowed', textContent: t('error.forbidden') }),
      el('p', {}, [el('a', { href: home.href, textContent: t(home.label) })]),
    );
  });
  return {
    destroy() {
      stopLanguage();
      element.replaceChildren();
    },
  };
}
