import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { findVersion } from '../../server/questionnaires/find-version.ts';
import {
  readQuestionnaires,
  storeQuestionnaires,
} from '../../server/questionnaires/load-questionnaires.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { type QuestionnaireJson, questionnaireJson } from '../helpers/questionnaire-json.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { surveysDir, testConfig } from '../helpers/test-app.ts';

type Problem = { where: string; item: string | null; message: string };

/** A question of the form by name, to break it. */
function question(json: QuestionnaireJson, name: string) {
  for (const page of json.survey.pages) {
    const found = page.elements.find((element) => element.name === name);
    if (found) return found;
  }
  throw new Error(`test setup: no question ${name}`);
}
const item = (json: QuestionnaireJson, name: string) => {
  const found = json.scoring.items.find((entry) => entry.name === name);
  if (!found) throw new Error(`test setup: no item ${name}`);
  return found;
};

/** Wrong in shape: what zod refuses before any rule is looked at. */
function misshapen() {
  const json = questionnaireJson('Not An Id') as Record<string, unknown> & QuestionnaireJson;
  json.version = 2;
  json.published = '1 December 2026';
  item(json, 'sec_safety').weight = 0;
  item(json, 'opp_signal').dimension = 'happiness';
  item(json, 'tru_voice').reversed = true;
  json.scoring.cutoff = 101;
  json.scoring.method = 'median';
  return json;
}
/** Each shape problem: where it starts and ends, and the item named (if any). */
const shapeProblems: Array<[string, string, string | null]> = [
  ['id', '', null],
  ['published', '', null],
  ['scoring.items[', '].weight', 'sec_safety'],
  ['scoring.items[', '].dimension', 'opp_signal'],
  ['scoring.items[', ']', 'tru_voice'],
  ['scoring.cutoff', '', null],
  ['scoring.method', '', null],
  ['(the whole questionnaire)', '', null],
];

/** Right in shape, wrong by the rules of METHOD.md section 1: one of every kind. */
function againstTheRules() {
  const json = questionnaireJson('cb-hpi-2027-broken');
  item(json, 'sec_income').name = 'sec_pension'; // names no question
  json.scoring.items.push({ ...item(json, 'cul_language') }); // listed twice
  Object.assign(item(json, 'sec_housing'), { min: 10, max: 0 }); // min above max
  question(json, 'sec_health').rateValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 98, 99]; // 0..9
  item(json, 'tru_voice').name = 'comment'; // a free-text question
  json.scoring.items = json.scoring.items.filter((entry) => entry.dimension !== 'opportunity');
  json.survey.pages[1]?.elements.push({ ...question(json, 'life_sat') }); // question twice
  json.scoring.dimensions?.push({ key: 'culture', weight: 2 }); // dimension twice
  const trust = json.scoring.dimensions?.find((dimension) => dimension.key === 'trust');
  if (trust) trust.minAnswered = 7; // more than its items
  return json;
}
const ruleProblems: Array<[string, string, string]> = [
  ['scoring.items[0]', 'sec_pension', 'names no question'],
  ['scoring.items', 'cul_language', 'listed twice'],
  ['scoring.items[2]', 'sec_housing', 'min (10) must be below max (0)'],
  ['scoring.items[1]', 'sec_health', 'expected exactly the integers 0..10'],
  ['scoring.items', 'comment', 'offers no single choice'],
  ['scoring.items', 'opportunity', 'has no item'],
  ['survey', 'life_sat', 'appears twice'],
  ['scoring.dimensions', 'culture', 'listed twice'],
  ['scoring.dimensions', 'trust', 'minAnswered 7'],
];

describe.each(databaseBackends())(
  'questionnaire versions from the dashboard on $kind',
  ({ create }) => {
    let database: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let admin: string;
    // Its own catalog: publishing adds to it, and the other test files share the helpers' one.
    const catalog = readQuestionnaires(surveysDir);
    const post = (url: string, payload: unknown, cookie = admin) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie, ...sameOrigin, 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    const storedIds = async () =>
      (await database.db.selectFrom('questionnaires').select('id').orderBy('id').execute()).map(
        (row) => row.id,
      );

    beforeAll(async () => {
      database = await create();
      app = await buildApp({ config: testConfig, database, catalog });
      admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
    });

    it('a misshapen questionnaire: every problem listed, by where and item, nothing stored', async () => {
      const before = await storedIds();
      const check = await post('/api/questionnaires/check', misshapen());
      expect(check.statusCode, check.body).toBe(200);
      expect(check.json().ok).toBe(false);
      const problems: Problem[] = check.json().problems;
      for (const [start, end, name] of shapeProblems) {
        expect(
          problems.some(
            (p) => p.where.startsWith(start) && p.where.endsWith(end) && p.item === name,
          ),
          `${start} ${name}: ${JSON.stringify(problems)}`,
        ).toBe(true);
      }
      expect(problems).toHaveLength(shapeProblems.length);
      const published = await post('/api/questionnaires', misshapen());
      expect(published.statusCode).toBe(400);
      expect(published.json().error.code).toBe('validation_failed');
      expect(published.json().error.details).toHaveLength(problems.length);
      expect(await storedIds()).toEqual(before);
    });

    it('a questionnaire against the rules: every problem listed, by where and item, nothing stored', async () => {
      const check = await post('/api/questionnaires/check', againstTheRules());
      const problems: Problem[] = check.json().problems;
      expect(check.json().ok).toBe(false);
      for (const [where, name, words] of ruleProblems) {
        expect(
          problems.some(
            (p) => p.where.startsWith(where) && p.item === name && p.message.includes(words),
          ),
          `${where} ${name} ${words}: ${JSON.stringify(problems, null, 1)}`,
        ).toBe(true);
      }
      const published = await post('/api/questionnaires', againstTheRules());
      expect(published.statusCode).toBe(400);
      const details = published.json().error.details as Array<{ path: string; item: string }>;
      expect(details.map((d) => [d.path, d.item])).toEqual(problems.map((p) => [p.where, p.item]));
      expect(await storedIds()).not.toContain('cb-hpi-2027-broken');
    });

    it('a valid one checks clean, publishes, is served and can be answered', async () => {
      const json = questionnaireJson('cb-hpi-2027-v1');
      json.title.vi = 'Chỉ số Hạnh phúc 2027';
      const check = await post('/api/questionnaires/check', json);
      expect(check.json()).toMatchObject({ ok: true, id: 'cb-hpi-2027-v1', problems: [] });
      expect(check.json().contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(await storedIds()).not.toContain('cb-hpi-2027-v1');

      const published = await post('/api/questionnaires', json);
      expect(published.statusCode, published.body).toBe(201);
      expect(published.json()).toMatchObject({
        id: 'cb-hpi-2027-v1',
        published: '2026-12-01',
        contentHash: check.json().contentHash,
        fromDashboard: true,
        current: false,
        answered: false,
      });
      const stored = await database.db
        .selectFrom('questionnaires')
        .selectAll()
        .where('id', '=', 'cb-hpi-2027-v1')
        .executeTakeFirstOrThrow();
      expect(stored.content_hash).toBe(check.json().contentHash);

      const served = await app.inject({
        url: '/api/questionnaires/cb-hpi-2027-v1',
        headers: { cookie: admin },
      });
      expect(served.statusCode).toBe(200);
      expect(served.json().title.vi).toBe('Chỉ số Hạnh phúc 2027');
      expect(served.json().scoring.dimensions).toHaveLength(4);
      // Downloaded and uploaded again under a new id, it checks clean: a starting point.
      const next = { ...served.json(), id: 'cb-hpi-2027-v2' };
      expect((await post('/api/questionnaires/check', next)).json().problems).toEqual([]);

      const answers = Object.fromEntries(json.scoring.items.map((entry) => [entry.name, 7]));
      const response = await app.inject({
        method: 'POST',
        url: '/api/responses',
        payload: {
          id: randomUUID(),
          questionnaireId: 'cb-hpi-2027-v1',
          communeCode: '01273',
          channel: 'web',
          answers,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const list = await app.inject({ url: '/api/questionnaires', headers: { cookie: admin } });
      const row = list.json().find((v: { id: string }) => v.id === 'cb-hpi-2027-v1');
      expect(row).toMatchObject({ fromDashboard: true, answered: true });
      expect(list.json().find((v: { id: string }) => v.id === catalog.current.id)).toMatchObject({
        fromDashboard: false,
        current: true,
      });
    });

    it('a published version cannot change (409); the same content again changes nothing (200)', async () => {
      const json = questionnaireJson('cb-hpi-2027-v1');
      json.title.vi = 'Chỉ số Hạnh phúc 2027';
      const again = await post('/api/questionnaires', json);
      expect(again.statusCode, again.body).toBe(200);
      json.scoring.cutoff = 60;
      const check = await post('/api/questionnaires/check', json);
      expect(check.json().ok).toBe(false);
      expect(check.json().problems).toEqual([expect.objectContaining({ where: 'id' })]);
      const changed = await post('/api/questionnaires', json);
      expect(changed.statusCode).toBe(409);
      expect(changed.json().error.code).toBe('id_conflict');
      // A file's version is published too, and just as immutable.
      const file = questionnaireJson(catalog.current.id, '2026-11-01');
      expect((await post('/api/questionnaires', file)).statusCode).toBe(409);
      const served = await app.inject({
        url: '/api/questionnaires/cb-hpi-2027-v1',
        headers: { cookie: admin },
      });
      expect(served.json().scoring.cutoff).toBe(70);
      expect(catalog.byId.get('cb-hpi-2027-v1')?.scoring.cutoff).toBe(70);
    });

    it('the publication is in the audit log, with its hash, once', async () => {
      const entries = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'questionnaire.publish')
        .execute();
      expect(entries).toHaveLength(1);
      const [entry] = entries;
      expect(entry?.target).toBe('cb-hpi-2027-v1');
      expect(entry?.actor).toMatch(/^admin\./);
      const details = entry?.details as { contentHash: string };
      expect(details.contentHash).toBe(catalog.byId.get('cb-hpi-2027-v1')?.contentHash);
    });

    it('another server knows it: at its next start, and on demand before that', async () => {
      const started = readQuestionnaires(surveysDir);
      expect(await findVersion(database.db, started, 'cb-hpi-2027-v1')).not.toBeNull();
      expect(started.byId.has('cb-hpi-2027-v1')).toBe(true);
      const restarted = readQuestionnaires(surveysDir);
      await storeQuestionnaires(database.db, restarted);
      const loaded = restarted.byId.get('cb-hpi-2027-v1');
      expect(loaded?.contentHash).toBe(catalog.byId.get('cb-hpi-2027-v1')?.contentHash);
      expect(loaded?.questions.size).toBe(catalog.byId.get('cb-hpi-2027-v1')?.questions.size);
      // What residents get does not change by a version being published.
      expect(restarted.current.id).toBe(catalog.current.id);
      expect(restarted.fromFiles.has('cb-hpi-2027-v1')).toBe(false);
    });

    it('is in the reference at /docs, each route with its request and answers', async () => {
      const spec = (await app.inject({ url: '/docs/json' })).json();
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/api/questionnaires/check',
          '/api/questionnaires',
          '/api/questionnaires/{id}',
        ]),
      );
      const publish = spec.paths['/api/questionnaires'].post;
      expect(Object.keys(publish.responses)).toEqual(
        expect.arrayContaining(['200', '201', '400', '409', '413']),
      );
      expect(publish.requestBody.content['application/json'].schema.type).toBe('object');
    });

    it('refuses text PostgreSQL cannot store, a body over 1 MB, and an unknown id', async () => {
      const json = questionnaireJson('cb-hpi-2027-nul');
      json.title.en = 'Happiness\u0000';
      const nul = await post('/api/questionnaires', json);
      expect(nul.statusCode).toBe(400);
      expect(JSON.stringify(nul.json().error.details)).toContain('title.en');
      const surrogate = await post(
        '/api/questionnaires/check',
        JSON.stringify(questionnaireJson('cb-hpi-2027-sur')).replace('Happiness', '\\ud800'),
      );
      expect(surrogate.statusCode).toBe(400);
      const big = questionnaireJson('cb-hpi-2027-big');
      big.title.en = 'x'.repeat(1024 * 1024);
      const large = await post('/api/questionnaires', big);
      expect(large.statusCode).toBe(413);
      expect(large.json().error.code).toBe('payload_too_large');
      const missing = await app.inject({
        url: '/api/questionnaires/cb-hpi-1999-v1',
        headers: { cookie: admin },
      });
      expect(missing.statusCode).toBe(404);
      expect(await storedIds()).not.toContain('cb-hpi-2027-nul');
    });
  },
);
