// A proxy in front of one subgraph that can hold the gateway's fetches (those carrying a forwarded
// principal) until released, so a test can have two client requests' fetches in flight at the same
// moment without relying on timing, and count the fetches that reached the subgraph.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { PRINCIPAL_HEADER } from '../../subgraphs/kit/internal-token';
import { forward, forwardedHeaders, readBody } from '../bench/subgraph-fetches';

export interface FetchGate {
  /** Where the gateway should send the subgraph's fetches. */
  url: string;
  /** The bodies of the principal-carrying fetches received since `hold()`. */
  readonly received: string[];
  /** From now on, keeps such fetches waiting (and counts them afresh). */
  hold(): void;
  /** Lets the waiting fetches through, and the later ones straight away. */
  release(): void;
  close(): Promise<void>;
}

export async function startFetchGate(target: string): Promise<FetchGate> {
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  const received: string[] = [];
  let waiting: Array<() => void> | undefined;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.headers[PRINCIPAL_HEADER] !== undefined && req.method === 'POST') {
        received.push(body);
        if (waiting) await new Promise<void>((resolve) => waiting!.push(resolve));
      }
      const answer = await forward(req, forwardedHeaders(req), body, target, agent);
      res.writeHead(answer.status, { 'content-type': answer.contentType });
      res.end(answer.text);
    })().catch((error: unknown) => {
      res.writeHead(502).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = () => {
    const held = waiting ?? [];
    waiting = undefined;
    for (const resolve of held) resolve();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    hold() {
      received.length = 0;
      waiting = [];
    },
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
