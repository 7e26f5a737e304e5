import pg from 'pg';

/**
 * How many stored responses carry the `duplicate` flag. The bench's bodies never repeat
 * answers in a commune within a run (run.ts sizes them so), so its requests must add none
 * (the bulk rows may hold a few, found by the backfill): a duplicate
 * sends the flagged path through its update of the pair, which the flags-off server never
 * pays, and the flags' cost would be measured on work real residents rarely cause.
 */
export async function countDuplicates(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from responses where 'duplicate' = any(flags)`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
