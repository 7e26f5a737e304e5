import type { WaveRecord } from './queries.ts';
import type { WaveView } from './schema.ts';
import { waveState } from './wave-dates.ts';

/** What the API says of a stored wave at this instant. Pure. */
export function waveView(
  wave: WaveRecord,
  context: {
    now: Date;
    /** The configured `MIN_N`: the target of a wave that has none of its own. */
    minN: number;
    answered: boolean;
    communeTargets: readonly { communeCode: string; target: number }[];
  },
): WaveView {
  return {
    id: wave.id,
    name: wave.name,
    opensOn: wave.opensOn,
    closesOn: wave.closesOn,
    questionnaireId: wave.questionnaireId,
    target: wave.target ?? context.minN,
    state: waveState(wave, context.now),
    closedAt: wave.closedAt ? new Date(wave.closedAt).toISOString() : null,
    answered: context.answered,
    communeTargets: [...context.communeTargets],
  };
}
