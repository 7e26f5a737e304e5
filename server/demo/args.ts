import { parseArgs } from 'node:util';

export const demoUsage = `Usage:
  npm run demo -- [--responses N] [--seed S] [--force]   load synthetic responses
  npm run demo -- --delete                               remove every demo response

Fills the database the server would use (DATABASE_URL, else DATA_DIR) with realistic
synthetic responses for every commune, waves 2025 and 2026, marked as demo rows. Demo rows
already there are replaced. The same seed gives the same data. From 2000 responses on, some
of them are planted gaming for the review queue: three demo kiosks stuffing bursts of
near-identical top answers, and speeders; every demo row gets the server's integrity flags.

  --responses N  how many responses in all (default 20000)
  --seed S       seed of the generator, a whole number (default 1)
  --force        load even though the database holds real (non-demo) responses
  --delete       remove all demo responses and rebuild the rollups
  --help         show this text`;

export type DemoCommand =
  | { kind: 'load'; responses: number; seed: number; force: boolean }
  | { kind: 'delete' }
  | { kind: 'help' };

/** A command line that cannot be run; its message is for the person who typed it. */
export class UsageError extends Error {}

const maxResponses = 10_000_000;

/** Reads the command line (`process.argv.slice(2)`); throws a `UsageError` when it is wrong. */
export function parseDemoArgs(args: readonly string[]): DemoCommand {
  const values = readOptions(args);
  if (values.help) return { kind: 'help' };
  if (values.delete) {
    const others = ['responses', 'seed', 'force'].filter((name) => name in values);
    if (others.length > 0) {
      throw new UsageError(`--delete takes no other option (got --${others.join(', --')})`);
    }
    return { kind: 'delete' };
  }
  return {
    kind: 'load',
    responses: wholeNumber('--responses', values.responses ?? '20000', 1, maxResponses),
    seed: wholeNumber('--seed', values.seed ?? '1', 0, Number.MAX_SAFE_INTEGER),
    force: values.force ?? false,
  };
}

function readOptions(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        responses: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean' },
        delete: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs says what is wrong ("Unknown option '--responce'"); the usage says what is right.
    throw new UsageError((error as Error).message);
  }
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
