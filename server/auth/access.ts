import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Role, Staff } from '../users/schema.ts';
import { sessionCookie } from './cookie.ts';
import { findStaffBySession } from './sessions.ts';

/** Who may call a route: everyone, or signed-in staff with one of these roles. */
export type Access = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route says who may call it; a route that does not is refused (fail closed). */
    access?: Access;
  }
  interface FastifyRequest {
    staff: Staff | null;
  }
}

export const staffRoles = {
  /**
   * Every role that sees results. Not `enumerator`: a clerk typing paper forms gets 403 on
   * results, exports, review and the rest.
   */
  all: ['admin', 'analyst', 'commune_officer'],
  /** Anyone signed in: who am I, and what a paper form's entry screen must read. */
  signedIn: ['admin', 'analyst', 'commune_officer', 'enumerator'],
  analysts: ['admin', 'analyst'],
  admin: ['admin'],
  /** Typing paper forms (server/API.md "Paper and import"). */
  paperEntry: ['admin', 'enumerator'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * One check for every route, before its body is read: 401 without a live session, 403 with a
 * role the route does not admit. Routes declare `config.access`; a route without it is
 * refused, so a forgotten declaration can never open a staff route to the public.
 */
export function registerAccessControl(app: FastifyInstance, db: Db) {
  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === 'public') return;
    // Access is a rule of the API; the pages, their assets and the docs are public files.
    // Unknown routes fall through to the 404 handler.
    const url = request.routeOptions.url;
    if (url === undefined || !url.startsWith('/api/')) return;
    if (access === undefined) throw new AppError(403, 'forbidden', 'This route declares no access');
    assertSameOrigin(request);
    const token = request.cookies[sessionCookie.name];
    const staff = token ? await findStaffBySession(db, token) : null;
    if (!staff) throw new AppError(401, 'unauthorized', 'Sign in first');
    if (!access.includes(staff.role)) {
      throw new AppError(403, 'forbidden', 'Your role may not do this');
    }
    request.staff = staff;
  });
}

/**
 * A staff request that changes something must say it comes from this server's own pages:
 * an `Origin` equal to this server's origin, or `Sec-Fetch-Site: same-origin` (both set by
 * the browser, never by a page's script). A missing or `null` Origin is refused too: a
 * sandboxed frame or a privacy-minded redirect sends `null`, and no page of ours does.
 * SameSite=Strict already keeps the session cookie off cross-site requests; this is the
 * second lock, for browsers or proxies that get SameSite wrong.
 */
function assertSameOrigin(request: FastifyRequest) {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  if (request.headers['sec-fetch-site'] === 'same-origin') return;
  // `request.protocol` and `request.host` follow X-Forwarded-Proto and -Host when
  // TRUST_PROXY is set, as behind a reverse proxy.
  if (originOf(request.headers.origin) !== originOf(`${request.protocol}://${request.host}`)) {
    throw new AppError(403, 'forbidden', 'Cross-site requests are not accepted');
  }
}

/** The normalised origin (`http://localhost:80` is `http://localhost`), or null. */
function originOf(value: string | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const { origin } = new URL(value);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The signed-in staff member; only for routes whose access is a list of roles. */
export function staffOf(request: FastifyRequest): Staff {
  if (!request.staff) throw new AppError(401, 'unauthorized', 'Sign in first');
  return request.staff;
}

/** A commune officer sees their own commune only; analysts and admins see all. */
export function assertMaySeeCommune(staff: Staff, communeCode: string) {
  if (staff.role === 'commune_officer' && staff.communeCode !== communeCode) {
    throw new AppError(403, 'forbidden', 'A commune officer sees their own commune only');
  }
}
