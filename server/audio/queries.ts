import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AudioType } from './audio-format.ts';

/*
 * Bytes cross as base64 text, decoded and encoded by the database: the embedded database
 * takes a 1 MB bytea parameter in seconds and returns one in a few hundred milliseconds, as
 * base64 text in tens of milliseconds (PostgreSQL is as fast either way).
 */

export type RecordingId = { questionnaireId: string; language: string; key: string };

export type NewRecording = RecordingId & {
  contentType: AudioType;
  bytes: Buffer;
  seconds: number;
  sha256: string;
  uploadedBy: string;
};

const byId = (id: RecordingId) =>
  ({
    questionnaire_id: id.questionnaireId,
    language: id.language,
    key: id.key,
  }) as const;

/** Stores a recording, replacing the one under the same id; returns the replaced one's hash. */
export async function putRecording(trx: Db, recording: NewRecording): Promise<string | null> {
  const before = await trx
    .selectFrom('recordings')
    .select('sha256')
    .where('questionnaire_id', '=', recording.questionnaireId)
    .where('language', '=', recording.language)
    .where('key', '=', recording.key)
    .forUpdate()
    .executeTakeFirst();
  const values = {
    content_type: recording.contentType,
    bytes: sql<Uint8Array>`decode(${recording.bytes.toString('base64')}, 'base64')`,
    byte_length: recording.bytes.length,
    seconds: recording.seconds,
    sha256: recording.sha256,
    uploaded_by: recording.uploadedBy,
  };
  await trx
    .insertInto('recordings')
    .values({ ...byId(recording), ...values })
    .onConflict((conflict) =>
      conflict
        .columns(['questionnaire_id', 'language', 'key'])
        .doUpdateSet({ ...values, uploaded_at: new Date() }),
    )
    .execute();
  return before?.sha256 ?? null;
}

/** What is served about a recording before any of its bytes: its type, hash and length. */
export async function findRecordingMeta(db: Db, id: RecordingId) {
  const row = await db
    .selectFrom('recordings')
    .select(['content_type', 'sha256', 'byte_length'])
    .where('questionnaire_id', '=', id.questionnaireId)
    .where('language', '=', id.language)
    .where('key', '=', id.key)
    .executeTakeFirst();
  return row
    ? { contentType: row.content_type, sha256: row.sha256, byteLength: row.byte_length }
    : null;
}

/**
 * `count` bytes of a recording from byte `first`, if it still has this hash (null when it was
 * replaced or removed since its hash was read). Only the range asked for leaves the database.
 */
export async function readRecordingBytes(
  db: Db,
  id: RecordingId & { sha256: string },
  first: number,
  count: number,
): Promise<Buffer | null> {
  const row = await db
    .selectFrom('recordings')
    .select(
      sql<string>`encode(substring(bytes from ${first + 1} for ${count}), 'base64')`.as('part'),
    )
    .where('questionnaire_id', '=', id.questionnaireId)
    .where('language', '=', id.language)
    .where('key', '=', id.key)
    .where('sha256', '=', id.sha256)
    .executeTakeFirst();
  return row ? Buffer.from(row.part, 'base64') : null;
}

/** Removes a recording; what it was, or null when there was none. */
export async function deleteRecording(trx: Db, id: RecordingId) {
  const row = await trx
    .deleteFrom('recordings')
    .where('questionnaire_id', '=', id.questionnaireId)
    .where('language', '=', id.language)
    .where('key', '=', id.key)
    .returning(['content_type', 'byte_length', 'seconds', 'sha256'])
    .executeTakeFirst();
  return row ?? null;
}

/** A questionnaire's recordings without their bytes, by language then key. */
export async function listRecordings(db: Db, questionnaireId: string, language?: string) {
  let query = db
    .selectFrom('recordings')
    .select(['language', 'key', 'content_type', 'byte_length', 'seconds', 'sha256'])
    .where('questionnaire_id', '=', questionnaireId);
  if (language) query = query.where('language', '=', language);
  // Byte order, so both databases list them alike whatever their collation.
  return query.orderBy(sql`language collate "C"`).orderBy(sql`key collate "C"`).execute();
}

/** What a carried recording keeps of the one it copies: everything but its version. */
const carriedColumns = [
  'language',
  'key',
  'content_type',
  'bytes',
  'byte_length',
  'seconds',
  'sha256',
  'uploaded_at',
  'uploaded_by',
] as const;

/**
 * Copies recordings of one questionnaire version into another, same language and key, inside
 * the caller's transaction; the bytes never leave the database. Keeps each one's hash, uploader
 * and time (it is the same recording). One already under the new version is left as it is.
 * Returns how many were copied.
 */
export async function copyRecordings(
  trx: Db,
  from: string,
  to: string,
  recordings: readonly { language: string; key: string }[],
): Promise<number> {
  const byLanguage = new Map<string, string[]>();
  for (const { language, key } of recordings) {
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), key]);
  }
  let copied = 0;
  for (const [language, keys] of byLanguage) {
    const result = await trx
      .insertInto('recordings')
      .columns(['questionnaire_id', ...carriedColumns])
      .expression(
        trx
          .selectFrom('recordings')
          .select([sql<string>`cast(${to} as text)`.as('questionnaire_id'), ...carriedColumns])
          .where('questionnaire_id', '=', from)
          .where('language', '=', language)
          .where('key', 'in', keys),
      )
      .onConflict((conflict) =>
        conflict.columns(['questionnaire_id', 'language', 'key']).doNothing(),
      )
      .executeTakeFirst();
    copied += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return copied;
}
