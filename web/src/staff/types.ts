import type { z } from 'zod';
import type { auditEntrySchema, auditPageSchema } from '../../../server/audit/schema.ts';
import type { createdKioskSchema } from '../../../server/kiosks/schema.ts';
import type { communeDetailSchema, trendSchema } from '../../../server/results/schema.ts';
import type {
  ResponseFlag,
  reviewOutcomeSchema,
  reviewPageSchema,
  reviewResponseSchema,
} from '../../../server/review/schema.ts';
import type { api } from '../shared/api.ts';

// Type-only imports: the schemas stay on the server side of the bundle, their shapes do not.
export type Trend = z.infer<typeof trendSchema>;
export type CommuneDetail = z.infer<typeof communeDetailSchema>;
export type ItemResult = CommuneDetail['items'][number];
export type CreatedKiosk = z.infer<typeof createdKioskSchema>;
export type Api = typeof api;

/** What every mounted module gives back: it removes its listeners, charts and elements. */
export type Part = { destroy(): void };

export type ReviewResponse = z.infer<typeof reviewResponseSchema>;
export type ReviewPage = z.infer<typeof reviewPageSchema>;
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type { ReviewDecision, ReviewState } from '../../../server/review/schema.ts';

/**
 * The flags of METHOD.md section 7, as a value for the filter. Written out rather than
 * imported so the staff bundle stays free of zod; `satisfies` keeps it to the server's names.
 */
export const flagNames = [
  'too_fast',
  'straight_line',
  'duplicate',
  'burst',
] as const satisfies readonly ResponseFlag[];
