import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import {
  readQuestionnaires,
  storeQuestionnaires,
} from '../../server/questionnaires/load-questionnaires.ts';
import { ensureWebBuild } from '../../server/web/ensure-web-build.ts';
import { certutilMissing, chromiumMissing } from './browser.ts';
import { databaseUrl, postgresAdminUrl, requireAllParts } from './test-env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data dir; each test file copies it. */
    pgliteTemplateDir: string;
    /** A migrated PostgreSQL database to clone, or null when no PostgreSQL answers. */
    postgresTemplate: string | null;
    postgresMissingReason: string | null;
  }
}

const surveysDir = new URL('../../surveys', import.meta.url).pathname;

async function prepareTemplate(databaseUrlOrNull: string | undefined, dataDir: string) {
  const handle = await connectDatabase({ databaseUrl: databaseUrlOrNull, dataDir, poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
    await storeQuestionnaires(handle.db, readQuestionnaires(surveysDir));
  } finally {
    await handle.db.destroy();
  }
}

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({
    connectionString: postgresAdminUrl,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `no PostgreSQL answers at ${new URL(postgresAdminUrl).host} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

function shout(lines: string[]) {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n${lines.map((line) => `!! ${line}`).join('\n')}\n${bar}\n`);
}

/**
 * Once per run: one migrated template per database kind, so each test file gets a fresh,
 * isolated database in well under a second instead of migrating its own.
 */
export default async function setup(project: TestProject) {
  // Server processes started by the tests serve the pages; build them once, before any starts.
  await ensureWebBuild((message) => console.log(message));
  const pgliteTemplateDir = mkdtempSync(join(tmpdir(), 'cbhpi-pglite-template-'));
  await prepareTemplate(undefined, pgliteTemplateDir);
  project.provide('pgliteTemplateDir', pgliteTemplateDir);

  const missing = await postgresAnswers();
  let postgresTemplate: string | null = null;
  if (missing) {
    if (requireAllParts) throw new Error(`PostgreSQL is required here: ${missing}`);
    shout([
      'PostgreSQL suites WILL NOT RUN:',
      missing,
      'Only the embedded database (PGlite) is tested. Start PostgreSQL, or run .ci/run.',
    ]);
  } else {
    postgresTemplate = `cbhpi_template_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`create database ${postgresTemplate}`);
    await admin.end();
    await prepareTemplate(databaseUrl(postgresTemplate), '');
  }
  project.provide('postgresTemplate', postgresTemplate);
  const noChromium = chromiumMissing();
  if (noChromium) shout(['Browser suites WILL NOT RUN:', noChromium, 'Run .ci/run to install it.']);
  const noCertutil = noChromium ? null : certutilMissing();
  if (noCertutil)
    shout(['The HTTPS browser suite WILL NOT RUN:', noCertutil, 'Run .ci/run to install it.']);
  project.provide('postgresMissingReason', missing);

  return async () => {
    rmSync(pgliteTemplateDir, { recursive: true, force: true });
    if (postgresTemplate) {
      const admin = new pg.Client({ connectionString: postgresAdminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${postgresTemplate} with (force)`);
      await admin.end();
    }
    if (missing) shout(['Reminder: the PostgreSQL suites did not run:', missing]);
    if (noChromium) shout(['Reminder: the browser suites did not run:', noChromium]);
    if (noCertutil) shout(['Reminder: the HTTPS browser suite did not run:', noCertutil]);
  };
}
