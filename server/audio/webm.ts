/**
 * WebM (a Matroska profile, RFC 9559): EBML elements, each an ID, a size and a body; sizes
 * are variable-length integers, and all ones means "unknown" (what a browser's
 * MediaRecorder writes while it streams, with no Duration either).
 */

const ids = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  blockGroup: 0xa0,
  block: 0xa1,
  simpleBlock: 0xa3,
};

/** The masters walked into rather than over: what the length is read from is inside them. */
const entered = new Set([ids.segment, ids.info, ids.cluster, ids.blockGroup]);

type Vint = { value: number; length: number; unknown: boolean };

/** A variable-length integer at `offset`; `keepMarker` for IDs, which keep their length bit. */
function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (length > 8 || offset + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i += 1) {
    const byte = bytes[offset + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

type Element = { id: number; bodyOffset: number; size: number | null };

function readElement(bytes: Uint8Array, offset: number): Element | null {
  const id = readVint(bytes, offset, true);
  if (!id || id.length > 4) return null;
  const size = readVint(bytes, offset + id.length, false);
  if (!size) return null;
  return {
    id: id.value,
    bodyOffset: offset + id.length + size.length,
    size: size.unknown ? null : size.value,
  };
}

function readUint(bytes: Uint8Array, offset: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i += 1) value = value * 256 + (bytes[offset + i] ?? 0);
  return value;
}

function readFloat(bytes: Uint8Array, offset: number, size: number): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size === 4) return view.getFloat32(offset);
  if (size === 8) return view.getFloat64(offset);
  return null;
}

/** Whether the bytes open with an EBML header whose DocType is `webm`. */
export function isWebm(bytes: Uint8Array): boolean {
  const header = readElement(bytes, 0);
  if (!header || header.id !== ids.ebml || header.size === null) return false;
  const end = Math.min(bytes.length, header.bodyOffset + header.size);
  for (let offset = header.bodyOffset; offset < end; ) {
    const child = readElement(bytes, offset);
    if (!child || child.size === null) return false;
    if (child.id === ids.docType) {
      const text = String.fromCharCode(
        ...bytes.subarray(child.bodyOffset, child.bodyOffset + child.size),
      );
      return text.replace(/\0+$/, '') === 'webm';
    }
    offset = child.bodyOffset + child.size;
  }
  return false;
}

/**
 * The length in seconds: the Segment Info's Duration × TimecodeScale when it is there;
 * else the latest block's time (its cluster's Timecode plus its own offset), which is when
 * the last frame starts, so a few tens of milliseconds short. Null when neither is found.
 *
 * Walks the elements in order, entering Segment, Info, Cluster and BlockGroup and stepping
 * over the rest, so an unknown-sized Segment or Cluster needs no size.
 */
export function webmSeconds(bytes: Uint8Array): number | null {
  const header = readElement(bytes, 0);
  if (!header || header.id !== ids.ebml || header.size === null) return null;
  let scale = 1_000_000;
  let duration: number | null = null;
  let clusterTime = 0;
  let latestBlock: number | null = null;
  let offset = header.bodyOffset + header.size;
  while (offset < bytes.length) {
    const element = readElement(bytes, offset);
    if (!element) break;
    const { id, bodyOffset, size } = element;
    if (entered.has(id)) {
      offset = bodyOffset;
      continue;
    }
    if (size === null || bodyOffset + size > bytes.length) break;
    if (id === ids.timecodeScale) scale = readUint(bytes, bodyOffset, size) || scale;
    if (id === ids.duration) duration = readFloat(bytes, bodyOffset, size);
    if (id === ids.timecode) clusterTime = readUint(bytes, bodyOffset, size);
    if (id === ids.simpleBlock || id === ids.block) {
      const track = readVint(bytes, bodyOffset, false);
      if (track && track.length + 2 <= size) {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const time = clusterTime + view.getInt16(bodyOffset + track.length);
        latestBlock = Math.max(latestBlock ?? time, time);
      }
    }
    offset = bodyOffset + size;
  }
  const units = duration !== null && duration > 0 ? duration : latestBlock;
  if (units === null || !(units > 0)) return null;
  return (units * scale) / 1e9;
}
