// reservePort holds a port from the moment it is chosen until a server of this process listens on
// it, so no other process can bind it in between (the EADDRINUSE freePort's gap once let through).
// freePort, for a server bound later elsewhere, picks below the kernel's ephemeral range, where
// other processes' outgoing connections and port-0 servers never take ports.
import { createServer as createHttpServer } from 'node:http';
import { createConnection, createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chosenPortRange, freePort, readProcPortRange, reservePort } from '../../setup/free-port';

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** What a connection to the port meets: the bytes it was sent before the other side closed, or the error. */
function connectTo(port: number): Promise<{ received: string } | { error: string }> {
  return new Promise((resolve) => {
    let received = '';
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    socket.on('close', () => resolve({ received }));
    socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  });
}

describe('reservePort', () => {
  it('keeps the port bound until the hand-over, drops early connections, then serves on the same socket', async () => {
    const reservation = await reservePort();
    const intruder = createServer();
    await expect(listenOn(intruder, reservation.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });

    // Before the hand-over a caller is cut off at once, with nothing sent back.
    const early = await connectTo(reservation.port);
    expect('received' in early ? early.received : '').toBe('');

    const server = createHttpServer((_, response) => response.end('served'));
    await reservation.handOver(server);
    expect(server.address()).toMatchObject({ port: reservation.port });
    expect(await connectTo(reservation.port)).toMatchObject({ received: expect.stringContaining('served') });
    await expect(reservation.handOver(createHttpServer())).rejects.toThrow(/already handed over/);
    await expect(reservation.release()).rejects.toThrow(/already handed over/);

    // Closed, the port refuses calls as a stopped process's does.
    await new Promise((resolve) => server.close(resolve));
    expect(await connectTo(reservation.port)).toEqual({ error: 'ECONNREFUSED' });
  });

  it('gives the port up when released', async () => {
    const reservation = await reservePort();
    await reservation.release();
    const next = createServer();
    await listenOn(next, reservation.port);
    await new Promise((resolve) => next.close(resolve));
  });
});

describe('freePort', () => {
  it('picks below the range the kernel hands out itself', () => {
    expect(chosenPortRange('32768\t60999\n')).toEqual({ low: 20_000, high: 32_767 });
    expect(chosenPortRange('40000 60999')).toEqual({ low: 20_000, high: 39_999 });
    // Unreadable or odd: Linux's default range is assumed.
    expect(chosenPortRange(undefined)).toEqual({ low: 20_000, high: 32_767 });
    expect(chosenPortRange('nonsense')).toEqual({ low: 20_000, high: 32_767 });
  });

  it('gives a port in that range that can be bound', async () => {
    const { low, high } = chosenPortRange(readProcPortRange());
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(low);
    expect(port).toBeLessThanOrEqual(high);
    const server = createServer();
    await listenOn(server, port);
    await new Promise((resolve) => server.close(resolve));
  });

  it('never gives one port twice in a process, though none is bound yet', async () => {
    // 200 random picks from some 12,000 ports would repeat one more often than not.
    const ports: number[] = [];
    for (let i = 0; i < 200; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });
});
