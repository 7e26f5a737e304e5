/** A kiosk signs its submissions with `Authorization: Bearer <token>`. */
export function hasBearerToken(authorization: string | undefined) {
  return /^Bearer\s/i.test(authorization ?? '');
}

export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk a submission comes from, when it carries a live kiosk token. */
    kiosk: { id: string; commune_code: string } | null;
  }
}
