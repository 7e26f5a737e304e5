import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { carriedBy } from '../../server/languages/carry-translations.ts';
import { questionnaireStrings } from '../../server/languages/questionnaire-strings.ts';
import { readCsv } from '../../server/languages/read-csv.ts';
import { readLanguageFiles } from '../../server/languages/read-language-files.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import { vietnamDate } from '../../server/waves/wave-dates.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { fixtureLanguagesDir, pseudo, shippedLanguagesDir } from '../helpers/languages.ts';
import { type QuestionnaireJson, questionnaireJson } from '../helpers/questionnaire-json.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { surveysDir, testConfig } from '../helpers/test-app.ts';

/**
 * Publishing a version carries the previous version's translations whose source words are
 * unchanged (server/API.md "Carried to a new version"), so a complete language stays offered;
 * a reworded string is not carried, and the language waits for it.
 */
const sameId = 'cb-hpi-2027-v1';
const rewordedId = 'cb-hpi-2027-v2';
const thirdId = 'cb-hpi-2027-v3';
const year = vietnamDate(new Date()).slice(0, 4);

type Element = QuestionnaireJson['survey']['pages'][number]['elements'][number];
function element(json: QuestionnaireJson, name: string): Element {
  for (const page of json.survey.pages) {
    const found = page.elements.find((candidate) => candidate.name === name);
    if (found) return found;
  }
  throw new Error(`test setup: no element ${name}`);
}
const title = (json: QuestionnaireJson, name: string) =>
  element(json, name).title as { default: string; en: string };

/** The second version: one question reworded in Vietnamese, nothing else. */
function rewordedVersion() {
  const json = questionnaireJson(rewordedId, '2027-02-01');
  title(json, 'sec_health').default =
    'Ông/Bà có được khám chữa bệnh tốt bằng thẻ bảo hiểm y tế không?';
  return json;
}
/** The third: the second with one question's English reworded (its Vietnamese unchanged). */
function thirdVersion() {
  const json = rewordedVersion();
  json.id = thirdId;
  json.published = '2027-03-01';
  title(json, 'sec_safety').en = 'How safe is it to walk alone at night where you live?';
  return json;
}
const keysOf = (json: QuestionnaireJson) =>
  questionnaireStrings(json.survey).map((string) => string.key);

/** The fixture languages, `qaa` also shipping one string of the third version. */
const ownWords = pseudo('lời của tệp phiên bản ba');
function languagesWithThirdString() {
  const dir = mkdtempSync(join(tmpdir(), 'cbhpi-carry-strings-'));
  cpSync(fixtureLanguagesDir, dir, { recursive: true });
  writeFileSync(
    join(dir, 'qaa', 'questionnaires', `${thirdId}.json`),
    JSON.stringify({ 'sec_income.title': ownWords }),
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

type Summary = { code: string; offered: boolean; coverage: number };

describe.each(databaseBackends())(
  'translations carried to a new version on $kind',
  ({ create }) => {
    let database: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let admin = '';
    let languages: ReturnType<typeof languagesWithThirdString>;
    // Its own catalog: publishing adds to it.
    const catalog = readQuestionnaires(surveysDir);
    const previousId = catalog.current.id;
    const build = () =>
      buildApp({
        config: testConfig,
        database,
        catalog,
        languages: readLanguageFiles([shippedLanguagesDir, languages.dir]),
      });

    /**
     * A server that has just started: the language list is read for its first time, not from
     * the few seconds a running server keeps it after a wave changed.
     */
    async function onFreshServer<T>(use: (fresh: typeof app) => Promise<T>): Promise<T> {
      const fresh = await build();
      try {
        return await use(fresh);
      } finally {
        await fresh.close();
      }
    }
    const qaaNow = () =>
      onFreshServer(async (fresh) => {
        const list = await fresh.inject({ url: '/api/languages' });
        expect(list.statusCode, list.body).toBe(200);
        const pack = await fresh.inject({ url: '/api/languages/qaa' });
        expect(pack.statusCode, pack.body).toBe(200);
        return {
          summary: (list.json() as Summary[]).find((entry) => entry.code === 'qaa'),
          pack: pack.json() as { questionnaireId: string; strings: Record<string, string> },
        };
      });

    const send = (method: 'POST' | 'PATCH', url: string, json: unknown) =>
      app.inject({
        method,
        url,
        headers: { cookie: admin, ...sameOrigin, 'content-type': 'application/json' },
        payload: JSON.stringify(json),
      });
    const publish = (json: QuestionnaireJson) => send('POST', '/api/questionnaires', json);
    /** Residents are given `id` from now: the open wave takes it. */
    const serve = async (id: string) => {
      const changed = await send('PATCH', `/api/waves/${year}`, { questionnaireId: id });
      expect(changed.statusCode, changed.body).toBe(200);
    };
    const rowsOf = (scope: string) =>
      database.db
        .selectFrom('translations')
        .selectAll()
        .where('scope', '=', scope)
        .orderBy('language')
        .orderBy('key')
        .execute();
    const textsOf = async (scope: string) =>
      Object.fromEntries((await rowsOf(scope)).map((row) => [row.key, row.text]));
    const audited = async (id: string) =>
      (
        await database.db
          .selectFrom('audit_log')
          .select('details')
          .where('action', '=', 'questionnaire.publish')
          .where('target', '=', id)
          .execute()
      ).map((entry) => entry.details);

    beforeAll(async () => {
      database = await create();
      languages = languagesWithThirdString();
      app = await build();
      admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
      languages?.remove();
    });

    it('a complete language stays offered after a version that changes nothing it shows', async () => {
      const before = await qaaNow();
      expect(before.summary).toMatchObject({ offered: true, coverage: 1 });

      const published = await publish(questionnaireJson(sameId, '2027-01-01'));
      expect(published.statusCode, published.body).toBe(201);
      const rows = await rowsOf(sameId);
      // Every string, as the previous version's shipped file had it, named after where it came from.
      const keys = keysOf(questionnaireJson(sameId));
      expect(rows.map((row) => row.key).sort()).toEqual([...keys].sort());
      expect(new Set(rows.map((row) => row.language))).toEqual(new Set(['qaa']));
      expect(new Set(rows.map((row) => row.updated_by))).toEqual(new Set([carriedBy(previousId)]));
      expect(await textsOf(sameId)).toEqual(before.pack.strings);
      expect(await audited(sameId)).toEqual([
        expect.objectContaining({
          recordingsFrom: previousId,
          translationsCarried: { qaa: keys.length },
        }),
      ]);

      await serve(sameId);
      const after = await qaaNow();
      expect(after.pack.questionnaireId).toBe(sameId);
      expect(after.summary).toMatchObject({ offered: true, coverage: 1 });
    });

    it('a reworded question carries every other string; the language waits for that one', async () => {
      const published = await publish(rewordedVersion());
      expect(published.statusCode, published.body).toBe(201);
      const others = keysOf(rewordedVersion()).filter((key) => key !== 'sec_health.title');
      const carried = await textsOf(rewordedId);
      expect(Object.keys(carried).sort()).toEqual([...others].sort());
      const earlier = await textsOf(sameId);
      for (const key of others) expect(carried[key], key).toBe(earlier[key]);
      expect(new Set((await rowsOf(rewordedId)).map((row) => row.updated_by))).toEqual(
        new Set([carriedBy(sameId)]),
      );
      expect(await audited(rewordedId)).toEqual([
        expect.objectContaining({
          recordingsFrom: sameId,
          translationsCarried: { qaa: others.length },
        }),
      ]);

      await serve(rewordedId);
      const { summary, pack } = await qaaNow();
      expect(pack.questionnaireId).toBe(rewordedId);
      expect(summary?.offered).toBe(false);
      expect(summary?.coverage).toBeLessThan(1);
      const missing = keysOf(rewordedVersion()).filter((key) => !(key in pack.strings));
      expect(missing).toEqual(['sec_health.title']);
    });

    it('importing the one missing string offers the language again', async () => {
      await onFreshServer(async (fresh) => {
        const kit = await fresh.inject({
          url: '/api/languages/qaa/kit?format=csv',
          headers: { cookie: admin },
        });
        expect(kit.statusCode, kit.body).toBe(200);
        const [header, ...rows] = readCsv(kit.body).filter((row) => row.length > 1);
        expect(header).toEqual(['key', 'where', 'vi', 'en', 'qaa']);
        const empty = rows.filter((row) => row[4] === '');
        expect(empty.map((row) => row[0])).toEqual([`${rewordedId}:sec_health.title`]);
        const translated = [header ?? [], ...rows].map((row) =>
          row[4] === '' ? [...row.slice(0, 4), pseudo(row[2] ?? '')] : row,
        );
        const csv = translated
          .map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(','))
          .join('\r\n');
        const stored = await fresh.inject({
          method: 'POST',
          url: '/api/languages/import',
          headers: { ...sameOrigin, cookie: admin, 'content-type': 'text/csv' },
          payload: `${csv}\r\n`,
        });
        expect(stored.statusCode, stored.body).toBe(200);
        expect(stored.json()).toMatchObject({ stored: true, coverage: 1, errors: [] });
      });
      const { summary, pack } = await qaaNow();
      expect(summary).toMatchObject({ offered: true, coverage: 1 });
      expect(pack.strings['sec_health.title']).toBe(
        pseudo(title(rewordedVersion(), 'sec_health').default),
      );
    });

    it('publishing the same content again carries nothing', async () => {
      const before = await rowsOf(rewordedId);
      const again = await publish(rewordedVersion());
      expect(again.statusCode, again.body).toBe(200);
      expect(await rowsOf(rewordedId)).toEqual(before);
      expect(await audited(rewordedId)).toHaveLength(1);
    });

    it('a string the new version has, in its file or a stored row, is kept; a changed English is not carried', async () => {
      const kept = {
        language: 'qaa',
        scope: thirdId,
        key: 'sex.choices.female',
        text: pseudo('đã lưu trước'),
        updated_by: 'translator@example.org',
      };
      await database.db.insertInto('translations').values(kept).execute();
      const published = await publish(thirdVersion());
      expect(published.statusCode, published.body).toBe(201);

      const rows = await rowsOf(thirdId);
      expect(rows.find((row) => row.key === kept.key)).toMatchObject(kept);
      const keys = rows.map((row) => row.key);
      // Its own file has this one; the English of the other changed.
      expect(keys).not.toContain('sec_income.title');
      expect(keys).not.toContain('sec_safety.title');
      const skipped = ['sec_income.title', 'sec_safety.title', kept.key];
      const carried = keysOf(thirdVersion()).filter((key) => !skipped.includes(key));
      expect(keys.filter((key) => key !== kept.key).sort()).toEqual([...carried].sort());
      const earlier = await textsOf(rewordedId);
      for (const row of rows.filter((r) => r.key !== kept.key)) {
        expect(row.text, row.key).toBe(earlier[row.key]);
        expect(row.updated_by).toBe(carriedBy(rewordedId));
      }
      expect(await audited(thirdId)).toEqual([
        expect.objectContaining({ translationsCarried: { qaa: carried.length } }),
      ]);

      await serve(thirdId);
      const { summary, pack } = await qaaNow();
      expect(pack.strings['sec_income.title']).toBe(ownWords);
      expect(pack.strings[kept.key]).toBe(kept.text);
      expect(keysOf(thirdVersion()).filter((key) => !(key in pack.strings))).toEqual([
        'sec_safety.title',
      ]);
      expect(summary?.offered).toBe(false);
    });
  },
);
