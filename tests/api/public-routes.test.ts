import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommunesCsv } from '../../server/communes/communes-csv.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const shippedList = parseCommunesCsv(
  readFileSync(new URL('../../server/communes/communes.csv', import.meta.url), 'utf8'),
);
// The project's reference copy sits beside a checkout on developers' machines and in CI; a
// user's machine has only the shipped copy, which is then the reference.
const officialUrl = new URL('../../../shared/data/communes.csv', import.meta.url);
const officialList = existsSync(officialUrl)
  ? parseCommunesCsv(readFileSync(officialUrl, 'utf8'))
  : shippedList;

describe.each(databaseBackends())('public routes on $kind', ({ kind, create }) => {
  const ctx = useTestApp(create);

  it('reports health and which ctx.database it runs on', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind });
  });

  it('lists all 56 communes and wards by code, as the official list has them', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/communes' });
    expect(res.statusCode).toBe(200);
    const communes = res.json();
    expect(communes).toHaveLength(56);
    expect(communes).toEqual([...officialList].sort((a, b) => a.code.localeCompare(b.code)));
    expect(communes[0]).toEqual({ code: '01273', name: 'Thục Phán', kind: 'ward' });
  });

  it('serves the current questionnaire with every scoring default filled in', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/questionnaires/current' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The newest published version: v2 rewords v1 for older residents (surveys/METHOD.md).
    expect(body.id).toBe('cb-hpi-2026-v2');
    // The contract's four fields, and which wave is open (the new install's, this year's).
    expect(Object.keys(body).sort()).toEqual([
      'id',
      'nextWave',
      'openWave',
      'scoring',
      'survey',
      'title',
    ]);
    expect(body.openWave.id).toMatch(/^\d{4}$/);
    expect(body.title.vi).toMatch(/Hạnh phúc/);
    expect(body.scoring.method).toBe('mean');
    expect(body.scoring.missing).toEqual([98, 99]);
    expect(body.scoring.cutoff).toBe(70);
    expect(body.scoring.dimensions.map((d: { key: string }) => d.key)).toEqual([
      'security',
      'opportunity',
      'culture',
      'trust',
    ]);
    for (const dimension of body.scoring.dimensions) {
      expect(dimension).toEqual({ key: dimension.key, weight: 1, minAnswered: 4 });
    }
    expect(body.scoring.items).toHaveLength(24);
    expect(body.scoring.items[0]).toEqual({
      name: 'sec_income',
      dimension: 'security',
      min: 0,
      max: 10,
      reverse: false,
      weight: 1,
    });
    expect(body.survey.pages.length).toBeGreaterThan(1);
  });

  it('publishes the API as OpenAPI at /docs', async () => {
    const json = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    const spec = json.json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/communes',
        '/api/questionnaires/current',
        '/api/responses',
      ]),
    );
    const body = spec.paths['/api/responses'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(
      expect.arrayContaining(['id', 'questionnaireId', 'communeCode', 'channel', 'answers']),
    );
    const ui = await ctx.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('stores the questionnaire version with its content hash', async () => {
    const row = await ctx.database.db
      .selectFrom('questionnaires')
      .select(['id', 'content_hash'])
      .where('id', '=', questionnaire.id)
      .executeTakeFirstOrThrow();
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

it('ships its own copy of the official commune list, identical to it', () => {
  expect(shippedList).toEqual(officialList);
  expect(new Set(shippedList.map((commune) => commune.code)).size).toBe(56);
});
