import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1 (never any other address) on a free port, and closes
 * the server by itself after `lifetimeMs` even if a test forgets to.
 * Returns the port and a stop function that is safe to call twice.
 */
export async function listenOnLoopback(server: Server, lifetimeMs: number): Promise<{ port: number; stop: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  setTimeout(() => void stop(), lifetimeMs).unref();
  return { port: (server.address() as AddressInfo).port, stop };
}
