import { auditActionName, knownAuditActions } from './audit-actions.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { errorText } from './loading.ts';
import { t } from './messages.ts';
import { formatMoment } from './review-card.ts';
import { type AuditFilters, pushRoute } from './router.ts';
import type { Api, AuditEntry, AuditPage, Part } from './types.ts';

/** `GET /api/audit`'s query for the filters and, for "load more", the cursor. */
export function auditQuery(filters: AuditFilters, cursor: string | null) {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.actor) params.set('actor', filters.actor);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return `/api/audit${query ? `?${query}` : ''}`;
}

/** An entry's details, one "name: value" per line; nested values as compact JSON. */
function detailsText(details: AuditEntry['details']) {
  if (!details || Object.keys(details).length === 0) return '–';
  return Object.entries(details)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

function entryRow(entry: AuditEntry) {
  return el('tr', { attrs: { 'data-action': entry.action, 'data-at': entry.at } }, [
    el('td', {
      className: 'nowrap',
      textContent: formatMoment(entry.at),
      attrs: { 'data-col': 'at' },
    }),
    el('td', { textContent: entry.actor, attrs: { 'data-col': 'actor' } }),
    el('th', { attrs: { scope: 'row', 'data-col': 'action' } }, [
      auditActionName(entry.action),
      el('span', { className: 'code', textContent: ` ${entry.action}` }),
    ]),
    el('td', {
      className: 'target',
      textContent: entry.target ?? '–',
      attrs: { 'data-col': 'target' },
    }),
    el('td', { textContent: entry.reason ?? '–', attrs: { 'data-col': 'reason' } }),
    el('td', {
      className: 'details',
      textContent: detailsText(entry.details),
      attrs: { 'data-col': 'details' },
    }),
  ]);
}

/**
 * The audit log (admins): every staff change, newest first, filtered by action or by who
 * made it, a page at a time. Read only: the database itself refuses to change an entry.
 */
export function mountAuditPage(
  element: HTMLElement,
  deps: { api: Api; filters: AuditFilters },
): Part {
  let filters = deps.filters;
  let entries: AuditEntry[] = [];
  let nextCursor: string | null = null;
  let loading = false;
  let failure: (() => string) | null = null;
  let generation = 0;
  let destroyed = false;

  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'intro' });
  const form = el('form', { className: 'card audit-filters' });
  const status = el('p', { className: 'hint audit-count', attrs: { role: 'status' } });
  const errorHost = el('div');
  const caption = el('caption');
  const head = el('tr');
  const body = el('tbody');
  const more = el('button', { type: 'button', className: 'load-more' });
  element.append(
    heading,
    intro,
    form,
    status,
    errorHost,
    el('div', { className: 'table-scroll' }, [
      el('table', { className: 'data audit' }, [caption, el('thead', {}, [head]), body]),
    ]),
    more,
  );

  const renderForm = () => {
    const actions = [...new Set([...knownAuditActions, ...entries.map((e) => e.action)])];
    if (filters.action && !actions.includes(filters.action)) actions.push(filters.action);
    form.replaceChildren(
      el('div', { className: 'filter-fields' }, [
        el('div', { className: 'field' }, [
          el('label', { htmlFor: 'audit-action', textContent: t('audit.action') }),
          el('select', { id: 'audit-action', name: 'action' }, [
            new Option(t('audit.allActions'), '', false, !filters.action),
            ...actions.map(
              (action) =>
                new Option(auditActionName(action), action, false, action === filters.action),
            ),
          ]),
        ]),
        el('div', { className: 'field' }, [
          el('label', { htmlFor: 'audit-actor', textContent: t('audit.actor') }),
          el('input', {
            id: 'audit-actor',
            name: 'actor',
            type: 'search',
            autocomplete: 'off',
            value: filters.actor ?? '',
          }),
        ]),
        el('button', {
          type: 'submit',
          id: 'audit-apply',
          className: 'primary',
          textContent: t('review.apply'),
        }),
      ]),
    );
  };

  const render = () => {
    caption.textContent = t('audit.caption');
    head.replaceChildren(
      ...[
        'audit.at',
        'audit.actor',
        'audit.action',
        'audit.target',
        'audit.reason',
        'audit.details',
      ].map((key) => el('th', { attrs: { scope: 'col' }, textContent: t(key) })),
    );
    body.replaceChildren(
      ...(entries.length > 0
        ? entries.map(entryRow)
        : loading || failure
          ? []
          : [el('tr', {}, [el('td', { colSpan: 6, textContent: t('audit.none') })])]),
    );
    status.textContent =
      loading && entries.length === 0
        ? t('loading')
        : t(nextCursor ? 'audit.countMore' : 'audit.count', { count: entries.length });
    more.hidden = nextCursor === null;
    more.disabled = loading;
    more.textContent = loading ? t('loading') : t('review.loadMore');
    errorHost.replaceChildren();
    if (failure) {
      const retry = el('button', { type: 'button', textContent: t('retry') });
      retry.addEventListener('click', () => void load(entries.length === 0 ? null : nextCursor));
      errorHost.append(
        el('p', { className: 'error', textContent: failure(), attrs: { role: 'alert' } }),
        retry,
      );
    }
  };

  const load = async (cursor: string | null) => {
    const mine = ++generation;
    loading = true;
    failure = null;
    render();
    try {
      const page = await deps.api<AuditPage>(auditQuery(filters, cursor));
      if (destroyed || mine !== generation) return;
      const first = entries.length;
      entries = cursor ? [...entries, ...page.entries] : page.entries;
      nextCursor = page.nextCursor;
      loading = false;
      render();
      if (
        page.entries.some((e) => !form.querySelector(`option[value="${CSS.escape(e.action)}"]`))
      ) {
        // A kind of entry the filter did not list yet: add it, keeping what was typed and focus.
        const focused = document.activeElement?.id;
        keepFieldValues(form, renderForm);
        if (focused) document.getElementById(focused)?.focus();
      }
      if (cursor) body.querySelectorAll<HTMLElement>('tr')[first]?.querySelector('th')?.focus();
    } catch (error) {
      if (destroyed || mine !== generation) return;
      loading = false;
      failure = () => errorText(error);
      render();
    }
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    const action = value('action');
    const actor = value('actor');
    filters = { ...(action ? { action } : {}), ...(actor ? { actor } : {}) };
    pushRoute({ name: 'audit', filters });
    entries = [];
    nextCursor = null;
    void load(null);
  };
  const onMore = () => void load(nextCursor);
  form.addEventListener('submit', onSubmit);
  more.addEventListener('click', onMore);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('audit.title'));
    intro.textContent = t('audit.intro');
    form.setAttribute('aria-label', t('audit.filters'));
    keepFieldValues(form, renderForm);
    render();
  });
  void load(null);
  return {
    destroy() {
      destroyed = true;
      stopLanguage();
      form.removeEventListener('submit', onSubmit);
      more.removeEventListener('click', onMore);
      element.replaceChildren();
    },
  };
}
