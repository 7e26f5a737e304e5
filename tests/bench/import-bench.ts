/**
 * CSV import (`POST /api/imports/responses`) against PostgreSQL: rows per second for a file of
 * `BENCH_IMPORT_ROWS` rows (10,000), next to a baseline measured in the same run on the same
 * database and app: the same number of responses sent one by one to `POST /api/responses`, as
 * a tool without an import would have to. Both are in-process (`app.inject`), so neither pays
 * for HTTP and the ratio is the import path's own. Also: the dry run of the file, and a
 * re-import and its dry run (nothing to store). Checks that the rollups equal a recomputation at
 * the end. `BENCH_IMPORT_ROUNDS` (5) splits both into rounds taken in turn.
 *
 *   flock /tmp/bench.lock npx tsx tests/bench/import-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { connectDatabase } from '../../server/db/connect.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import { insertUser } from '../../server/users/queries.ts';
import { testConfig } from '../helpers/test-app.ts';
import { createBenchDatabase } from './bench-database.ts';
import { makeSubmission, seededRandom } from './bench-submissions.ts';
import { countRollupMismatches } from './check-rollups.ts';
import { formatNumber, formatTable } from './table.ts';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const rounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 5);
const catalog = readQuestionnaires(new URL('../../surveys', import.meta.url).pathname);
const questionnaire = catalog.current;
const columns = [...questionnaire.questions.keys()];

const cell = (value: unknown) => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** A file as another tool exports it: one row per response, every question a column. */
function makeFile(count: number, seed: number) {
  const random = seededRandom(seed);
  const lines = [['row_id', 'commune_code', 'completed_at', ...columns].join(',')];
  for (let i = 0; i < count; i += 1) {
    const s = makeSubmission(questionnaire, random, { channels: ['paper'] });
    lines.push(
      [`bench-${i}`, s.communeCode, s.completedAt, ...columns.map((name) => cell(s.answers[name]))]
        .map(String)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function main() {
  const database = await createBenchDatabase(catalog);
  const stop = () => void database.drop();
  process.once('SIGINT', stop);
  try {
    const handle = await connectDatabase({ databaseUrl: database.url, dataDir: '' });
    const app = await buildApp({ config: testConfig, database: handle, catalog });
    const email = 'bench.admin@cbhpi.test';
    await insertUser(handle.db, {
      email,
      passwordHash: await hashPassword('bench-password'),
      role: 'admin',
      communeCode: null,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'bench-password' },
    });
    const session = login.cookies.find((c) => c.name === 'cbhpi_session');
    if (!session) throw new Error(`sign-in failed: ${login.statusCode}`);
    const headers = {
      cookie: `${session.name}=${session.value}`,
      origin: 'http://localhost:80',
      'content-type': 'text/csv',
    };

    const timed = async <T>(run: () => Promise<T>) => {
      const start = performance.now();
      const value = await run();
      return { value, seconds: (performance.now() - start) / 1000 };
    };

    // In rounds taken in turn (baseline, import, baseline, …): on a shared machine, other
    // work then weighs on both alike and the ratio stays comparable (as rounds.ts does).
    const perRound = Math.ceil(rows / rounds);
    const random = seededRandom(1);
    const bodies = Array.from({ length: rows }, () =>
      makeSubmission(questionnaire, random, { channels: ['paper'] }),
    );
    const file = makeFile(rows, 2);
    const fileLines = file.trimEnd().split('\r\n');
    const seconds = { baseline: 0, dry: 0, stored: 0, again: 0, dryAgain: 0 };
    for (let round = 0; round < rounds; round += 1) {
      const slice = [round * perRound, Math.min(rows, (round + 1) * perRound)] as const;
      const baseline = await timed(async () => {
        let created = 0;
        for (const body of bodies.slice(...slice)) {
          const res = await app.inject({ method: 'POST', url: '/api/responses', payload: body });
          if (res.statusCode === 201) created += 1;
        }
        return created;
      });
      const count = slice[1] - slice[0];
      if (baseline.value !== count)
        throw new Error(`baseline stored ${baseline.value} of ${count}`);
      seconds.baseline += baseline.seconds;

      const part = `${[fileLines[0], ...fileLines.slice(1 + slice[0], 1 + slice[1])].join('\r\n')}\r\n`;
      const importPart = (dryRun: boolean) =>
        timed(async () => {
          const res = await app.inject({
            method: 'POST',
            url: `/api/imports/responses?dryRun=${dryRun}&source=bench`,
            headers,
            payload: part,
          });
          if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body}`);
          return res.json() as { valid: number; stored: number; unchanged: number };
        });
      const dry = await importPart(true);
      const real = await importPart(false);
      const again = await importPart(false);
      const dryAgain = await importPart(true);
      if (
        dry.value.valid !== count ||
        real.value.stored !== count ||
        again.value.unchanged !== count ||
        dryAgain.value.unchanged !== count
      ) {
        throw new Error(`import counts: ${JSON.stringify([dry.value, real.value, again.value])}`);
      }
      seconds.dry += dry.seconds;
      seconds.stored += real.seconds;
      seconds.again += again.seconds;
      seconds.dryAgain += dryAgain.seconds;
    }
    await app.close();
    await handle.db.destroy();
    const mismatches = await countRollupMismatches(database.url);

    const baseRate = rows / seconds.baseline;
    const line = (name: string, taken: number) => [
      name,
      formatNumber(taken, 2),
      formatNumber(rows / taken),
      formatNumber(rows / taken / baseRate, 2),
    ];
    console.log(
      `CSV import, ${formatNumber(rows)} rows (${formatNumber(file.length / 1024)} KiB) in ${rounds} rounds, PostgreSQL, in-process\n`,
    );
    console.log(
      formatTable(
        ['path', 'seconds', 'rows/s', '× baseline'],
        [
          line('baseline: POST /api/responses one by one', seconds.baseline),
          line('import, dry run', seconds.dry),
          line('import, stored', seconds.stored),
          line('import again (all unchanged)', seconds.again),
          line('dry run again (all unchanged)', seconds.dryAgain),
        ],
      ),
    );
    console.log(`\nrollup mismatches: ${mismatches}`);
    if (mismatches !== 0) process.exitCode = 1;
  } finally {
    await database.drop();
  }
}

await main();
