// Hostile queries against a started gateway in front of the four real subgraphs (seeded
// PostgreSQL, real HTTP): the incident's cyclic query and the other bombs are refused with
// QUERY_TOO_COMPLEX before any subgraph hears of them, NUL characters never reach PostgreSQL,
// the IDE's examples still run, and graphql-http's GraphQL-over-HTTP audits pass. Between the
// gateway and each subgraph sits a counting relay, so "no subgraph was called" is observed, not
// inferred. Refusal times are printed for the record, not asserted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits, type AuditResult } from 'graphql-http';
import { exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../gateway/ide/src/examples';
import { readGatewayConfig } from '../../gateway/src/config';
import { issueDevToken } from '../../gateway/src/dev-token';
import { createGateway, type Gateway } from '../../gateway/src/server';
import { SUPERGRAPH_PATH } from '../../schema/compose';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { postGraphQL, startStack, type Stack } from '../setup/stack';

const ISSUER = 'hostile-e2e-idp';
const AUDIENCE = 'hostile-e2e-graph';

let stack: Stack;
let gateway: Gateway;
let gatewayUrl: string;
let privateKey: CryptoKey;
let bureau: string;
const relays: Server[] = [];
/** Requests each subgraph received through its relay. */
const calls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>;
const totalCalls = () => Object.values(calls).reduce((sum, n) => sum + n, 0);

/** Passes every request on to `target`, counting it. */
async function startRelay(name: SubgraphName, target: string): Promise<string> {
  const server = createServer((req, res) => {
    calls[name] += 1;
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([key]) => key !== 'host' && key !== 'content-length'),
      ) as Record<string, string>;
      const response = await fetch(new URL(req.url ?? '/', target), {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  relays.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  const keys = await generateKeyPair('ES256', { extractable: true });
  privateKey = keys.privateKey;
  const relayUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) relayUrls[`${name.toUpperCase()}_URL`] = await startRelay(name, stack.subgraphUrls[name]);
  // Default limits; the rate limit off, as this file sends one principal's requests back to back.
  const config = await readGatewayConfig({
    SUPERGRAPH_PATH,
    JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    INTERNAL_TOKEN_SECRET: stack.internalTokenSecret,
    RATE_LIMIT_PER_SECOND: '0',
    ...relayUrls,
  });
  gateway = await createGateway(config, { ide: async () => false });
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}/graphql`;
  bureau = await issueDevToken({ role: 'BUREAU', sub: 'hostile.bureau' }, { privateKey, issuer: ISSUER, audience: AUDIENCE });
  // One answered request first, so the refusal times below are not the gateway's warm-up.
  expect((await postGraphQL(gatewayUrl, bureau, '{ regions { code } }')).errors).toBeUndefined();
});

afterAll(async () => {
  await gateway?.stop();
  for (const relay of relays) await new Promise((resolve) => relay.close(resolve));
  await stack?.stop();
});

/** The incident's query: providers → hosted systems → their provider → …, `levels` times, 100 per page. */
function cyclicQuery(levels: number): string {
  let inner = 'name';
  for (let level = 0; level < levels; level++) {
    inner = `name hostedSystems(first: 100) { edges { node { name hostingProvider { ${inner} } } } }`;
  }
  return `query Cyclic { providers(first: 100) { edges { node { ${inner} } } } }`;
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await run();
  return { result, ms: performance.now() - start };
}

describe('the incident’s cyclic query', () => {
  it.each([
    [2, 'COST'],
    [3, 'DEPTH'],
    [4, 'DEPTH'],
  ])('at %i levels is refused (%s) before any subgraph is called', async (levels, limit) => {
    const before = totalCalls();
    const { result, ms } = await timed(() => postGraphQL(gatewayUrl, bureau, cyclicQuery(levels)));
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit }) })]);
    expect(totalCalls()).toBe(before);
    console.log(`[hostile-queries] cyclic query, ${levels} levels: refused (${limit}) in ${ms.toFixed(1)} ms`);
  });

  it('at one level (100 providers × 100 systems, cost 50,401) is answered', async () => {
    const before = totalCalls();
    const { result, ms } = await timed(() => postGraphQL(gatewayUrl, bureau, cyclicQuery(1)));
    expect(result.errors).toBeUndefined();
    expect(totalCalls()).toBeGreaterThan(before);
    console.log(`[hostile-queries] cyclic query, 1 level: answered in ${ms.toFixed(1)} ms`);
  });
});

describe('figures (printed, not asserted)', () => {
  it('refusing the cyclic query and the 60,000-field query, 20 times each', async () => {
    const huge = `{ ${Array.from({ length: 60_000 }, (_, i) => `field${i}_abcdefgh: __typename`).join(' ')} }`;
    for (const [label, query] of [
      ['cyclic query, 3 levels', cyclicQuery(3)],
      ['cyclic query, 2 levels (cost)', cyclicQuery(2)],
      ['60,000-field query', huge],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const { result, ms } = await timed(() => postGraphQL(gatewayUrl, bureau, query));
        expect(result.errors![0]!.extensions?.code).toBe('QUERY_TOO_COMPLEX');
        times.push(ms);
      }
      times.sort((a, b) => a - b);
      console.log(`[hostile-queries] ${label}: median ${times[10]!.toFixed(1)} ms, slowest ${times[19]!.toFixed(1)} ms over 20 refusals`);
    }
  });
});

describe('other bombs', () => {
  it.each([
    ['aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: providers(first: 100) { totalCount }`).join(' ')} }`, 'ALIASES'],
    ['directives', `{ ${'__typename @skip(if: false) '.repeat(100)}}`, 'DIRECTIVES'],
    [
      'tokens (the 1.9 MB, 60,000-field query)',
      `{ ${Array.from({ length: 60_000 }, (_, i) => `field${i}_abcdefgh: __typename`).join(' ')} }`,
      'TOKENS',
    ],
  ])('%s: refused before any subgraph is called', async (label, query, limit) => {
    const before = totalCalls();
    const { result, ms } = await timed(() => postGraphQL(gatewayUrl, bureau, query));
    expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit }) })]);
    expect(totalCalls()).toBe(before);
    console.log(`[hostile-queries] ${label}: ${(query.length / 1024).toFixed(0)} KiB refused (${limit}) in ${ms.toFixed(1)} ms`);
  });
});

describe('NUL characters', () => {
  it('a U+0000 in an argument is BAD_USER_INPUT, never an internal error from PostgreSQL', async () => {
    const before = totalCalls();
    const asVariable = await postGraphQL(gatewayUrl, bureau, 'query ($code: ID) { systems(regionCode: $code, first: 1) { totalCount } }', {
      code: '3716\u000002',
    });
    const asLiteral = await postGraphQL(gatewayUrl, bureau, String.raw`{ systems(regionCode: "3716\u000002", first: 1) { totalCount } }`);
    for (const body of [asVariable, asLiteral]) {
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
    }
    expect(totalCalls()).toBe(before);
  });
});

describe('choosing the operation', () => {
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bureau}` },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> },
    };
  };

  it('an operationName the document does not define is BAD_USER_INPUT naming the operations, not an internal error', async () => {
    const before = totalCalls();
    const { status, body } = await post({ query: 'query Ours { regions { code } }', operationName: 'Theirs' });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(body.errors![0]!.message).toContain('Theirs');
    expect(body.errors![0]!.message).toContain('Ours');
    expect(status).toBe(200); // GraphQL over HTTP, application/json: a request error in the body (kit/http.ts)
    expect(totalCalls()).toBe(before);
  });

  it('two operations and no operationName is BAD_USER_INPUT asking for one', async () => {
    const { status, body } = await post({ query: 'query A { regions { code } } query B { regions { name } }' });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(body.errors![0]!.message).toContain('operationName');
    expect(status).toBe(200); // GraphQL over HTTP, application/json: a request error in the body (kit/http.ts)
  });
});

describe('what people use still works', () => {
  it.each(exampleTabs.map((tab, index) => [index, tab.query ?? '']))(
    'IDE example %i runs as the bureau without errors',
    async (_index, query) => {
      const { status, ...body } = await postGraphQL(gatewayUrl, bureau, query);
      expect(body.errors).toBeUndefined();
      expect(status).toBe(200);
    },
  );
});

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  // Notices are MAY items the gateway declines on purpose: GETs without a CSRF preflight header
  // (Apollo's csrfPrevention) are refused, so a browser form cannot fire queries with a user's cookies.
  it('passes every audit: no warning, no failure', async () => {
    const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${bureau}`);
      return fetch(input, { ...init, headers });
    };
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: gatewayUrl, fetchFn })) results.push(await audit.fn());
    const line = (result: AuditResult) => `${result.status} ${result.id} ${result.name}`;
    const count = (status: string) => results.filter((result) => result.status === status).length;
    console.log(
      `[hostile-queries] graphql-http serverAudits: ${count('ok')} ok, ${count('notice')} notices, ${count('warn')} warnings, ${count('error')} errors`,
    );
    expect(results.filter((result) => result.status === 'warn' || result.status === 'error').map(line)).toEqual([]);
    expect(count('ok')).toBeGreaterThanOrEqual(55);
  });
});
