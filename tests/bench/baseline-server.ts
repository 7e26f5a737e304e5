/**
 * The bench's baseline: the least a server can do to store a submission. A bare Fastify app
 * whose one route takes the JSON body as it comes (no schema, no answer checks, no scoring,
 * no rate limit, no rollups) and stores it with one plain parameterised INSERT of the same
 * row shape as the app's, through a node-postgres pool of the same size. Scores are NULL
 * (nothing is scored). Run as its own process; prints `baseline serving on <url>`.
 *
 * Env: DATABASE_URL (required), DATABASE_POOL_SIZE (10), PORT (0: any free port), HOST.
 */
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { waveOf } from '../../server/responses/wave.ts';

type Body = {
  id: string;
  questionnaireId: string;
  communeCode: string;
  channel: string;
  answers: Record<string, unknown>;
  startedAt?: string;
  completedAt?: string;
};

const insertSql = `insert into responses (id, questionnaire_id, commune_code, wave, channel,
  answers, request_hash, score_overall, score_security, score_opportunity, score_culture,
  score_trust, started_at, completed_at, received_at)
values ($1, $2, $3, $4, $5, $6, $7, null, null, null, null, null, $8, $9, $10)`;

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required');
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  const app = Fastify({ logger: false });
  app.post<{ Body: Body }>('/api/responses', async (request, reply) => {
    const body = request.body;
    const receivedAt = new Date();
    const wave = waveOf(receivedAt);
    await pool.query(insertSql, [
      body.id,
      body.questionnaireId,
      body.communeCode,
      wave,
      body.channel,
      JSON.stringify(body.answers),
      createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      body.startedAt ?? null,
      body.completedAt ?? null,
      receivedAt.toISOString(),
    ]);
    return reply.status(201).send({ id: body.id, wave });
  });
  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  const address = await app.listen({
    port: Number(process.env.PORT ?? 0),
    host: process.env.HOST ?? '127.0.0.1',
  });
  console.log(`baseline serving on ${address}`);
}

main().catch((error: unknown) => {
  console.error(`baseline could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
