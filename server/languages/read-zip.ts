import { inflateRawSync } from 'node:zlib';

/** An archive (a workbook, or the kit's recordings) that cannot be read; the message says why. */
export class ZipReadError extends Error {}

/**
 * The archive's parts by name, from its central directory (as unzip tools read it), each
 * read only when asked for; a part over `maxPartBytes` is refused rather than inflated.
 */
export function readZip(archive: Buffer, maxPartBytes: number): Map<string, () => Buffer> {
  let end = -1;
  // The end record is 22 bytes, followed by a comment of at most 65,535.
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 65_535); at -= 1) {
    if (archive.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0)
    throw new ZipReadError('not a zip archive, as an .xlsx workbook is (no zip directory)');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const parts = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== 0x02014b50) {
      throw new ZipReadError('the zip directory is damaged');
    }
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    parts.set(name, () => {
      if (size > maxPartBytes) throw new ZipReadError(`${name} is too large`);
      if (archive.readUInt32LE(localOffset) !== 0x04034b50) {
        throw new ZipReadError(`${name}: damaged`);
      }
      const start =
        localOffset +
        30 +
        archive.readUInt16LE(localOffset + 26) +
        archive.readUInt16LE(localOffset + 28);
      const data = archive.subarray(start, start + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method !== 8) throw new ZipReadError(`${name} uses compression method ${method}`);
      return inflateRawSync(data, { maxOutputLength: maxPartBytes });
    });
  }
  return parts;
}
