import { beforeAll, describe, expect, it } from 'vitest';
import { listCommunes } from '../../server/communes/queries.ts';
import {
  responsesCopySettings,
  responsesCopyStatement,
} from '../../server/exports/responses-copy-statement.ts';
import { copiedResponsesCsv } from '../../server/exports/responses-csv.ts';
import { questionColumns } from '../../server/exports/responses-table.ts';
import { postgresBackend } from '../helpers/databases.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const questions = questionColumns([questionnaire]);
const wave = '2023';
const rows = 3_000;

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** The select inside the COPY, which EXPLAIN takes (it does not take a COPY). */
const selectOf = (statement: string) => {
  const select = /^copy \((select .*)\) to stdout \(format csv, encoding 'UTF8'\)$/s.exec(
    statement,
  );
  if (!select?.[1]) throw new Error(`not a COPY of a select: ${statement.slice(0, 80)}`);
  return select[1];
};

describe.each(postgresBackend())('the responses COPY plan on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const pool = () => {
    if (!ctx.database.pool) throw new Error('a PostgreSQL handle has its pool');
    return ctx.database.pool;
  };
  let allCommuneCodes: string[];

  beforeAll(async () => {
    allCommuneCodes = (await listCommunes(ctx.database.db)).map((commune) => commune.code);
    await pool().query(
      `insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
         request_hash, received_at)
       select gen_random_uuid(), $1, ($2::text[])[1 + g % cardinality($2::text[])], $3, 'web',
         jsonb_build_object('life_sat', g % 11, 'comment', 'text ' || g), 'test', now()
       from generate_series(1, $4) as g`,
      [questionnaire.id, allCommuneCodes.slice(0, 5), wave, rows],
    );
    await pool().query('analyze responses');
  });

  /** The plan of the export's select under `responsesCopySettings`, as copy-csv.ts runs it. */
  async function planUnderSettings(communeCode: string | undefined) {
    const client = await pool().connect();
    try {
      await client.query('begin');
      for (const [name, value] of Object.entries(responsesCopySettings)) {
        await client.query('select set_config($1, $2, true)', [name, value]);
      }
      const statement = responsesCopyStatement({ wave, communeCode }, questions);
      const { rows: explained } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (format json) ${selectOf(statement)}`,
      );
      await client.query('rollback');
      return explained[0]?.['QUERY PLAN'][0];
    } finally {
      client.release();
    }
  }

  it('walks the (commune, wave, id) index instead of sorting the rows, and compiles nothing', async () => {
    for (const communeCode of [undefined, allCommuneCodes[0]]) {
      const plan = await planUnderSettings(communeCode);
      if (!plan) throw new Error('no plan');
      const nodes = nodesOf(plan.Plan);
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort');
      expect(nodes.map((node) => node['Node Type'])).not.toContain('Gather Merge');
      expect(nodes.map((node) => node['Index Name'])).toContain('responses_commune_wave_id_idx');
      // JIT shows up in a plan only when it would compile.
      expect(plan).not.toHaveProperty('JIT');
    }
  });

  it('keeps its settings to its own transaction: the pooled connection gets its own back', async () => {
    const before = await pool().query<{ jit: string; sort: string }>(
      `select current_setting('jit') as jit, current_setting('enable_sort') as sort`,
    );
    let bytes = 0;
    for await (const chunk of copiedResponsesCsv(
      pool(),
      { wave, communeCode: undefined, allCommuneCodes },
      questions,
    )) {
      bytes += chunk.length;
    }
    expect(bytes).toBeGreaterThan(rows * 10);
    // Every connection of the pool, the one the COPY ran on among them.
    const clients = await Promise.all(
      Array.from({ length: pool().totalCount }, () => pool().connect()),
    );
    try {
      for (const client of clients) {
        const { rows: now } = await client.query<{ jit: string; sort: string }>(
          `select current_setting('jit') as jit, current_setting('enable_sort') as sort`,
        );
        expect(now).toEqual(before.rows);
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
});
