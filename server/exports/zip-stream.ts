import { pipeline, Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

/** One file of the archive; its content is produced while the archive is being written. */
export type ZipEntry = {
  name: string;
  content: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
};

const signatures = {
  localHeader: 0x04034b50,
  dataDescriptor: 0x08074b50,
  centralHeader: 0x02014b50,
  endOfCentralDirectory: 0x06054b50,
};
/** Deflate needs version 2.0 of the format. */
const versionNeeded = 20;
/** Bit 3: sizes and CRC follow the data (we learn them only by writing it); bit 11: UTF-8 names. */
const flags = 0x0008 | 0x0800;
const deflated = 8;
/** Without ZIP64 records, sizes, offsets and counts must fit these. */
const maxUint32 = 0xffffffff;
const maxEntries = 0xffff;

type Written = {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
};

/**
 * A ZIP archive (PKWARE APPNOTE 6.3), written as a stream: each entry is deflated while its
 * content arrives, and its CRC-32 and sizes go in a data descriptor after it, so neither the
 * content nor the compressed data is ever held whole. Memory stays at zlib's window plus one
 * chunk. No ZIP64: an archive past 4 GiB or 65,535 entries is refused with an error.
 */
export async function* zipStream(
  entries: Iterable<ZipEntry>,
  modified = new Date(),
): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(modified);
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (written.length === maxEntries) throw new Error('zip: too many entries for a plain ZIP');
    const name = Buffer.from(entry.name, 'utf8');
    const header = localHeader(name, time, date);
    const start = offset;
    yield header;
    offset += header.length;
    const sums = { crc: 0, size: 0, compressedSize: 0 };
    for await (const chunk of deflate(entry.content, sums)) {
      sums.compressedSize += chunk.length;
      yield chunk;
    }
    offset += sums.compressedSize;
    if (sums.size > maxUint32 || offset > maxUint32) throw new Error('zip: larger than 4 GiB');
    const descriptor = dataDescriptor(sums.crc, sums.compressedSize, sums.size);
    yield descriptor;
    offset += descriptor.length;
    written.push({ name, ...sums, offset: start });
  }
  const central = Buffer.concat(written.map((entry) => centralHeader(entry, time, date)));
  yield central;
  yield endOfCentralDirectory(written.length, central.length, offset);
}

/** The content deflated (raw, as ZIP stores it), counting the CRC and size of what went in. */
function deflate(
  content: ZipEntry['content'],
  sums: { crc: number; size: number },
): AsyncIterable<Buffer> {
  async function* measured() {
    for await (const piece of content) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      sums.crc = crc32(bytes, sums.crc);
      sums.size += bytes.length;
      yield bytes;
    }
  }
  // pipeline() passes an error of the content on to the deflater, whose iteration then throws.
  return pipeline(Readable.from(measured(), { objectMode: false }), createDeflateRaw(), () => {});
}

function localHeader(name: Buffer, time: number, date: number) {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(signatures.localHeader, 0);
  header.writeUInt16LE(versionNeeded, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(deflated, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  // CRC-32 and sizes (14–25) stay 0 here: they are in the data descriptor.
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function dataDescriptor(crc: number, compressedSize: number, size: number) {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(signatures.dataDescriptor, 0);
  descriptor.writeUInt32LE(crc, 4);
  descriptor.writeUInt32LE(compressedSize, 8);
  descriptor.writeUInt32LE(size, 12);
  return descriptor;
}

function centralHeader(entry: Written, time: number, date: number) {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(signatures.centralHeader, 0);
  header.writeUInt16LE(versionNeeded, 4); // made by: MS-DOS attributes, version 2.0
  header.writeUInt16LE(versionNeeded, 6);
  header.writeUInt16LE(flags, 8);
  header.writeUInt16LE(deflated, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // Extra field, comment, disk number, internal and external attributes (30–41) stay 0.
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number) {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(signatures.endOfCentralDirectory, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** MS-DOS time and date (local time, two-second steps), as ZIP headers carry them. */
function dosDateTime(at: Date) {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}
