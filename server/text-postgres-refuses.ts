import type { FastifyInstance } from 'fastify';
import { type ErrorDetail, validationFailed } from './errors.ts';

/**
 * PostgreSQL refuses two things a JSON string may carry: the NUL character (text and jsonb
 * cannot hold it) and a lone UTF-16 surrogate (not valid UTF-8, so the driver cannot send
 * it). Either made the database throw, which answered 500 for what is a client mistake.
 * One check for every route, on the parsed body, query and params, answers 400 naming the
 * field instead, so no schema has to remember it.
 */
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL would refuse this string, or null when it stores it. */
const refusal = (value: string) => {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (loneSurrogate.test(value)) return 'must not contain a lone surrogate';
  return null;
};

/** A path kept as a chain to its parent, so a deep body costs no copying per level. */
type PathLink = { key: string; parent: PathLink | null } | null;

const pathOf = (link: PathLink): string => {
  const keys: string[] = [];
  for (let at = link; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
};

/**
 * Every string (and object key) under `value` that PostgreSQL would refuse, by its path
 * (`prefix` first). Walks with its own stack, not recursion: a deeply nested body must not
 * overflow ours.
 */
export function findRefusedText(value: unknown, prefix?: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const start: PathLink = prefix ? { key: prefix, parent: null } : null;
  const pending: [unknown, PathLink][] = [[value, start]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, at] = next;
    if (typeof item === 'string') {
      const why = refusal(item);
      if (why) problems.push({ path: pathOf(at), message: why });
    } else if (item !== null && typeof item === 'object' && !ArrayBuffer.isView(item)) {
      // Never into a binary body (a recording): it holds no text, and each byte would be a key.
      for (const [key, child] of Object.entries(item)) {
        const link = { key, parent: at };
        const why = refusal(key);
        if (why) problems.push({ path: pathOf(link), message: `its name ${why}` });
        pending.push([child, link]);
      }
    }
  }
  return problems;
}

/** Refuses, before any route's validation, a request whose strings PostgreSQL cannot store. */
export function registerRefusedTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problems = [
      ...findRefusedText(request.params, 'params'),
      ...findRefusedText(request.query, 'query'),
      ...findRefusedText(request.body),
    ];
    if (problems.length > 0) throw validationFailed(problems);
  });
}
