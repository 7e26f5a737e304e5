import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export type BareCopyResult = {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
};

/**
 * The floor for the export: `COPY (select * from responses where wave = …) TO STDOUT` of the
 * same rows, every column as PostgreSQL writes it, no answer columns, no guard, no order,
 * no HTTP, read here on one connection and counted without being kept.
 */
export async function measureBareCopy(options: {
  databaseUrl: string;
  wave: string;
}): Promise<BareCopyResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const copy = client.query(
      copyTo(
        `copy (select * from responses where wave = ${pg.escapeLiteral(options.wave)}) to stdout`,
      ),
    );
    let rows = 0;
    let bytes = 0;
    // Text format: one line per row (a line break inside a value is written as \n).
    for await (const chunk of copy) {
      const buffer = chunk as Buffer;
      for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) rows++;
      bytes += buffer.length;
    }
    const seconds = (performance.now() - started) / 1000;
    return { rows, bytes, seconds, rowsPerSecond: rows / seconds };
  } finally {
    await client.end();
  }
}
