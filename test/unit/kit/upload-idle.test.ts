// An upload that stops sending (kit/material-upload.ts readBodyWithin): its connection is closed
// after the idle limit with UploadStalledError, not held until the server's request timeout; a
// complete upload is read whole and leaves no idle limit on its kept-alive socket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBodyWithin, UploadStalledError } from '../../../subgraphs/kit/material-upload';

let server: Server | null = null;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

/** A server that reads each request's body with an idle limit of `idleMs` and reports the outcome. */
async function serve(
  idleMs: number,
): Promise<{ port: number; outcome: Promise<{ body?: Buffer; error?: unknown; socketTimeout?: number }> }> {
  let report!: (value: { body?: Buffer; error?: unknown; socketTimeout?: number }) => void;
  const outcome = new Promise<{ body?: Buffer; error?: unknown; socketTimeout?: number }>((resolve) => (report = resolve));
  server = createServer((req: IncomingMessage, res) => {
    readBodyWithin(req, 1024, idleMs).then(
      (body) => {
        report({ body, socketTimeout: req.socket.timeout });
        res.end('ok');
      },
      (error: unknown) => report({ error }),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server!.address() as AddressInfo).port, outcome };
}

function post(port: number, body: string, declaredLength: number) {
  const socket = connect(port, '127.0.0.1');
  socket.write(`POST /materials HTTP/1.1\r\nHost: x\r\nContent-Length: ${declaredLength}\r\n\r\n${body}`);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  return { socket, closed };
}

describe('readBodyWithin and a stalled upload', () => {
  it('closes the connection of an upload that sends nothing for the idle limit, with UploadStalledError', async () => {
    const { port, outcome } = await serve(200);
    const { closed } = post(port, 'first bytes', 100);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(UploadStalledError);
    expect((error as UploadStalledError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', idleMs: 200 });
    await closed;
  });

  it('reads a complete upload whole and leaves no idle limit on the socket', async () => {
    const { port, outcome } = await serve(200);
    const { socket } = post(port, 'twelve bytes', 12);
    const { body, error, socketTimeout } = await outcome;
    expect(error).toBeUndefined();
    expect(body!.toString()).toBe('twelve bytes');
    expect(socketTimeout).toBe(0);
    socket.destroy();
  });
});
