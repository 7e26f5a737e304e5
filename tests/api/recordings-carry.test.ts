import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { readRecordingBytes } from '../../server/audio/queries.ts';
import { readLanguageFiles } from '../../server/languages/read-language-files.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import { audioFixture } from '../fixtures/audio/audio-fixtures.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { fixtureLanguagesDir, shippedLanguagesDir } from '../helpers/languages.ts';
import { type QuestionnaireJson, questionnaireJson } from '../helpers/questionnaire-json.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { surveysDir, testConfig } from '../helpers/test-app.ts';

/**
 * Publishing a version carries the previous version's recordings whose words are unchanged
 * (server/API.md "Recorded audio"); a changed wording loses its recording.
 */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const nextId = 'cb-hpi-2027-v1';

type Element = QuestionnaireJson['survey']['pages'][number]['elements'][number];
function element(json: QuestionnaireJson, name: string): Element {
  for (const page of json.survey.pages) {
    const found = page.elements.find((candidate) => candidate.name === name);
    if (found) return found;
  }
  throw new Error(`test setup: no element ${name}`);
}

/** The next version: two titles and one label reworded in Vietnamese, one in English only, a question gone. */
function nextVersion() {
  const json = questionnaireJson(nextId, '2027-01-01');
  (element(json, 'sec_health').title as { default: string }).default = 'Sức khoẻ của Ông/Bà?';
  (element(json, 'sec_safety').title as { default: string }).default = 'An toàn ở nơi Ông/Bà ở?';
  (element(json, 'sec_income').title as { en: string }).en = 'Is your income enough?';
  const male = (element(json, 'sex').choices as { value: string; text: { default: string } }[])[1];
  if (male?.value !== 'male') throw new Error('test setup: sex choices moved');
  male.text.default = 'Nam giới';
  for (const page of json.survey.pages) {
    page.elements = page.elements.filter((candidate) => candidate.name !== 'comment');
  }
  return json;
}

/**
 * The fixture languages, with `qaa` strings for the next version for three keys: the same
 * words for sec_income and sec_health (the latter though its Vietnamese changed), other words
 * for sex.female (though its Vietnamese did not). Its other keys have no qaa text yet.
 */
function languagesWithNextStrings() {
  const dir = mkdtempSync(join(tmpdir(), 'cbhpi-carry-'));
  cpSync(fixtureLanguagesDir, dir, { recursive: true });
  const before = JSON.parse(
    readFileSync(join(dir, 'qaa', 'questionnaires', 'cb-hpi-2026-v2.json'), 'utf8'),
  ) as Record<string, string>;
  mkdirSync(join(dir, 'qaa', 'questionnaires'), { recursive: true });
  writeFileSync(
    join(dir, 'qaa', 'questionnaires', `${nextId}.json`),
    JSON.stringify({
      'sec_income.title': before['sec_income.title'],
      'sec_health.title': before['sec_health.title'],
      'sex.choices.female': '⟦Phụ nữ⟧',
    }),
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What is recorded under the previous version, by language. */
const recorded: Record<string, string[]> = {
  vi: [
    '_greeting',
    'comment',
    'life_sat.10',
    'sec_health',
    'sec_income',
    'sec_income.98',
    'sex.female',
    'sex.male',
  ],
  en: ['sec_income', 'sex.female'],
  qaa: ['_greeting', 'sec_health', 'sec_housing', 'sec_income', 'sec_safety', 'sex.female'],
};
/** What the next version must have, and why each other one is left behind. */
const carried: Record<string, string[]> = {
  // sec_health and sex.male reworded, comment gone.
  vi: ['_greeting', 'life_sat.10', 'sec_income', 'sec_income.98', 'sex.female'],
  // sec_income's English reworded.
  en: ['sex.female'],
  // sex.female's qaa words changed; sec_safety's Vietnamese changed and it has no qaa text
  // yet; sec_housing has none either, but its Vietnamese is the same.
  qaa: ['_greeting', 'sec_health', 'sec_housing', 'sec_income'],
};

describe.each(databaseBackends())('recordings carried to a new version on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: string;
  let languages: ReturnType<typeof languagesWithNextStrings>;
  // Its own catalog: publishing adds to it.
  const catalog = readQuestionnaires(surveysDir);
  const previousId = catalog.current.id;
  const recording = (index: number) =>
    index % 2 === 0
      ? { bytes: audioFixture('question.ogg'), type: 'audio/ogg' }
      : { bytes: audioFixture('plain.mp3'), type: 'audio/mpeg' };

  const publish = (json: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: { cookie: admin, ...sameOrigin, 'content-type': 'application/json' },
      payload: JSON.stringify(json),
    });
  const storedKeys = async (questionnaireId: string) => {
    const rows = await database.db
      .selectFrom('recordings')
      .select(['language', 'key', 'sha256', 'content_type', 'uploaded_by'])
      .where('questionnaire_id', '=', questionnaireId)
      .execute();
    const byLanguage: Record<string, string[]> = {};
    for (const row of rows)
      byLanguage[row.language] = [...(byLanguage[row.language] ?? []), row.key];
    for (const keys of Object.values(byLanguage)) keys.sort();
    return { byLanguage, rows };
  };

  beforeAll(async () => {
    database = await create();
    languages = languagesWithNextStrings();
    app = await buildApp({
      config: testConfig,
      database,
      catalog,
      languages: readLanguageFiles([shippedLanguagesDir, languages.dir]),
    });
    admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    let index = 0;
    for (const [language, keys] of Object.entries(recorded)) {
      for (const key of keys) {
        const { bytes, type } = recording(index++);
        const put = await app.inject({
          method: 'PUT',
          url: `/api/audio/${previousId}/${language}/${key}`,
          headers: { ...sameOrigin, cookie: admin, 'content-type': type },
          payload: bytes,
        });
        expect(put.statusCode, `${language} ${key}: ${put.body}`).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    languages?.remove();
  });

  it('copies each recording whose key and words are unchanged, and no other', async () => {
    const before = await storedKeys(previousId);
    const published = await publish(nextVersion());
    expect(published.statusCode, published.body).toBe(201);

    const after = await storedKeys(nextId);
    expect(after.byLanguage).toEqual(carried);
    // The same recordings: bytes, hash, type and uploader as under the previous version.
    for (const row of after.rows) {
      const source = before.rows.find((r) => r.language === row.language && r.key === row.key);
      expect(row).toEqual(source);
      const bytes = await readRecordingBytes(
        database.db,
        { questionnaireId: nextId, language: row.language, key: row.key, sha256: row.sha256 },
        0,
        2 * 1024 * 1024,
      );
      expect(bytes && sha256(bytes)).toBe(row.sha256);
    }
    // The previous version keeps all of its own.
    expect((await storedKeys(previousId)).byLanguage).toEqual(
      Object.fromEntries(Object.entries(recorded).map(([code, keys]) => [code, [...keys].sort()])),
    );
    const list = await app.inject({ url: `/api/audio/${nextId}?language=vi` });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((entry: { key: string }) => entry.key)).toEqual(carried.vi);
  });

  it('the publication is audited with how many were carried, and from which version', async () => {
    const entries = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'questionnaire.publish')
      .where('target', '=', nextId)
      .execute();
    const count = Object.values(carried).reduce((sum, keys) => sum + keys.length, 0);
    expect(entries.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ recordingsFrom: previousId, recordingsCarried: count }),
    ]);
  });

  it('publishing the same content again copies nothing more; a recording made since is kept', async () => {
    const replacement = audioFixture('question.mp3');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/audio/${nextId}/vi/sec_health`,
      headers: { ...sameOrigin, cookie: admin, 'content-type': 'audio/mpeg' },
      payload: replacement,
    });
    expect(put.statusCode, put.body).toBe(201);
    const again = await publish(nextVersion());
    expect(again.statusCode, again.body).toBe(200);
    const after = await storedKeys(nextId);
    expect(after.byLanguage.vi).toEqual([...(carried.vi ?? []), 'sec_health'].sort());
    expect(after.rows.find((r) => r.language === 'vi' && r.key === 'sec_health')?.sha256).toBe(
      sha256(replacement),
    );
  });

  it('a version after one with no recordings starts with none, audited as 0', async () => {
    const first = await publish(questionnaireJson('cb-hpi-2027-v2', '2027-02-01'));
    expect(first.statusCode, first.body).toBe(201);
    expect((await storedKeys('cb-hpi-2027-v2')).rows.length).toBeGreaterThan(0);
    await database.db
      .deleteFrom('recordings')
      .where('questionnaire_id', '=', 'cb-hpi-2027-v2')
      .execute();
    const second = await publish(questionnaireJson('cb-hpi-2027-v3', '2027-03-01'));
    expect(second.statusCode, second.body).toBe(201);
    expect((await storedKeys('cb-hpi-2027-v3')).rows).toEqual([]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'questionnaire.publish')
      .where('target', '=', 'cb-hpi-2027-v3')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ recordingsFrom: 'cb-hpi-2027-v2', recordingsCarried: 0 });
  });
});
