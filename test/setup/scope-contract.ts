// The scope checks every subgraph's scope test makes, written once: what each principal's lists
// hold, that a by-id lookup outside the scope answers exactly like a missing record (null), that
// a federation reference outside it resolves to null, and that a request without the gateway's
// principal header is refused. Each subgraph gives its lists, lookups and principals.
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../subgraphs/kit/principal';
import { nodes, type Connection } from './connection';
import type { SubgraphForTest } from './subgraph';

/** An id no record has, for "missing" lookups. */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** What one list (a connection field of the lists query) must hold for a principal. */
export interface ListExpectation<N> {
  totalCount?: number;
  /** The list is not empty, so "only its own" is not passed by seeing nothing. */
  nonEmpty?: boolean;
  /** The ids of the nodes, in order. */
  ids?: string[];
  /** The ids of the nodes, in any order: exactly these, each once. */
  idSet?: string[];
  /** What every node satisfies (its region, owner or provider). */
  every?: (node: N) => boolean;
}

export interface ScopeView {
  /** Read as "<label> sees …" in the test's name. */
  label: string;
  principal: Principal;
  /** A query of its own, when the subgraph's lists query is not what this principal reads. */
  query?: string;
  // Nodes are read loosely: each list's fields are the ones its query selects.
  lists: Record<string, ListExpectation<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ScopeContract {
  subgraph: () => SubgraphForTest;
  /** One query selecting every list the views check (as connections with totalCount and edges). */
  lists: string;
  views: ScopeView[];
  /** By-id lookups (`query` with `$id`, answering `field`) of a record outside `principal`'s scope. */
  byId: ByIdLookup | ByIdLookup[];
  /** A federation reference (`_entities`) inside and one outside `principal`'s scope. */
  entities?: { typename: string; insideId: string; outsideId: string; principal: Principal };
  /** Queries that, sent without the principal header, are refused with 401. */
  unauthenticated: Unauthenticated | Unauthenticated[];
}

export interface ByIdLookup {
  query: string;
  field: string;
  outsideId: string;
  principal: Principal;
  /** A principal whose scope holds the record: it reads it, so "like a missing one" is not passed by a record that does not exist. */
  seenBy?: Principal;
}

export interface Unauthenticated {
  query: string;
  variables?: Record<string, unknown>;
  expectNoData?: boolean;
}

const asList = <T>(one: T | T[]): T[] => (Array.isArray(one) ? one : [one]);

export function describeScopeContract(name: string, contract: ScopeContract): void {
  describe(`${name} scope contract`, () => {
    for (const view of contract.views) {
      it(`${view.label} sees only what its scope holds`, async () => {
        const result = await contract.subgraph().query<Record<string, Connection<unknown>>>(view.principal, view.query ?? contract.lists);
        expect(result.errors).toBeUndefined();
        for (const [field, expected] of Object.entries(view.lists)) expectList(field, result.data![field]!, expected);
      });
    }

    const lookups = asList(contract.byId);
    for (const { query, field, outsideId, principal, seenBy } of lookups) {
      const which = lookups.length > 1 ? ` (${field} as ${principal.subject})` : '';
      it(`a lookup outside the scope answers exactly like a missing one: null${which}`, async () => {
        const hidden = await contract.subgraph().query(principal, query, { id: outsideId });
        const missing = await contract.subgraph().query(principal, query, { id: MISSING_ID });
        expect(hidden).toEqual(missing);
        expect(missing).toEqual({ status: 200, data: { [field]: null } });
        if (seenBy)
          expect(await contract.subgraph().query(seenBy, query, { id: outsideId })).toMatchObject({ data: { [field]: { id: outsideId } } });
      });
    }

    if (contract.entities) {
      const { typename, insideId, outsideId, principal } = contract.entities;
      it(`_entities returns null for a ${typename} outside the principal’s scope`, async () => {
        const result = await contract
          .subgraph()
          .query<{ _entities: Array<{ id: string } | null> }>(
            principal,
            `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { id } } }`,
            { representations: [insideId, outsideId].map((id) => ({ __typename: typename, id })) },
          );
        expect(result.errors).toBeUndefined();
        expect(result.data!._entities).toEqual([{ id: insideId }, null]);
      });
    }

    it('refuses a request without the gateway’s principal header with 401', async () => {
      for (const { query, variables, expectNoData } of asList(contract.unauthenticated)) {
        const result = await contract.subgraph().query(null, query, variables);
        expect(result.status).toBe(401);
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        if (expectNoData) expect(result.data ?? null).toBeNull();
      }
    });
  });
}

function expectList<N>(field: string, connection: Connection<N>, expected: ListExpectation<N>): void {
  if (expected.totalCount !== undefined) expect(connection.totalCount, field).toBe(expected.totalCount);
  if (expected.nonEmpty) expect(connection.totalCount, field).toBeGreaterThan(0);
  const listed = nodes(connection);
  if (expected.ids)
    expect(
      listed.map((node) => (node as { id: string }).id),
      field,
    ).toEqual(expected.ids);
  if (expected.idSet) expect(listed.map((node) => (node as { id: string }).id).sort(), field).toEqual([...expected.idSet].sort());
  if (expected.every) for (const node of listed) expect(expected.every(node), `${field}: ${JSON.stringify(node)}`).toBe(true);
}
