// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';
import { questionnaireSchema } from '../questionnaires/schema.ts';

/** A wave as residents' pages need it: which, and its days. */
export const publicWaveSchema = z.object({
  id: z.string(),
  name: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
});

/**
 * `GET /api/questionnaires/current`: the open wave's questionnaire, as before, and which wave
 * is open. With none open, `openWave` is null and the questionnaire is the next wave's (else the
 * newest published): a page shows "no survey open now" and still sends what it holds.
 */
export const currentQuestionnaireSchema = questionnaireSchema.extend({
  openWave: publicWaveSchema.nullable(),
  nextWave: publicWaveSchema.nullable(),
});
export type CurrentQuestionnaire = z.infer<typeof currentQuestionnaireSchema>;
