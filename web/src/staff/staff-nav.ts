import type { Staff } from '../../../server/users/schema.ts';
import { el, onLanguage } from './dom.ts';
import { t } from './messages.ts';
import type { Route } from './router.ts';
import type { Part } from './types.ts';

/**
 * The screens a role may open: an officer only their commune (never the review queue: they are
 * judged on these figures), an analyst the ranking and the queue, an admin also administration.
 */
export function navLinks(me: Staff) {
  // A clerk typing paper forms sees that one screen: nothing of the results.
  if (me.role === 'enumerator') {
    return [{ href: '#/paper/entry', label: 'nav.paperEntry', screen: 'paperEntry' }];
  }
  if (me.role === 'commune_officer') {
    return [
      { href: `#/commune/${me.communeCode}`, label: 'nav.myCommune', screen: 'commune' },
      { href: '#/progress', label: 'nav.progress', screen: 'progress' },
    ];
  }
  const links = [
    { href: '#/ranking', label: 'nav.ranking', screen: 'ranking' },
    { href: '#/review', label: 'nav.review', screen: 'review' },
    { href: '#/progress', label: 'nav.progress', screen: 'progress' },
    { href: '#/weights', label: 'nav.weights', screen: 'weights' },
  ];
  if (me.role === 'analyst') {
    links.push({
      href: '#/paper/conflicts',
      label: 'nav.paperConflicts',
      screen: 'paperConflicts',
    });
  }
  if (me.role === 'admin') {
    links.push(
      { href: '#/paper/batches', label: 'nav.paperBatches', screen: 'paperBatches' },
      { href: '#/paper/entry', label: 'nav.paperEntry', screen: 'paperEntry' },
      { href: '#/paper/conflicts', label: 'nav.paperConflicts', screen: 'paperConflicts' },
      { href: '#/imports', label: 'nav.imports', screen: 'imports' },
      { href: '#/kiosks', label: 'nav.kiosks', screen: 'kiosks' },
      { href: '#/users', label: 'nav.users', screen: 'users' },
      { href: '#/population', label: 'nav.population', screen: 'population' },
      { href: '#/waves', label: 'nav.waves', screen: 'waves' },
      { href: '#/questionnaires', label: 'nav.questionnaires', screen: 'questionnaires' },
      { href: '#/languages', label: 'nav.languages', screen: 'languages' },
      { href: '#/audit', label: 'nav.audit', screen: 'audit' },
    );
  }
  return links;
}

/** Who is signed in, the screens they may open, and signing out. */
export function mountStaffNav(
  element: HTMLElement,
  deps: { me: Staff; onSignOut: () => void },
): Part & { setRoute(route: Route): void } {
  let route: Route = { name: 'home' };
  const signOut = el('button', { type: 'button', className: 'sign-out' });
  signOut.addEventListener('click', deps.onSignOut);
  const who = el('p', { className: 'who' });
  const list = el('ul');
  const nav = el('nav', {}, [list]);
  element.append(
    el('div', { className: 'staff-bar' }, [
      nav,
      el('div', { className: 'session' }, [who, signOut]),
    ]),
  );

  const render = () => {
    nav.setAttribute('aria-label', t('nav.label'));
    who.textContent = t('nav.signedInAs', {
      email: deps.me.email,
      role: t(`role.${deps.me.role}`),
    });
    signOut.textContent = t('nav.signOut');
    list.replaceChildren(
      ...navLinks(deps.me).map((link) => {
        const current =
          route.name === link.screen &&
          (route.name !== 'commune' || link.href === `#/commune/${route.code}`);
        return el('li', {}, [
          el('a', {
            href: link.href,
            textContent: t(link.label),
            attrs: current ? { 'aria-current': 'page' } : {},
          }),
        ]);
      }),
    );
  };
  const stopLanguage = onLanguage(render);
  return {
    setRoute(next) {
      route = next;
      render();
    },
    destroy() {
      stopLanguage();
      signOut.removeEventListener('click', deps.onSignOut);
      element.replaceChildren();
    },
  };
}
