import { createConnection, createServer, type Socket } from 'node:net';

/** A line's speed and delay: 400 kbps is 400,000 bits a second; latency is a round trip's. */
export type Line = { kbps: number; latencyMs: number };

/** Largest piece sent at once on a throttled line, so a big read trickles out as on a modem. */
const slice = 4096;

/**
 * One direction of a shared line: every connection's bytes queue on the same link, one after
 * another at its speed, and each arrives half a round trip after it has been sent.
 */
function makeLink() {
  let freeAt = 0;
  return (line: Line, chunk: Buffer, deliver: (piece: Buffer) => void) => {
    const bytesPerMs = (line.kbps * 1000) / 8 / 1000;
    for (let offset = 0; offset < chunk.length; offset += slice) {
      const piece = chunk.subarray(offset, offset + slice);
      freeAt = Math.max(performance.now(), freeAt) + piece.length / bytesPerMs;
      const at = freeAt + line.latencyMs / 2;
      setTimeout(() => deliver(piece), Math.max(0, at - performance.now()));
    }
  };
}

/**
 * A TCP relay in front of the server that counts every byte the server sends to the browser,
 * headers included. The page's own requests are visible (and throttled) in DevTools, but the
 * service worker's downloads are neither: counted here, on the wire, a first visit is the
 * page's bytes and the worker's together, whoever asked for them. With `throttle(line)` the
 * relay itself is the slow line, for the page and the worker alike.
 */
export async function startByteCounter(target: URL) {
  let down = 0;
  let up = 0;
  let lastActivity = performance.now();
  let line: Line | null = null;
  const downLink = makeLink();
  const upLink = makeLink();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(client);
    sockets.add(upstream);
    // Ends wait for the bytes still on the line.
    let pendingDown = 0;
    let pendingUp = 0;
    let upstreamEnded = false;
    let clientEnded = false;
    const forward = (
      chunk: Buffer,
      link: ReturnType<typeof makeLink>,
      to: Socket,
      onDone: () => void,
    ) => {
      if (!line) {
        to.write(chunk);
        onDone();
        return;
      }
      let left = Math.ceil(chunk.length / slice);
      link(line, chunk, (piece) => {
        if (!to.destroyed) to.write(piece);
        left -= 1;
        if (left === 0) onDone();
      });
    };
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length;
      lastActivity = performance.now();
      pendingDown += 1;
      forward(chunk, downLink, client, () => {
        pendingDown -= 1;
        lastActivity = performance.now();
        if (pendingDown === 0 && upstreamEnded) client.end();
      });
    });
    client.on('data', (chunk: Buffer) => {
      up += chunk.length;
      lastActivity = performance.now();
      pendingUp += 1;
      forward(chunk, upLink, upstream, () => {
        pendingUp -= 1;
        if (pendingUp === 0 && clientEnded) upstream.end();
      });
    });
    upstream.on('end', () => {
      upstreamEnded = true;
      if (pendingDown === 0) client.end();
    });
    client.on('end', () => {
      clientEnded = true;
      if (pendingUp === 0) upstream.end();
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', () => {
      if (pendingDown === 0) close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the byte counter has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Bytes sent by the server (down) and by the browser (up) since the last reset. */
    counts: () => ({ down, up }),
    /** Makes the relay a slow line for everything through it, or a plain wire again (null). */
    throttle(next: Line | null) {
      line = next;
    },
    reset() {
      down = 0;
      up = 0;
      lastActivity = performance.now();
    },
    /** Resolves once nothing has crossed the relay for `quietMs` (or after `timeoutMs`). */
    async quiet(quietMs: number, timeoutMs = 120_000) {
      const started = performance.now();
      while (performance.now() - lastActivity < quietMs) {
        if (performance.now() - started > timeoutMs) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ByteCounter = Awaited<ReturnType<typeof startByteCounter>>;
