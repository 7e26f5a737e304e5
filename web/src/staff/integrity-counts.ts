import type { CommuneResult } from '../../../server/results/schema.ts';
import { el, onLanguage } from './dom.ts';
import { t } from './messages.ts';
import { routeHash } from './router.ts';
import type { Part } from './types.ts';

type Counted = Pick<CommuneResult, 'code' | 'name' | 'excluded' | 'flaggedUnreviewed'>;

/** The commune's queue in the wave: its flags awaiting review, or its excluded responses. */
export function queueHref(code: string, wave: string | null, state: 'flagged' | 'excluded') {
  return routeHash({
    name: 'review',
    filters: { ...(wave ? { wave } : {}), communeCode: code, state },
  });
}

/** One count as a link to the responses it counts, when there are any and the reader may review. */
export function countLink(
  commune: Counted,
  kind: 'flaggedUnreviewed' | 'excluded',
  options: { wave: string | null; linked: boolean },
): Node {
  const count = commune[kind];
  if (count === 0 || !options.linked) return document.createTextNode(String(count));
  return el('a', {
    href: queueHref(commune.code, options.wave, kind === 'excluded' ? 'excluded' : 'flagged'),
    textContent: String(count),
    attrs: { 'aria-label': t(`integrity.${kind}Link`, { count }) },
  });
}

/**
 * The commune page's integrity card: how many flags await review and how many responses are
 * excluded from its figures, with the way to its queue for those who may review.
 */
export function mountIntegritySummary(
  element: HTMLElement,
  deps: { commune: Counted; wave: string; linked: boolean },
): Part {
  const { commune, wave, linked } = deps;
  const stopLanguage = onLanguage(() => {
    const item = (kind: 'flaggedUnreviewed' | 'excluded') =>
      el('div', {}, [
        el('dt', { textContent: t(`integrity.${kind}`) }),
        el('dd', { attrs: { 'data-figure': kind } }, [countLink(commune, kind, { wave, linked })]),
      ]);
    element.replaceChildren(
      el('h2', { textContent: t('integrity.title') }),
      el('dl', { className: 'summary' }, [item('flaggedUnreviewed'), item('excluded')]),
      el('p', { className: 'hint', textContent: t('integrity.note') }),
      ...(linked
        ? [
            el('p', {}, [
              el('a', {
                href: queueHref(commune.code, wave, 'flagged'),
                textContent: t('integrity.openQueue'),
              }),
            ]),
          ]
        : []),
    );
  });
  return {
    destroy() {
      stopLanguage();
      element.replaceChildren();
    },
  };
}
