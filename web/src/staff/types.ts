import type { z } from 'zod';
import type { createdKioskSchema } from '../../../server/kiosks/schema.ts';
import type { communeDetailSchema, trendSchema } from '../../../server/results/schema.ts';
import type { api } from '../shared/api.ts';

// Type-only imports: the schemas stay on the server side of the bundle, their shapes do not.
export type Trend = z.infer<typeof trendSchema>;
export type CommuneDetail = z.infer<typeof communeDetailSchema>;
export type ItemResult = CommuneDetail['items'][number];
export type CreatedKiosk = z.infer<typeof createdKioskSchema>;
export type Api = typeof api;

/** What every mounted module gives back: it removes its listeners, charts and elements. */
export type Part = { destroy(): void };

/** The four response flags of METHOD.md section 7. */
export const flagNames = ['too_fast', 'straight_line', 'duplicate', 'burst'] as const;
export type FlagName = (typeof flagNames)[number];
export type ReviewState = 'unreviewed' | 'kept' | 'excluded';
export type ReviewDecision = 'exclude' | 'keep' | 'include';

/** One response of `GET /api/review` (API.md, "Integrity (staff)"). */
export type ReviewResponse = {
  id: string;
  communeCode: string;
  wave: string;
  channel: 'web' | 'kiosk' | 'paper';
  kioskId: string | null;
  kioskLabel?: string | null;
  startedAt: string | null;
  completedAt: string | null;
  receivedAt: string;
  flags: string[];
  state: ReviewState;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  answers: Record<string, unknown>;
};
export type ReviewPage = { responses: ReviewResponse[]; nextCursor: string | null };
/** `POST /api/responses/:id/review` answers with the response's new review state. */
export type ReviewOutcome = Pick<
  ReviewResponse,
  'id' | 'state' | 'decidedBy' | 'decidedAt' | 'reason'
>;

/** One entry of `GET /api/audit`, newest first. */
export type AuditEntry = {
  id?: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
};
export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null };

/** The counts each row of `/api/results` gains with the integrity review. */
export type IntegrityCounts = { excluded?: number; flaggedUnreviewed?: number };
