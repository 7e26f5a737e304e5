import type { FormQuestion } from '../questionnaires/form-questions.ts';

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const trueWords = new Set(['true', 'yes', '1']);
const falseWords = new Set(['false', 'no', '0']);

/** A choice as the questionnaire stores it: its text when offered as text, else its number. */
function choiceOf(offered: ReadonlyArray<string | number> | null, text: string): string | number {
  if (offered?.includes(text)) return text;
  if (numberPattern.test(text) && offered?.includes(Number(text))) return Number(text);
  return text;
}

/**
 * The answer a CSV cell gives to a question, as a submission would carry it; `undefined`
 * for an empty cell (a skipped question). What cannot be an answer comes back as its text,
 * so the answer rules (findAnswerProblems) name what is wrong with it, as they do for a
 * submission.
 *
 * - a scored item or a rating: the number written (`98`, `99` the missing codes);
 * - a choice: the value the form stores, text or number (`female`, `18-29`);
 * - several choices (checkbox): values separated by spaces or `;`, as Kobo and ODK export;
 * - yes/no: `true`/`false`, `yes`/`no` or `1`/`0`;
 * - free text: the cell as it is.
 *
 * @example cellAnswer({ type: 'rating', choices: [0, 1, 2], … }, ' 2 ') // 2
 */
export function cellAnswer(question: FormQuestion | undefined, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  if (!question) return cell;
  if (question.maxLength !== null) return cell;
  if (question.type === 'boolean') {
    const word = text.toLowerCase();
    if (trueWords.has(word)) return true;
    if (falseWords.has(word)) return false;
    return text;
  }
  if (question.multiple) {
    return text
      .split(/[\s;]+/)
      .filter((part) => part !== '')
      .map((part) => choiceOf(question.choices, part));
  }
  if (question.type === 'rating') return numberPattern.test(text) ? Number(text) : text;
  return choiceOf(question.choices, text);
}
