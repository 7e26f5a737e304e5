import type { ServerProcess } from '../helpers/server-process.ts';
import { postgresAdminUrl } from '../helpers/test-env.ts';
import { measureExport } from './export-bench.ts';
import { measureBareCopy } from './export-copy-baseline.ts';
import { formatNumber, formatTable } from './table.ts';

const aims = { exportRowsPerSecond: 100_000, overBareCopy: 0.5, rssMb: 250 };
const meets = (ok: boolean) => (ok ? 'aim met' : 'BELOW AIM');

/**
 * The CSV export of a whole wave through the app, next to a bare COPY of the same rows
 * measured just before it, and their ratio. Prints the table; returns what failed (a short
 * export).
 */
export async function measureExportPhase(options: {
  databaseUrl: string;
  databaseName: string;
  app: ServerProcess;
  cookie: string;
  wave: string;
  waveRows: number;
  say: (message: string) => void;
}): Promise<string[]> {
  const { app, wave, say } = options;
  say(`bare COPY (select * from responses where wave = '${wave}') TO STDOUT, counted here`);
  const bare = await measureBareCopy({ databaseUrl: options.databaseUrl, wave });
  say(`GET /api/exports/responses.csv?wave=${wave}: streamed and counted here`);
  const exported = await measureExport({
    serverUrl: app.url,
    serverPid: app.child.pid ?? 0,
    cookie: options.cookie,
    wave,
    adminUrl: postgresAdminUrl,
    database: options.databaseName,
  });
  const ratio = exported.rowsPerSecond / bare.rowsPerSecond;
  console.log(`\nCSV export of wave ${wave}`);
  console.log(
    formatTable(
      [
        'method',
        'rows',
        'MB',
        'seconds',
        'first byte s',
        'rows/s',
        '/ bare',
        'RSS before MB',
        'peak RSS MB',
        'VmHWM MB',
        'cpu% server',
        'postgres',
        'bench',
        'other',
        'idle',
      ],
      [
        [
          'GET /api/exports/responses.csv',
          formatNumber(exported.rows),
          formatNumber(exported.bytes / 1e6, 0),
          formatNumber(exported.seconds, 1),
          formatNumber(exported.firstByteSeconds, 2),
          formatNumber(exported.rowsPerSecond),
          formatNumber(ratio, 2),
          formatNumber(exported.rssBeforeMb, 0),
          formatNumber(exported.peakRssMb, 0),
          formatNumber(exported.highWaterMb, 0),
          formatNumber(exported.cpu.server, 0),
          formatNumber(exported.cpu.postgres, 0),
          formatNumber(exported.cpu.loadGenerator, 0),
          formatNumber(exported.cpu.other, 0),
          formatNumber(exported.cpu.idle, 0),
        ],
        [
          'bare COPY of the same rows',
          formatNumber(bare.rows),
          formatNumber(bare.bytes / 1e6, 0),
          formatNumber(bare.seconds, 1),
          '',
          formatNumber(bare.rowsPerSecond),
          '1.00',
          ...Array<string>(8).fill(''),
        ],
      ],
    ),
  );
  console.log(
    '(peak RSS: VmRSS of the app polled every 100 ms; VmHWM: its peak since it started, ' +
      'earlier phases included. The bare COPY runs in the bench process, without the app.)',
  );
  console.log(
    `export ${formatNumber(exported.rowsPerSecond)} rows/s (aim ≥ ` +
      `${formatNumber(aims.exportRowsPerSecond)}: ` +
      `${meets(exported.rowsPerSecond >= aims.exportRowsPerSecond)}); ` +
      `${formatNumber(ratio, 2)} of the bare COPY (aim ≥ ${aims.overBareCopy}: ` +
      `${meets(ratio >= aims.overBareCopy)}); peak RSS ${formatNumber(exported.peakRssMb, 0)} MB ` +
      `(aim < ${aims.rssMb}: ${meets(exported.peakRssMb < aims.rssMb)})\n`,
  );
  const failures: string[] = [];
  if (exported.rows !== options.waveRows) {
    failures.push(
      `the export of wave ${wave} has ${exported.rows} rows, the database ${options.waveRows} responses`,
    );
  }
  if (bare.rows !== options.waveRows) {
    failures.push(`the bare COPY of wave ${wave} has ${bare.rows} rows, not ${options.waveRows}`);
  }
  return failures;
}
