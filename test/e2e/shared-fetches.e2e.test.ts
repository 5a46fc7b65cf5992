// Identical subgraph fetches in flight at once, across client requests, are sent once
// (gateway/src/shared-fetches.ts). A gate in front of applications holds the first request's fetch
// until the second request's has either arrived too or joined it, so "at once" is certain.
import type { AddressInfo } from 'node:net';
import { exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/src/config';
import { issueDevToken } from '../../gateway/src/dev-token';
import { createGateway, type Gateway } from '../../gateway/src/server';
import { createSharedFetches, SHAREABLE_FETCH_HEADER } from '../../gateway/src/shared-fetches';
import { createSubgraphAgent, createSubgraphFetcher } from '../../gateway/src/subgraph-fetch';
import { PRINCIPAL_HEADER, signInternalToken } from '../../subgraphs/kit/internal-token';
import { Role } from '../../subgraphs/kit/principal';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { startFetchGate, type FetchGate } from '../setup/fetch-gate';
import { postGraphQL, startStack, type GraphQLResult, type Stack } from '../setup/stack';

let stack: Stack;
let gate: FetchGate;

beforeAll(async () => {
  stack = await startStack({
    seed: true,
    gatewayEnv: async (urls) => {
      gate = await startFetchGate(urls.applications);
      return { APPLICATIONS_URL: gate.url };
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await gate?.close();
});

/** The gateway's count of fetches that joined one in flight, for applications. */
async function joinedFetches(gatewayUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gatewayUrl))).text();
  const match = /^gateway_subgraph_fetches_deduplicated_total\{subgraph="applications"\} (\d+)$/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/** Polls until `done` holds (or 15 s pass: the assertions after it then say what went wrong). */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Runs two requests whose applications fetches are in flight together: the second starts once the
 * first's fetch is held at the gate, and the gate opens once the second's has arrived or joined.
 */
async function together<A, B>(gatewayUrl: string, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const joinedBefore = await joinedFetches(gatewayUrl);
  gate.hold();
  const a = first();
  await until(() => gate.received.length >= 1);
  const b = second();
  await until(async () => gate.received.length >= 2 || (await joinedFetches(gatewayUrl)) > joinedBefore);
  gate.release();
  return Promise.all([a, b]);
}

const APPLICATIONS = /* GraphQL */ `
  query ($first: Int) {
    applications(first: $first) {
      totalCount
      edges {
        node {
          id
          number
          status
        }
      }
    }
  }
`;

interface Applications {
  applications: { totalCount: number; edges: Array<{ node: { id: string; number: string; status: string } }> };
}

function ids(answer: GraphQLResult<Applications>): string[] {
  return answer.data!.applications.edges.map((edge) => edge.node.id);
}

describe('identical subgraph fetches in flight', () => {
  it('sends two concurrent identical requests of one principal to the subgraph once, and both get the answer', async () => {
    const token = await stack.token({ role: 'BUREAU', sub: 'shared-bureau' });
    const alone = await stack.query<Applications>(token, APPLICATIONS, { first: 20 });
    expect(alone.errors).toBeUndefined();
    const joinedBefore = await joinedFetches(stack.gatewayUrl);

    const [a, b] = await together(
      stack.gatewayUrl,
      () => stack.query<Applications>(token, APPLICATIONS, { first: 20 }),
      () => stack.query<Applications>(token, APPLICATIONS, { first: 20 }),
    );
    expect(gate.received).toHaveLength(1);
    expect(await joinedFetches(stack.gatewayUrl)).toBe(joinedBefore + 1);
    expect(a).toEqual(alone);
    expect(b).toEqual(alone);
  });

  it('never shares across principals: two counties each get their own applications', async () => {
    const byCounty = new Map<string, number>();
    for (const application of stack.world.applications) {
      if (application.regionCode !== '371600') byCounty.set(application.regionCode, (byCounty.get(application.regionCode) ?? 0) + 1);
    }
    const [first, second] = [...byCounty].sort((x, y) => y[1] - x[1]).map(([code]) => code);
    const tokens = await Promise.all(
      [first!, second!].map((region) => stack.token({ role: 'COUNTY_AUTHORITY', region, sub: 'shared-county' })),
    );
    const alone = await Promise.all(tokens.map((token) => stack.query<Applications>(token, APPLICATIONS, { first: 50 })));
    expect(ids(alone[0]!).length).toBeGreaterThan(0);
    expect(ids(alone[1]!).length).toBeGreaterThan(0);
    expect(ids(alone[0]!).filter((id) => ids(alone[1]!).includes(id))).toEqual([]);
    const joinedBefore = await joinedFetches(stack.gatewayUrl);

    const [a, b] = await together(
      stack.gatewayUrl,
      () => stack.query<Applications>(tokens[0]!, APPLICATIONS, { first: 50 }),
      () => stack.query<Applications>(tokens[1]!, APPLICATIONS, { first: 50 }),
    );
    expect(gate.received).toHaveLength(2);
    expect(await joinedFetches(stack.gatewayUrl)).toBe(joinedBefore);
    expect(a).toEqual(alone[0]);
    expect(b).toEqual(alone[1]);
  });

  it('never shares a mutation', async () => {
    const token = await stack.token({ role: 'BUREAU', sub: 'shared-bureau' });
    const approve = `mutation { approveChange(changeRequestId: "${crypto.randomUUID()}", version: 1) { id } }`;
    const joinedBefore = await joinedFetches(stack.gatewayUrl);

    const [a, b] = await together(
      stack.gatewayUrl,
      () => stack.query(token, approve),
      () => stack.query(token, approve),
    );
    expect(gate.received).toHaveLength(2);
    expect(await joinedFetches(stack.gatewayUrl)).toBe(joinedBefore);
    expect(a.errors?.[0]?.extensions?.code).toBeDefined();
    expect(b.errors?.[0]?.extensions?.code).toBe(a.errors?.[0]?.extensions?.code);
  });

  it('answers each request from its own copy: two operations share the root fetch and merge different provider fields into it', async () => {
    const token = await stack.token({ role: 'BUREAU', sub: 'shared-bureau' });
    const withProvider = (field: 'name' | 'code') => `{ applications(first: 30) { edges { node { id provider { id ${field} } } } } }`;
    type Answer = { applications: { edges: Array<{ node: { id: string; provider: Record<string, string> | null } }> } };
    const aloneName = await stack.query<Answer>(token, withProvider('name'));
    const aloneCode = await stack.query<Answer>(token, withProvider('code'));
    expect(aloneName.errors).toBeUndefined();
    expect(aloneCode.errors).toBeUndefined();
    const joinedBefore = await joinedFetches(stack.gatewayUrl);

    const [byName, byCode] = await together(
      stack.gatewayUrl,
      () => stack.query<Answer>(token, withProvider('name')),
      () => stack.query<Answer>(token, withProvider('code')),
    );
    expect(gate.received).toHaveLength(1);
    expect(await joinedFetches(stack.gatewayUrl)).toBe(joinedBefore + 1);
    expect(byName).toEqual(aloneName);
    expect(byCode).toEqual(aloneCode);
  });

  it('gives each caller of a shared fetch its own parsed objects', async () => {
    const agent = createSubgraphAgent();
    try {
      const fetcher = createSubgraphFetcher({
        timeoutMs: 10_000,
        maxResponseBytes: 1 << 20,
        agent,
        shared: { fetches: createSharedFetches({ enabled: true }), subgraph: 'applications' },
      });
      const principal = await signInternalToken({ subject: 'shared-bureau', role: Role.BUREAU }, stack.internalTokenSecret);
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: principal, [SHAREABLE_FETCH_HEADER]: '1' },
        body: JSON.stringify({ query: '{ applications(first: 3) { edges { node { id } } } }' }),
      };
      gate.hold();
      const first = fetcher(gate.url, init);
      await until(() => gate.received.length >= 1);
      const second = fetcher(gate.url, init);
      gate.release();
      const [a, b] = (await Promise.all([(await first).json(), (await second).json()])) as Array<{ data: Record<string, unknown> }>;
      expect(gate.received).toHaveLength(1);
      expect(a).toEqual(b);
      expect(a.data).not.toBe(b.data);
      a.data.applications = null;
      expect(b.data.applications).not.toBeNull();
    } finally {
      await agent.close();
    }
  });
});

describe('SUBGRAPH_DEDUPE=false', () => {
  let gateway: Gateway;
  let gatewayUrl: string;
  let bearer: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const config = await readGatewayConfig({
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_SECOND: '0',
      JWT_PUBLIC_KEY: await exportSPKI(publicKey),
      JWT_ISSUER: 'dedupe-off',
      JWT_AUDIENCE: 'dedupe-off',
      INTERNAL_TOKEN_SECRET: stack.internalTokenSecret,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, stack.subgraphUrls[name]])),
      APPLICATIONS_URL: gate.url,
      SUBGRAPH_DEDUPE: 'false',
    });
    gateway = await createGateway(config, { ide: async () => false });
    await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}/graphql`;
    bearer = await issueDevToken({ role: 'BUREAU', sub: 'shared-bureau' }, { privateKey, issuer: 'dedupe-off', audience: 'dedupe-off' });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('sends every fetch, identical ones in flight together too', async () => {
    const query = () => postGraphQL<Applications>(gatewayUrl, bearer, APPLICATIONS, { first: 20 });
    const alone = await query();
    expect(alone.errors).toBeUndefined();

    const [a, b] = await together(gatewayUrl, query, query);
    expect(gate.received).toHaveLength(2);
    expect(await joinedFetches(gatewayUrl)).toBe(0);
    expect(a).toEqual(alone);
    expect(b).toEqual(alone);
  });
});
