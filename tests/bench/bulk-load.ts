import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { contentHash } from '../../server/canonical-json.ts';
import { connectDatabase } from '../../server/db/connect.ts';
import type { LoadedQuestionnaire } from '../../server/questionnaires/normalise-questionnaire.ts';
import { rebuildRollups } from '../../server/responses/rebuild-rollups.ts';
import { waveOf } from '../../server/responses/wave.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { makeSubmission, seededRandom } from './bench-submissions.ts';

const columns = [
  'id',
  'questionnaire_id',
  'commune_code',
  'wave',
  'channel',
  'answers',
  'request_hash',
  'score_overall',
  'score_security',
  'score_opportunity',
  'score_culture',
  'score_trust',
  'started_at',
  'completed_at',
  'received_at',
];

/** COPY text format: backslash, tab and line breaks escaped; `\N` is NULL. */
const copyText = (value: string | number | null) =>
  value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, (c) => copyEscapes[c] ?? c);
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Received over the 90 days before `now`, so the rows fall into this wave and maybe the last. */
const spreadMs = 90 * 24 * 3600 * 1000;
const rowsPerChunk = 2000;

/**
 * The rows the server would have stored for `count` submissions (valid answers, scores from
 * the server's own scoring, the request hash of the canonical JSON), as COPY text, in chunks.
 */
function* responseRows(questionnaire: LoadedQuestionnaire, count: number, seed: number) {
  const random = seededRandom(seed);
  const now = Date.now();
  // Anonymous channels only: a kiosk row would need a kiosk (kiosk_id), as over HTTP.
  const channels = ['web', 'web', 'web', 'paper'] as const;
  for (let done = 0; done < count; ) {
    const lines: string[] = [];
    const end = Math.min(count, done + rowsPerChunk);
    for (; done < end; done++) {
      const receivedAt = new Date(now - Math.floor(random() * spreadMs));
      const submission = makeSubmission(questionnaire, random, { receivedAt, channels });
      // Keys are sorted at every level, so this is the canonical JSON the server hashes.
      const canonical = JSON.stringify(submission);
      if (
        done === 0 &&
        createHash('sha256').update(canonical).digest('hex') !== contentHash(submission)
      ) {
        throw new Error('bulk rows: the request hash differs from the server’s');
      }
      const scores = scoreResponse(questionnaire.scoring, submission.answers);
      const row = [
        submission.id,
        submission.questionnaireId,
        submission.communeCode,
        waveOf(receivedAt),
        submission.channel,
        JSON.stringify(submission.answers),
        createHash('sha256').update(canonical).digest('hex'),
        scores.overall,
        scores.security,
        scores.opportunity,
        scores.culture,
        scores.trust,
        submission.startedAt ?? null,
        submission.completedAt ?? null,
        receivedAt.toISOString(),
      ];
      lines.push(row.map(copyText).join('\t'));
    }
    yield `${lines.join('\n')}\n`;
  }
}

export type BulkLoadResult = {
  /** Rows sent by COPY. */
  rows: number;
  /** Rows in `responses` after the load (the bench's earlier submissions included). */
  totalRows: number;
  copySeconds: number;
  /** Rollups recomputed, `analyze` and a checkpoint, after the COPY. */
  finishSeconds: number;
};

/**
 * Adds `count` responses with COPY, then rebuilds the rollups from all responses with the
 * server's own `rebuildRollups` (so they stay exactly what the hot path would have made), runs `analyze` and a checkpoint, so the
 * next measurement starts from a settled database. Calls `progress` every `every` rows.
 */
export async function bulkLoadResponses(options: {
  databaseUrl: string;
  questionnaire: LoadedQuestionnaire;
  count: number;
  seed: number;
  every: number;
  progress: (rows: number, seconds: number) => void;
}): Promise<BulkLoadResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let rows = 0;
    const chunks = Readable.from(
      (function* () {
        for (const chunk of responseRows(options.questionnaire, options.count, options.seed)) {
          const before = rows;
          rows += Math.min(rowsPerChunk, options.count - rows);
          if (Math.floor(rows / options.every) > Math.floor(before / options.every)) {
            options.progress(rows, seconds());
          }
          yield chunk;
        }
      })(),
    );
    await pipeline(
      chunks,
      client.query(copyFrom(`copy responses (${columns.join(', ')}) from stdin`)),
    );
    const copySeconds = seconds();
    const { rows: counted } = await client.query<{ n: number }>(
      'select count(*)::int as n from responses',
    );
    const { db } = await connectDatabase({
      databaseUrl: options.databaseUrl,
      dataDir: '',
      poolSize: 1,
    });
    try {
      await rebuildRollups(db);
    } finally {
      await db.destroy();
    }
    await client.query('analyze responses, rollups');
    await client.query('checkpoint');
    return {
      rows,
      totalRows: counted[0]?.n ?? 0,
      copySeconds,
      finishSeconds: seconds() - copySeconds,
    };
  } finally {
    await client.end();
  }
}
