import { createServer, type Server } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it). Anything may take it
 * before the caller binds it; where the caller is this process, reservePort leaves no such gap.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** A port on 127.0.0.1 held by a listening socket until a server of this process takes it over. */
export interface PortReservation {
  port: number;
  /** Listens on the reserved socket itself, so the port is never free in between; once only. */
  handOver(server: Server): Promise<void>;
  /** Gives the port up, when no server took it over. */
  release(): Promise<void>;
}

/**
 * Reserves a port for a server built later. freePort's port stays free until the server listens,
 * and another test process binding or connecting in that gap took it (EADDRINUSE, seen once in a
 * CI run); a reserved port is bound the whole time.
 */
export async function reservePort(): Promise<PortReservation> {
  // A connection before the hand-over is dropped at once: its caller fails fast, as on a closed
  // port, instead of waiting for an answer that never comes.
  const socket = createServer((connection) => connection.destroy());
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.listen(0, '127.0.0.1', () => resolve());
  });
  const address = socket.address();
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  let taken = false;
  const take = () => {
    if (taken) throw new Error(`port ${address.port} was already handed over or released`);
    taken = true;
  };
  return {
    port: address.port,
    handOver: async (server) => {
      take();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // The listening handle passes to `server` (Node's listen(handle)); `socket` no longer owns it.
        server.listen(socket, () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    release: async () => {
      take();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
