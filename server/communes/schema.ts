// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

export const communeSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['ward', 'commune']),
});
export type Commune = z.infer<typeof communeSchema>;
