import pg from 'pg';
import { connectDatabase } from '../../server/db/connect.ts';
import { csvChunks } from '../../server/exports/csv.ts';
import { pageResponses } from '../../server/exports/responses-query.ts';
import {
  questionColumns,
  responseRow,
  responsesHeader,
} from '../../server/exports/responses-table.ts';
import type { QuestionnaireCatalog } from '../../server/questionnaires/load-questionnaires.ts';
import { resolveWaveContext } from '../../server/results/wave-context.ts';

export type ExportBreakdown = {
  rows: number;
  seconds: number;
  /** Waiting for the database: the server's own page queries (keyset pages per commune). */
  databaseSeconds: number;
  /** Building rows and CSV text with the server's own `responseRow` and `csvChunks`. */
  formatSeconds: number;
};

/**
 * Where an export's time goes, without HTTP: the server's export code run here, in the bench
 * process, on one connection, timing the awaits on the database apart from the formatting.
 */
export async function exportBreakdown(options: {
  databaseUrl: string;
  catalog: QuestionnaireCatalog;
  wave: string;
}): Promise<ExportBreakdown> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const { rows: communes } = await client
    .query<{ commune_code: string }>(
      'select distinct commune_code from responses where wave = $1 order by commune_code',
      [options.wave],
    )
    .finally(() => client.end());
  const { db } = await connectDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: '',
    poolSize: 1,
  });
  try {
    const context = await resolveWaveContext(db, options.catalog, options.wave);
    const questions = questionColumns(context.questionnaires);
    let databaseSeconds = 0;
    let rows = 0;
    const pages = pageResponses(db, {
      wave: context.wave,
      communeCodes: communes.map((row) => row.commune_code),
    });
    async function* timedRows() {
      for (;;) {
        const t = performance.now();
        const next = await pages.next();
        databaseSeconds += (performance.now() - t) / 1000;
        if (next.done) return;
        for (const row of next.value) {
          rows++;
          yield responseRow(row, questions);
        }
      }
    }
    const started = performance.now();
    let chars = 0;
    for await (const chunk of csvChunks(responsesHeader(questions), timedRows())) {
      chars += chunk.length;
    }
    const seconds = (performance.now() - started) / 1000;
    if (chars === 0) throw new Error('the export breakdown made no CSV');
    return { rows, seconds, databaseSeconds, formatSeconds: seconds - databaseSeconds };
  } finally {
    await db.destroy();
  }
}
