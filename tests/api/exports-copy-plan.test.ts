import { beforeAll, describe, expect, it } from 'vitest';
import { listCommunes } from '../../server/communes/queries.ts';
import {
  responsesCopySettings,
  responsesCopyStatement,
} from '../../server/exports/responses-copy-statement.ts';
import { copiedResponsesCsv } from '../../server/exports/responses-csv.ts';
import { questionColumns, responsesHeader } from '../../server/exports/responses-table.ts';
import { postgresBackend } from '../helpers/databases.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const questions = questionColumns([questionnaire]);
const wave = '2023';
const rows = 3_000;

type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Output?: string[];
  Plans?: PlanNode[];
};
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
        `explain (format json, verbose) ${selectOf(statement)}`,
      );
      await client.query('rollback');
      return explained[0]?.['QUERY PLAN'][0];
    } finally {
      client.release();
    }
  }

  it('reads the whole wave in table order, once, and sorts the formatted rows; compiles nothing', async () => {
    const plan = await planUnderSettings(undefined);
    if (!plan) throw new Error('no plan');
    const nodes = nodesOf(plan.Plan);
    const types = nodes.map((node) => node['Node Type']);
    // In index order every row was a page read of its own (ids are random).
    expect(types).not.toContain('Index Scan');
    expect(types.filter((type) => type === 'Seq Scan')).toHaveLength(1);
    expect(types.filter((type) => type === 'Sort')).toHaveLength(1);
    expect(types).not.toContain('Gather Merge');
    const sort = nodes.find((node) => node['Node Type'] === 'Sort');
    // The sort carries the cells of the file, not the stored rows with their answers.
    expect(sort?.Output).toHaveLength(responsesHeader(questions).length);
    expect(sort?.Output).not.toContain('responses.answers');
    // JIT shows up in a plan only when it would compile.
    expect(plan).not.toHaveProperty('JIT');
  });

  it('reads one commune through the (commune, wave, id) index, not the whole table', async () => {
    const plan = await planUnderSettings(allCommuneCodes[0]);
    if (!plan) throw new Error('no plan');
    const nodes = nodesOf(plan.Plan);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(nodes.map((node) => node['Index Name'])).toContain('responses_commune_wave_id_idx');
    expect(plan).not.toHaveProperty('JIT');
  });

  it('keeps its settings to its own transaction: the pooled connection gets its own back', async () => {
    const before = await pool().query<{ jit: string; memory: string }>(
      `select current_setting('jit') as jit, current_setting('work_mem') as memory`,
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
        const { rows: now } = await client.query<{ jit: string; memory: string }>(
          `select current_setting('jit') as jit, current_setting('work_mem') as memory`,
        );
        expect(now).toEqual(before.rows);
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
});
