import { el, uniqueId } from './dom.ts';
import { errorText } from './loading.ts';
import { t } from './messages.ts';
import type { ReviewDecision } from './types.ts';

/** The least the API accepts as a reason (API.md: "5 or more characters"). */
export const minReasonLength = 5;

/**
 * A reason as it will be sent, or why it cannot be: checked here so a reviewer learns at once,
 * not after a round trip. Surrounding spaces do not count.
 *
 * @example reasonProblem('  ok  ') // 'review.reasonShort' (2 characters)
 */
export function reasonProblem(reason: string) {
  return reason.trim().length < minReasonLength ? 'review.reasonShort' : null;
}

/**
 * Asks for the reason of one decision in a modal dialog (the page behind is inert; Escape and
 * Cancel close it) and sends it with `decide`. A refusal from the server stays in the dialog,
 * readable, with the reason kept; success closes it. Focus goes back to `opener`, or where `focusAfter` says once it is gone.
 */
export function openDecisionDialog(options: {
  decision: ReviewDecision;
  /** Names the response(s) the decision is about, e.g. "phiếu 1a2b3c4d". */
  subject: string;
  /** A sentence more under the effect, e.g. that each response is logged on its own. */
  note?: string;
  opener: HTMLElement;
  decide: (reason: string) => Promise<void>;
  /** The words for a refusal; by default the API's error as every staff page shows it. */
  explainFailure?: (failure: unknown) => string;
  /** Where focus goes when the decision has replaced `opener` (its card was redrawn). */
  focusAfter?: () => HTMLElement | null;
}) {
  const { decision, subject, opener } = options;
  const titleId = uniqueId('decision-title');
  const reasonId = uniqueId('decision-reason');
  const hintId = uniqueId('decision-hint');
  const errorId = uniqueId('decision-error');
  const reason = el('textarea', {
    id: reasonId,
    name: 'reason',
    rows: 3,
    required: true,
    attrs: { 'aria-describedby': `${hintId} ${errorId}` },
  });
  const error = el('p', {
    id: errorId,
    className: 'error',
    hidden: true,
    attrs: { role: 'alert' },
  });
  const confirm = el('button', {
    type: 'submit',
    className: decision === 'exclude' ? 'danger' : 'primary',
    textContent: t(`review.confirm.${decision}`),
  });
  const cancel = el('button', { type: 'button', textContent: t('cancel') });
  const form = el('form', { noValidate: true, method: 'dialog' }, [
    el('h2', { id: titleId, textContent: t(`review.dialog.${decision}`, { subject }) }),
    el('p', { textContent: t(`review.effect.${decision}`) }),
    ...(options.note ? [el('p', { className: 'hint', textContent: options.note })] : []),
    el('div', { className: 'field' }, [
      el('label', { htmlFor: reasonId, textContent: t('review.reason') }),
      reason,
      el('p', {
        id: hintId,
        className: 'hint',
        textContent: t('review.reasonHint', { min: minReasonLength }),
      }),
    ]),
    error,
    el('div', { className: 'buttons' }, [confirm, cancel]),
  ]);
  const dialog = el('dialog', { className: 'decision', attrs: { 'aria-labelledby': titleId } }, [
    form,
  ]);

  const showError = (text: string) => {
    error.textContent = text;
    error.hidden = false;
    reason.setAttribute('aria-invalid', 'true');
  };
  const close = () => dialog.close();
  cancel.addEventListener('click', close);
  dialog.addEventListener('close', () => {
    dialog.remove();
    (opener.isConnected ? opener : options.focusAfter?.())?.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = reasonProblem(reason.value);
    if (problem) {
      showError(t(problem, { min: minReasonLength, count: reason.value.trim().length }));
      reason.focus();
      return;
    }
    confirm.disabled = true;
    cancel.disabled = true;
    confirm.textContent = t('review.sending');
    options.decide(reason.value.trim()).then(close, (failure: unknown) => {
      confirm.disabled = false;
      cancel.disabled = false;
      confirm.textContent = t(`review.confirm.${decision}`);
      showError((options.explainFailure ?? errorText)(failure));
      reason.focus();
    });
  });
  reason.addEventListener('input', () => {
    if (!reasonProblem(reason.value)) {
      error.hidden = true;
      reason.removeAttribute('aria-invalid');
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  reason.focus();
  return dialog;
}
