import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCommunes } from '../../server/communes/queries.ts';
import { copyCsv } from '../../server/exports/copy-csv.ts';
import { copiedResponsesCsv, pagedResponsesCsv } from '../../server/exports/responses-csv.ts';
import { questionColumns } from '../../server/exports/responses-table.ts';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import { rebuildRollups } from '../../server/responses/rebuild-rollups.ts';
import { parseCsvFile } from '../helpers/csv-parse.ts';
import { postgresBackend } from '../helpers/databases.ts';
import { signedInStaff } from '../helpers/staff.ts';
import { bestAnswers, uniformAnswers } from '../helpers/submissions.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';
import { postgresAdminUrl } from '../helpers/test-env.ts';

const questions = questionColumns([questionnaire]);
const nastyWave = '2025';
/** A wave big enough that its file fills every buffer between PostgreSQL and a stalled client. */
const bigWave = '2024';
const bigRows = 25_000;

/**
 * Answers a resident could give and a few the form would refuse but the table holds anyway
 * (a list, a yes/no, an empty text): every kind of JSON value the COPY must write as the paged
 * export writes it.
 */
const nastyAnswers: Array<Record<string, unknown>> = [
  { ...bestAnswers(), comment: 'Đường lên bản "Nà Mò", mùa mưa\nbị sạt lở', age_band: '18-29' },
  { ...uniformAnswers(5), sec_income: 98, trust_police: 99, comment: '=HYPERLINK("http://x","y")' },
  { comment: '  =1+1' },
  { comment: '\t@SUM(A1)' },
  { comment: '\r\n-2+3' },
  { comment: '\n+84 912 345 678' },
  { comment: '＝1+1', sex: 'female' },
  { comment: ' ＋１', ethnicity: 'tay' },
  { comment: '－5' },
  { comment: '＠SUM(A1)' },
  { comment: '-' },
  { comment: 'một, hai\r\nba "bốn" ; năm' },
  { comment: '"' },
  { comment: ',' },
  { comment: '""' },
  { comment: '\\N \\. \\' },
  { comment: 'null' },
  { comment: '' },
  { comment: '   ' },
  { comment: '\n' },
  { comment: 'Cao Bằng: Hà Quảng, Trùng Khánh, Bảo Lạc; ắ ằ ẳ ẵ ặ ơ ư đ' },
  { sec_income: 0, life_sat: 10, comment: null },
  {},
  { age_band: ['-x', 'a,b', null, 3, true, '"q"'], sex: [], ethnicity: [''] },
  { sex: true, ethnicity: false, age_band: -1, comment: 2.5 },
  { age_band: 0.30000000000000004, sex: '\t', ethnicity: '\r' },
  { age_band: '-1', sex: '5', ethnicity: '[1]', life_sat: -3 },
];

const scores = (i: number) => ({
  overall: i % 3 === 0 ? null : 100 / 3 + i,
  security: i % 4 === 0 ? null : 0,
  opportunity: 87.5,
  culture: i === 1 ? 100 : 12.345678901234567,
  trust: i % 5 === 0 ? null : 1 / 7,
});

async function bytesOf(chunks: AsyncIterable<string | Buffer>) {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>) {
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(postgresBackend())('the responses file by COPY on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  let cookie: string;
  let allCommuneCodes: string[];
  let databaseName: string;

  /** The server's backends running a COPY in this test's database. */
  const copies = () =>
    withAdmin(async (admin) => {
      const { rows } = await admin.query<{ pid: number; state: string }>(
        `select pid, state from pg_stat_activity
          where datname = $1 and query like 'copy (select%' and state <> 'idle'`,
        [databaseName],
      );
      return rows;
    });
  const pool = () => {
    if (!ctx.database.pool) throw new Error('a PostgreSQL handle has its pool');
    return ctx.database.pool;
  };
  const checkedOut = () => pool().totalCount - pool().idleCount;

  beforeAll(async () => {
    const { db } = ctx.database;
    cookie = (await signedInStaff(ctx.app, db, 'analyst')).cookie;
    allCommuneCodes = (await listCommunes(db)).map((commune) => commune.code);
    databaseName = (await pool().query<{ name: string }>('select current_database() as name'))
      .rows[0]?.name as string;
    const communes = ['01288', '01273', '01279'];
    for (const [i, answers] of nastyAnswers.entries()) {
      await insertResponseOnce(db, {
        id: randomUUID(),
        questionnaireId: questionnaire.id,
        communeCode: communes[i % communes.length] as string,
        wave: nastyWave,
        channel: i % 2 ? 'kiosk' : 'web',
        answers,
        requestHash: 'test',
        scores: scores(i),
        startedAt: i % 2 ? null : '2025-03-01T01:02:03.004Z',
        completedAt: i % 2 ? null : '2025-03-01T01:12:03.5Z',
        receivedAt: new Date(Date.UTC(2025, 2, 1, 2, 0, i)),
        kioskId: null,
      });
    }
    await db
      .updateTable('responses')
      .set({ is_demo: true })
      .where('channel', '=', 'kiosk')
      .execute();
    // Flags and review states as the integrity rules and the review leave them, and flags no
    // rule writes (a formula, a comma, a quote, a null in the list) that must still be guarded
    // and quoted alike.
    const nastyFlags: Array<[string, string | null, 'unreviewed' | 'kept' | 'excluded']> = [
      ['too_fast', 'straight_line', 'excluded'],
      ['burst', null, 'kept'],
      ['=cmd()', 'a,b', 'unreviewed'],
      ['"q"', null, 'excluded'],
    ];
    const ids = await db
      .selectFrom('responses')
      .select('id')
      .where('wave', '=', nastyWave)
      .orderBy('id')
      .execute();
    for (const [i, [first, second, state]] of nastyFlags.entries()) {
      await pool().query(
        'update responses set flags = array[$1::text, $2::text], review_state = $3 where id = $4',
        [first, second, state, ids[i]?.id],
      );
    }
    await pool().query(
      `insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
         request_hash, score_overall, received_at)
       select gen_random_uuid(), $1, case when i % 2 = 0 then '01273' else '01288' end, $2, 'paper',
         jsonb_build_object('life_sat', i % 11, 'comment', repeat('Bản Giốc, "thác" ' || i, 100)),
         'test', i / 7.0, now()
       from generate_series(1, $3::int) as i`,
      [questionnaire.id, bigWave, bigRows],
    );
    // The rollups tell the export how to cut a wave between two COPYs.
    await rebuildRollups(db);
  });

  const scopeOf = (wave: string, communeCode?: string) => ({
    wave,
    communeCode,
    allCommuneCodes,
  });
  const paged = (wave: string, communeCode?: string) =>
    bytesOf(pagedResponsesCsv(ctx.database.db, scopeOf(wave, communeCode), questions));
  const copied = (wave: string, communeCode?: string) =>
    bytesOf(copiedResponsesCsv(pool(), scopeOf(wave, communeCode), questions));
  /**
   * Two connections at once whatever the wave's size, the file cut into `parts` COPYs; counts
   * the connections the file held.
   */
  const copiedInParts = async (wave: string, parts = 2) => {
    let connections = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of copiedResponsesCsv(pool(), scopeOf(wave), questions, {
      parallelFromRows: 0,
      parts,
    })) {
      connections = Math.max(connections, checkedOut());
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks), connections };
  };
  const spoolDirs = async () =>
    (await readdir(tmpdir())).filter((name) => name.startsWith('cbhpi-export-'));

  it('is byte for byte the paged file: quotes, line breaks, formulas, lists, skips', async () => {
    const [byCopy, byPages] = [await copied(nastyWave), await paged(nastyWave)];
    expect(byCopy.toString('utf8')).toBe(byPages.toString('utf8'));
    expect(byCopy.equals(byPages)).toBe(true);
    // The comparison means something: every row is there, and the guards did their work.
    const { rows } = parseCsvFile(byCopy);
    expect(rows).toHaveLength(nastyAnswers.length);
    const text = byCopy.toString('utf8');
    for (const guarded of [
      "'  =1+1",
      "'\t@SUM(A1)",
      "'＝1+1",
      "' ＋１",
      "'－5",
      "'-x;a,b;null;3",
      "'=cmd();a,b",
      'too_fast;straight_line,excluded',
      'burst,kept',
    ]) {
      expect(text).toContain(guarded);
    }
    expect(text).toContain(',98,');
  });

  it('is the paged file for one commune, for an empty wave, and for a big wave', async () => {
    expect((await copied(nastyWave, '01273')).equals(await paged(nastyWave, '01273'))).toBe(true);
    expect((await copied('2019')).equals(await paged('2019'))).toBe(true);
    const big = await copied(bigWave);
    expect(big.equals(await paged(bigWave))).toBe(true);
    // Its comments hold no line break: one CRLF per record, header included.
    expect(big.toString('latin1').split('\r\n').length - 2).toBe(bigRows);
    expect(checkedOut()).toBe(0);
  });

  it('is the paged file when two COPYs write it at once, and leaves no file behind', async () => {
    const before = await spoolDirs();
    for (const wave of [nastyWave, bigWave]) {
      const { bytes, connections } = await copiedInParts(wave);
      expect(connections).toBe(2);
      expect(bytes.equals(await paged(wave))).toBe(true);
    }
    // Three parts on two connections: the first runs its second COPY after its first.
    const inThree = await copiedInParts(nastyWave, 3);
    expect(inThree.connections).toBe(2);
    expect(inThree.bytes.equals(await paged(nastyWave))).toBe(true);
    // A wave of one commune cannot be cut: one COPY.
    const small = await copiedInParts('2019');
    expect(small.connections).toBe(1);
    expect(checkedOut()).toBe(0);
    expect(await spoolDirs()).toEqual(before);
  });

  it('stops both COPYs and removes the spooled part when the consumer stops early', async () => {
    const before = await spoolDirs();
    const chunks = copiedResponsesCsv(pool(), scopeOf(bigWave), questions, {
      parallelFromRows: 0,
    });
    const first = await chunks.next();
    expect(first.done).toBe(false);
    expect(checkedOut()).toBe(2);
    await chunks.return(undefined);
    await waitFor('the COPYs to end', async () => (await copies()).length === 0);
    expect(checkedOut()).toBe(0);
    expect(await spoolDirs()).toEqual(before);
    expect((await copiedInParts(bigWave)).bytes.equals(await paged(bigWave))).toBe(true);
  });

  it('ends with an error when a later COPY fails, and leaves nothing behind', async () => {
    const before = await spoolDirs();
    const good = `copy (select x from generate_series(1, 3) as x) to stdout (format csv)`;
    // Division by zero on its second row: the COPY fails after it has begun to send.
    const failing = `copy (select 1 / (x - 2) from generate_series(1, 3) as x) to stdout (format csv)`;
    for (const statements of [
      [good, failing, good],
      [good, good, failing],
      [failing, good],
    ]) {
      const read: Buffer[] = [];
      await expect(
        (async () => {
          for await (const chunk of copyCsv(pool(), statements, Buffer.from('head\r\n'))) {
            read.push(chunk);
          }
        })(),
      ).rejects.toThrow(/division by zero/);
      // What came before the failing part came whole, and nothing of the failing part did.
      const failingAt = statements.indexOf(failing);
      expect(Buffer.concat(read).toString()).toBe(
        failingAt === 0 ? '' : `head\r\n${'1\r\n2\r\n3\r\n'.repeat(failingAt)}`,
      );
      await waitFor('every connection back', async () => checkedOut() === 0);
      expect(await spoolDirs()).toEqual(before);
    }
    expect((await copiedInParts(nastyWave, 3)).bytes.equals(await paged(nastyWave))).toBe(true);
  });

  it('is what GET /api/exports/responses.csv sends on PostgreSQL', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/exports/responses.csv?wave=${nastyWave}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(await paged(nastyWave))).toBe(true);
  });

  /** Starts the big wave's download over HTTP, takes its first chunk, then stops reading. */
  async function stalledDownload() {
    if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/exports/responses.csv?wave=${bigWave}`, {
      headers: { cookie },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.value?.length).toBeGreaterThan(0);
    // The download goes through COPY: its backend is there, held by the unread socket.
    await waitFor(
      'the COPY to wait on the stalled client',
      async () => (await copies()).length === 1,
    );
    const [copy] = await copies();
    return { abort, reader, pid: copy?.pid as number };
  }

  it('ends the COPY and gives its connection back when the client hangs up', async () => {
    const { abort, pid } = await stalledDownload();
    expect(checkedOut()).toBe(1);
    abort.abort();
    await waitFor('the COPY to end', async () => (await copies()).length === 0);
    await waitFor('the connection to be back in the pool', async () => checkedOut() === 0);
    // Back, not closed: the same backend is still connected, idle.
    const state = await withAdmin(async (admin) => {
      const { rows } = await admin.query('select state from pg_stat_activity where pid = $1', [
        pid,
      ]);
      return rows[0]?.state;
    });
    expect(state).toBe('idle');
    expect((await copied(nastyWave)).equals(await paged(nastyWave))).toBe(true);
  });

  it('closes the connection of a COPY that breaks, and the next export works', async () => {
    const { reader, pid } = await stalledDownload();
    await withAdmin((admin) => admin.query('select pg_terminate_backend($1)', [pid]));
    // The file is cut short (an error, never a quiet end), and nothing is left checked out.
    await expect(
      (async () => {
        for (;;) if ((await reader?.read())?.done) return 'ended';
      })(),
    ).rejects.toThrow();
    await waitFor('the broken connection to leave the pool', async () => checkedOut() === 0);
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/exports/responses.csv?wave=${nastyWave}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(await paged(nastyWave))).toBe(true);
  });
});
