import type { Db } from '../db/database.ts';
import type { CheckedQuestionnaire } from './check-questionnaire.ts';
import { addToCatalog, type QuestionnaireCatalog } from './load-questionnaires.ts';
import { readStoredVersion } from './stored-versions.ts';

/**
 * A version by id: from the catalog, else from the table, taken into the catalog on the way.
 * So a version another server published after this one started is known here from its
 * first request, without a restart. Null when no server ever published it.
 */
export async function findVersion(
  db: Db,
  catalog: QuestionnaireCatalog,
  id: string,
): Promise<CheckedQuestionnaire | null> {
  const held = catalog.byId.get(id);
  if (held) return held;
  const stored = await readStoredVersion(db, id);
  // A stored version that fails today's checks is not served; the start names it (storeQuestionnaires).
  if (!stored?.ok) return null;
  addToCatalog(catalog, stored.questionnaire);
  return stored.questionnaire;
}
