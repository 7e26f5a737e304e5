import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import { currentQuestionnaireSchema } from '../waves/current-schema.ts';
import { findNextWave, findWaveOnDay, type WaveRecord } from '../waves/queries.ts';
import { containsInstant, vietnamDate } from '../waves/wave-dates.ts';
import type { QuestionnaireCatalog } from './load-questionnaires.ts';

const publicWave = (wave: WaveRecord | null) =>
  wave && { id: wave.id, name: wave.name, opensOn: wave.opensOn, closesOn: wave.closesOn };

export const questionnaireRoutes: FastifyPluginAsyncZod<{
  db: Db;
  catalog: QuestionnaireCatalog;
  now?: () => Date;
}> = async (app, { db, catalog, now = () => new Date() }) => {
  app.get(
    '/questionnaires/current',
    {
      config: { access: 'public' },
      schema: {
        summary:
          "The open wave's questionnaire, with its normalised scoring block, and which wave is open",
        description:
          'With no wave open, `openWave` is null and the questionnaire is the next wave’s (else the newest published).',
        tags: ['questionnaires'],
        response: { 200: currentQuestionnaireSchema },
      },
    },
    async () => {
      // Read for every request (one probe of a few rows), so a wave opened or closed by any
      // server process is what every page gets next.
      const at = now();
      const today = vietnamDate(at);
      const onToday = await findWaveOnDay(db, today);
      const open = onToday && containsInstant(onToday, at) ? onToday : null;
      const next = await findNextWave(db, today);
      const wave = open ?? next;
      const { id, title, scoring, survey } =
        (wave && catalog.byId.get(wave.questionnaireId)) || catalog.current;
      return {
        id,
        title,
        scoring,
        survey,
        openWave: publicWave(open),
        nextWave: publicWave(next),
      };
    },
  );
};
