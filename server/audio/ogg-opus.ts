/**
 * Ogg Opus (RFC 3533, RFC 7845): a chain of pages, each `OggS`, a granule position, a stream
 * serial number and a segment table. The first page of the Opus stream holds `OpusHead`
 * with the pre-skip; the granule position of the stream's last page counts 48 kHz samples
 * from the start, pre-skip included.
 */

type OggPage = {
  offset: number;
  /** -1 (as a bigint) when no packet ends on the page. */
  granule: bigint;
  serial: number;
  /** Where the page's data begins and how long it is. */
  dataOffset: number;
  dataLength: number;
};

const capture = 'OggS';
const headerLength = 27;

/** The page at `offset`, or null when none starts there or it runs past the end. */
function readPage(bytes: Uint8Array, offset: number): OggPage | null {
  if (offset + headerLength > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < 4; i += 1) {
    if (bytes[offset + i] !== capture.charCodeAt(i)) return null;
  }
  if (bytes[offset + 4] !== 0) return null;
  const segments = bytes[offset + 26] ?? 0;
  const dataOffset = offset + headerLength + segments;
  if (dataOffset > bytes.length) return null;
  let dataLength = 0;
  for (let i = 0; i < segments; i += 1) dataLength += bytes[offset + headerLength + i] ?? 0;
  if (dataOffset + dataLength > bytes.length) return null;
  return {
    offset,
    granule: view.getBigInt64(offset + 6, true),
    serial: view.getUint32(offset + 14, true),
    dataOffset,
    dataLength,
  };
}

const opusHead = 'OpusHead';

/** The pre-skip of an `OpusHead` packet at the start of the page's data, or null. */
function opusPreSkip(bytes: Uint8Array, page: OggPage): number | null {
  if (page.dataLength < 19) return null;
  for (let i = 0; i < opusHead.length; i += 1) {
    if (bytes[page.dataOffset + i] !== opusHead.charCodeAt(i)) return null;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint16(page.dataOffset + 10, true);
}

/** Whether the bytes begin an Ogg stream whose first packet is an Opus header. */
export function isOggOpus(bytes: Uint8Array): boolean {
  const first = readPage(bytes, 0);
  return first !== null && opusPreSkip(bytes, first) !== null;
}

const opusRate = 48_000;

/**
 * The length in seconds: the last granule position of the Opus stream less its pre-skip, at
 * 48 kHz. Pages of other streams (a chained or multiplexed file) are passed over; a
 * truncated last page ends the walk. Null when no page after the headers gives a position.
 *
 * @example a 2.5 s recording with pre-skip 312: last granule 120312 → (120312 − 312) / 48000 = 2.5
 */
export function oggOpusSeconds(bytes: Uint8Array): number | null {
  const first = readPage(bytes, 0);
  if (!first) return null;
  const preSkip = opusPreSkip(bytes, first);
  if (preSkip === null) return null;
  let last: bigint | null = null;
  for (let page = readPage(bytes, first.dataOffset + first.dataLength); page; ) {
    if (page.serial === first.serial && page.granule > 0n) last = page.granule;
    page = readPage(bytes, page.dataOffset + page.dataLength);
  }
  if (last === null) return null;
  const samples = Number(last) - preSkip;
  return samples > 0 ? samples / opusRate : null;
}
