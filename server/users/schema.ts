// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/**
 * `enumerator`: types paper forms of their communes (server/API.md "Paper and import") and
 * sees nothing else; results, exports and review stay closed to them.
 */
export const roles = ['admin', 'analyst', 'commune_officer', 'enumerator'] as const;
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
/** An enumerator's communes: at least one when the role is enumerator (checked with the role). */
const communeCodes = z
  .array(communeCode)
  .max(100)
  .transform((codes) => [...new Set(codes)].sort());

export const loginSchema = z.object({ email, password: z.string().min(1).max(200) });

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  communeCode: z.string().nullable(),
  /** An enumerator's communes; an officer's one commune; none for the other roles. */
  communeCodes: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

type RoleCommunes = { role?: Role; communeCode?: string | null; communeCodes?: string[] };

/**
 * A commune officer is bound to one commune (`communeCode`), an enumerator to one or more
 * (`communeCodes`), the other roles to none. Returns the field that breaks the rule, or null.
 */
export function roleCommuneProblem(value: RoleCommunes): 'communeCode' | 'communeCodes' | null {
  if (value.role === undefined) return null;
  const hasCommune = Boolean(value.communeCode);
  const hasCommunes = (value.communeCodes?.length ?? 0) > 0;
  if (value.role === 'commune_officer') return hasCommune && !hasCommunes ? null : 'communeCode';
  if (value.role === 'enumerator') return hasCommunes && !hasCommune ? null : 'communeCodes';
  if (hasCommune) return 'communeCode';
  return hasCommunes ? 'communeCodes' : null;
}
export const roleFitsCommune = (value: RoleCommunes) => roleCommuneProblem(value) === null;
export const roleCommuneRule =
  'a commune_officer needs a communeCode, an enumerator one or more communeCodes; the other roles take neither';
const checkRoleCommunes = (value: RoleCommunes, context: z.RefinementCtx) => {
  const path = roleCommuneProblem(value);
  if (path) context.addIssue({ code: 'custom', message: roleCommuneRule, path: [path] });
};

export const newUserSchema = z
  .strictObject({
    email,
    password: passwordSchema,
    role: roleSchema,
    communeCode: communeCode.nullable().optional(),
    communeCodes: communeCodes.optional(),
  })
  .superRefine(checkRoleCommunes);
export type NewUser = z.infer<typeof newUserSchema>;

export const userChangeSchema = z
  .strictObject({
    role: roleSchema.optional(),
    communeCode: communeCode.nullable().optional(),
    communeCodes: communeCodes.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .superRefine(checkRoleCommunes);
export type UserChange = z.infer<typeof userChangeSchema>;

/**
 * The role and communes a user has after a change: a new role without a commune drops the
 * commune(s) (each role takes its own kind), and communes alone keep the stored role. The
 * database refuses a mismatch, so it must be caught on this result, not on the change alone.
 */
export function roleAndCommuneAfter(
  stored: { role: Role; communeCode: string | null; communeCodes: string[] },
  change: { role?: Role; communeCode?: string | null; communeCodes?: string[] },
): { role: Role; communeCode: string | null; communeCodes: string[] } {
  const role = change.role ?? stored.role;
  const kept = change.role === undefined;
  const storedEnumeratorCommunes = stored.role === 'enumerator' ? stored.communeCodes : [];
  return {
    role,
    communeCode:
      change.communeCode !== undefined ? change.communeCode : kept ? stored.communeCode : null,
    communeCodes:
      change.communeCodes !== undefined
        ? change.communeCodes
        : kept
          ? storedEnumeratorCommunes
          : [],
  };
}

/** Who is signed in, as `GET /api/auth/me` tells the dashboard. */
export const staffSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  communeCode: z.string().nullable(),
  /** An enumerator's communes (paper entry); an officer's one commune; none for the others. */
  communeCodes: z.array(z.string()),
});
export type Staff = z.infer<typeof staffSchema>;
