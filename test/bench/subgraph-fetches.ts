// The gateway's overhead, measured by taking it away: a proxy in front of each subgraph records the
// fetches one request's query plan makes (body, headers, when each started and ended), and replay()
// sends the same fetches straight to the subgraphs — each once the fetches that had ended before it
// started in the recording have ended again, so the plan's parallel branches stay parallel.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { PRINCIPAL_HEADER, signInternalToken, verifyInternalToken } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';

export interface RecordedFetch {
  subgraph: SubgraphName;
  /** The subgraph's own URL (not the proxy's). */
  url: string;
  body: string;
  /** The forwarded principal, read from the signed header (re-signed at replay: the token lives 60 s). */
  principal: Principal | null;
  /** `_entities` representations sent, when it was an entity fetch. */
  representations: number | undefined;
  startedMs: number;
  endedMs: number;
}

export interface RecordingProxies {
  /** Where the capturing gateway should send each subgraph's fetches. */
  urls: Record<SubgraphName, string>;
  /** The fetches made while `run` ran, in the order they started. */
  record(run: () => Promise<unknown>): Promise<RecordedFetch[]>;
  close(): Promise<void>;
}

export async function startRecordingProxies(targets: Record<SubgraphName, string>, internalTokenSecret: string): Promise<RecordingProxies> {
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  let recording: RecordedFetch[] | undefined;
  const servers: Server[] = [];
  const urls = {} as Record<SubgraphName, string>;
  for (const [name, target] of Object.entries(targets) as Array<[SubgraphName, string]>) {
    const server = createServer((req, res) => {
      void (async () => {
        const startedMs = performance.now();
        const body = await readBody(req);
        const headers = forwardedHeaders(req);
        const answer = await forward(req, headers, body, target, agent);
        // Recorded before the answer goes back, so a request that has been answered has been recorded.
        if (recording && req.method === 'POST') {
          recording.push({
            subgraph: name,
            url: new URL(req.url ?? '/graphql', target).toString(),
            body,
            principal: await verifyInternalToken(headers[PRINCIPAL_HEADER], internalTokenSecret),
            representations: representationsIn(body),
            startedMs,
            endedMs: performance.now(),
          });
        }
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        res.end(answer.text);
      })().catch((error: unknown) => {
        res.writeHead(502).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    async record(run) {
      const fetches: RecordedFetch[] = [];
      recording = fetches;
      try {
        await run();
      } finally {
        recording = undefined;
      }
      return fetches.sort((a, b) => a.startedMs - b.startedMs);
    },
    async close() {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      await agent.close();
    },
  };
}

/** A proxied request's headers, less those that belong to its own connection. */
export function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !['host', 'connection', 'content-length', 'keep-alive'].includes(key)) headers[key] = value;
  }
  return headers;
}

/** Sends a request a proxy received on to the same path at `target`, and reads the answer. */
export async function forward(
  req: IncomingMessage,
  headers: Record<string, string>,
  body: string,
  target: string,
  agent: Agent,
): Promise<{ status: number; contentType: string; text: string }> {
  const answer = await request(new URL(req.url ?? '/graphql', target), {
    method: req.method as 'POST',
    headers,
    body: req.method === 'GET' ? undefined : body,
    dispatcher: agent,
  });
  const text = await answer.body.text();
  return { status: answer.statusCode, contentType: String(answer.headers['content-type'] ?? 'application/json'), text };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function representationsIn(body: string): number | undefined {
  try {
    const representations = (JSON.parse(body) as { variables?: { representations?: unknown } }).variables?.representations;
    return Array.isArray(representations) ? representations.length : undefined;
  } catch {
    return undefined;
  }
}

/** Signs each distinct principal of the fetches afresh (outside the timed part). */
export async function principalHeaders(fetches: RecordedFetch[], secret: string): Promise<Array<string | undefined>> {
  const signed = new Map<string, Promise<string>>();
  return Promise.all(
    fetches.map((fetch) => {
      if (!fetch.principal) return undefined;
      const key = JSON.stringify(fetch.principal);
      if (!signed.has(key)) signed.set(key, signInternalToken(fetch.principal, secret));
      return signed.get(key);
    }),
  );
}

/**
 * Sends the recorded fetches once, straight to the subgraphs, and returns the time it took and
 * whether every answer was a 200 without errors.
 */
export async function replay(
  fetches: RecordedFetch[],
  principals: Array<string | undefined>,
  agent: Agent,
): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const done: Array<Promise<boolean>> = [];
  fetches.forEach((fetch, i) => {
    const before = fetches.flatMap((other, j) => (j !== i && other.endedMs <= fetch.startedMs ? [done[j]!] : []));
    done[i] = Promise.all(before).then(async () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (principals[i]) headers[PRINCIPAL_HEADER] = principals[i];
      const answer = await request(fetch.url, { method: 'POST', headers, body: fetch.body, dispatcher: agent });
      const text = await answer.body.text();
      return answer.statusCode === 200 && !(JSON.parse(text) as { errors?: unknown[] }).errors?.length;
    });
  });
  const results = await Promise.all(done);
  return { ms: performance.now() - started, ok: results.every(Boolean) };
}
