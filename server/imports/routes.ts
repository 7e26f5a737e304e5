import { createHash } from 'node:crypto';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import { readCsvRecords } from '../csv-records.ts';
import type { Db } from '../db/database.ts';
import { AppError, errorBody } from '../errors.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { errorSchema } from '../shared-schemas.ts';
import { decodeCsvBody } from './decode-csv-body.ts';
import { type PlannedRow, planImport } from './plan-import.ts';
import { findStoredHashes } from './queries.ts';
import { readImportRows, rowIdColumn, unknownColumnProblems } from './read-import-rows.ts';
import {
  type ImportProblem,
  type ImportReport,
  importQuerySchema,
  importReportSchema,
} from './schema.ts';
import { storeImport } from './store-import.ts';

export type ImportRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communeCodes: ReadonlySet<string>;
  now?: () => Date;
};

/**
 * 20 MiB: a 30-question export of 50,000 rows. The rest of the API keeps 1 MiB (server/app.ts);
 * a bigger file is split and imported in parts (row ids keep each part idempotent).
 */
export const importBodyLimit = 20 * 1024 * 1024;

const csvType = 'text/csv';

/** A file that cannot be read line by line: 400, with where it fails. */
const fileRefused = (problem: ImportProblem) =>
  new AppError(
    400,
    'validation_failed',
    `The file was not read: line ${problem.line}: ${problem.message}`,
    [{ path: 'body', ...problem }],
  );

const otherAnswersProblem = (row: PlannedRow): ImportProblem => ({
  line: row.line,
  column: rowIdColumn,
  message:
    'already imported with other answers: the stored response is kept (give the row a new id to store it too)',
});

/** Responses from other tools as CSV (server/API.md "Paper and import"). */
export const importRoutes: FastifyPluginAsyncZod<ImportRoutesOptions> = async (app, options) => {
  const { db, catalog, communeCodes } = options;
  const now = options.now ?? (() => new Date());

  // Only in this plugin: elsewhere the API takes JSON alone. Read as bytes, so the encoding
  // is checked here with the line it fails on.
  app.addContentTypeParser(
    csvType,
    { parseAs: 'buffer', bodyLimit: importBodyLimit },
    (_request, body, done) => done(null, body),
  );

  // The app's handler names its own 1 MB limit; this route's is 20 MB. Every other error goes
  // on to that handler, unchanged.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
    return reply
      .status(413)
      .send(
        errorBody(
          'payload_too_large',
          'The file is larger than 20 MB: split it and import the parts (their row ids keep each idempotent)',
        ),
      );
  });

  app.post(
    '/imports/responses',
    {
      bodyLimit: importBodyLimit,
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Import responses from another tool (ODK, Kobo, Excel) as CSV',
        description:
          'The body is a CSV file (UTF-8, RFC 4180, at most 20 MB): a header row of question ' +
          'names plus `row_id` (1–100 characters, once per file), `commune_code` and optionally ' +
          '`completed_at` (a date, taken at noon in Việt Nam, or a date-time with its offset); ' +
          'one row per response. An empty cell is a skipped question; ratings are numbers (98, ' +
          "99: don't know, not applicable), choices their stored values, several choices " +
          'separated by spaces or `;`. Each row goes to the wave its completion falls in (else ' +
          "the open one), by the submissions' rules, and is checked against that wave's " +
          'questionnaire, or the one `questionnaireId` names. Every problem is listed by line ' +
          'and column. A dry run (the default) stores nothing; `dryRun=false` stores every valid ' +
          'row as a response with channel `paper` and `source`, flagged like any other, under an ' +
          'id derived from the source and the row id: importing a file again stores nothing ' +
          'new (`unchanged`), and a row id already stored with other answers is a problem, ' +
          "never an overwrite. Audited `responses.import` (counts and the file's sha256).",
        tags: ['imports'],
        consumes: [csvType],
        querystring: importQuerySchema,
        body: z.unknown().describe('The CSV file'),
        response: { 200: importReportSchema, 400: errorSchema, 413: errorSchema, 415: errorSchema },
      },
    },
    async (request): Promise<ImportReport> => {
      const { dryRun, source, questionnaireId } = request.query;
      const bytes = request.body;
      if (!(bytes instanceof Uint8Array)) {
        throw new AppError(415, 'unsupported_media_type', 'Send the file as text/csv (UTF-8)');
      }
      const receivedAt = now();
      const decoded = decodeCsvBody(bytes);
      if ('problem' in decoded) {
        throw fileRefused({ line: decoded.line, column: null, message: decoded.problem });
      }
      const read = readImportRows(readCsvRecords(decoded.text), { communeCodes, receivedAt });
      if ('fileProblem' in read) throw fileRefused(read.fileProblem);
      const named = questionnaireId ? await findVersion(db, catalog, questionnaireId) : null;
      if (questionnaireId && !named) {
        throw new AppError(400, 'validation_failed', `Unknown questionnaire "${questionnaireId}"`, [
          { path: 'query.questionnaireId', message: `unknown questionnaire "${questionnaireId}"` },
        ]);
      }
      const plan = await planImport(db, read.rows, {
        catalog,
        questionnaire: named,
        source,
        receivedAt,
      });
      const problems = [
        ...unknownColumnProblems(
          read,
          plan.questionnaires.length > 0 ? plan.questionnaires : [catalog.current],
        ),
        ...plan.problems,
      ];

      let unchanged = 0;
      let conflicts = 0;
      /** The rows not yet stored; a stored one is counted unchanged, or a problem if it differs. */
      const withoutStored = (rows: readonly PlannedRow[], hashes: ReadonlyMap<string, string>) => {
        const fresh: PlannedRow[] = [];
        for (const row of rows) {
          const hash = hashes.get(row.response.id);
          if (hash === undefined) fresh.push(row);
          else if (hash === row.response.requestHash) unchanged += 1;
          else {
            conflicts += 1;
            problems.push(otherAnswersProblem(row));
          }
        }
        return fresh;
      };
      const ids = plan.planned.map((row) => row.response.id);
      const toStore = withoutStored(plan.planned, await findStoredHashes(db, ids));
      const report = (stored: number): ImportReport => ({
        dryRun,
        source,
        rows: read.rows.length,
        valid: plan.planned.length - conflicts,
        stored,
        unchanged,
        problems: problems.sort((a, b) => a.line - b.line),
      });
      if (dryRun) return report(0);

      const staff = staffOf(request);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const audit = (trx: Db, details: Record<string, unknown>) =>
        appendAudit(trx, {
          actor: staffActor(staff),
          action: 'responses.import',
          target: `import:${source}`,
          details: {
            source,
            sha256,
            bytes: bytes.length,
            rows: read.rows.length,
            valid: plan.planned.length - conflicts,
            problems: problems.length,
            questionnaires: plan.questionnaires.map((questionnaire) => questionnaire.id),
            ...details,
          },
        });
      const outcome = await storeImport(db, source, toStore, (trx, chunk) =>
        audit(trx, { ...chunk }),
      );
      // Rows a concurrent import stored first: the same content is unchanged, other is a problem.
      withoutStored(
        outcome.notStored,
        await findStoredHashes(
          db,
          outcome.notStored.map((row) => row.response.id),
        ),
      );
      if (outcome.stored === 0) {
        await db.transaction().execute((trx) => audit(trx, { stored: 0, unchanged }));
      }
      return report(outcome.stored);
    },
  );
};
