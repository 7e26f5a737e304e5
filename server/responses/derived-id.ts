import { createHash } from 'node:crypto';

/**
 * A response id that follows from a name, always the same one: a paper form's serial
 * (`paper:01273-0001-0007-4`) or an imported row (`import:<source>:<row id>`). Stored under it,
 * a form or a row can never be stored twice: the responses table's `on conflict (id) do
 * nothing` decides, however often or however concurrently it is sent.
 *
 * The first 16 bytes of the name's sha256, marked as a version 8 (name-based, custom) UUID
 * with the RFC 9562 variant, so it passes every UUID check a client id passes.
 *
 * @example derivedResponseId('paper:01273-0001-0007-4') // 'xxxxxxxx-xxxx-8xxx-[89ab]xxx-…'
 */
export function derivedResponseId(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
