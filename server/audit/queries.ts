import type { Db } from '../db/database.ts';
import type { AuditEntryView } from './schema.ts';

/**
 * One page of the audit log, newest first: entries older than `cursor` (an entry id), with
 * optional action and actor filters. Ordered by id, which the database hands out in the order
 * entries are written; the (action, id) and (actor, id) indexes serve the filtered pages.
 * Reads `limit + 1` rows to know whether another page follows.
 */
export async function findAuditPage(
  db: Db,
  query: {
    cursor?: string | undefined;
    action?: string | undefined;
    actor?: string | undefined;
    limit: number;
  },
): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  let select = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'target', 'reason', 'details'])
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor !== undefined) select = select.where('id', '<', query.cursor);
  if (query.action !== undefined) select = select.where('action', '=', query.action);
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor);
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      id: String(row.id),
      at: new Date(row.at).toISOString(),
      actor: row.actor,
      action: row.action,
      target: row.target,
      reason: row.reason,
      details: row.details ?? {},
    })),
    nextCursor: rows.length > query.limit && last ? String(last.id) : null,
  };
}
