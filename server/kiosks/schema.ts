// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

export const newKioskSchema = z.strictObject({
  communeCode: z.string().regex(/^\d{5}$/, 'a five-digit commune code'),
  label: z.string().trim().min(1).max(100),
});

/** Answer to `POST /api/kiosks`: the only time the token is ever shown. */
export const createdKioskSchema = z.object({
  id: z.uuid(),
  token: z.string(),
  communeCode: z.string(),
  label: z.string(),
});

export const kioskSchema = z.object({
  id: z.uuid(),
  communeCode: z.string(),
  label: z.string(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type Kiosk = z.infer<typeof kioskSchema>;

export const kioskIdParamsSchema = z.object({ id: z.uuid() });
