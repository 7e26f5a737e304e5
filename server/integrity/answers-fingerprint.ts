import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';
import type { FormQuestion } from '../questionnaires/form-questions.ts';

/** SurveyJS question types whose answer is free text the resident typed. */
const freeTextTypes = new Set(['text', 'comment']);

/**
 * The fingerprint of a response's answers for the `duplicate` flag (METHOD.md section 7):
 * sha256 (hex) of the canonical JSON of the answers with every free-text question left out,
 * so two responses with the same answers to every other question match however their
 * comments differ and whatever their key order. Skipped questions (absent or `null`) are left
 * out too: `{ a: 1 }` and `{ a: 1, b: null }` are the same answers. The database indexes it
 * per commune and wave, so finding a duplicate is one index lookup.
 *
 * @example answersFingerprint(questions, { sec_income: 8, comment: 'Tốt' })
 *   === answersFingerprint(questions, { comment: 'Khác', sec_income: 8 }) // true
 */
export function answersFingerprint(
  questions: ReadonlyMap<string, Pick<FormQuestion, 'type'>>,
  answers: Record<string, unknown>,
): string {
  // The canonical JSON of the kept answers, written straight from the sorted names rather
  // than from a filtered copy of the answers: this runs on every submission. Same text as
  // `canonicalJson` of the copy (tests/unit/answers-fingerprint.test.ts).
  let text = '';
  for (const name of Object.keys(answers).sort()) {
    const value = answers[name];
    if (value === null || value === undefined) continue;
    const type = questions.get(name)?.type;
    if (type !== undefined && freeTextTypes.has(type)) continue;
    text += `${text === '' ? '' : ','}${JSON.stringify(name)}:${canonicalJson(value)}`;
  }
  return createHash('sha256').update(`{${text}}`).digest('hex');
}
