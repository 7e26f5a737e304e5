import { el, uniqueId } from './dom.ts';
import { formatInterval, formatMean, formatPercent } from './format.ts';
import { t } from './messages.ts';

/**
 * A "?" beside a figure that opens one short explanation below it (the disclosure pattern:
 * a real button with `aria-expanded`, so it works from the keyboard and says its state;
 * Escape closes it again). Nothing hovers: the text stays until closed, and prints.
 */
export function explainButton(subject: string, text: string) {
  const id = uniqueId('explain');
  const note = el('span', { id, className: 'explain-text', textContent: text, hidden: true });
  const button = el('button', {
    type: 'button',
    className: 'explain',
    textContent: '?',
    attrs: {
      'aria-expanded': 'false',
      'aria-controls': id,
      'aria-label': t('explain.label', { subject }),
    },
  });
  let isOpen = false;
  const set = (open: boolean) => {
    isOpen = open;
    note.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => set(!isOpen));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') set(false);
  });
  return { button, note };
}

/**
 * What a 95% interval means for this commune, in plain words: where its true score most
 * likely lies, and why it is a range at all (a sample of its residents, not all of them).
 */
export function intervalWords(input: {
  subject: string;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
}) {
  if (input.ciLow === null || input.ciHigh === null) return t('explain.noInterval');
  return t('explain.interval', {
    subject: input.subject,
    interval: formatInterval(input.ciLow, input.ciHigh),
    mean: formatMean(input.mean),
    n: input.n,
  });
}

/** What the chance of meeting the threshold says for this commune, and how sure that is. */
export function chanceWords(pMeets: number | null, threshold: number) {
  if (pMeets === null) return t('explain.noChance');
  const certainty =
    pMeets >= 0.95
      ? 'explain.chanceSure'
      : pMeets <= 0.05
        ? 'explain.chanceNot'
        : 'explain.chanceOpen';
  return `${t('explain.chance', { p: formatPercent(pMeets), threshold })} ${t(certainty, { threshold })}`;
}

/** How many more responses a commune needs before it gets a verdict. */
export const responsesNeeded = (n: number, minN: number) => Math.max(0, minN - n);
