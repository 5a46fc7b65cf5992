// The gateway's overhead, measured by taking it away: a proxy in front of each subgraph records the
// fetches a request's query plan makes (body, headers, when each started and ended), and replay()
// sends the same fetches straight to the subgraphs, with the headers the gateway sends — the
// principal signed and reused as the gateway does (signed-principals.ts), a new request id each
// time — and each fetch once those it waited for in every recording have ended again, so the
// plan's parallel branches stay parallel and its sequential steps sequential.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { signedPrincipalToken } from '../../gateway/src/signed-principals';
import { REQUEST_ID_HEADER } from '../../subgraphs/kit/context';
import { PRINCIPAL_HEADER, verifyInternalToken } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';

export interface RecordedFetch {
  subgraph: SubgraphName;
  /** The subgraph's own URL (not the proxy's). */
  url: string;
  body: string;
  /** The headers the gateway sent, but for the principal and the request id (set afresh at replay). */
  headers: Record<string, string>;
  /** The forwarded principal, read from the signed header (signed again at replay: the token lives 60 s). */
  principal: Principal | null;
  /** `_entities` representations sent, when it was an entity fetch. */
  representations: number | undefined;
  startedMs: number;
  endedMs: number;
}

/** One request's fetches, as recorded several times. */
export interface RecordedPlan {
  /** In the order they started in the first recording. */
  fetches: RecordedFetch[];
  /** For each fetch, the earlier ones it waits for: those that had ended before it started in every recording. */
  after: number[][];
}

/** Hop-by-hop headers and those undici sets itself. */
const NOT_FORWARDED = ['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'];

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
          const { [PRINCIPAL_HEADER]: principal, [REQUEST_ID_HEADER]: _requestId, ...sent } = headers;
          recording.push({
            subgraph: name,
            url: new URL(req.url ?? '/graphql', target).toString(),
            body,
            headers: sent,
            principal: await verifyInternalToken(principal, internalTokenSecret),
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
    if (typeof value === 'string' && !NOT_FORWARDED.includes(key)) headers[key] = value;
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

/**
 * Records `run` `times` times (the plan must make the same fetches each time) and keeps, for each
 * fetch, the fetches that ended before it started in every recording: one recording may show two
 * parallel fetches one after the other, by chance; the plan's sequential steps always are.
 */
export async function recordPlan(proxies: RecordingProxies, run: () => Promise<unknown>, times = 5): Promise<RecordedPlan> {
  const recordings: RecordedFetch[][] = [];
  for (let i = 0; i < times; i++) recordings.push(await proxies.record(run));
  const fetches = recordings[0]!;
  const names = fetches.map((_, i) => nameOf(fetches, i));
  const matched = recordings.map((recording) => new Map(recording.map((fetch, i) => [nameOf(recording, i), fetch])));
  if (matched.some((recording) => recording.size !== names.length || names.some((name) => !recording.has(name))))
    throw new Error('the plan made different fetches from one recording to the next');
  const endedBefore = (j: number, i: number) =>
    matched.every((recording) => recording.get(names[j]!)!.endedMs <= recording.get(names[i]!)!.startedMs);
  return { fetches, after: fetches.map((_, i) => fetches.flatMap((_, j) => (j !== i && endedBefore(j, i) ? [j] : []))) };
}

/** A fetch's subgraph and body, and how many such came before it: the same fetch in another recording. */
function nameOf(fetches: RecordedFetch[], i: number): string {
  const { subgraph, body } = fetches[i]!;
  const repeat = fetches.slice(0, i).filter((other) => other.subgraph === subgraph && other.body === body).length;
  return `${subgraph} ${repeat} ${body}`;
}

/**
 * Sends the recorded fetches once, straight to the subgraphs, and returns the time until the last
 * answer's last byte and whether every answer was a 200 without errors. As through the gateway
 * (ask in graph-bench.ts), the answers are parsed after the clock stops; a fetch that depends on
 * another waits for that one's last byte.
 */
export async function replay(plan: RecordedPlan, secret: string, agent: Agent): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const requestId = randomUUID();
  const done: Array<Promise<{ status: number; body: ArrayBuffer }>> = [];
  plan.fetches.forEach((fetch, i) => {
    done[i] = Promise.all(plan.after[i]!.map((j) => done[j])).then(async () => {
      const headers: Record<string, string> = { ...fetch.headers, [REQUEST_ID_HEADER]: requestId };
      if (fetch.principal) headers[PRINCIPAL_HEADER] = await signedPrincipalToken(fetch.principal, secret);
      const answer = await request(fetch.url, { method: 'POST', headers, body: fetch.body, dispatcher: agent });
      return { status: answer.statusCode, body: await answer.body.arrayBuffer() };
    });
  });
  const answers = await Promise.all(done);
  const ms = performance.now() - started;
  const ok = answers.every(
    ({ status, body }) => status === 200 && !(JSON.parse(Buffer.from(body).toString('utf8')) as { errors?: unknown[] }).errors?.length,
  );
  return { ms, ok };
}

export interface Pairs {
  /** Each request through the gateway, in ms. */
  gatewayMs: number[];
  /** Each replay of its plan's fetches, in ms. */
  replayMs: number[];
  errors: number;
}

/**
 * `requests` pairs of a request through the gateway (`viaGateway`: whether it succeeded, and its
 * time to the last byte) and a replay of its plan, one right after the other so both see the same
 * load on a shared machine; which goes first alternates, so neither always finds the connections
 * and caches the other warmed.
 */
export async function measurePairs(
  plan: RecordedPlan,
  requests: number,
  viaGateway: () => Promise<{ ok: boolean; ms: number }>,
  { secret, agent }: { secret: string; agent: Agent },
): Promise<Pairs> {
  const pairs: Pairs = { gatewayMs: [], replayMs: [], errors: 0 };
  const throughGateway = async () => {
    const { ms, ok } = await viaGateway();
    if (!ok) pairs.errors++;
    pairs.gatewayMs.push(ms);
  };
  const direct = async () => {
    const { ms, ok } = await replay(plan, secret, agent);
    if (!ok) pairs.errors++;
    pairs.replayMs.push(ms);
  };
  for (let i = 0; i < Math.min(5, requests); i++) await replay(plan, secret, agent);
  for (let i = 0; i < requests; i++) {
    for (const step of i % 2 === 0 ? [throughGateway, direct] : [direct, throughGateway]) await step();
  }
  return pairs;
}
