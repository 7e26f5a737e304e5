/**
 * Submission latency on the embedded database while a full export runs: p99 of POST
 * /api/responses, one submission every 100 ms, during back-to-back CSV exports of a wave of
 * 100,000 responses, next to the same p99 with nothing else running, in one run.
 *
 * Runs as part of `npm run bench`, or alone: `BENCH_ONLY=embedded-latency npm run bench`.
 * Settings: `BENCH_EMBEDDED_ROWS` (100,000), `BENCH_EMBEDDED_SECONDS` (20 s per phase).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../server/db/database.ts';
import { openDatabase } from '../../server/open-database.ts';
import type { QuestionnaireCatalog } from '../../server/questionnaires/load-questionnaires.ts';
import type { LoadedQuestionnaire } from '../../server/questionnaires/normalise-questionnaire.ts';
import { rebuildRollups } from '../../server/responses/rebuild-rollups.ts';
import { waveOf } from '../../server/responses/wave.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { createAnalyst, signInOverHttp } from './analyst.ts';
import { makeBodySource, makeSubmission, seededRandom } from './bench-submissions.ts';
import { formatNumber, formatTable } from './table.ts';

export const embeddedLatencySettings = {
  rows: Number(process.env.BENCH_EMBEDDED_ROWS ?? 100_000),
  seconds: Number(process.env.BENCH_EMBEDDED_SECONDS ?? 20),
  intervalMs: 100,
};
const aims = { p99DuringExportMs: 250 };

/**
 * `rows` responses of the current wave, as the server would have stored them (valid answers,
 * its scores and request hash), inserted in batches through the embedded database itself;
 * then the rollups rebuilt, as after the submissions.
 */
async function loadWave(db: Db, questionnaire: LoadedQuestionnaire, rows: number) {
  const random = seededRandom(11);
  const now = Date.now();
  const wave = waveOf(new Date(now));
  // From the wave's first instant (1 January, 00:00 in Việt Nam) until now.
  const waveStart = Date.UTC(Number(wave), 0, 1) - 7 * 3600_000;
  for (let done = 0; done < rows; ) {
    const batch = [];
    for (const end = Math.min(rows, done + 1000); done < end; done++) {
      const receivedAt = new Date(waveStart + Math.floor(random() * (now - waveStart)));
      const submission = makeSubmission(questionnaire, random, { receivedAt });
      const scores = scoreResponse(questionnaire.scoring, submission.answers);
      batch.push({
        id: submission.id,
        questionnaire_id: submission.questionnaireId,
        commune_code: submission.communeCode,
        wave: waveOf(receivedAt),
        channel: submission.channel,
        answers: JSON.stringify(submission.answers),
        // Keys are sorted at every level: this is the canonical JSON the server hashes.
        request_hash: createHash('sha256').update(JSON.stringify(submission)).digest('hex'),
        score_overall: scores.overall,
        score_security: scores.security,
        score_opportunity: scores.opportunity,
        score_culture: scores.culture,
        score_trust: scores.trust,
        started_at: submission.startedAt ?? null,
        completed_at: submission.completedAt ?? null,
        received_at: receivedAt,
      });
    }
    await db.insertInto('responses').values(batch).execute();
  }
  await rebuildRollups(db, { waves: [wave] });
  return wave;
}

type Probe = { latencies: number[]; statuses: Map<string, number> };

/**
 * One submission every `intervalMs` on a fixed schedule (open loop: a slow answer does not
 * delay the next send, so a stall shows in full) until `until` resolves.
 */
async function probeSubmissions(serverUrl: string, body: () => string, until: Promise<unknown>) {
  const probe: Probe = { latencies: [], statuses: new Map() };
  const inFlight: Promise<void>[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const started = performance.now();
  for (let i = 0; !done; i++) {
    const sendAt = started + i * embeddedLatencySettings.intervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sendAt - performance.now())));
    if (done) break;
    const sent = performance.now();
    inFlight.push(
      fetch(`${serverUrl}/api/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          probe.latencies.push(performance.now() - sent);
          const key = String(res.status);
          probe.statuses.set(key, (probe.statuses.get(key) ?? 0) + 1);
        },
        (error: unknown) => {
          const key = `error ${error instanceof Error ? error.message : String(error)}`;
          probe.statuses.set(key, (probe.statuses.get(key) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return probe;
}

/** The whole CSV of a wave, streamed and its data rows counted without keeping it. */
async function exportWave(serverUrl: string, cookie: string, wave: string) {
  const res = await fetch(`${serverUrl}/api/exports/responses.csv?wave=${wave}`, {
    headers: { cookie },
  });
  if (res.status !== 200 || !res.body) {
    throw new Error(`GET /api/exports/responses.csv: ${res.status} ${await res.text()}`);
  }
  let lines = 0;
  for await (const chunk of res.body) {
    const buffer = chunk as Uint8Array;
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines++;
  }
  return Math.max(0, lines - 1);
}

/** SIGTERM (PGlite closed cleanly), then SIGKILL if the process is still there after `ms`. */
async function stopWithin(server: ServerProcess, ms: number) {
  const timer = setTimeout(() => server.child.kill('SIGKILL'), ms);
  try {
    await stopServerProcess(server);
  } finally {
    clearTimeout(timer);
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

function summary(probe: Probe) {
  const sorted = [...probe.latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    non201: [...probe.statuses].filter(([status]) => status !== '201'),
  };
}

/**
 * The embedded-database latency phase: its own data directory (deleted after), a server
 * process on it, the two probes. Prints the table; returns what failed.
 */
export async function measureEmbeddedLatency(options: {
  catalog: QuestionnaireCatalog;
  say: (message: string) => void;
  /** Given the clean-up (stop the server, delete the directory), for a bench that is aborted. */
  onCleanup?: (cleanup: () => Promise<void>) => void;
}): Promise<string[]> {
  const { catalog, say } = options;
  const settings = embeddedLatencySettings;
  const failures: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'cbhpi-bench-embedded-'));
  let server: ServerProcess | undefined;
  const cleanUp = async () => {
    const running = server;
    server = undefined;
    if (running) await stopWithin(running, 30_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  options.onCleanup?.(cleanUp);
  try {
    say(`embedded database: loading ${formatNumber(settings.rows)} responses into ${dataDir}`);
    const loadStarted = performance.now();
    const { db } = await openDatabase(
      { DATABASE_URL: undefined, DATA_DIR: dataDir },
      { poolSize: 1, catalog },
    );
    let wave: string;
    let analyst: { email: string; password: string };
    try {
      wave = await loadWave(db, catalog.current, settings.rows);
      analyst = await createAnalyst(db);
    } finally {
      await db.destroy();
    }
    say(
      `embedded database: loaded in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s; ` +
        'starting the server on it',
    );
    const running = await startServerProcess({
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '1000000000',
      LOG_LEVEL: 'warn',
    });
    server = running;
    const cookie = await signInOverHttp(running.url, analyst.email, analyst.password);
    const body = makeBodySource(catalog.current, 1000, 20260102);

    say(
      `embedded database: no export, one submission every ${settings.intervalMs} ms for ${settings.seconds} s`,
    );
    const idle = summary(
      await probeSubmissions(
        running.url,
        body,
        new Promise((resolve) => setTimeout(resolve, settings.seconds * 1000)),
      ),
    );

    say(
      `embedded database: the same during back-to-back exports of wave ${wave} (≥ ${settings.seconds} s)`,
    );
    const exports: { rows: number; seconds: number }[] = [];
    const exporting = (async () => {
      const started = performance.now();
      do {
        const began = performance.now();
        const rows = await exportWave(running.url, cookie, wave);
        exports.push({ rows, seconds: (performance.now() - began) / 1000 });
      } while (performance.now() - started < settings.seconds * 1000);
    })();
    const during = summary(await probeSubmissions(running.url, body, exporting));
    await exporting;

    const rows = [
      ['no export', idle],
      ['during export', during],
    ] as const;
    console.log('\nPOST /api/responses on the embedded database, one every 100 ms');
    console.log(
      formatTable(
        ['phase', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'non-201'],
        rows.map(([phase, s]) => [
          phase,
          formatNumber(s.requests),
          formatNumber(s.p50, 1),
          formatNumber(s.p99, 1),
          formatNumber(s.max, 1),
          formatNumber(s.non201.reduce((sum, [, n]) => sum + n, 0)),
        ]),
      ),
    );
    const exportSeconds = exports.reduce((sum, e) => sum + e.seconds, 0);
    const exportRows = exports.reduce((sum, e) => sum + e.rows, 0);
    const ratio = during.p99 / idle.p99;
    console.log(
      `exports: ${exports.length} of about ${formatNumber(exports[0]?.rows ?? 0)} rows, ` +
        `${formatNumber(exportRows / exportSeconds)} rows/s; p99 during export / no export: ` +
        `${ratio.toFixed(2)}; p99 during export ${formatNumber(during.p99, 1)} ms (aim ≤ ` +
        `${aims.p99DuringExportMs}: ${during.p99 <= aims.p99DuringExportMs ? 'aim met' : 'ABOVE AIM'})\n`,
    );

    for (const [phase, s] of rows) {
      if (s.non201.length > 0) {
        failures.push(
          `embedded latency, ${phase}: answers other than 201: ${JSON.stringify(s.non201)}`,
        );
      }
    }
    const short = exports.find((e) => e.rows < settings.rows);
    if (short) {
      failures.push(
        `embedded latency: an export of wave ${wave} had ${short.rows} rows, fewer than the ${settings.rows} loaded`,
      );
    }
  } finally {
    await cleanUp();
  }
  return failures;
}
