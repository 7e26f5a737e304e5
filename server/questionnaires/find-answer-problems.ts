import { classifyAnswer } from '../scoring/classify-answer.ts';
import { unscoredAnswerProblem } from './form-questions.ts';
import type { LoadedQuestionnaire } from './normalise-questionnaire.ts';

export type AnswerProblem = { path: string; message: string };

/**
 * Everything wrong with a set of answers (METHOD.md section 2): an invalid answer to a scored
 * item, an answer no form question could give, or an answer to a question the form does not
 * have. Skipped questions are never a problem. An empty list means the answers may be stored.
 */
export function findAnswerProblems(
  questionnaire: LoadedQuestionnaire,
  answers: Record<string, unknown>,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const scored = new Map(questionnaire.scoring.items.map((item) => [item.name, item]));
  for (const [name, answer] of Object.entries(answers)) {
    const path = `answers.${name}`;
    const item = scored.get(name);
    if (item) {
      const answerClass = classifyAnswer(item, questionnaire.scoring.missing, answer);
      if (answerClass.kind === 'invalid') problems.push({ path, message: answerClass.reason });
      continue;
    }
    const question = questionnaire.questions.get(name);
    if (!question) {
      problems.push({ path, message: `"${name}" is not a question of ${questionnaire.id}` });
      continue;
    }
    const problem = unscoredAnswerProblem(question, answer);
    if (problem) problems.push({ path, message: problem });
  }
  return problems;
}
