import { Readable } from 'node:stream';

const copyData = 0x64; // 'd'
const copyDone = 0x63; // 'c'
const errorResponse = 0x45; // 'E'
const lineFeed = 0x0a;
const carriageReturn = 0x0d;
/** A message's type byte and its length (which counts itself, not the type byte). */
const headerBytes = 5;

/** What this uses of pg's connection: its socket, and sending a simple query. */
type PgConnection = { stream: Readable; query(text: string): void };

/**
 * The records of one `COPY … TO STDOUT (format csv)`, read straight off a pg connection, with
 * CRLF record ends: submit it as a query (`client.query(new CopyOutRecords(text))`) and read it
 * as a stream of Buffers.
 *
 * PostgreSQL sends a COPY's output as one CopyData message per row, always (protocol,
 * "Copy-out mode"), and a csv row ends with LF: so a record ends exactly where its message
 * does, and its LF is the message's last byte. Any other LF is inside a quoted field (a
 * comment on two lines) and is data. So each socket chunk becomes one output chunk in one
 * pass: message headers dropped, each record's last LF written as CRLF, no quote counting and
 * no copy per row. A message takes at least five header bytes and adds one CR, so the output
 * of a chunk is never longer than the chunk.
 *
 * Otherwise it works as pg-copy-streams' `to` (whose protocol handling this follows): it
 * takes the socket from pg while the COPY runs, reads it only as fast as its own consumer
 * reads (backpressure down to PostgreSQL), and gives pg back the bytes after CopyDone (the
 * command's completion) or from an ErrorResponse on, so pg reports the COPY's end or error as
 * for any query; the error then comes out of this stream.
 */
export class CopyOutRecords extends Readable {
  readonly text: string;
  private connection: PgConnection | undefined;
  private pgDataHandler: ((chunk: Buffer) => void) | undefined;
  /** Header bytes of a message cut by the end of the last socket chunk. */
  private carried: Buffer | undefined;
  /** Bytes of the current message's content still to come, and its type. */
  private unread = 0;
  private code = 0;
  private wanted = false;
  private forwarding = false;
  private readonly onReadable = () => this.forward();

  constructor(text: string) {
    super();
    this.text = text;
  }

  /** Called by pg's client when the query's turn comes. */
  submit(connection: PgConnection) {
    this.connection = connection;
    const stream = connection.stream;
    const listeners = stream.listeners('data') as Array<(chunk: Buffer) => void>;
    if (listeners.length !== 1) throw new Error('expected pg to be the only reader of its socket');
    this.pgDataHandler = listeners[0];
    stream.removeListener('data', this.pgDataHandler as (chunk: Buffer) => void);
    stream.pause();
    stream.on('readable', this.onReadable);
    connection.query(this.text);
    this.forward();
  }

  override _read() {
    this.wanted = true;
    this.forward();
  }

  private forward() {
    if (this.forwarding || !this.wanted || !this.connection) return;
    this.forwarding = true;
    const stream = this.connection.stream;
    while (this.wanted && this.connection) {
      const chunk = stream.read() as Buffer | null;
      if (chunk === null) break;
      this.wanted = this.parse(chunk);
    }
    this.forwarding = false;
  }

  /** One socket chunk: its records out, at most one push. Returns whether to read on. */
  private parse(input: Buffer): boolean {
    let chunk = input;
    if (this.carried) {
      chunk = Buffer.concat([this.carried, input]);
      this.carried = undefined;
    }
    const out = Buffer.allocUnsafe(chunk.length);
    let written = 0;
    let at = 0;
    let done = false;
    while (at < chunk.length) {
      if (this.unread === 0) {
        const code = chunk[at] as number;
        if (code === errorResponse) {
          // pg parses the error (and what follows) and hands it to handleError.
          return this.finish(out.subarray(0, written), chunk.subarray(at), false);
        }
        if (chunk.length - at < headerBytes) {
          this.carried = Buffer.from(chunk.subarray(at));
          break;
        }
        this.code = code;
        this.unread = chunk.readUInt32BE(at + 1) - 4;
        at += headerBytes;
        if (code === copyDone) {
          done = true;
          break;
        }
        continue;
      }
      const n = Math.min(this.unread, chunk.length - at);
      this.unread -= n;
      if (this.code === copyData) {
        const ends = this.unread === 0 && chunk[at + n - 1] === lineFeed;
        written += chunk.copy(out, written, at, ends ? at + n - 1 : at + n);
        if (ends) {
          out[written++] = carriageReturn;
          out[written++] = lineFeed;
        }
      }
      // Any other message of a COPY (its CopyOutResponse, a notice) is skipped.
      at += n;
    }
    if (done) return this.finish(out.subarray(0, written), chunk.subarray(at), true);
    return written === 0 || this.push(out.subarray(0, written));
  }

  /** Gives pg its socket back, with the bytes it has to read first. */
  private finish(records: Buffer, rest: Buffer, ended: boolean): boolean {
    const connection = this.connection;
    const handler = this.pgDataHandler;
    this.connection = undefined;
    this.pgDataHandler = undefined;
    if (records.length > 0) this.push(records);
    if (ended) this.push(null);
    if (connection && handler) {
      const stream = connection.stream;
      stream.removeListener('readable', this.onReadable);
      stream.on('data', handler);
      if (rest.length > 0) handler(rest);
      // As pg-copy-streams: resumed after this tick, once pg's handler has run on `rest`.
      process.nextTick(() => stream.resume());
    }
    return false;
  }

  /** pg: the COPY failed (an ErrorResponse, or the connection ended). */
  handleError(error: Error) {
    this.destroy(error);
  }

  /** pg: CommandComplete after CopyDone; nothing to do, the records have all been pushed. */
  handleCommandComplete() {}

  /** pg: the connection is ready for the next query. */
  handleReadyForQuery() {}
}
