import { contentHash } from '../canonical-json.ts';
import type { Db } from '../db/database.ts';
import { answersFingerprint } from '../integrity/answers-fingerprint.ts';
import { ownFlags } from '../integrity/own-flags.ts';
import type { CheckedQuestionnaire } from '../questionnaires/check-questionnaire.ts';
import { derivedResponseId } from '../responses/derived-id.ts';
import { insertResponseOnce } from '../responses/queries.ts';
import { scoreResponse } from '../scoring/score-response.ts';
import type { TypedForm } from './double-entry.ts';

/** A paper form's response id: the same for the same serial, whoever stores it, however often. */
export const paperResponseId = (serial: string) => derivedResponseId(`paper:${serial}`);

/**
 * The instant a form filled on this day counts as completed: noon in Việt Nam (05:00 UTC).
 * A paper form carries a day, not a time; noon keeps it inside that day whatever rounding a
 * reader applies, and inside the wave on its first and last days.
 */
export const paperCompletedAt = (completedOn: string) => `${completedOn}T05:00:00.000Z`;

/**
 * Stores a verified paper form as a response (channel `paper`, its id derived from the serial,
 * the wave of its batch), scored and flagged like any other: `straight_line` from its answers,
 * `duplicate` against the commune's other responses of the wave (so a stack of identical
 * forms is flagged); `too_fast` and `burst` need times and a kiosk a form has not. Runs in the
 * caller's transaction, which holds the form's lock. Returns the response id; an id stored
 * already (the form was stored before) is left as it is.
 */
export async function storePaperResponse(
  trx: Db,
  questionnaire: CheckedQuestionnaire,
  form: TypedForm & { serial: string; communeCode: string; wave: string },
  receivedAt: Date,
): Promise<string> {
  const id = paperResponseId(form.serial);
  const completedAt = form.completedOn === null ? null : paperCompletedAt(form.completedOn);
  await insertResponseOnce(
    trx,
    {
      id,
      questionnaireId: questionnaire.id,
      communeCode: form.communeCode,
      wave: form.wave,
      channel: 'paper',
      answers: form.answers,
      requestHash: contentHash({
        serial: form.serial,
        answers: form.answers,
        completedOn: form.completedOn,
      }),
      scores: scoreResponse(questionnaire.scoring, form.answers),
      startedAt: null,
      completedAt,
      receivedAt,
      kioskId: null,
    },
    {
      ownFlags: ownFlags(questionnaire.scoring, {
        answers: form.answers,
        startedAt: null,
        completedAt,
      }),
      fingerprint: answersFingerprint(questionnaire.questions, form.answers),
    },
  );
  return id;
}
