// Sending generated probes: a few at a time (the machine is shared), each answer classified by
// what the brief of a probe suite counts — HTTP status, error codes, internal errors.
import { postGraphQL, type GraphQLResult } from './graphql-client';
import { PRINCIPAL_HEADER, signInternalToken } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';

export type Answer = GraphQLResult;

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The error codes of an answer (a body that is not GraphQL counts as `NO_GRAPHQL_BODY`). */
export function codesOf(answer: Answer): string[] {
  return (answer.errors ?? []).map((error) => String(error.extensions?.code ?? 'NO_CODE'));
}

/** An answer that is a server fault: HTTP 5xx or an INTERNAL_SERVER_ERROR anywhere in it. */
export function isServerFault(answer: Answer): boolean {
  return answer.status >= 500 || codesOf(answer).includes('INTERNAL_SERVER_ERROR');
}

/**
 * The fields the gateway nulled in an answer because a subgraph left a non-null one empty (Apollo's
 * `extensions.valueCompletion`): a record the caller sees pointing at one it may not, say. The data
 * then lacks a whole list without an error, so a probe counts it as a fault of its own.
 */
export function nulledFields(answer: Answer): string[] {
  const completion = answer.extensions?.valueCompletion;
  if (!Array.isArray(completion)) return [];
  return completion.map((entry: { message?: unknown; path?: unknown }) => `${String(entry.message)} at ${JSON.stringify(entry.path)}`);
}

/** POSTs to a URL, tolerating bodies that are not JSON (counted as the status alone). */
export async function post(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Answer> {
  return postGraphQL(url, null, query, variables, headers);
}

/** Headers a subgraph accepts: the principal signed as the gateway signs it. */
export async function principalHeaders(principal: Principal, secret: string): Promise<Record<string, string>> {
  return { [PRINCIPAL_HEADER]: await signInternalToken(principal, secret) };
}

/** A tally of answers by a label (status or code), printed as one line. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(label: string, by = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + by);
  }
  toString(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, count]) => `${label}=${count}`)
      .join(' ');
  }
}

/**
 * The gateway's query limits raised for the probe suites: they read whole lists at depth to learn
 * who owns what, which an ordinary client is not allowed to do (the limits are tested elsewhere).
 */
export const PROBE_GATEWAY_LIMITS = () => ({
  GRAPHQL_MAX_TOKENS: '50000',
  GRAPHQL_MAX_COST: '100000000',
  GRAPHQL_MAX_DEPTH: '30',
  GRAPHQL_MAX_ALIASES: '1000',
});
