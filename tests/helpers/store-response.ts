import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { questionnaire } from './test-app.ts';

/**
 * Stores a paper response of the current questionnaire in the given wave through the
 * production insert path (scores and rollups included, no wave assignment); returns its id.
 */
export async function storeResponse(
  db: Db,
  communeCode: string,
  answers: Record<string, unknown>,
  wave: string,
): Promise<string> {
  const id = randomUUID();
  await insertResponseOnce(db, {
    id,
    questionnaireId: questionnaire.id,
    communeCode,
    wave,
    channel: 'paper',
    answers,
    requestHash: 'test',
    scores: scoreResponse(questionnaire.scoring, answers),
    startedAt: null,
    completedAt: null,
    receivedAt: new Date(),
    kioskId: null,
  });
  return id;
}
