// A TCP front before a service, on loopback: passes traffic, or plays a fault — a process that
// reads and never answers (stall), one that is gone (refuse), a connection dropped as it is used
// (reset-next). Free of vitest, for unit and end-to-end fault tests.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export type FrontMode = 'pass' | 'stall' | 'refuse' | 'reset-next';

export interface TcpFront {
  /** The front's address with the target's path, e.g. `http://127.0.0.1:<port>/graphql`. */
  url: string;
  mode(): FrontMode;
  setMode(next: FrontMode): void;
  close(): Promise<void>;
}

export async function startTcpFront(targetUrl: string): Promise<TcpFront> {
  const target = new URL(targetUrl);
  let mode: FrontMode = 'pass';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (mode === 'refuse') return void client.destroy();
    let upstream: Socket | undefined;
    client.on('data', (chunk) => {
      if (mode === 'stall') return; // read and never answer, like a process that stopped running
      if (mode === 'reset-next') {
        mode = 'pass';
        return void client.resetAndDestroy();
      }
      if (!upstream) {
        upstream = connect(Number(target.port), target.hostname);
        track(upstream);
        upstream.on('data', (data) => client.write(data));
        upstream.on('close', () => client.destroy());
      }
      upstream.write(chunk);
    });
    client.on('close', () => upstream?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    mode: () => mode,
    setMode(next) {
      mode = next;
      // Connections already open follow a fault at once (a stalled process stalls them all).
      if (next === 'stall' || next === 'refuse') for (const socket of sockets) socket.destroy();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
