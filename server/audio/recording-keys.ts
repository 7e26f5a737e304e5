import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';

/**
 * Keys that name no element of the form: `_greeting` is the language's greeting, played on
 * the language-choice screen; `_completed` the thanks after sending.
 */
export const reservedKeys = ['_greeting', '_completed'] as const;

/**
 * What is wrong with a recording key for this questionnaire, or null when it may be
 * recorded: a question's (or a named display element's, such as the introduction) name; its
 * name plus `.<value>` for one of the answers it offers (`sec_income.4`, `sex.female`,
 * `life_sat.10`; a yes/no question's are `.true` and `.false`); or a reserved key.
 * `missing` means the form has no such element (404); `invalid` that it has one, but not
 * that answer (400).
 */
export function recordingKeyProblem(
  questionnaire: LoadedQuestionnaire,
  key: string,
): { kind: 'missing' | 'invalid'; message: string } | null {
  if (key.startsWith('_')) {
    return (reservedKeys as readonly string[]).includes(key)
      ? null
      : { kind: 'invalid', message: `"${key}" is not a reserved key (${reservedKeys.join(', ')})` };
  }
  const dot = key.indexOf('.');
  const name = dot === -1 ? key : key.slice(0, dot);
  const question = questionnaire.questions.get(name);
  if (dot === -1) {
    if (question || namedDisplayElements(questionnaire.survey).has(name)) return null;
    return missing(questionnaire.id, name);
  }
  if (!question) return missing(questionnaire.id, name);
  const value = key.slice(dot + 1);
  const offered =
    question.type === 'boolean' ? ['true', 'false'] : (question.choices ?? []).map(String);
  if (offered.includes(value)) return null;
  return {
    kind: 'invalid',
    message:
      offered.length === 0
        ? `"${name}" offers no answers to record`
        : `"${value}" is not an answer of "${name}" (${offered.join(', ')})`,
  };
}

const missing = (questionnaireId: string, name: string) => ({
  kind: 'missing' as const,
  message: `Questionnaire "${questionnaireId}" has no question "${name}"`,
});

/** Named elements that show text but take no answer (an `html` introduction, an image). */
function namedDisplayElements(survey: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Record<string, unknown>[]) {
      if (Array.isArray(element.elements)) visit(element.elements);
      else if (typeof element.name === 'string') names.add(element.name);
    }
  };
  const pages = Array.isArray(survey.pages) ? survey.pages : [];
  for (const page of pages as Record<string, unknown>[]) visit(page.elements);
  return names;
}
