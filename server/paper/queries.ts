import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { BatchSummary, FormState } from './schema.ts';

/** Attempts at the next batch number before giving up: only concurrent printing collides. */
const numberAttempts = 5;

/**
 * Stores a batch under the next number in its commune (1, 2, …, across waves, so a serial
 * names its batch and so its wave). Two admins printing for one commune at once both ask for
 * the same number; the unique (commune, number) index lets one through and the other asks
 * again. Null when the commune has used every number.
 */
export async function insertBatch(
  trx: Db,
  batch: {
    communeCode: string;
    wave: string;
    questionnaireId: string;
    language: string;
    count: number;
    createdBy: string;
  },
): Promise<{ id: string; number: number } | null> {
  for (let attempt = 0; attempt < numberAttempts; attempt += 1) {
    const result = await sql<{ id: string; number: number }>`
      insert into paper_batches (commune_code, number, wave, questionnaire_id, language,
        form_count, created_by)
      select ${batch.communeCode}, coalesce(max(number), 0) + 1, ${batch.wave},
        ${batch.questionnaireId}, ${batch.language}, ${batch.count}::int, ${batch.createdBy}
      from paper_batches where commune_code = ${batch.communeCode}
      having coalesce(max(number), 0) < 9999
      on conflict (commune_code, number) do nothing
      returning id, number`.execute(trx);
    const row = result.rows[0];
    if (row) return row;
    const used = await trx
      .selectFrom('paper_batches')
      .select((eb) => eb.fn.max('number').as('max'))
      .where('commune_code', '=', batch.communeCode)
      .executeTakeFirst();
    if (Number(used?.max ?? 0) >= 9999) return null;
  }
  throw new Error(
    `no free batch number for commune ${batch.communeCode} after ${numberAttempts} tries`,
  );
}

const batchColumns = sql<BatchSummary>`b.id, b.commune_code as "communeCode",
  c.name as "communeName", b.number, b.wave, b.questionnaire_id as "questionnaireId",
  b.language, b.form_count as count, b.created_by as "createdBy",
  to_char(b.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"`;

/** Batches, newest first, of one commune and/or wave when given. */
export async function listBatches(
  db: Db,
  filter: { communeCode?: string | undefined; wave?: string | undefined },
): Promise<BatchSummary[]> {
  const commune =
    filter.communeCode === undefined ? sql`` : sql`and b.commune_code = ${filter.communeCode}`;
  const wave = filter.wave === undefined ? sql`` : sql`and b.wave = ${filter.wave}`;
  const result = await sql<BatchSummary>`
    select ${batchColumns} from paper_batches b join communes c on c.code = b.commune_code
    where true ${commune} ${wave}
    order by b.created_at desc, b.commune_code, b.number desc`.execute(db);
  return result.rows;
}

export async function findBatch(db: Db, id: string) {
  const result = await sql<BatchSummary & { waveName: string }>`
    select ${batchColumns}, w.name as "waveName"
    from paper_batches b join communes c on c.code = b.commune_code join waves w on w.id = b.wave
    where b.id = ${id}::uuid`.execute(db);
  return result.rows[0] ?? null;
}

/** The batch a serial names, by its commune and number. */
export async function findBatchByNumber(db: Db, communeCode: string, number: number) {
  const result = await sql<BatchSummary>`
    select ${batchColumns} from paper_batches b join communes c on c.code = b.commune_code
    where b.commune_code = ${communeCode} and b.number = ${number}::int`.execute(db);
  return result.rows[0] ?? null;
}

export type FormRow = {
  serial: string;
  batch_id: string;
  state: FormState;
  response_id: string | null;
};

export async function findForm(db: Db, serial: string): Promise<FormRow | null> {
  const row = await db
    .selectFrom('paper_forms')
    .select(['serial', 'batch_id', 'state', 'response_id'])
    .where('serial', '=', serial)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * A form's row, made on its first entry and locked until the caller's transaction ends: every
 * entry and resolution of one form runs one after another, so two entries typed at the same
 * moment see each other, and a form can be verified (and its response stored) only once. A
 * concurrent first entry waits on the primary key for this one, then finds its row.
 */
export async function lockForm(trx: Db, serial: string, batchId: string): Promise<FormRow> {
  await trx
    .insertInto('paper_forms')
    .values({ serial, batch_id: batchId, state: 'awaiting_second' })
    .onConflict((oc) => oc.column('serial').doNothing())
    .execute();
  const row = await trx
    .selectFrom('paper_forms')
    .select(['serial', 'batch_id', 'state', 'response_id'])
    .where('serial', '=', serial)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row;
}

/** A form's row locked as `lockForm` does, without making one; null when never entered. */
export async function lockExistingForm(trx: Db, serial: string): Promise<FormRow | null> {
  const row = await trx
    .selectFrom('paper_forms')
    .select(['serial', 'batch_id', 'state', 'response_id'])
    .where('serial', '=', serial)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

export type EntryRow = {
  enteredBy: string;
  enteredByEmail: string;
  answers: Record<string, unknown>;
  completedOn: string | null;
  enteredAt: string;
};

/** A form's entries, the first typed first. */
export async function listEntries(db: Db, serial: string): Promise<EntryRow[]> {
  const result = await sql<EntryRow>`
    select entered_by as "enteredBy", entered_by_email as "enteredByEmail", answers,
      completed_on::text as "completedOn",
      to_char(entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "enteredAt"
    from paper_entries where serial = ${serial} order by entered_at, entered_by`.execute(db);
  return result.rows.map((row) => ({ ...row, answers: parseAnswers(row.answers) }));
}

/** jsonb arrives parsed from both databases; text is a fallback, never expected. */
const parseAnswers = (value: unknown): Record<string, unknown> =>
  typeof value === 'string'
    ? (JSON.parse(value) as Record<string, unknown>)
    : (value as Record<string, unknown>);

/**
 * Stores one person's typing of a form; false when they typed it already (the primary key
 * decides). Stamped with the clock at the insert, not the transaction's start, so entries
 * that waited on the form's lock keep the order they were decided in.
 */
export async function insertEntry(
  trx: Db,
  entry: {
    serial: string;
    batchId: string;
    enteredBy: string;
    enteredByEmail: string;
    answers: Record<string, unknown>;
    completedOn: string | null;
  },
): Promise<boolean> {
  const result = await trx
    .insertInto('paper_entries')
    .values({
      serial: entry.serial,
      batch_id: entry.batchId,
      entered_by: entry.enteredBy,
      entered_by_email: entry.enteredByEmail,
      answers: JSON.stringify(entry.answers),
      completed_on: entry.completedOn,
      entered_at: sql`clock_timestamp()`,
    })
    .onConflict((oc) => oc.columns(['serial', 'entered_by']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function setFormState(
  trx: Db,
  serial: string,
  change: {
    state: FormState;
    responseId?: string;
    resolution?: { by: string; reason: string };
  },
) {
  await trx
    .updateTable('paper_forms')
    .set({
      state: change.state,
      response_id: change.responseId ?? null,
      ...(change.resolution
        ? {
            resolved_by: change.resolution.by,
            resolved_at: new Date().toISOString(),
            resolution_reason: change.resolution.reason,
          }
        : {}),
      updated_at: sql`now()`,
    })
    .where('serial', '=', serial)
    .execute();
}

export type ConflictRow = {
  serial: string;
  communeCode: string;
  wave: string;
  questionnaireId: string;
};

/** Forms whose two entries disagree, by serial, of one commune when given. */
export async function listConflictForms(
  db: Db,
  communeCode: string | undefined,
): Promise<ConflictRow[]> {
  const commune = communeCode === undefined ? sql`` : sql`and b.commune_code = ${communeCode}`;
  const result = await sql<ConflictRow>`
    select f.serial, b.commune_code as "communeCode", b.wave,
      b.questionnaire_id as "questionnaireId"
    from paper_forms f join paper_batches b on b.id = f.batch_id
    where f.state = 'conflict' ${commune}
    order by f.serial`.execute(db);
  return result.rows;
}

/** Every entry of the forms listed, by serial, the first typed first. */
export async function listEntriesOf(db: Db, serials: readonly string[]) {
  const bySerial = new Map<string, EntryRow[]>();
  if (serials.length === 0) return bySerial;
  const result = await sql<EntryRow & { serial: string }>`
    select serial, entered_by as "enteredBy", entered_by_email as "enteredByEmail", answers,
      completed_on::text as "completedOn",
      to_char(entered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "enteredAt"
    from paper_entries where serial in (${sql.join(serials)})
    order by serial, entered_at, entered_by`.execute(db);
  for (const { serial, ...row } of result.rows) {
    bySerial.set(serial, [
      ...(bySerial.get(serial) ?? []),
      { ...row, answers: parseAnswers(row.answers) },
    ]);
  }
  return bySerial;
}
