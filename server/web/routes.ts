import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * No inline script may run: every script is a file of our own origin. Styles allow inline
 * attributes because SurveyJS and Chart.js set element styles; `frame-ancestors 'none'` stops
 * another site from framing the staff pages (clickjacking).
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** The headers of every page we serve (the web pages and `/docs`). */
export function setPageSecurityHeaders(reply: FastifyReply) {
  reply.header('content-security-policy', contentSecurityPolicy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
}

const pages: Record<string, string> = {
  '/': 'index.html',
  '/kiosk': 'kiosk/index.html',
  '/staff': 'staff/index.html',
};

/** The built pages (resident `/`, `/kiosk`, `/staff`) and their assets, from `dist/web`. */
export const webRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn('the web pages are not built; only the API is served');
    return;
  }
  app.addHook('onSend', async (_request, reply) => setPageSecurityHeaders(reply));
  await app.register(fastifyStatic, {
    root,
    index: false,
    wildcard: true,
    setHeaders: (reply, path) => {
      // Hashed file names never change content: cache them for good. Everything else
      // (pages, the service worker, its list) must be checked each time.
      const immutable = path.includes(`${join(root, 'assets')}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const [url, file] of Object.entries(pages)) {
    app.get(url, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile(file));
    if (url !== '/') app.get(`${url}/`, (_request, reply) => reply.redirect(url));
  }
};
