// Identical subgraph fetches in flight at the same moment, from concurrent client requests, are
// sent once and the answer shared (issue 14: ten people opening the city dashboard together made
// the subgraphs resolve the same plan ten times). Identical means the same URL, the same body
// (operation text and variables) and the same forwarded principal, every claim of it: answers are
// never shared across principals, whose scopes differ. Only a query request's fetches are shared
// (the data source marks them, principal-data-source.ts): never a mutation, nor the fetches a
// mutation request makes after it, which must see what it changed. Each caller gets its own
// Response around the shared bytes and parses its own objects, so none can alter another's.
// Read-your-writes: once a fetch that may write (any fetch not shared: a mutation request's) has
// ended, a query arriving after it never joins a fetch that began before it ended, whose answer may
// predate the write. That holds within this gateway process; replicas do not share fetches.
import type { FetcherRequestInit } from '@apollo/utils.fetcher';
import { LRUCache } from 'lru-cache';
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
  const inFlight = new Map<string, { answer: Promise<unknown>; writesBefore: number }>();
  // Fetches that may have written, ended so far.
  let writes = 0;
  return {
    fetch<T>(subgraph: string, url: string, init: FetcherRequestInit, send: SendFetch<T>): Promise<T> {
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      const shareable = headers[SHAREABLE_FETCH_HEADER] !== undefined;
      delete headers[SHAREABLE_FETCH_HEADER];
      const sent = { ...init, headers };
      const key = enabled && shareable ? keyOf(url, sent) : undefined;
      if (key === undefined) {
        if (shareable) return send(url, sent);
        const written = () => void (writes += 1);
        const answer = send(url, sent);
        answer.then(written, written);
        return answer;
      }
      const joined = inFlight.get(key);
      if (joined && joined.writesBefore === writes) {
        onShared?.(subgraph);
        return joined.answer as Promise<T>;
      }
      const started = { answer: send(url, sent), writesBefore: writes };
      inFlight.set(key, started);
      const forget = () => void (inFlight.get(key) === started && inFlight.delete(key));
      started.answer.then(forget, forget);
      return started.answer as Promise<T>;
    },
  };
}

/** Undefined when the fetch must go alone: not a POST with a body, or no principal to scope it by. */
function keyOf(url: string, init: FetcherRequestInit & { headers: Record<string, string> }): string | undefined {
  const principal = claimsOf(init.headers[PRINCIPAL_HEADER]);
  if (init.method !== 'POST' || typeof init.body !== 'string' || principal === undefined) return undefined;
  // Neither a URL nor the principal's JSON holds a raw line break, so the three cannot run together;
  // the body (a plan's representations, kilobytes) is not escaped a second time.
  return `${url}\n${principal}\n${init.body}`;
}

/**
 * Every claim of the forwarded principal but those that change with each signing (the gateway
 * signed it moments ago in this process; the subgraph verifies it). Read from the token, not the
 * request's context, so a claim added to the token is part of the key without a change here.
 * A token serves one user's fetches for 20 s (signed-principals.ts), so each is read once.
 */
function claimsOf(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const known = claimsByToken.get(token);
  if (known !== undefined) return known || undefined;
  const claims = readClaims(token);
  claimsByToken.set(token, claims ?? '');
  return claims;
}

/** The claims of each token read lately; '' for a token without readable claims. */
const claimsByToken = new LRUCache<string, string>({ max: 10_000 });

function readClaims(token: string): string | undefined {
  const payload = token.split('.')[1];
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
