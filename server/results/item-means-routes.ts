import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertMaySeeCommune, staffOf, staffRoles } from '../auth/access.ts';
import type { Commune } from '../communes/schema.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { sameScoring } from '../questionnaires/same-scoring.ts';
import { errorSchema } from '../shared-schemas.ts';
import { scoredAlike } from './combined-versions.ts';
import { communeItems, findItemAnswerSums, waveStamp } from './item-means.ts';
import { ItemMeansCache } from './item-means-cache.ts';
import { communeItemsSchema, waveItemMeansSchema } from './item-means-schema.ts';
import { computeItemResults } from './item-results.ts';
import { findCommuneAnswers } from './queries.ts';
import { communeParamsSchema, waveQuerySchema } from './schema.ts';
import { resolveWaveContext } from './wave-context.ts';

export type ItemMeansRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communes: Commune[];
  threshold: number;
};

/**
 * Item means per commune, kept off `GET /api/results` (which reads only the rollups and so
 * costs the same at any size): these read every answer of the wave, and only the screens
 * that show items ask for them.
 */
export const itemMeansRoutes: FastifyPluginAsyncZod<ItemMeansRoutesOptions> = async (
  app,
  options,
) => {
  const { db, catalog, communes } = options;
  const communeCodes = new Set(communes.map((c) => c.code));
  // A minute at most behind new responses; unchanged data is never read twice.
  const provinceCache = new ItemMeansCache<Awaited<ReturnType<typeof findItemAnswerSums>>>(60_000);

  app.get(
    '/results/items',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: "Every commune's mean score on every item of a wave",
        description:
          'For the province view of which items hold communes below the threshold. Reads every answer of the wave once, then serves that for as long as the wave is unchanged, and up to a minute after new responses arrive.',
        tags: ['results'],
        querystring: waveQuerySchema,
        response: { 200: waveItemMeansSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const { wave, questionnaire } = await resolveWaveContext(db, catalog, request.query.wave);
      const { scoring } = questionnaire;
      const questionnaireIds = [...catalog.byId.values()]
        .filter((q) => sameScoring(q.scoring, scoring))
        .map((q) => q.id);
      const { sums, responses } = await provinceCache.get(
        `${wave}/${questionnaire.id}`,
        await waveStamp(db, wave),
        () => findItemAnswerSums(db, { wave, questionnaireIds, scoring }),
      );
      const byCommune = new Map<string, typeof sums>();
      for (const s of sums)
        byCommune.set(s.communeCode, [...(byCommune.get(s.communeCode) ?? []), s]);
      return {
        wave,
        questionnaireId: questionnaire.id,
        threshold: options.threshold,
        missingCodes: scoring.missing,
        items: scoring.items.map(({ name, dimension, reverse }) => ({ name, dimension, reverse })),
        communes: communes.map((commune) => ({
          code: commune.code,
          responses: responses.get(commune.code) ?? 0,
          items: communeItems(
            scoring,
            byCommune.get(commune.code) ?? [],
            responses.get(commune.code) ?? 0,
          ),
        })),
      };
    },
  );

  app.get(
    '/results/:communeCode/items',
    {
      config: { access: staffRoles.all },
      schema: {
        summary: 'One commune\'s items, with "don\'t know" and "not applicable" counted apart',
        description: 'A commune officer sees their own commune only.',
        tags: ['results'],
        params: communeParamsSchema,
        querystring: waveQuerySchema,
        response: { 200: communeItemsSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { communeCode } = request.params;
      assertMaySeeCommune(staffOf(request), communeCode);
      if (!communeCodes.has(communeCode)) {
        throw new AppError(404, 'not_found', `No commune ${communeCode}`);
      }
      const { wave, questionnaire } = await resolveWaveContext(db, catalog, request.query.wave);
      // The same rows as `GET /api/results/:communeCode` counts, so the two always agree.
      const answers = (await findCommuneAnswers(db, communeCode, wave)).filter(
        scoredAlike(catalog, questionnaire),
      );
      return {
        wave,
        questionnaireId: questionnaire.id,
        communeCode,
        missingCodes: questionnaire.scoring.missing,
        responses: answers.length,
        items: computeItemResults(questionnaire.scoring, answers).map((item) => ({
          name: item.name,
          dimension: item.dimension,
          reverse: item.reverse,
          n: item.n,
          mean: item.mean,
          missing: item.missing,
        })),
      };
    },
  );
};
