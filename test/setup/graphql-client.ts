// The one GraphQL client of the tests, for the gateway and for a subgraph alike: one answer shape
// ({ data, errors, status }, and the HTTP headers when asked for), a string or a typed document, and who asks
// as a user token (gateway) or a principal (subgraph, signed as the gateway signs it).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { PRINCIPAL_HEADER, signInternalToken } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';

/** The secret the test subgraphs verify forwarded principals with (a stack makes its own). */
export const TEST_INTERNAL_SECRET = 'test-internal-token-secret-0123456789abcdef';

export interface GraphQLErrorBody {
  message: string;
  path?: unknown[];
  extensions?: Record<string, unknown>;
}

/** What a GraphQL answer carries, and how it came over HTTP. */
export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
  /** The gateway's `valueCompletion` lists fields it nulled because a subgraph left a non-null one empty. */
  extensions?: Record<string, unknown>;
  status: number;
  headers: Headers;
}

/** An operation as text, or a typed document whose result and variables types the answer takes. */
export type GraphQLOperation<T, V> = string | TypedDocumentNode<T, V>;

/**
 * Who asks: a user's JWT (sent as a bearer token, to the gateway), a principal (sent in the
 * principal header signed with TEST_INTERNAL_SECRET, to a subgraph), or no one (null).
 */
export type GraphQLCaller = string | Principal | null;

/** POSTs `operation` to `url` as `caller`; `headers` add to (or replace) the ones it sends. */
export async function postGraphQL<T = Record<string, unknown>, V = Record<string, unknown>>(
  url: string,
  caller: GraphQLCaller,
  operation: GraphQLOperation<T, V>,
  variables?: V,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const sent: Record<string, string> = { 'content-type': 'application/json', ...(await callerHeaders(caller)), ...headers };
  const query = typeof operation === 'string' ? operation : print(operation);
  const response = await fetch(url, { method: 'POST', headers: sent, body: JSON.stringify({ query, variables }) });
  const body = parseBody<T>(await response.text());
  // Headers are there when asked for, but not enumerable: answers compare (toEqual) on body and status.
  return Object.defineProperty({ ...body, status: response.status }, 'headers', {
    value: response.headers,
    enumerable: false,
  }) as GraphQLResult<T>;
}

/** The answer's JSON; an answer that is not JSON (a proxy's error page, say) becomes one NO_GRAPHQL_BODY error. */
function parseBody<T>(text: string): Pick<GraphQLResult<T>, 'data' | 'errors'> {
  try {
    return JSON.parse(text) as Pick<GraphQLResult<T>, 'data' | 'errors'>;
  } catch {
    return { errors: [{ message: text.slice(0, 200), extensions: { code: 'NO_GRAPHQL_BODY' } }] };
  }
}

async function callerHeaders(caller: GraphQLCaller): Promise<Record<string, string>> {
  if (caller === null) return {};
  if (typeof caller === 'string') return { authorization: `Bearer ${caller}` };
  return { [PRINCIPAL_HEADER]: await signInternalToken(caller, TEST_INTERNAL_SECRET) };
}
