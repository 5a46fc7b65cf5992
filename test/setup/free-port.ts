import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** The lowest port freePort picks: above the registered services a developer's machine may run. */
const LOWEST_CHOSEN_PORT = 20_000;
/** The kernel's own range where /proc does not say (Linux's default; macOS's starts higher). */
const DEFAULT_EPHEMERAL_LOW = 32_768;

/**
 * Where freePort picks: below the range the kernel takes ports from for outgoing connections and
 * for servers listening on port 0, so neither can take a port between its choice and its binding.
 */
export function chosenPortRange(procRange: string | undefined): { low: number; high: number } {
  const low = Number(procRange?.trim().split(/\s+/)[0]);
  const ephemeralLow = Number.isInteger(low) && low > 1024 ? low : DEFAULT_EPHEMERAL_LOW;
  return { low: LOWEST_CHOSEN_PORT, high: Math.max(LOWEST_CHOSEN_PORT, ephemeralLow - 1) };
}

/** Linux's ephemeral range as /proc writes it (`32768\t60999`); undefined elsewhere. */
export function readProcPortRange(): string | undefined {
  try {
    return readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a server that binds it later (a
 * child process, an embedded PostgreSQL) or for a URL that must find nothing there. Picked at
 * random below the kernel's ephemeral range (chosenPortRange): when the kernel picked it, from that
 * range, another test process's outgoing connection or port-0 server could take it before it was
 * bound (EADDRINUSE). Where the server is this process's, reservePort leaves no gap at all.
 */
export async function freePort(): Promise<number> {
  const { low, high } = chosenPortRange(readProcPortRange());
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    // Two asks before either port is bound (a test's five services) must not get the same one.
    if (handedOut.has(port) || !(await isFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${low} and ${high} after 50 tries`);
}

/** Every port this process's freePort gave: none is given twice. */
const handedOut = new Set<number>();

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
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
 * Reserves a port for a server this process builds later: a port chosen ahead (freePort) is free
 * until the server listens, a reserved one is bound the whole time.
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
