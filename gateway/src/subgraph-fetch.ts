// The HTTP client under the gateway's subgraph calls: undici's fetch on an agent whose idle
// connections expire before the subgraphs' do (kit/keep-alive.ts), with a timeout per call and a
// cap on the answer's size, so a slow, stuck or runaway subgraph costs one fetch, not the request.
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { Agent, fetch, Response } from 'undici';
import { CLIENT_KEEP_ALIVE_TIMEOUT_MS } from '../../subgraphs/kit/keep-alive';

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
  const { timeoutMs, maxResponseBytes, agent } = options;
  return async (url: string, init: FetcherRequestInit = {}) => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal,
        dispatcher: agent,
      });
      const body = await readCapped(response, maxResponseBytes);
      // A fresh response on the bytes read, so the data source parses what was checked.
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (signal.aborted) throw new SubgraphTimeoutError(`no answer within ${timeoutMs} ms`, { cause: error });
      throw error;
    }
  };
}

async function readCapped(response: Awaited<ReturnType<typeof fetch>>, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new SubgraphResponseTooLargeError(`answer of ${declared} bytes exceeds ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new SubgraphResponseTooLargeError(`answer exceeds ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
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
