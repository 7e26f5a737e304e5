import { expect } from 'vitest';
import { audioFixture } from '../fixtures/audio/audio-fixtures.ts';
import type { WebServer } from './web-server.ts';

/**
 * What the browser tests ask of a running web server as its first admin, by the API rather
 * than the staff page: the page's own screens are tested elsewhere, here they are set-up.
 */

/** Signs the server's first admin in; the cookies to send. */
export async function adminCookie(server: WebServer) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.admin),
  });
  expect(login.status).toBe(200);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export type CreatedKiosk = {
  id: string;
  pairingCode: string;
  exitPin: string;
  communeCode: string;
};

/** A kiosk of commune 01279, to pair a page with (signs the admin in unless given a cookie). */
export async function createKiosk(
  server: WebServer,
  options: { cookie?: string; label?: string } = {},
): Promise<CreatedKiosk> {
  const cookie = options.cookie ?? (await adminCookie(server));
  const res = await fetch(`${server.url}/api/kiosks`, {
    method: 'POST',
    // As the staff page would send it: staff changes must come from this server's origin.
    headers: { 'content-type': 'application/json', origin: server.url, cookie },
    body: JSON.stringify({ communeCode: '01279', label: options.label ?? 'Nhà văn hoá' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedKiosk;
}

/** Stores the Ogg Opus fixture (2.5 s) as the recording of `key` in `language`. */
export async function uploadRecording(
  server: WebServer,
  cookie: string,
  questionnaireId: string,
  key: string,
  language = 'vi',
) {
  const res = await fetch(`${server.url}/api/audio/${questionnaireId}/${language}/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'audio/ogg', origin: server.url, cookie },
    body: new Uint8Array(audioFixture('question.ogg')),
  });
  expect(res.status).toBe(201);
}

/** The id of the questionnaire version residents are given now. */
export async function currentQuestionnaireId(server: WebServer) {
  const res = await fetch(`${server.url}/api/questionnaires/current`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}
