import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertMaySeeCommune, staffOf, staffRoles } from '../auth/access.ts';
import type { Commune } from '../communes/schema.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import type { DimensionKey } from '../questionnaires/schema.ts';
import { errorSchema } from '../shared-schemas.ts';
import { scoredAlike } from './combined-versions.ts';
import { type ResultRules, weakestDimension } from './compute-results.ts';
import { findWaveResults } from './find-wave-results.ts';
import { computeItemResults } from './item-results.ts';
import { findCommuneAnswers } from './queries.ts';
import {
  communeDetailSchema,
  communeParamsSchema,
  resultsQuerySchema,
  trendSchema,
  type Weighting,
  waveResultsSchema,
  weightsQuerySchema,
} from './schema.ts';
import { computeTrend } from './trend.ts';

export type ResultRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communes: Commune[];
  rules: ResultRules;
  targetYear: number;
};

export const resultRoutes: FastifyPluginAsyncZod<ResultRoutesOptions> = async (app, options) => {
  const { db, catalog, communes, rules } = options;
  const communeByCode = new Map(communes.map((c) => [c.code, c]));

  const waveResults = (requestedWave: string | undefined, weights: Weighting | undefined) =>
    findWaveResults(db, { catalog, communes, rules }, requestedWave, weights);

  app.get(
    '/results',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: "Every commune's CB-HPI for a wave, ranked, with intervals and the headline",
        tags: ['results'],
        querystring: resultsQuerySchema,
        response: { 200: waveResultsSchema, 400: errorSchema },
      },
    },
    async (request) => waveResults(request.query.wave, request.query.weights),
  );

  app.get(
    '/results/trend',
    {
      config: { access: staffRoles.all },
      schema: {
        summary:
          'The headline, the province and every commune, wave by wave, toward the target year',
        description: 'A commune officer sees the province and their own commune only.',
        tags: ['results'],
        querystring: weightsQuerySchema,
        response: { 200: trendSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const trend = await computeTrend(db, {
        communes,
        rules,
        targetYear: options.targetYear,
        weights: request.query.weights,
      });
      if (staff.role !== 'commune_officer') return trend;
      return {
        ...trend,
        waves: trend.waves.map((w) => ({
          ...w,
          communes: w.communes.filter((c) => c.code === staff.communeCode),
        })),
      };
    },
  );

  app.get(
    '/results/:communeCode',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: "One commune's dimensions, items and don't-know rates, and its weakest dimension",
        tags: ['results'],
        params: communeParamsSchema,
        querystring: resultsQuerySchema,
        response: { 200: communeDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { communeCode } = request.params;
      assertMaySeeCommune(staffOf(request), communeCode);
      if (!communeByCode.has(communeCode))
        throw new AppError(404, 'not_found', `No commune ${communeCode}`);
      const results = await waveResults(request.query.wave, request.query.weights);
      const { wave } = results;
      const commune = results.communes.find((c) => c.code === communeCode);
      if (!commune) throw new AppError(404, 'not_found', `No commune ${communeCode}`);
      const questionnaire = catalog.byId.get(results.questionnaireId) ?? catalog.current;
      const answers = (await findCommuneAnswers(db, communeCode, wave)).filter(
        scoredAlike(catalog, questionnaire),
      );
      const weights = Object.fromEntries(
        questionnaire.scoring.dimensions.map((d) => [d.key, d.weight]),
      ) as Record<DimensionKey, number>;
      return {
        wave,
        questionnaireId: questionnaire.id,
        threshold: rules.threshold,
        minN: rules.minN,
        commune,
        weakestDimension: weakestDimension(commune.dimensions, weights, rules.threshold),
        responses: answers.length,
        items: computeItemResults(questionnaire.scoring, answers),
      };
    },
  );
};
