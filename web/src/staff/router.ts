/** The dashboard's screens, one per `location.hash`, so Back and bookmarks work. */
export type Route =
  | { name: 'ranking' }
  | { name: 'commune'; code: string }
  | { name: 'kiosks' }
  | { name: 'users' }
  | { name: 'home' };

export function parseRoute(hash: string): Route {
  const [screen, argument] = hash.replace(/^#\/?/, '').split('/');
  if (screen === 'ranking' || screen === 'kiosks' || screen === 'users') return { name: screen };
  if (screen === 'commune' && argument && /^\d{5}$/.test(argument)) {
    return { name: 'commune', code: argument };
  }
  return { name: 'home' };
}

export function routeHash(route: Route) {
  if (route.name === 'home') return '#/';
  return route.name === 'commune' ? `#/commune/${route.code}` : `#/${route.name}`;
}

/** Replaces the current history entry, so Back skips a redirect ("#/" to the landing screen). */
export function replaceRoute(route: Route) {
  history.replaceState(history.state, '', routeHash(route));
}

/** Calls `onChange` with the new route on every hash change; returns the unsubscribe. */
export function watchRoute(onChange: (route: Route) => void) {
  const listener = () => onChange(parseRoute(location.hash));
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
