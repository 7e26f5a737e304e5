import { describe, expect, it } from 'vitest';
import { recordingKeyProblem } from '../../server/audio/recording-keys.ts';
import { questionnaire } from '../helpers/test-app.ts';

/** Which keys a recording may have, against the shipped questionnaire's form. */
describe('recording keys', () => {
  it.each([
    'sec_income',
    'sec_income.0',
    'sec_income.10',
    'sec_income.98',
    'life_sat.7',
    'sex.female',
    'age_band.60+',
    'ethnicity.lo_lo',
    'comment',
    'intro',
    '_greeting',
    '_completed',
  ])('%s may be recorded', (key) => {
    expect(recordingKeyProblem(questionnaire, key)).toBeNull();
  });

  it.each([
    { key: 'sec_incom', kind: 'missing', says: /no question "sec_incom"/ },
    { key: 'nope.1', kind: 'missing', says: /no question "nope"/ },
    { key: 'intro.1', kind: 'missing', says: /no question "intro"/ },
    {
      key: 'sex.unknown',
      kind: 'invalid',
      says: /"unknown" is not an answer of "sex" \(female, male, other\)/,
    },
    { key: 'sec_income.11', kind: 'invalid', says: /not an answer of "sec_income"/ },
    { key: 'comment.x', kind: 'invalid', says: /offers no answers/ },
    { key: '_welcome', kind: 'invalid', says: /not a reserved key \(_greeting, _completed\)/ },
  ])('$key is refused ($kind)', ({ key, kind, says }) => {
    const problem = recordingKeyProblem(questionnaire, key);
    expect(problem?.kind).toBe(kind);
    expect(problem?.message).toMatch(says);
  });
});
