import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import {
  type QuestionnaireCatalog,
  readQuestionnaires,
  storeQuestionnaires,
} from '../../server/questionnaires/load-questionnaires.ts';
import { sameScoring } from '../../server/questionnaires/same-scoring.ts';
import { waveOf } from '../../server/responses/wave.ts';
import { findCombinedRollups, scoredAlike } from '../../server/results/combined-versions.ts';
import { computeItemResults } from '../../server/results/item-results.ts';
import { findCommuneAnswers } from '../../server/results/queries.ts';
import { resolveWaveContext } from '../../server/results/wave-context.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { signedInStaff } from '../helpers/staff.ts';
import { catalog, surveysDir, testConfig } from '../helpers/test-app.ts';

const v1 = 'cb-hpi-2026-v1';
const v2 = 'cb-hpi-2026-v2';
const commune = '01273';
const items = catalog.current.scoring.items;

/** Every scored item answered `value`, except the first, answered "don't know" when asked. */
function answers(value: number, dontKnowFirst = false) {
  return Object.fromEntries(
    items.map((item, i) => [item.name, i === 0 && dontKnowFirst ? 98 : value]),
  );
}

/** The real surveys plus a third version that weighs one item double: a different scoring block. */
function catalogWithReweighedV3(): { catalog: QuestionnaireCatalog; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cbhpi-versions-'));
  for (const id of [v1, v2]) {
    writeFileSync(join(dir, `${id}.json`), readFileSync(join(surveysDir, `${id}.json`)));
  }
  const v3 = JSON.parse(readFileSync(join(surveysDir, `${v2}.json`), 'utf8'));
  v3.id = 'cb-hpi-2026-v3';
  v3.published = '2026-12-15';
  v3.scoring.items[0].weight = 2;
  writeFileSync(join(dir, 'cb-hpi-2026-v3.json'), JSON.stringify(v3));
  return { catalog: readQuestionnaires(dir), dir };
}

describe('the questionnaire versions of 2026', () => {
  it('v2 is current and scores exactly as v1', () => {
    expect(catalog.current.id).toBe(v2);
    const first = catalog.byId.get(v1);
    const second = catalog.byId.get(v2);
    if (!first || !second) throw new Error('both versions load');
    expect(second.scoring).toEqual(first.scoring);
    expect(sameScoring(first.scoring, second.scoring)).toBe(true);
    expect([...second.questions.keys()]).toEqual([...first.questions.keys()]);
  });

  it('a different weight, cutoff or direction is a different scoring block; list order is not', () => {
    const { scoring } = catalog.current;
    const [head, ...rest] = scoring.items;
    if (!head) throw new Error('items');
    expect(sameScoring(scoring, { ...scoring, items: [...rest, head] })).toBe(true);
    expect(sameScoring(scoring, { ...scoring, missing: [99, 98] })).toBe(true);
    expect(sameScoring(scoring, { ...scoring, cutoff: 60 })).toBe(false);
    expect(sameScoring(scoring, { ...scoring, items: [{ ...head, weight: 2 }, ...rest] })).toBe(
      false,
    );
    expect(
      sameScoring(scoring, { ...scoring, items: [{ ...head, reverse: !head.reverse }, ...rest] }),
    ).toBe(false);
  });
});

describe.each(databaseBackends())('a wave answered under v1 and v2 on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let analyst: string;
  const wave = waveOf(new Date());

  const submit = async (questionnaireId: string, body: Record<string, number>) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: {
        id: randomUUID(),
        questionnaireId,
        communeCode: commune,
        channel: 'web',
        answers: body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    database = await create();
    app = await buildApp({ config: testConfig, database, catalog });
    analyst = (await signedInStaff(app, database.db, 'analyst')).cookie;
    // Residents with a cached v1 form (a kiosk's outbox, a phone left open) answer alongside v2.
    for (let i = 0; i < 3; i++) await submit(v1, answers(4, i === 0));
    for (let i = 0; i < 2; i++) await submit(v2, answers(9, true));
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('the wave combines both versions, stated in the newest', async () => {
    const context = await resolveWaveContext(database.db, catalog, wave);
    expect(context.questionnaire.id).toBe(v2);
    expect(context.combined.map((q) => q.id)).toEqual([v2, v1]);
    expect(context.notCombined).toEqual([]);
  });

  it('one set of commune results counts the responses of both', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/results?wave=${wave}`,
      headers: { cookie: analyst },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.questionnaireId).toBe(v2);
    const row = body.communes.find((c: { code: string }) => c.code === commune);
    expect(row.n).toBe(5);
    const scoreOf = (value: number, dontKnowFirst: boolean) =>
      scoreResponse(catalog.current.scoring, answers(value, dontKnowFirst)).overall ?? NaN;
    const expected = [scoreOf(4, true), scoreOf(4, false), scoreOf(4, false), scoreOf(9, true)];
    expected.push(scoreOf(9, true));
    expect(row.overall.mean).toBeCloseTo(expected.reduce((a, b) => a + b) / 5, 10);
  });

  it("item results and don't-know rates count the responses of both", async () => {
    const context = await resolveWaveContext(database.db, catalog, wave);
    const rows = (await findCommuneAnswers(database.db, commune, wave)).filter(
      scoredAlike(catalog, context.questionnaire),
    );
    expect(rows).toHaveLength(5);
    const [first, second] = computeItemResults(context.questionnaire.scoring, rows);
    // The first item: "don't know" from one v1 and both v2 residents; 4 from the other two.
    expect(first).toMatchObject({ n: 2, mean: 40, dontKnowRate: 3 / 5, dontKnowFlag: true });
    expect(second).toMatchObject({ n: 5, mean: (3 * 40 + 2 * 90) / 5, dontKnowRate: 0 });
  });
});

describe.each(databaseBackends())('versions that score differently on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let versions: ReturnType<typeof catalogWithReweighedV3>;
  const wave = waveOf(new Date());

  beforeAll(async () => {
    versions = catalogWithReweighedV3();
    database = await create();
    await storeQuestionnaires(database.db, versions.catalog);
    app = await buildApp({ config: testConfig, database, catalog: versions.catalog });
    const submit = async (questionnaireId: string, value: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/responses',
        payload: {
          id: randomUUID(),
          questionnaireId,
          communeCode: commune,
          channel: 'web',
          answers: answers(value),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await submit(v1, 2);
    await submit(v2, 3);
    await submit('cb-hpi-2026-v3', 8);
    await submit('cb-hpi-2026-v3', 10);
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(versions.dir, { recursive: true, force: true });
  });

  it('are not combined: the results use the newest version and those that score like it', async () => {
    const context = await resolveWaveContext(database.db, versions.catalog, wave);
    expect(context.questionnaire.id).toBe('cb-hpi-2026-v3');
    expect(context.combined.map((q) => q.id)).toEqual(['cb-hpi-2026-v3']);
    expect(context.notCombined.map((q) => q.id)).toEqual([v2, v1]);
    // Every version answered in the wave still goes into the responses export.
    expect(context.questionnaires.map((q) => q.id)).toEqual(['cb-hpi-2026-v3', v2, v1]);

    const rollups = (await findCombinedRollups(database.db, context)).totals;
    const overall = rollups.find((r) => r.communeCode === commune && r.measure === 'overall');
    const [low, high] = [8, 10].map(
      (value) => scoreResponse(context.questionnaire.scoring, answers(value)).overall ?? NaN,
    ) as [number, number];
    const mean = (low + high) / 2;
    expect(overall?.n).toBe(2);
    expect(overall?.sum).toBeCloseTo(low + high, 9);
    expect(overall?.sumSquaresAboutMean).toBeCloseTo((low - mean) ** 2 + (high - mean) ** 2, 9);
    const rows = (await findCommuneAnswers(database.db, commune, wave)).filter(
      scoredAlike(versions.catalog, context.questionnaire),
    );
    expect(rows.map((r) => r.questionnaire_id)).toEqual(['cb-hpi-2026-v3', 'cb-hpi-2026-v3']);
  });

  it("the results routes count only the versions that score like the wave's", async () => {
    const { cookie } = await signedInStaff(app, database.db, 'analyst');
    const list = await app.inject({ url: `/api/results?wave=${wave}`, headers: { cookie } });
    expect(list.statusCode, list.body).toBe(200);
    const row = list.json().communes.find((c: { code: string }) => c.code === commune);
    expect(list.json().questionnaireId).toBe('cb-hpi-2026-v3');
    expect(row.n).toBe(2);
    const detail = await app.inject({
      url: `/api/results/${commune}?wave=${wave}`,
      headers: { cookie },
    });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().commune.n).toBe(2);
    const itemCounts = detail.json().items.map((item: { n: number }) => item.n);
    expect(Math.max(...itemCounts)).toBe(2);
  });

  it('the wave stated in v1 combines v1 and v2, without v3', async () => {
    const older = versions.catalog.byId.get(v1);
    if (!older) throw new Error('v1 loads');
    const rows = (await findCommuneAnswers(database.db, commune, wave)).filter(
      scoredAlike(versions.catalog, older),
    );
    expect(rows.map((r) => r.questionnaire_id).sort()).toEqual([v1, v2]);
  });

  it('a wave of compatible versions only reads the stored rollups as they are', async () => {
    const context = await resolveWaveContext(database.db, catalog, wave);
    const onlyV2 = { ...context, combined: [context.questionnaire], notCombined: [] };
    const overall = (await findCombinedRollups(database.db, onlyV2)).totals.find(
      (r) => r.communeCode === commune && r.measure === 'overall',
    );
    // All four responses: the stored rollup of the commune·wave, whatever their versions.
    expect(overall?.n).toBe(4);
  });
});
