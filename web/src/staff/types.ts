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
