import { describe, expect, it } from 'vitest';
import { auditActions } from '../../server/audit/schema.ts';
import { knownAuditActions } from '../../web/src/staff/audit-actions.ts';
import { staffMessages } from '../../web/src/staff/messages.ts';

describe("the audit page's filter", () => {
  it('lists every action the server audits, each once', () => {
    expect([...knownAuditActions].sort()).toEqual([...auditActions].sort());
  });

  it.each([
    'wave.create',
    'wave.update',
    'wave.close',
    'wave.targets',
    'questionnaire.publish',
    'population.replace',
  ])('names %s in both languages', (action) => {
    const words = staffMessages[`audit.action.${action}`];
    expect(words?.vi).toMatch(/\S/);
    expect(words?.en).toMatch(/\S/);
  });
});
