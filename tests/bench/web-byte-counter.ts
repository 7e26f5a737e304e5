import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A plain TCP relay in front of the server that counts every byte the server sends to the
 * browser, headers included. The page's own requests are visible (and throttled) in DevTools,
 * but the service worker's downloads are neither: counted here, on the wire, a first visit
 * is the page's bytes and the worker's together, whoever asked for them.
 */
export async function startByteCounter(target: URL) {
  let down = 0;
  let up = 0;
  let lastActivity = performance.now();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(client);
    sockets.add(upstream);
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length;
      lastActivity = performance.now();
    });
    client.on('data', (chunk: Buffer) => {
      up += chunk.length;
      lastActivity = performance.now();
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the byte counter has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Bytes sent by the server (down) and by the browser (up) since the last reset. */
    counts: () => ({ down, up }),
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
