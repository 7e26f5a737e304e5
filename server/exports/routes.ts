import type { FastifyRequest } from 'fastify';
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
import { dictionaryHeader, dictionaryRows, responseColumns } from './responses-people.ts';
import { responsesXlsx } from './responses-xlsx.ts';
import { methodPeopleRows, resultsPeopleTable } from './results-people-table.ts';
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
  const communeNames = new Map(communes.map((commune) => [commune.code, commune.name]));

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
        summary: "Every commune's CB-HPI for a wave, as an Excel workbook for people to read",
        description:
          `${resultsDescription} Words instead of codes (status, kind of commune, yes/no), ` +
          'figures rounded to one decimal, the chance of meeting as a percentage, codes as ' +
          'text. The method is on a second sheet. For scripts: results.csv (codes, full precision).',
        tags: ['exports'],
        querystring: resultsExportQuerySchema,
        response: { 400: errorSchema },
      },
    },
    async (request, reply) => {
      const results = await waveResults(request.query.wave);
      const table = resultsPeopleTable(results, communes);
      return sendDownload(reply, {
        filename: `cb-hpi-results-${results.wave}.xlsx`,
        type: 'xlsx',
        chunks: xlsxStream([
          {
            name: 'Kết quả (results)',
            rows: [table.header, ...table.rows],
            headerRows: 1,
            widths: table.widths,
            formats: table.formats,
          },
          {
            name: 'Phương pháp (method)',
            rows: [['Mục (item)', 'Giá trị (value)'], ...methodPeopleRows(results, new Date())],
            headerRows: 1,
            widths: [48, 40],
          },
        ]),
      });
    },
  );

  /**
   * Which responses a request may export: a commune officer their own commune only, and only
   * when they name it; a named commune must exist. Everything but the rows is read before the
   * first byte goes out: once streaming, an error can only cut the file short.
   */
  const responsesScope = async (
    request: FastifyRequest,
    query: { wave?: string | undefined; communeCode?: string | undefined },
  ) => {
    const staff = staffOf(request);
    const { communeCode } = query;
    if (staff.role === 'commune_officer' && communeCode === undefined) {
      throw new AppError(403, 'forbidden', 'A commune officer exports their own commune only');
    }
    if (communeCode !== undefined) {
      assertMaySeeCommune(staff, communeCode);
      if (!allCommuneCodes.has(communeCode)) {
        throw new AppError(404, 'not_found', `No commune ${communeCode}`);
      }
    }
    const context = await resolveWaveContext(db, catalog, query.wave);
    const scope = { wave: context.wave, communeCode, allCommuneCodes: [...allCommuneCodes] };
    const suffix = `${context.wave}${communeCode === undefined ? '' : `-${communeCode}`}`;
    return { context, scope, suffix };
  };

  app.get(
    '/exports/responses.csv',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: 'Anonymised responses of a wave, one row per response, as CSV (for machines)',
        description:
          'Columns: id, questionnaire_id, commune_code, wave, channel, started_at, ' +
          'completed_at, received_at, is_demo, flags (the integrity flags joined with ";"), ' +
          'review_state (unreviewed, kept or excluded: excluded responses are in the file ' +
          'but not in the results), one per form question in form order, then the five ' +
          'scores. Codes and full precision; each column is explained by ' +
          'responses-dictionary.csv. Rows by commune code, then id. A commune officer must ' +
          'give their own communeCode.',
        tags: ['exports'],
        querystring: responsesExportQuerySchema,
        response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { context, scope, suffix } = await responsesScope(request, request.query);
      return sendDownload(reply, {
        filename: `cb-hpi-responses-${suffix}.csv`,
        type: 'csv',
        chunks: responsesCsv({ db, pool }, scope, context.questionnaires),
      });
    },
  );

  app.get(
    '/exports/responses.xlsx',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: 'Anonymised responses of a wave as an Excel workbook for people to read',
        description:
          'The rows and columns of responses.csv (same filters, same rights, same order), ' +
          "plus the commune's name after its code, with words instead of codes (choices, " +
          'channel, flags, review state, yes/no), times as dates in Vietnam time, scores to ' +
          'one decimal and codes as text. A second sheet explains every column. Streamed.',
        tags: ['exports'],
        querystring: responsesExportQuerySchema,
        response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { context, scope, suffix } = await responsesScope(request, request.query);
      return sendDownload(reply, {
        filename: `cb-hpi-responses-${suffix}.xlsx`,
        type: 'xlsx',
        chunks: responsesXlsx(db, { ...scope, communeNames }, context.questionnaires),
      });
    },
  );

  app.get(
    '/exports/responses-dictionary.csv',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: "The column dictionary of a wave's responses.csv",
        description:
          'One row per column of responses.csv, in its order: column (the CSV name), ' +
          'excel_heading (its heading in responses.xlsx), meaning_vi, meaning_en, values (the ' +
          "codes and what they mean, or the scale). The columns follow the wave's forms.",
        tags: ['exports'],
        querystring: resultsExportQuerySchema,
        response: { 400: errorSchema },
      },
    },
    async (request, reply) => {
      const context = await resolveWaveContext(db, catalog, request.query.wave);
      return sendDownload(reply, {
        filename: `cb-hpi-responses-${context.wave}-dictionary.csv`,
        type: 'csv',
        chunks: csvChunks(
          dictionaryHeader,
          dictionaryRows(responseColumns(context.questionnaires)),
        ),
      });
    },
  );
};
