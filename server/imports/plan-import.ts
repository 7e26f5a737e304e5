import { contentHash } from '../canonical-json.ts';
import type { Db } from '../db/database.ts';
import { answersFingerprint } from '../integrity/answers-fingerprint.ts';
import { ownFlags } from '../integrity/own-flags.ts';
import type { CheckedQuestionnaire } from '../questionnaires/check-questionnaire.ts';
import { findAnswerProblems } from '../questionnaires/find-answer-problems.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { derivedResponseId } from '../responses/derived-id.ts';
import type { NewResponse, ResponseIntegrity } from '../responses/queries.ts';
import { scoreResponse } from '../scoring/score-response.ts';
import { assignWave } from '../waves/assign-wave.ts';
import { cellAnswer } from './cell-answer.ts';
import type { ImportRow } from './read-import-rows.ts';
import type { ImportProblem } from './schema.ts';

/** A valid row, ready to store: the response and what its integrity flags need. */
export type PlannedRow = {
  line: number;
  response: NewResponse;
  integrity: ResponseIntegrity;
};

export type ImportPlan = {
  planned: PlannedRow[];
  problems: ImportProblem[];
  /** The questionnaires rows were checked against. */
  questionnaires: CheckedQuestionnaire[];
};

/**
 * Checks each read row against its questionnaire and wave, and makes the response a valid
 * one becomes. The wave is the one its `completed_at` falls in (else the one open now), by
 * the submissions' own rule (assignWave), late arrivals included; the questionnaire is that
 * wave's, unless the import names one. The answers are checked as a submission's are
 * (METHOD.md section 2); a row that answers nothing is refused as no form.
 *
 * The id follows from the source and the row id (`import:<source>:<row id>`), and the
 * request hash from everything stored, so a second import of the same row is told apart
 * from a different row under the same id.
 */
export async function planImport(
  db: Db,
  rows: readonly ImportRow[],
  options: {
    catalog: QuestionnaireCatalog;
    /** Named by the import (`?questionnaireId=`): every row is checked against it. */
    questionnaire: CheckedQuestionnaire | null;
    source: string;
    receivedAt: Date;
  },
): Promise<ImportPlan> {
  const { source, receivedAt } = options;
  const planned: PlannedRow[] = [];
  const problems: ImportProblem[] = [];
  const used = new Set<CheckedQuestionnaire>();
  if (options.questionnaire) used.add(options.questionnaire);
  for (const row of rows) {
    const rowProblems = [...row.problems];
    const problem = (column: string | null, message: string) =>
      rowProblems.push({ line: row.line, column, message });
    const assignment = await assignWave(
      db,
      row.completedAt === null ? null : new Date(row.completedAt),
      receivedAt,
    );
    const wave = 'wave' in assignment ? assignment.wave : null;
    // A completion time already refused (say, before 2020) needs no second problem.
    if ('refusal' in assignment && row.problems.every((p) => p.column !== 'completed_at')) {
      problem('completed_at', assignment.refusal);
    }
    const questionnaire =
      options.questionnaire ??
      (wave ? await findVersion(db, options.catalog, wave.questionnaireId) : null);
    if (!questionnaire) {
      problems.push(...rowProblems);
      continue;
    }
    used.add(questionnaire);
    const answers: Record<string, unknown> = {};
    for (const [name, text] of row.cells) {
      const answer = cellAnswer(questionnaire.questions.get(name), text);
      if (answer !== undefined) answers[name] = answer;
    }
    for (const { path, message } of findAnswerProblems(questionnaire, answers)) {
      problem(path.replace(/^answers\./, ''), message);
    }
    if (Object.keys(answers).length === 0) problem(null, 'the row answers no question');
    if (rowProblems.length > 0 || !wave) {
      problems.push(...rowProblems);
      continue;
    }
    const stored = {
      source,
      rowId: row.rowId,
      questionnaireId: questionnaire.id,
      communeCode: row.communeCode,
      completedAt: row.completedAt,
      answers,
    };
    planned.push({
      line: row.line,
      response: {
        id: derivedResponseId(`import:${source}:${row.rowId}`),
        questionnaireId: questionnaire.id,
        communeCode: row.communeCode,
        wave: wave.id,
        channel: 'paper',
        answers,
        requestHash: contentHash(stored),
        scores: scoreResponse(questionnaire.scoring, answers),
        startedAt: null,
        completedAt: row.completedAt,
        receivedAt,
        kioskId: null,
      },
      integrity: {
        ownFlags: ownFlags(questionnaire.scoring, {
          answers,
          startedAt: null,
          completedAt: row.completedAt,
        }),
        fingerprint: answersFingerprint(questionnaire.questions, answers),
      },
    });
  }
  return { planned, problems, questionnaires: [...used] };
}
