import type { MeasureSummary, Weighting } from '../../../server/results/schema.ts';
import { el } from './dom.ts';
import { t } from './messages.ts';
import { type Phrase, weightingPhrases } from './weighting-words.ts';
import './weighting-note.css';

/** The figure a note speaks of: a results row's `weighting` and one of its measures. */
export type WeightedFigure = {
  weighting: Weighting;
  measure: MeasureSummary;
  /** Whether the commune has population figures, when the caller knows (`GET /api/population`). */
  hasMargins?: boolean;
};

const say = (phrase: Phrase) => t(phrase.key, phrase.values);

/**
 * A short tag, "Có trọng số theo dân số" or "Chưa có trọng số…", for a table cell or a heatmap
 * row: text, never colour alone. Built in the current language, so call it from the caller's
 * own `onLanguage` render (as the ranking table builds its rows).
 */
export function weightingTag(figure: WeightedFigure): HTMLSpanElement {
  const { headline } = weightingPhrases(figure);
  return el('span', {
    className: `weighting-tag weighting-${figure.weighting}`,
    textContent: say(headline),
    attrs: { 'data-weighting': figure.weighting },
  });
}

/**
 * The whole note for one figure, for a commune page or below a table: whether it is weighted
 * and, when it is, how precise it is in people chosen at random and how many responses could
 * not be weighted. A `<p>`, built in the current language (call it from an `onLanguage` render).
 */
export function weightingNote(figure: WeightedFigure): HTMLParagraphElement {
  const { headline, details } = weightingPhrases(figure);
  return el(
    'p',
    {
      className: `weighting-note weighting-${figure.weighting}`,
      attrs: { 'data-weighting': figure.weighting },
    },
    [
      el('strong', { textContent: `${say(headline)}.` }),
      ...details.flatMap((phrase) => [' ', say(phrase)]),
    ],
  );
}
