// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

export const roles = ['admin', 'analyst', 'commune_officer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/**
 * Deliberately loose (something@somewhere): the bootstrap account is `admin@localhost`, which
 * strict e-mail rules refuse, and an address is only an account name here, never mailed.
 */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address')
  .transform((value) => value.toLowerCase());
const email = emailSchema;
/** Long enough to resist guessing; no composition rules, which only make passwords worse. */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(200);
const communeCode = z.string().regex(/^\d{5}$/, 'a five-digit commune code');

export const loginSchema = z.object({ email, password: z.string().min(1).max(200) });

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  communeCode: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

/** A commune officer is bound to one commune; the other roles to none. */
export const roleFitsCommune = (value: { role?: Role; communeCode?: string | null }) =>
  value.role === undefined || (value.role === 'commune_officer') === Boolean(value.communeCode);
export const roleCommuneRule = 'a commune_officer needs a communeCode; the other roles take none';
// A fresh object per schema: zod takes these options over as its own.
const roleCommuneMessage = () => ({ message: roleCommuneRule, path: ['communeCode'] });

export const newUserSchema = z
  .strictObject({
    email,
    password: passwordSchema,
    role: roleSchema,
    communeCode: communeCode.nullable().optional(),
  })
  .refine(roleFitsCommune, roleCommuneMessage());
export type NewUser = z.infer<typeof newUserSchema>;

export const userChangeSchema = z
  .strictObject({
    role: roleSchema.optional(),
    communeCode: communeCode.nullable().optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine(roleFitsCommune, roleCommuneMessage());
export type UserChange = z.infer<typeof userChangeSchema>;

/**
 * The role and commune a user has after a change: a new role without a commune drops the
 * commune (the other roles take none), and a commune alone keeps the stored role. The
 * database refuses a mismatch, so it must be caught on this result, not on the change alone.
 */
export function roleAndCommuneAfter(
  stored: { role: Role; communeCode: string | null },
  change: { role?: Role; communeCode?: string | null },
): { role: Role; communeCode: string | null } {
  const role = change.role ?? stored.role;
  if (change.communeCode !== undefined) return { role, communeCode: change.communeCode };
  return { role, communeCode: change.role === undefined ? stored.communeCode : null };
}

/** Who is signed in, as `GET /api/auth/me` tells the dashboard. */
export const staffSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  communeCode: z.string().nullable(),
});
export type Staff = z.infer<typeof staffSchema>;
