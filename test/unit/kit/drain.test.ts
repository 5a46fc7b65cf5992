// Draining an HTTP server on SIGTERM (kit/drain.ts) over real loopback HTTP: requests in flight
// finish, new connections are refused, idle keep-alive connections do not hold the stop up, and
// after the grace period whatever is still open is cut.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { drainHttpServer } from '../../../subgraphs/kit/drain';
import { tuneServerKeepAlive } from '../../../subgraphs/kit/keep-alive';

const servers: Server[] = [];
const agents: Agent[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) server.closeAllConnections();
  for (const agent of agents.splice(0)) await agent.destroy();
});

/** A server whose /slow answers only when the test says so. */
async function startServer() {
  const pending: Array<() => void> = [];
  const server = createServer((req, res) => {
    const answer = () => res.end(`done ${req.url}`);
    if (req.url === '/slow') pending.push(answer);
    else answer();
  });
  tuneServerKeepAlive(server); // 15 s idle: a drain that waited for it would time this test out
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  agents.push(agent);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => {
    const response = await request(`${origin}${path}`, { dispatcher: agent });
    return { status: response.statusCode, body: await response.body.text() };
  };
  const waitForPending = async (n: number) => {
    while (pending.length < n) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { server, get, pending, waitForPending, origin };
}

describe('drainHttpServer', () => {
  it('lets a request in flight finish, refuses new connections, and ignores idle keep-alive connections', async () => {
    const { server, get, pending, waitForPending, origin } = await startServer();
    expect((await get('/quick')).body).toBe('done /quick'); // leaves an idle keep-alive connection
    const inFlight = get('/slow');
    await waitForPending(1);

    const drained = drainHttpServer(server, 60_000);
    await expect(fetch(`${origin}/new`)).rejects.toThrow();
    pending[0]!();
    expect(await inFlight).toEqual({ status: 200, body: 'done /slow' });
    expect(await drained).toEqual({ forced: false });
  });

  it('cuts what is still open when the grace period ends', async () => {
    const { server, get, waitForPending } = await startServer();
    const stuck = get('/slow');
    await waitForPending(1);
    expect(await drainHttpServer(server, 200)).toEqual({ forced: true });
    await expect(stuck).rejects.toThrow();
  });
});
