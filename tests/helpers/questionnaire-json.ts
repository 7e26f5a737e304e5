import { readFileSync } from 'node:fs';

const v2Text = readFileSync(new URL('../../surveys/cb-hpi-2026-v2.json', import.meta.url), 'utf8');

/** A fresh copy of the real v2 questionnaire file under another id: valid, ready to publish. */
export function questionnaireJson(id: string, published = '2026-12-01') {
  const json = JSON.parse(v2Text) as Record<string, unknown> & {
    id: string;
    published: string;
    title: { vi: string; en: string };
    scoring: Record<string, unknown> & {
      dimensions?: Array<Record<string, unknown>>;
      items: Array<Record<string, unknown> & { name: string; dimension: string }>;
      missing?: number[];
    };
    survey: { pages: Array<{ name?: string; elements: Array<Record<string, unknown>> }> };
  };
  json.id = id;
  json.published = published;
  return json;
}
export type QuestionnaireJson = ReturnType<typeof questionnaireJson>;
