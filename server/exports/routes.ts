import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { assertMaySeeCommune, staffOf, staffRoles } from '../auth/access.ts';
import type { Commune } from '../communes/schema.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import type { ResultRules } from '../results/compute-results.ts';
import { findWaveResults } from '../results/find-wave-results.ts';
import { resolveWaveContext } from '../results/wave-context.ts';
import { errorSchema } from '../shared-schemas.ts';
import { type CsvValue, csvChunks } from './csv.ts';
import { sendDownload } from './download.ts';
import { responsesCsv } from './responses-csv.ts';
import { methodRows, resultsTable } from './results-table.ts';
import { responsesExportQuerySchema, resultsExportQuerySchema } from './schema.ts';
import { xlsxStream } from './xlsx.ts';

export type ExportRoutesOptions = {
  db: Db;
  /** PostgreSQL only: the pool under `db`, for the responses file's COPY. */
  pool?: pg.Pool | undefined;
  catalog: QuestionnaireCatalog;
  communes: Commune[];
  rules: ResultRules;
};

const resultsDescription =
  'One row per commune in rank order, as GET /api/results gives them, with the method, wave, ' +
  'questionnaire, threshold, minN and headline.';

export const exportRoutes: FastifyPluginAsyncZod<ExportRoutesOptions> = async (app, options) => {
  const { db, pool, catalog, communes, rules } = options;
  const allCommuneCodes = new Set(communes.map((commune) => commune.code));

  const waveResults = (requestedWave: string | undefined) =>
    findWaveResults(db, { catalog, communes, rules }, requestedWave);

  app.get(
    '/exports/results.csv',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: "Every commune's CB-HPI for a wave, as CSV (UTF-8 with BOM, CRLF)",
        description: `${resultsDescription} The method block follows after an empty row.`,
        tags: ['exports'],
        querystring: resultsExportQuerySchema,
        response: { 400: errorSchema },
      },
    },
    async (request, reply) => {
      const results = await waveResults(request.query.wave);
      const { header, rows } = resultsTable(results, communes);
      // The block is padded to the header's width: every record has the same number of fields.
      const pad = (cells: CsvValue[]) => [
        ...cells,
        ...Array<null>(header.length - cells.length).fill(null),
      ];
      const trailer = [pad([]), ...methodRows(results).map(pad)];
      return sendDownload(reply, {
        filename: `cb-hpi-results-${results.wave}.csv`,
        type: 'csv',
        chunks: csvChunks(header, [...rows, ...trailer]),
      });
    },
  );

  app.get(
    '/exports/results.xlsx',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: "Every commune's CB-HPI for a wave, as an Excel workbook",
        description: `${resultsDescription} The method is on a second sheet.`,
        tags: ['exports'],
        querystring: resultsExportQuerySchema,
        response: { 400: errorSchema },
      },
    },
    async (request, reply) => {
      const results = await waveResults(request.query.wave);
      const { header, rows } = resultsTable(results, communes);
      return sendDownload(reply, {
        filename: `cb-hpi-results-${results.wave}.xlsx`,
        type: 'xlsx',
        chunks: xlsxStream([
          {
            name: 'Kết quả (results)',
            rows: [header, ...rows],
            headerRows: 1,
            widths: [8, 22, 10, 8, 10, 14, 14],
          },
          {
            name: 'Phương pháp (method)',
            rows: [['Mục (item)', 'Giá trị (value)'], ...methodRows(results)],
            headerRows: 1,
            widths: [42, 22],
          },
        ]),
      });
    },
  );

  app.get(
    '/exports/responses.csv',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: 'Anonymised responses of a wave, one row per response, as CSV',
        description:
          'Columns: id, questionnaire_id, commune_code, wave, channel, started_at, ' +
          'completed_at, received_at, is_demo, flags (the integrity flags joined with ";"), ' +
          'review_state (unreviewed, kept or excluded: excluded responses are in the file ' +
          'but not in the results), one per form question in form order, then the five ' +
          'scores. Rows by commune code, then id. A commune officer must give their own ' +
          'communeCode.',
        tags: ['exports'],
        querystring: responsesExportQuerySchema,
        response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { communeCode } = request.query;
      if (staff.role === 'commune_officer' && communeCode === undefined) {
        throw new AppError(403, 'forbidden', 'A commune officer exports their own commune only');
      }
      if (communeCode !== undefined) {
        assertMaySeeCommune(staff, communeCode);
        if (!allCommuneCodes.has(communeCode)) {
          throw new AppError(404, 'not_found', `No commune ${communeCode}`);
        }
      }
      // Everything but the rows is read before the first byte goes out: once streaming, an
      // error can only cut the file short, not answer with an error body.
      const context = await resolveWaveContext(db, catalog, request.query.wave);
      const commune = communeCode === undefined ? '' : `-${communeCode}`;
      return sendDownload(reply, {
        filename: `cb-hpi-responses-${context.wave}${commune}.csv`,
        type: 'csv',
        chunks: responsesCsv(
          { db, pool },
          { wave: context.wave, communeCode, allCommuneCodes: [...allCommuneCodes] },
          context.questionnaires,
        ),
      });
    },
  );
};
