import type { Db } from '../db/database.ts';
import { zipStream } from '../exports/zip-stream.ts';
import type { AudioType } from './audio-format.ts';
import { listRecordings, readRecordingBytes } from './queries.ts';
import type { RecordingManifest } from './schema.ts';

export const manifestName = 'manifest.json';

/** Each format's file name extension in the archive, and back (`.opus` is Ogg Opus too). */
export const extensionOf: Record<AudioType, string> = {
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/webm': 'webm',
};
export const typeOfExtension: Record<string, AudioType> = {
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  webm: 'audio/webm',
};

/**
 * A language's recordings of one questionnaire version, for the translator's kit: a zip of
 * `manifest.json` (key, file, sha256, type, seconds per recording) and one file per
 * recording, named after its key (`sec_income.ogg`, `sex.female.mp3`, `_greeting.webm`).
 * The bytes are read one recording at a time, as the archive is written.
 */
export async function recordingArchive(db: Db, questionnaireId: string, language: string) {
  const rows = await listRecordings(db, questionnaireId, language);
  const manifest: RecordingManifest = {
    questionnaireId,
    language,
    recordings: rows.map((row) => ({
      key: row.key,
      file: `${row.key}.${extensionOf[row.content_type as AudioType] ?? 'bin'}`,
      sha256: row.sha256,
      type: row.content_type as AudioType,
      seconds: row.seconds,
    })),
  };
  const files = manifest.recordings.map((entry, index) => ({
    name: entry.file,
    content: (async function* () {
      const row = rows[index];
      if (!row) return;
      const id = { questionnaireId, language, key: row.key, sha256: row.sha256 };
      const bytes = await readRecordingBytes(db, id, 0, row.byte_length);
      if (!bytes) throw new Error(`the recording "${row.key}" changed while it was exported`);
      yield bytes;
    })(),
  }));
  return {
    manifest,
    chunks: zipStream([
      { name: manifestName, content: [`${JSON.stringify(manifest, null, 2)}\n`] },
      ...files,
    ]),
  };
}
