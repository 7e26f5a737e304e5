import { z } from 'zod';

/** The body of every error (server/API.md "Errors"). */
export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
