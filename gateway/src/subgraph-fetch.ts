// The HTTP client under the gateway's subgraph calls: undici's request() on an agent whose idle
// connections expire before the subgraphs' do (kit/keep-alive.ts), with a timeout per call and a
// cap on the answer's size, so a slow, stuck or runaway subgraph costs one fetch, not the request.
// request(), not fetch(): the WHATWG layer (a stream for the body written in pieces, a Response
// rebuilt around the capped bytes) cost a fifth of the gateway's CPU on the city dashboard (issue 14).
import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, Headers, request } from 'undici';
import { CLIENT_KEEP_ALIVE_TIMEOUT_MS } from '../../subgraphs/kit/keep-alive';
import type { SharedFetches } from './shared-fetches';

/** The subgraph did not answer within its timeout. */
export class SubgraphTimeoutError extends Error {
  override name = 'SubgraphTimeoutError';
}

/** The subgraph's answer was larger than SUBGRAPH_MAX_RESPONSE_BYTES; it was not read to the end. */
export class SubgraphResponseTooLargeError extends Error {
  override name = 'SubgraphResponseTooLargeError';
}

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** Shared by the gateway's data sources; one pool per subgraph origin. */
  agent: Agent;
  /** Identical fetches in flight at once sent once (shared-fetches.ts), counted under `subgraph`. */
  shared?: { fetches: SharedFetches; subgraph: string };
}

/** One agent for all subgraph calls of a gateway; close it when the gateway stops. */
export function createSubgraphAgent(): Agent {
  return new Agent({
    keepAliveTimeout: CLIENT_KEEP_ALIVE_TIMEOUT_MS,
    // A server's "Keep-Alive: timeout=" hint may shorten the idle time, never lengthen it past ours.
    keepAliveMaxTimeout: CLIENT_KEEP_ALIVE_TIMEOUT_MS,
    connect: { timeout: 2_000 },
  });
}

/**
 * A fetcher for RemoteGraphQLDataSource. The whole call — connecting, waiting, reading the body —
 * must finish within `timeoutMs`; the body is read up to `maxResponseBytes` and then dropped.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  const { timeoutMs, maxResponseBytes, agent, shared } = options;
  const send = async (url: string, init: FetcherRequestInit): Promise<CapturedAnswer> => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const answer = await request(url, {
        method: (init.method ?? 'POST') as 'POST',
        headers: init.headers,
        body: init.body,
        signal,
        dispatcher: agent,
      });
      return { status: answer.statusCode, headers: answer.headers, body: await readCapped(answer, maxResponseBytes) };
    } catch (error) {
      if (signal.aborted) throw new SubgraphTimeoutError(`no answer within ${timeoutMs} ms`, { cause: error });
      throw error;
    }
  };
  return async (url: string, init: FetcherRequestInit = {}) => {
    const { status, headers, body } = shared ? await shared.fetches.fetch(shared.subgraph, url, init, send) : await send(url, init);
    // A Response of its own for each caller, even of a shared answer: each parses its own objects.
    return capturedResponse(url, status, headers, body);
  };
}

type Answer = Awaited<ReturnType<typeof request>>;

/** An answer read to the end: never changed once read, so callers of a shared fetch may hold it together. */
interface CapturedAnswer {
  status: number;
  headers: Answer['headers'];
  body: Buffer;
}

async function readCapped(answer: Answer, maxBytes: number): Promise<Buffer> {
  // Dropping the rest of an answer aborts it: that is the point, not an error to report.
  const drop = () => answer.body.on('error', () => undefined).destroy();
  const declared = Number(answer.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    drop();
    throw new SubgraphResponseTooLargeError(`answer of ${declared} bytes exceeds ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer.body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      drop();
      throw new SubgraphResponseTooLargeError(`answer exceeds ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** The answer, read to the end and checked, as the Response the data source parses. */
function capturedResponse(url: string, status: number, raw: Answer['headers'], body: Buffer): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  let used = false;
  const text = async () => {
    used = true;
    return body.toString('utf8');
  };
  const response: FetcherResponse = {
    get bodyUsed() {
      return used;
    },
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: STATUS_CODES[status] ?? '',
    headers,
    text,
    json: async () => JSON.parse(await text()) as unknown,
    arrayBuffer: async () => {
      used = true;
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    },
    clone: () => capturedResponse(url, status, raw, body),
  };
  return response;
}

/**
 * A connection the subgraph closed as we sent on it (a reused keep-alive socket, the subgraph
 * restarting): the request never reached a resolver, so a query may be sent again once.
 */
export function isConnectionReset(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return true;
    if (typeof message === 'string' && (message.includes('socket hang up') || message.includes('other side closed'))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
