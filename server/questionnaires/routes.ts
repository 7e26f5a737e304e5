import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { QuestionnaireCatalog } from './load-questionnaires.ts';
import { questionnaireSchema } from './schema.ts';

export const questionnaireRoutes: FastifyPluginAsyncZod<{ catalog: QuestionnaireCatalog }> = async (
  app,
  { catalog },
) => {
  const { id, title, scoring, survey } = catalog.current;
  const current = { id, title, scoring, survey };
  app.get(
    '/questionnaires/current',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The questionnaire residents answer now, with its normalised scoring block',
        tags: ['questionnaires'],
        response: { 200: questionnaireSchema },
      },
    },
    async () => current,
  );
};
