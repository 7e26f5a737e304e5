import type { PaperProgress } from '../../../server/paper/schema.ts';
import type { Staff } from '../../../server/users/schema.ts';
import type { WaveProgress, WaveView } from '../../../server/waves/schema.ts';
import { formatNumber } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { formatDateTime } from './format.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

/** 2026-03-01 → 01/03/2026, as dates are written in Việt Nam (and in British English). */
export const dayText = (date: string) => date.split('-').reverse().join('/');

/** The wave a progress screen opens on: the open one, else the latest to have started. */
export function defaultProgressWave(waves: readonly WaveView[]): WaveView | null {
  return (
    waves.find((w) => w.state === 'open') ??
    [...waves].reverse().find((w) => w.state === 'closed') ??
    waves[0] ??
    null
  );
}

/** A commune's paper forms in one cell: printed, typed once, verified, in conflict. */
const paperCell = (paper: PaperProgress) =>
  paper.printed === 0
    ? '–'
    : t('progress.paperCell', {
        printed: formatNumber(paper.printed, 0),
        once: formatNumber(paper.enteredOnce, 0),
        verified: formatNumber(paper.verified, 0),
        conflicts: formatNumber(paper.conflicts, 0),
      });

function progressTable(progress: WaveProgress) {
  const rows = progress.communes.map((c) =>
    el('tr', { attrs: { 'data-commune': c.code } }, [
      el('th', { attrs: { scope: 'row' }, textContent: c.name }),
      el('td', {}, [
        el('span', {
          textContent: t('progress.responses', {
            responses: formatNumber(c.responses, 0),
            target: formatNumber(c.target, 0),
          }),
        }),
        el('progress', { max: c.target, value: Math.min(c.responses, c.target) }),
      ]),
      el('td', { textContent: formatNumber(c.lastSevenDays, 0) }),
      el('td', { textContent: paperCell(c.paper), attrs: { 'data-col': 'paper' } }),
      el('td', {
        textContent: c.reached
          ? t('progress.reached')
          : c.projectedOn
            ? dayText(c.projectedOn)
            : t('progress.noPace'),
      }),
      el(
        'td',
        {},
        c.kiosks.length === 0
          ? [t('progress.noKiosk')]
          : c.kiosks.map((k) =>
              el('div', { textContent: `${k.label}: ${formatDateTime(k.lastSeenAt)}` }),
            ),
      ),
    ]),
  );
  const head = [
    'progress.commune',
    'progress.count',
    'progress.lastSeven',
    'progress.paper',
    'progress.projected',
    'progress.kiosks',
  ];
  return el('div', { className: 'table-scroll' }, [
    el('table', { className: 'data progress-table' }, [
      el('caption', { textContent: t('progress.caption') }),
      el('thead', {}, [
        el(
          'tr',
          {},
          head.map((key) => el('th', { attrs: { scope: 'col' }, textContent: t(key) })),
        ),
      ]),
      el('tbody', {}, rows),
    ]),
  ]);
}

function mountProgress(
  element: HTMLElement,
  deps: { api: Api; waves: WaveView[]; me: Staff },
): Part {
  let chosen = defaultProgressWave(deps.waves);
  let inner: Part | null = null;
  const picker = el('select', { name: 'progress-wave', id: 'progress-wave' });
  const label = el('label', { htmlFor: 'progress-wave' });
  const body = el('div');
  element.append(el('div', { className: 'field' }, [label, picker]), body);

  const load = () => {
    inner?.destroy();
    body.replaceChildren();
    if (!chosen) {
      body.append(el('p', { className: 'hint', textContent: t('progress.noWave') }));
      return;
    }
    const wave = chosen;
    inner = mountLoading(body, {
      load: () => deps.api<WaveProgress>(`/api/waves/${encodeURIComponent(wave.id)}/progress`),
      ready: (progress) => {
        const render = () => {
          const s = progress.summary;
          body.replaceChildren(
            el('p', {
              textContent: t('progress.waveDays', {
                name: progress.wave.name,
                opensOn: dayText(progress.wave.opensOn),
                closesOn: dayText(progress.wave.closesOn),
                state: t(`waves.state.${progress.wave.state}`),
              }),
            }),
            el('section', { className: 'card progress-summary' }, [
              el('h2', {
                textContent:
                  deps.me.role === 'commune_officer'
                    ? (progress.communes[0]?.name ?? '')
                    : t('progress.summary'),
              }),
              el('p', {
                className: 'progress-total',
                textContent: t('progress.responses', {
                  responses: formatNumber(s.responses, 0),
                  target: formatNumber(s.target, 0),
                }),
              }),
              el('p', {
                textContent: t('progress.atTarget', { count: s.atTarget, total: s.communes }),
              }),
              el('p', { textContent: t('progress.quiet', { count: s.quietSevenDays }) }),
              el('p', {
                className: 'progress-paper',
                textContent: t('progress.paperTotal', {
                  printed: formatNumber(s.paper.printed, 0),
                  once: formatNumber(s.paper.enteredOnce, 0),
                  verified: formatNumber(s.paper.verified, 0),
                  conflicts: formatNumber(s.paper.conflicts, 0),
                }),
              }),
            ]),
            progressTable(progress),
          );
        };
        return { destroy: onLanguage(render) };
      },
    });
  };

  const renderPicker = () => {
    label.textContent = t('wave.label');
    picker.replaceChildren(
      ...[...deps.waves].reverse().map((w) =>
        el('option', {
          value: w.id,
          textContent: `${w.name} (${t(`waves.state.${w.state}`)})`,
          selected: w.id === chosen?.id,
        }),
      ),
    );
  };
  picker.addEventListener('change', () => {
    chosen = deps.waves.find((w) => w.id === picker.value) ?? chosen;
    load();
  });
  const stopLanguage = onLanguage(renderPicker);
  load();
  return {
    destroy() {
      stopLanguage();
      inner?.destroy();
      element.replaceChildren();
    },
  };
}

/** Field progress of a wave: every commune for admins and analysts, their own for officers. */
export function mountProgressScreen(element: HTMLElement, deps: { api: Api; me: Staff }): Part {
  const heading = el('h1', { tabIndex: -1 });
  const body = el('div');
  element.append(heading, body);
  const stopLanguage = onLanguage(() => setHeading(heading, t('progress.title')));
  const loading = mountLoading(body, {
    load: () => deps.api<WaveView[]>('/api/waves'),
    ready: (waves) => mountProgress(body, { api: deps.api, waves, me: deps.me }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
