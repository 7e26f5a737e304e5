import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { sendDownload } from '../exports/download.ts';
import { errorSchema } from '../shared-schemas.ts';
import { exportKit, importKit, KitLanguageError, readKitFile } from './kit.ts';
import { kitCsv, kitXlsx } from './kit-files.ts';
import type { LanguageService } from './language-service.ts';
import { XlsxReadError } from './read-xlsx.ts';
import {
  kitCheckSchema,
  kitImportQuerySchema,
  kitQuerySchema,
  languageListSchema,
  languagePackQuerySchema,
  languagePackSchema,
  languageParamsSchema,
} from './schema.ts';

/** What a kit upload may be sent as: the workbook, or CSV text. */
const kitTypes = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** A year: the address carries the version, so a changed pack is a new address. */
const immutable = 'public, max-age=31536000, immutable';

export const languageRoutes: FastifyPluginAsyncZod<{ db: Db; languages: LanguageService }> = async (
  app,
  { db, languages },
) => {
  // Only in this plugin: elsewhere the API takes JSON alone.
  app.addContentTypeParser(kitTypes, { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/languages',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Every language the server holds, and whether residents are offered it',
        description:
          'Coverage is translated over needed: the pages’ messages and the current ' +
          'questionnaire’s strings; `offered` only at 1. `version` goes in `?v=` of the ' +
          'language’s own address.',
        tags: ['languages'],
        response: { 200: languageListSchema },
      },
    },
    async (_request, reply) => {
      const state = await languages.state();
      // Asked for at every page load; fresh each time, since an import changes it.
      reply.header('cache-control', 'no-cache');
      return [...state.packs.values()].map((entry) => entry.summary);
    },
  );

  app.get(
    '/languages/:code',
    {
      config: { access: 'public' },
      schema: {
        summary: "A language's messages and the current questionnaire's strings",
        description:
          'With `?v=` the version the list gives, cached for a year (the address changes ' +
          'with the content); without, revalidated by its ETag.',
        tags: ['languages'],
        params: languageParamsSchema,
        querystring: languagePackQuerySchema,
        response: { 200: languagePackSchema, 304: z.null(), 404: errorSchema },
      },
    },
    async (request, reply) => {
      const state = await languages.state();
      const entry = state.packs.get(request.params.code);
      if (!entry) throw new AppError(404, 'not_found', 'No such language');
      const etag = `"${entry.summary.version}"`;
      reply.header('etag', etag);
      reply.header(
        'cache-control',
        request.query.v === entry.summary.version ? immutable : 'no-cache',
      );
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return entry.pack;
    },
  );

  app.get(
    '/languages/:code/kit',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: "The translator's kit of a language: XLSX or CSV",
        description:
          'Columns key, where, vi, en and the language’s code, filled with its ' +
          'translations so far; for the current questionnaire.',
        tags: ['languages'],
        params: languageParamsSchema,
        querystring: kitQuerySchema,
        response: { 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      let rows: Awaited<ReturnType<typeof exportKit>>;
      try {
        rows = await exportKit(languages, code);
      } catch (error) {
        if (error instanceof KitLanguageError) throw new AppError(404, 'not_found', error.message);
        throw error;
      }
      const { format } = request.query;
      return sendDownload(reply, {
        filename: `strings-${code}.${format}`,
        type: format,
        chunks: format === 'csv' ? kitCsv(code, rows) : kitXlsx(code, rows),
      });
    },
  );

  app.post(
    '/languages/import',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: "Import a filled translator's kit (XLSX or CSV)",
        description:
          'The body is the file (`text/csv` or the XLSX type). Every problem is listed ' +
          'with its row and key; with any, or with `?dryRun=true`, nothing is stored. ' +
          'Stored translations replace the language’s earlier ones. Audited.',
        tags: ['languages'],
        querystring: kitImportQuerySchema,
        response: { 200: kitCheckSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError(400, 'validation_failed', 'The body must be the kit file');
      }
      let table: ReturnType<typeof readKitFile>;
      try {
        table = readKitFile(body);
      } catch (error) {
        if (error instanceof XlsxReadError) {
          throw new AppError(400, 'validation_failed', `The file cannot be read: ${error.message}`);
        }
        throw error;
      }
      const check = await importKit(db, languages, table, {
        actor: staffActor(staffOf(request)),
        dryRun: request.query.dryRun,
      });
      if (check.errors.length > 0) {
        const shown = check.errors
          .slice(0, 3)
          .map((e) => (e.row ? `row ${e.row}: ` : '') + e.message);
        const more = check.errors.length > 3 ? ` (and ${check.errors.length - 3} more)` : '';
        throw new AppError(
          400,
          'validation_failed',
          `The translations were not stored: ${shown.join('; ')}${more}`,
          check,
        );
      }
      return check;
    },
  );
};
