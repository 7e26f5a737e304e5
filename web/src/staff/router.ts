/** The review queue's filters, as the address keeps them (empty: the queue's defaults). */
export type ReviewFilters = {
  wave?: string;
  communeCode?: string;
  flag?: string;
  state?: string;
};
export type AuditFilters = { action?: string; actor?: string };

/** The dashboard's screens, one per `location.hash`, so Back and bookmarks work. */
export type Route =
  | { name: 'ranking' }
  | { name: 'commune'; code: string; dimension?: string }
  | { name: 'kiosks' }
  | { name: 'users' }
  | { name: 'population' }
  | { name: 'languages' }
  | { name: 'waves' }
  | { name: 'progress' }
  | { name: 'questionnaires' }
  | { name: 'weights' }
  | { name: 'review'; filters: ReviewFilters }
  | { name: 'audit'; filters: AuditFilters }
  | { name: 'printCommune'; code: string; wave?: string }
  | { name: 'printProvince'; wave?: string }
  | { name: 'paperBatches' }
  | { name: 'paperEntry' }
  | { name: 'paperConflicts'; communeCode?: string }
  | { name: 'printBatch'; id: string }
  | { name: 'imports' }
  | { name: 'home' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const reviewKeys = ['wave', 'communeCode', 'flag', 'state'] as const;
const auditKeys = ['action', 'actor'] as const;

/** The named parameters of a query string that have a value; anything else is ignored. */
function pick<K extends string>(query: string, keys: readonly K[]) {
  const params = new URLSearchParams(query);
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = params.get(key)?.trim();
    if (value) picked[key] = value;
  }
  return picked;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [screen, argument] = path.split('/');
  if (screen === 'ranking' || screen === 'kiosks' || screen === 'users') return { name: screen };
  if (screen === 'population') return { name: 'population' };
  if (screen === 'languages') return { name: 'languages' };
  if (screen === 'waves' || screen === 'progress') return { name: screen };
  if (screen === 'questionnaires') return { name: 'questionnaires' };
  if (screen === 'weights') return { name: 'weights' };
  if (screen === 'imports') return { name: 'imports' };
  // Paper forms: `#/paper/batches`, `#/paper/entry`, `#/paper/conflicts?communeCode=01273`.
  if (screen === 'paper') {
    if (argument === 'batches') return { name: 'paperBatches' };
    if (argument === 'entry') return { name: 'paperEntry' };
    if (argument === 'conflicts') {
      const { communeCode } = pick(query, ['communeCode'] as const);
      return communeCode && /^\d{5}$/.test(communeCode)
        ? { name: 'paperConflicts', communeCode }
        : { name: 'paperConflicts' };
    }
  }
  if (screen === 'review') return { name: 'review', filters: pick(query, reviewKeys) };
  if (screen === 'audit') return { name: 'audit', filters: pick(query, auditKeys) };
  if (screen === 'commune' && argument && /^\d{5}$/.test(argument)) {
    // `?dimension=trust` (from a heatmap cell) opens the commune at that dimension.
    const { dimension } = pick(query, ['dimension'] as const);
    return dimension
      ? { name: 'commune', code: argument, dimension }
      : { name: 'commune', code: argument };
  }
  // The printed reports: `#/print/commune/01273?wave=2026`, `#/print/province?wave=2026`.
  if (screen === 'print') {
    const { wave } = pick(query, ['wave'] as const);
    const inWave = wave && /^[0-9a-z][0-9a-z-]{0,31}$/.test(wave) ? { wave } : {};
    const code = path.split('/')[2];
    if (argument === 'province') return { name: 'printProvince', ...inWave };
    // A batch of paper forms: `#/print/batch/<id>`.
    if (argument === 'batch' && code && uuidPattern.test(code))
      return { name: 'printBatch', id: code };
    if (argument === 'commune' && code && /^\d{5}$/.test(code)) {
      return { name: 'printCommune', code, ...inWave };
    }
  }
  return { name: 'home' };
}

function withQuery(path: string, filters: Record<string, string | undefined>) {
  const entries = Object.entries(filters).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return entries.length > 0 ? `${path}?${new URLSearchParams(entries).toString()}` : path;
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'commune':
      return withQuery(`#/commune/${route.code}`, { dimension: route.dimension });
    case 'review':
      return withQuery('#/review', route.filters);
    case 'audit':
      return withQuery('#/audit', route.filters);
    case 'printCommune':
      return withQuery(`#/print/commune/${route.code}`, { wave: route.wave });
    case 'printProvince':
      return withQuery('#/print/province', { wave: route.wave });
    case 'paperBatches':
      return '#/paper/batches';
    case 'paperEntry':
      return '#/paper/entry';
    case 'paperConflicts':
      return withQuery('#/paper/conflicts', { communeCode: route.communeCode });
    case 'printBatch':
      return `#/print/batch/${route.id}`;
    default:
      return `#/${route.name}`;
  }
}

/** Replaces the current history entry, so Back skips a redirect ("#/" to the landing screen). */
export function replaceRoute(route: Route) {
  history.replaceState(history.state, '', routeHash(route));
}

/**
 * Records a new entry without a `hashchange`, for a screen that has already shown the change
 * itself (new filters): Back then returns to the entry before, which remounts the screen.
 */
export function pushRoute(route: Route) {
  history.pushState(history.state, '', routeHash(route));
}

/** Calls `onChange` with the new route on every hash change; returns the unsubscribe. */
export function watchRoute(onChange: (route: Route) => void) {
  const listener = () => onChange(parseRoute(location.hash));
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
