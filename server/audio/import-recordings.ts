import { createHash } from 'node:crypto';
import { type AuditActor, appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { readZip, ZipReadError } from '../languages/read-zip.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { type AudioType, maxRecordingBytes } from './audio-format.ts';
import { checkRecordingBody } from './check-recording-body.ts';
import { findRecordingMeta, putRecording } from './queries.ts';
import { manifestName, typeOfExtension } from './recording-archive.ts';
import { recordingKeyProblem } from './recording-keys.ts';
import {
  type ArchiveProblem,
  type RecordingImport,
  type RecordingManifest,
  recordingManifestSchema,
} from './schema.ts';

/** A part past this is not inflated: one byte over a recording's limit is enough to refuse it. */
const maxPartBytes = maxRecordingBytes + 1;

type Checked = { key: string; bytes: Buffer; type: AudioType; seconds: number; sha256: string };
type Parts = Map<string, () => Buffer>;

const problem = (message: string, at: { key?: string; file?: string } = {}): ArchiveProblem => ({
  key: at.key ?? null,
  file: at.file ?? null,
  message,
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readManifest(parts: Parts, errors: ArchiveProblem[]): RecordingManifest | null {
  const part = parts.get(manifestName);
  if (!part) {
    errors.push(problem(`the archive has no ${manifestName}`, { file: manifestName }));
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(part().toString('utf8'));
  } catch (error) {
    errors.push(
      problem(`${manifestName} cannot be read: ${messageOf(error)}`, { file: manifestName }),
    );
    return null;
  }
  const parsed = recordingManifestSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.');
      errors.push(problem(`${manifestName} ${where}: ${issue.message}`, { file: manifestName }));
    }
    return null;
  }
  return parsed.data;
}

/** One manifest entry through the same checks as an upload, or its problems. */
function checkEntry(
  entry: RecordingManifest['recordings'][number],
  parts: Parts,
  questionnaire: NonNullable<Awaited<ReturnType<typeof findVersion>>>,
): { checked: Checked } | { problems: ArchiveProblem[] } {
  const at = { key: entry.key, file: entry.file };
  const keyProblem = recordingKeyProblem(questionnaire, entry.key);
  if (keyProblem) return { problems: [problem(keyProblem.message, at)] };
  const part = parts.get(entry.file);
  if (!part) return { problems: [problem(`the archive has no file "${entry.file}"`, at)] };
  const extension = entry.file.slice(entry.file.lastIndexOf('.') + 1).toLowerCase();
  const declared = entry.type ?? typeOfExtension[extension];
  if (!declared) {
    return {
      problems: [
        problem('say its type in the manifest, or name it .ogg, .opus, .mp3 or .webm', at),
      ],
    };
  }
  let bytes: Buffer;
  try {
    bytes = part();
  } catch (error) {
    const tooLarge = error instanceof RangeError || /too large/.test(messageOf(error));
    return {
      problems: [
        problem(
          tooLarge
            ? `A recording may be at most 1 MB (${maxRecordingBytes} bytes)`
            : messageOf(error),
          at,
        ),
      ],
    };
  }
  try {
    const { type, seconds } = checkRecordingBody(bytes, declared);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (entry.sha256 && entry.sha256 !== sha256) {
      return {
        problems: [problem(`its sha256 is ${sha256}, not the manifest's ${entry.sha256}`, at)],
      };
    }
    return { checked: { key: entry.key, bytes, type, seconds, sha256 } };
  } catch (error) {
    if (error instanceof AppError) return { problems: [problem(error.message, at)] };
    throw error;
  }
}

/**
 * Takes back a recordings archive as the kit exports it (recording-archive.ts): every
 * recording is checked as an upload is (format read from its bytes, 1 MB, 60 s, a key of
 * that questionnaire version) and against the manifest's sha256; with any problem, or on a
 * dry run, nothing is stored. Otherwise, in one transaction, each recording whose sha256
 * differs from the stored one is stored and audited `audio.upload` as an upload is; one
 * with the same sha256 is left as it is, so importing the same archive twice changes
 * nothing. Recordings the archive does not name are kept.
 */
export async function importRecordings(
  db: Db,
  catalog: QuestionnaireCatalog,
  archive: Buffer,
  options: { actor: AuditActor; uploadedBy: string; dryRun: boolean },
): Promise<RecordingImport> {
  const errors: ArchiveProblem[] = [];
  const warnings: ArchiveProblem[] = [];
  const answer = (manifest: RecordingManifest | null): RecordingImport => ({
    questionnaireId: manifest?.questionnaireId ?? null,
    language: manifest?.language ?? null,
    errors,
    warnings,
    recordings: [],
    added: 0,
    replaced: 0,
    unchanged: 0,
    stored: false,
  });
  let parts: Parts;
  try {
    parts = readZip(archive, maxPartBytes);
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    errors.push(problem(`The archive cannot be read: ${error.message}`));
    return answer(null);
  }
  const manifest = readManifest(parts, errors);
  if (!manifest) return answer(null);
  const questionnaire = await findVersion(db, catalog, manifest.questionnaireId);
  if (!questionnaire) {
    errors.push(problem(`No questionnaire "${manifest.questionnaireId}"`, { file: manifestName }));
    return answer(manifest);
  }

  const checked: Checked[] = [];
  const seen = new Set<string>();
  for (const entry of manifest.recordings) {
    if (seen.has(entry.key)) {
      errors.push(
        problem('the key is in the manifest twice', { key: entry.key, file: entry.file }),
      );
      continue;
    }
    seen.add(entry.key);
    const result = checkEntry(entry, parts, questionnaire);
    if ('problems' in result) errors.push(...result.problems);
    else checked.push(result.checked);
  }
  const named = new Set([manifestName, ...manifest.recordings.map((entry) => entry.file)]);
  for (const name of parts.keys()) {
    if (!named.has(name) && !name.endsWith('/')) {
      warnings.push(problem('not in the manifest: left out', { file: name }));
    }
  }
  const result = answer(manifest);
  if (errors.length > 0) return result;

  const { questionnaireId, language } = manifest;
  const plan = await Promise.all(
    checked.map(async (recording) => {
      const before = await findRecordingMeta(db, { questionnaireId, language, key: recording.key });
      const status: RecordingImport['recordings'][number]['status'] = !before
        ? 'added'
        : before.sha256 === recording.sha256
          ? 'unchanged'
          : 'replaced';
      return { recording, status };
    }),
  );
  result.recordings = plan.map(({ recording, status }) => ({
    key: recording.key,
    sha256: recording.sha256,
    status,
  }));
  for (const { status } of plan) result[status] += 1;
  if (options.dryRun) return result;

  await db.transaction().execute(async (trx) => {
    for (const { recording, status } of plan) {
      if (status === 'unchanged') continue;
      const id = { questionnaireId, language, key: recording.key };
      const replaced = await putRecording(trx, {
        ...id,
        contentType: recording.type,
        bytes: recording.bytes,
        seconds: recording.seconds,
        sha256: recording.sha256,
        uploadedBy: options.uploadedBy,
      });
      // A recording stored by another admin meanwhile with this very hash needs no entry.
      if (replaced === recording.sha256) continue;
      await appendAudit(trx, {
        actor: options.actor,
        action: 'audio.upload',
        target: `${questionnaireId}/${language}/${recording.key}`,
        details: {
          ...id,
          contentType: recording.type,
          bytes: recording.bytes.length,
          seconds: recording.seconds,
          sha256: recording.sha256,
          replaced,
          from: 'archive',
        },
      });
    }
  });
  return { ...result, stored: true };
}
