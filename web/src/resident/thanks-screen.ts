import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { scoreResponse } from '../../../server/scoring/score-response.ts';
import { el } from '../shared/el.ts';
import { translate } from '../shared/i18n.ts';
import type { Outbox } from '../shared/outbox.ts';
import { type ResidentKey, residentMessages } from './messages.ts';
import { mountProfile } from './profile.ts';

const t = (key: ResidentKey) => translate(residentMessages, key);

type Outcome = 'sending' | 'sent' | 'queued' | 'rejectedThanks';

/**
 * The thank-you with the resident's own profile. What it says of the sending comes from the
 * outbox's own outcome for this response, not from `onLine`: a connected phone whose server
 * is away must hear "kept, will be sent", not "sent"; and once the outbox is empty again the
 * note says "Đã gửi".
 */
export function mountThanksScreen(
  element: HTMLElement,
  deps: {
    questionnaire: Questionnaire;
    answers: Record<string, unknown>;
    id: string;
    outbox: Outbox;
    watchPending: (listener: (pending: number) => void) => () => void;
    onAgain: () => void;
  },
) {
  const { outbox, id } = deps;
  const heading = el('h1', { textContent: t('thanks'), tabIndex: -1 });
  const status = el('p', { className: 'status' });
  status.setAttribute('role', 'status');
  let outcome: Outcome = navigator.onLine ? 'sending' : 'queued';
  const renderStatus = () => {
    status.textContent = t(outcome);
    status.dataset.outcome = outcome;
  };
  const profileHost = el('section', { className: 'profile' });
  const again = el('button', { type: 'button', className: 'primary', textContent: t('again') });
  again.addEventListener('click', () => deps.onAgain());
  element.append(heading, status, profileHost, again);
  heading.focus();
  let profile: { destroy(): void } | null = null;
  let destroyed = false;
  // An outcome heard while the first read is under way is newer than what it reads.
  let heard = false;
  const unwatch = outbox.onOutcome((itemId, result) => {
    if (itemId !== id) return;
    heard = true;
    outcome = ({ delivered: 'sent', waiting: 'queued', rejected: 'rejectedThanks' } as const)[
      result
    ];
    renderStatus();
  });
  // Whatever sent it (this page, a retry timer, another tab), an outbox with nothing pending
  // holds no part of this response any more unless the server refused it.
  const unwatchPending = deps.watchPending((pending) => {
    if (pending > 0 || outcome === 'sent' || outcome === 'rejectedThanks') return;
    void outbox.items().then((items) => {
      if (destroyed || items.some((i) => i.id === id)) return;
      outcome = 'sent';
      renderStatus();
    });
  });
  void outbox.items().then((items) => {
    const item = items.find((i) => i.id === id);
    if (destroyed || heard) return;
    if (!item) outcome = 'sent';
    else if (item.state === 'rejected') outcome = 'rejectedThanks';
    else outcome = item.attempts === 0 && navigator.onLine ? 'sending' : 'queued';
    renderStatus();
  });
  renderStatus();
  // The same engine as the server's, so the profile is there offline too; the server
  // recomputes and stores its own scores from the answers.
  void mountProfile(profileHost, scoreResponse(deps.questionnaire.scoring, deps.answers)).then(
    (p) => {
      if (destroyed) p.destroy();
      else profile = p;
    },
  );
  return {
    destroy() {
      destroyed = true;
      unwatch();
      unwatchPending();
      profile?.destroy();
    },
  };
}
