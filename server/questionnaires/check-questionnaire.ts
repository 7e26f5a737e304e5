import { contentHash } from '../canonical-json.ts';
import {
  type LoadedQuestionnaire,
  normaliseQuestionnaire,
  type QuestionnaireProblem,
} from './normalise-questionnaire.ts';
import { questionnaireFileSchema } from './schema.ts';

/** A questionnaire as the catalog holds it: loaded, with the hash of the JSON it came from. */
export type CheckedQuestionnaire = LoadedQuestionnaire & { contentHash: string };

/**
 * Every check a questionnaire passes before it is used, whether it comes from a file in
 * `surveys/` or from the dashboard: the file's shape (zod), then the rules of METHOD.md
 * section 1 against its form. Returns all problems at once, each with where it is and the
 * item at fault, so the author fixes them in one pass.
 */
export function checkQuestionnaire(
  raw: unknown,
):
  | { ok: true; questionnaire: CheckedQuestionnaire }
  | { ok: false; problems: QuestionnaireProblem[] } {
  const parsed = questionnaireFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        where: pathText(issue.path) || '(the whole questionnaire)',
        item: nearestLabel(raw, issue.path),
        message: issue.message,
      })),
    };
  }
  const normalised = normaliseQuestionnaire(parsed.data);
  if (!normalised.ok) return normalised;
  return {
    ok: true,
    questionnaire: { ...normalised.questionnaire, contentHash: contentHash(raw) },
  };
}

/**
 * A problem as one line of a start-up error: `scoring.items[3] "sec_road": must be …`.
 *
 * @example describeProblem({ where: 'scoring.cutoff', item: null, message: 'Too big' })
 *   // 'scoring.cutoff: Too big'
 */
export function describeProblem(problem: QuestionnaireProblem): string {
  const item = problem.item === null ? '' : ` "${problem.item}"`;
  return `${problem.where}${item}: ${problem.message}`;
}

/** `['scoring', 'items', 3, 'min']` → `scoring.items[3].min`. */
function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
}

/** The innermost named thing on the path (an item's `name`, a dimension's `key`), or null. */
function nearestLabel(raw: unknown, path: ReadonlyArray<PropertyKey>): string | null {
  let node = raw as Record<PropertyKey, unknown> | undefined;
  let label: string | null = null;
  for (const key of path) {
    node = node?.[key] as Record<PropertyKey, unknown> | undefined;
    if (node === null || typeof node !== 'object') break;
    const named = node.name ?? node.key;
    if (typeof named === 'string') label = named;
  }
  return label;
}
