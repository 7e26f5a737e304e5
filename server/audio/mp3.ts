/**
 * MP3 (MPEG-1/2/2.5 audio, ISO 11172-3 and 13818-3): an optional ID3v2 tag, then frames,
 * each with a 4-byte header giving its bitrate, sample rate and so its length. An encoder
 * may put a Xing (VBR) or Info (CBR) header in the first frame with the number of frames.
 */

type FrameHeader = { length: number; samples: number; sampleRate: number; sideInfo: number };

/** kbit/s by bitrate index 1–14, for [MPEG-1 | MPEG-2/2.5] × [layer I, II, III]. */
const bitrates = {
  v1: [
    [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  v2: [
    [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
};
const sampleRates = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The frame header at `offset`, or null when there is none (free-format frames included). */
function readFrameHeader(bytes: Uint8Array, offset: number): FrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) return null;
  if (rateIndex === 3) return null;
  const layer = 4 - layerBits;
  const mpeg1 = version === 3;
  const kbps = (mpeg1 ? bitrates.v1 : bitrates.v2)[layer - 1]?.[bitrateIndex - 1] ?? 0;
  const sampleRate = sampleRates[version as 0 | 2 | 3][rateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  const mono = b3 >> 6 === 3;
  if (layer === 1) {
    return {
      length: (Math.floor((12_000 * kbps) / sampleRate) + padding) * 4,
      samples: 384,
      sampleRate,
      sideInfo: 0,
    };
  }
  const samples = layer === 3 && !mpeg1 ? 576 : 1152;
  const sideInfo = layer === 3 ? (mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17) : 0;
  return {
    length: Math.floor((samples / 8) * ((kbps * 1000) / sampleRate)) + padding,
    samples,
    sampleRate,
    sideInfo,
  };
}

/**
 * Where the audio begins: after an ID3v2 tag (and its footer) when there is one; 0 without.
 * The tag is taken only with a version of 2 to 4 and a size whose bytes are "syncsafe" (7
 * bits each, so it never holds a frame sync): a text starting with "ID3" is not one.
 */
function audioStart(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const version = bytes[3] ?? 0;
  const sizeBytes = [bytes[6] ?? 0, bytes[7] ?? 0, bytes[8] ?? 0, bytes[9] ?? 0];
  if (version < 2 || version > 4 || bytes[4] === 0xff) return 0;
  if (sizeBytes.some((byte) => byte > 0x7f)) return 0;
  const size = sizeBytes.reduce((total, byte) => total * 128 + byte, 0);
  const footer = ((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

/** Encoders and taggers may pad the ID3 tag or leave a few stray bytes before the first frame. */
const searchWindow = 4096;

/** Whether a frame at `offset` is followed by another, or ends the file. */
function frameAt(bytes: Uint8Array, offset: number): FrameHeader | null {
  const header = readFrameHeader(bytes, offset);
  if (!header) return null;
  const next = offset + header.length;
  return next === bytes.length || readFrameHeader(bytes, next) ? header : null;
}

/**
 * The first frame (one followed by another, so a stray 0xFF byte is not taken for one): at
 * the very start of an untagged file, or within a few kilobytes after an ID3v2 tag.
 */
function firstFrame(bytes: Uint8Array): { offset: number; header: FrameHeader } | null {
  const start = audioStart(bytes);
  if (start === 0) {
    const header = frameAt(bytes, 0);
    return header ? { offset: 0, header } : null;
  }
  const end = Math.min(bytes.length, start + searchWindow);
  for (let offset = start; offset < end; offset += 1) {
    const header = frameAt(bytes, offset);
    if (header) return { offset, header };
  }
  return null;
}

/** Whether the bytes are MP3: MPEG audio frames, at the start or after an ID3v2 tag. */
export function isMp3(bytes: Uint8Array): boolean {
  return firstFrame(bytes) !== null;
}

/** The frame count of a Xing or Info header in the first frame, or null. */
function xingFrames(bytes: Uint8Array, offset: number, header: FrameHeader): number | null {
  const at = offset + 4 + header.sideInfo;
  if (at + 12 > bytes.length) return null;
  const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag !== 'Xing' && tag !== 'Info') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasFrames = (view.getUint32(at + 4) & 1) === 1;
  return hasFrames ? view.getUint32(at + 8) : null;
}

/**
 * The length in seconds: from the Xing/Info header's frame count when the first frame has
 * one (that frame itself carries no audio), else by walking every frame to the last whole
 * one (a trailing ID3v1 or APE tag ends the walk). Null when no frame is found.
 *
 * @example 115 frames of MPEG-1 layer III at 44.1 kHz: 115 × 1152 / 44100 ≈ 3.004 s
 */
export function mp3Seconds(bytes: Uint8Array): number | null {
  const first = firstFrame(bytes);
  if (!first) return null;
  const { header } = first;
  const counted = xingFrames(bytes, first.offset, header);
  if (counted !== null && counted > 0) return (counted * header.samples) / header.sampleRate;
  let seconds = 0;
  let offset = first.offset;
  for (let frame = readFrameHeader(bytes, offset); frame; frame = readFrameHeader(bytes, offset)) {
    if (offset + frame.length > bytes.length) break;
    seconds += frame.samples / frame.sampleRate;
    offset += frame.length;
  }
  return seconds > 0 ? seconds : null;
}
