import type { Commune } from '../../../server/communes/schema.ts';
import { el } from './dom.ts';
import { flagName } from './flag-words.ts';
import { t } from './messages.ts';
import type { ReviewFilters } from './router.ts';
import { flagNames } from './types.ts';

/** The queue's `state` filter (API.md): `flagged` is flagged and not yet reviewed. */
export const reviewStates = ['flagged', 'kept', 'excluded', 'all'] as const;

/** The filters in force: the address's, else the queue's defaults (this wave, flagged). */
export function effectiveFilters(filters: ReviewFilters, wave: string | null): ReviewFilters {
  const chosenWave = filters.wave ?? wave;
  return {
    ...(chosenWave ? { wave: chosenWave } : {}),
    ...(filters.communeCode ? { communeCode: filters.communeCode } : {}),
    ...(filters.flag ? { flag: filters.flag } : {}),
    state: filters.state ?? 'flagged',
  };
}

/** `GET /api/review`'s query for the filters and, for "load more", the cursor. */
export function reviewQuery(filters: ReviewFilters, cursor: string | null) {
  const params = new URLSearchParams();
  for (const key of ['wave', 'communeCode', 'flag', 'state'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  return `/api/review?${params.toString()}`;
}

function labelled(id: string, label: string, field: HTMLElement) {
  return el('div', { className: 'field' }, [
    el('label', { htmlFor: id, textContent: label }),
    field,
  ]);
}

/** The filter form's fields, chosen as `filters` says; the caller handles submit. */
export function reviewFilterFields(
  filters: ReviewFilters,
  deps: { waves: readonly string[]; communes: readonly Commune[] },
) {
  const option = (text: string, value: string, selected: string | undefined) =>
    new Option(text, value, false, value === (selected ?? ''));
  const waves = [...deps.waves].sort().reverse();
  if (filters.wave && !waves.includes(filters.wave)) waves.unshift(filters.wave);
  return [
    labelled(
      'review-wave',
      t('wave.label'),
      el(
        'select',
        { id: 'review-wave', name: 'wave' },
        waves.map((w) => option(w, w, filters.wave)),
      ),
    ),
    labelled(
      'review-commune',
      t('form.commune'),
      el('select', { id: 'review-commune', name: 'communeCode' }, [
        option(t('review.allCommunes'), '', filters.communeCode),
        ...deps.communes.map((c) => option(`${c.name} (${c.code})`, c.code, filters.communeCode)),
      ]),
    ),
    labelled(
      'review-flag',
      t('review.flag'),
      el('select', { id: 'review-flag', name: 'flag' }, [
        option(t('review.allFlags'), '', filters.flag),
        ...flagNames.map((flag) => option(flagName(flag), flag, filters.flag)),
      ]),
    ),
    labelled(
      'review-state',
      t('review.stateFilter'),
      el(
        'select',
        { id: 'review-state', name: 'state' },
        reviewStates.map((state) => option(t(`review.filter.${state}`), state, filters.state)),
      ),
    ),
  ];
}

/** The filters a submitted form asks for; "all communes" and "any flag" are no filter. */
export function filtersFromForm(form: HTMLFormElement): ReviewFilters {
  const data = new FormData(form);
  const value = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const filters: ReviewFilters = {};
  for (const key of ['wave', 'communeCode', 'flag', 'state'] as const) {
    const v = value(key);
    if (v) filters[key] = v;
  }
  return filters;
}
