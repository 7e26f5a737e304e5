import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import { sessionHours } from './sessions.ts';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * can send it), Secure when the server is reached over HTTPS.
 */
export const sessionCookie = { name: 'cbhpi_session' } as const;

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(sessionCookie.name, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: sessionHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookie.name, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
