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

/** The copies the build writes beside each file (vite.config.ts); asked for by name, none. */
const precompressedCopy = /\.(br|gz)$/;

/**
 * The built pages (resident `/`, `/kiosk`, `/staff`) and their assets, from `dist/web`. Each
 * file goes out as the build's brotli or gzip copy when the browser takes it (br, then gzip,
 * then the file itself), with `Vary: Accept-Encoding` and the copy's own length.
 */
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
    preCompressed: true,
    allowedPath: (pathname) => !precompressedCopy.test(pathname),
    setHeaders: (reply, path) => {
      // Hashed file names never change content: cache them for good. Everything else
      // (pages, the service workers) must be checked each time.
      const immutable = path.startsWith(`${join(root, 'assets')}/`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const [url, file] of Object.entries(pages)) {
    app.get(url, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile(file));
    if (url !== '/') app.get(`${url}/`, (_request, reply) => reply.redirect(url));
  }
};
