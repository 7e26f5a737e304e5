import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Reads a ZIP archive the way unzip tools do: from the end-of-central-directory record to
 * the central directory, then each entry's local header and data, inflated and checked
 * against the CRC-32 and size the directory gives. Returns each file's bytes by name.
 */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.length - 22;
  if (end < 0 || archive.readUInt32LE(end) !== 0x06054b50) {
    throw new Error('zip: no end-of-central-directory record at the end');
  }
  const count = archive.readUInt16LE(end + 10);
  const directorySize = archive.readUInt32LE(end + 12);
  let at = archive.readUInt32LE(end + 16);
  if (at + directorySize !== end) throw new Error('zip: central directory size does not match');
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n += 1) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip: bad central header ${n}`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;

    if (archive.readUInt32LE(localOffset) !== 0x04034b50) {
      throw new Error(`zip: bad local header for ${name}`);
    }
    const localName = archive.readUInt16LE(localOffset + 26);
    const localExtra = archive.readUInt16LE(localOffset + 28);
    const dataStart = localOffset + 30 + localName + localExtra;
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`zip: ${name} uses method ${method}`);
    const content = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    if (content.length !== size) throw new Error(`zip: ${name} has the wrong size`);
    if (crc32(content) !== crc) throw new Error(`zip: ${name} fails its CRC-32`);
    files.set(name, content);
  }
  return files;
}
