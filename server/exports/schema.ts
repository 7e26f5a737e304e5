import { communeParamsSchema, waveQuerySchema } from '../results/schema.ts';

/** `?wave=` as for `GET /api/results`: a year; defaults to the latest wave with responses. */
export const resultsExportQuerySchema = waveQuerySchema;

/** `?wave=&communeCode=`; a commune officer must name their own commune. */
export const responsesExportQuerySchema = waveQuerySchema.extend({
  communeCode: communeParamsSchema.shape.communeCode.optional(),
});
