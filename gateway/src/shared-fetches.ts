// Identical subgraph fetches in flight at the same moment, from concurrent client requests, are
// sent once and the answer shared (issue 14: ten people opening the city dashboard together made
// the subgraphs resolve the same plan ten times). Identical means the same URL, the same body
// (operation text and variables) and the same forwarded principal, every claim of it: answers are
// never shared across principals, whose scopes differ. Only a query request's fetches are shared
// (the data source marks them, principal-data-source.ts): never a mutation, nor the fetches a
// mutation request makes after it, which must see what it changed. Each caller gets its own
// Response around the shared bytes and parses its own objects, so none can alter another's.
import type { FetcherRequestInit } from '@apollo/utils.fetcher';
import { PRINCIPAL_HEADER } from '../../subgraphs/kit/internal-token';

/** Set by the data source on a fetch that may be shared; removed before the fetch is sent. */
export const SHAREABLE_FETCH_HEADER = 'x-gateway-shareable-fetch';

export type SendFetch<T> = (url: string, init: FetcherRequestInit) => Promise<T>;

export interface SharedFetches {
  /** Sends the fetch through `send`, or joins the identical one in flight. */
  fetch<T>(subgraph: string, url: string, init: FetcherRequestInit, send: SendFetch<T>): Promise<T>;
}

export interface SharedFetchesOptions {
  /** SUBGRAPH_DEDUPE (default true); off, every fetch is sent. */
  enabled: boolean;
  /** Counts a fetch that joined one in flight (gateway_subgraph_fetches_deduplicated_total). */
  onShared?: (subgraph: string) => void;
}

export function createSharedFetches({ enabled, onShared }: SharedFetchesOptions): SharedFetches {
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    fetch<T>(subgraph: string, url: string, init: FetcherRequestInit, send: SendFetch<T>): Promise<T> {
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      const shareable = headers[SHAREABLE_FETCH_HEADER] !== undefined;
      delete headers[SHAREABLE_FETCH_HEADER];
      const sent = { ...init, headers };
      const key = enabled && shareable ? keyOf(url, sent) : undefined;
      if (key === undefined) return send(url, sent);
      const joined = inFlight.get(key) as Promise<T> | undefined;
      if (joined) {
        onShared?.(subgraph);
        return joined;
      }
      const started = send(url, sent);
      inFlight.set(key, started);
      const forget = () => void (inFlight.get(key) === started && inFlight.delete(key));
      started.then(forget, forget);
      return started;
    },
  };
}

/** Undefined when the fetch must go alone: not a POST with a body, or no principal to scope it by. */
function keyOf(url: string, init: FetcherRequestInit & { headers: Record<string, string> }): string | undefined {
  const principal = claimsOf(init.headers[PRINCIPAL_HEADER]);
  if (init.method !== 'POST' || typeof init.body !== 'string' || principal === undefined) return undefined;
  return JSON.stringify([url, principal, init.body]);
}

/**
 * Every claim of the forwarded principal but those that change with each signing (the gateway
 * signed it moments ago in this process; the subgraph verifies it). Read from the token, not the
 * request's context, so a claim added to the token is part of the key without a change here.
 */
function claimsOf(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const {
      iat: _iat,
      exp: _exp,
      nbf: _nbf,
      jti: _jti,
      ...claims
    } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return JSON.stringify(Object.entries(claims).sort(([a], [b]) => (a < b ? -1 : 1)));
  } catch {
    return undefined;
  }
}
