import type { AudioType } from './audio-format.ts';
import { isMp3, mp3Seconds } from './mp3.ts';
import { isOggOpus, oggOpusSeconds } from './ogg-opus.ts';
import { isWebm, webmSeconds } from './webm.ts';

const formats: ReadonlyArray<{
  type: AudioType;
  is: (bytes: Uint8Array) => boolean;
  seconds: (bytes: Uint8Array) => number | null;
}> = [
  { type: 'audio/ogg', is: isOggOpus, seconds: oggOpusSeconds },
  { type: 'audio/webm', is: isWebm, seconds: webmSeconds },
  // Last: its test is the loosest (a frame sync is two bytes).
  { type: 'audio/mpeg', is: isMp3, seconds: mp3Seconds },
];

/**
 * What a recording's bytes are, whatever its name or declared type says: the format their
 * first bytes show (null when none of ours), and its length in seconds read from the bytes
 * (null when it cannot be read).
 *
 * @example sniffRecording(Buffer.from('hello')) // { type: null, seconds: null }
 */
export function sniffRecording(bytes: Uint8Array): {
  type: AudioType | null;
  seconds: number | null;
} {
  const format = formats.find((candidate) => candidate.is(bytes));
  if (!format) return { type: null, seconds: null };
  return { type: format.type, seconds: format.seconds(bytes) };
}
