// The gateway's defences over real HTTP, in front of one small fake subgraph (no database):
// query limits refused before any subgraph call, body size, NUL characters, GraphQL-over-HTTP
// status codes, introspection and suggestions by environment, and the rate limit.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/src/config';
import { issueDevToken } from '../../../gateway/src/dev-token';
import { createGateway, type Gateway } from '../../../gateway/src/server';
import { createContextFactory, type SubgraphContext } from '../../../subgraphs/kit/context';
import { createFormatError } from '../../../subgraphs/kit/format-error';
import { createGraphQLHttpHandler, MAX_JSON_DEPTH } from '../../../subgraphs/kit/http';

const SECRET = 'hardening-test-internal-secret-0123456789';
const ISSUER = 'hardening-issuer';
const AUDIENCE = 'hardening-audience';

const TYPE_DEFS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    me: Me
    things(first: Int = 20, after: String): ThingConnection!
    echo(text: String): String
    byRole(role: Role): String
  }
  enum Role { BUREAU CENTER AUDITOR }
  type Me @key(fields: "id") { id: ID! role: String }
  type ThingConnection { edges: [ThingEdge!]! }
  type ThingEdge { node: Thing! }
  type Thing { id: ID! name: String children(first: Int = 20): ThingConnection! }`;

const page = (first: number) => ({
  edges: Array.from({ length: Math.min(first, 2) }, (_, i) => ({ node: { id: String(i), name: `thing ${i}` } })),
});
const RESOLVERS = {
  Query: {
    me: (_: unknown, __: unknown, context: SubgraphContext<unknown>) => ({ id: context.principal.subject, role: context.principal.role }),
    things: (_: unknown, args: { first: number }) => page(args.first),
    echo: (_: unknown, args: { text: string }) => args.text,
    byRole: (_: unknown, args: { role: string }) => args.role,
  },
  Thing: { children: (_: unknown, args: { first: number }) => page(args.first) },
};

/** The fake subgraph counts the requests it receives: a refused operation must leave it at 0. */
let subgraphRequests = 0;
let subgraph: { server: Server; apollo: ApolloServer<SubgraphContext<unknown>>; url: string };
let supergraphPath: string;
let privateKey: CryptoKey;
let publicKeyPem: string;
const gateways: Gateway[] = [];

async function startSubgraph() {
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSubgraphSchema({ typeDefs: parse(TYPE_DEFS), resolvers: RESOLVERS as GraphQLResolverMap<unknown> }),
    formatError: createFormatError({ log: () => undefined }),
  });
  await apollo.start();
  const verify = createContextFactory({ dataSource: {} as DataSource, internalTokenSecret: SECRET, createLoaders: () => ({}) });
  const context = (req: Parameters<typeof verify>[0]) => {
    subgraphRequests++;
    return verify(req);
  };
  const server = createServer(createGraphQLHttpHandler(apollo, { context }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, apollo, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/** A gateway over the fake subgraph with these extra settings; returns its /graphql URL. */
async function startGateway(env: Record<string, string>): Promise<string> {
  const config = await readGatewayConfig({
    PROVIDERS_URL: subgraph.url,
    ...Object.fromEntries(['APPLICATIONS', 'SECURITY', 'SUPERVISION'].map((name) => [`${name}_URL`, 'http://127.0.0.1:2/graphql'])),
    SUPERGRAPH_PATH: supergraphPath,
    JWT_PUBLIC_KEY: publicKeyPem,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    INTERNAL_TOKEN_SECRET: SECRET,
    ...env,
  });
  const gateway = await createGateway(config, { ide: async () => false });
  gateways.push(gateway);
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}/graphql`;
}

const bearer = async (sub: string, role = 'BUREAU') =>
  `Bearer ${await issueDevToken({ role, sub }, { privateKey, issuer: ISSUER, audience: AUDIENCE })}`;

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

let dev: string; // defaults outside production, rate limit off
let production: string; // NODE_ENV=production: introspection and suggestions off
let productionIntrospection: string; // production with GRAPHQL_INTROSPECTION=true
let small: string; // a 64 KiB body limit and a burst of 3 requests, refilled once every 100 s

beforeAll(async () => {
  subgraph = await startSubgraph();
  const composed = composeServices([{ name: 'providers', url: subgraph.url, typeDefs: parse(TYPE_DEFS) }]);
  expect(composed.errors).toBeUndefined();
  supergraphPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'gateway-hardening-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl!);
  const keys = await generateKeyPair('ES256', { extractable: true });
  privateKey = keys.privateKey;
  publicKeyPem = await exportSPKI(keys.publicKey);
  dev = await startGateway({ RATE_LIMIT_PER_SECOND: '0' });
  // Ad-hoc documents, as an analyst or a development front end sends them (trusted documents: trusted-documents*.test.ts).
  production = await startGateway({ NODE_ENV: 'production', RATE_LIMIT_PER_SECOND: '0', TRUSTED_DOCUMENTS: 'off' });
  productionIntrospection = await startGateway({
    NODE_ENV: 'production',
    GRAPHQL_INTROSPECTION: 'true',
    RATE_LIMIT_PER_SECOND: '0',
    TRUSTED_DOCUMENTS: 'off',
  });
  small = await startGateway({ GRAPHQL_MAX_BODY_BYTES: '65536', RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_SECOND: '0.01' });
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await new Promise((resolve) => subgraph?.server.close(resolve));
  await subgraph?.apollo.stop();
});

/** things → children → children …, `levels` deep, 100 per page. */
const nested = (levels: number) => {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `name children(first: 100) { edges { node { ${inner} } } }`;
  return `{ things(first: 100) { edges { node { ${inner} } } } }`;
};

describe('limits, refused before any subgraph is called', () => {
  it('answers an ordinary query', async () => {
    const { status, body } = await post(
      dev,
      { query: '{ things(first: 2) { edges { node { name } } } }' },
      { authorization: await bearer('ordinary') },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ things: { edges: [{ node: { name: 'thing 0' } }, { node: { name: 'thing 1' } }] } });
  });

  it.each([
    ['cost', nested(2), 'COST'],
    ['depth', nested(4), 'DEPTH'],
    ['aliases', `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: echo(text: "x")`).join(' ')} }`, 'ALIASES'],
    ['directives', `{ ${'echo(text: "x") @skip(if: false) '.repeat(21)}}`, 'DIRECTIVES'],
    [
      'tokens: the 60,000-field query',
      `{ ${Array.from({ length: 60_000 }, (_, i) => `field${i}_abcdefgh: __typename`).join(' ')} }`,
      'TOKENS',
    ],
  ])('refuses a query over the %s limit with QUERY_TOO_COMPLEX', async (_label, query, limit) => {
    const authorization = await bearer('limits');
    const before = subgraphRequests;
    const { status, body } = await post(dev, { query }, { authorization });
    expect(status).toBe(200); // application/json: a GraphQL request error (see below)
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
    expect(body.errors![0]!.message).toMatch(/超出上限/);
    expect(subgraphRequests).toBe(before);
  });

  it('refuses a body over GRAPHQL_MAX_BODY_BYTES with 413 before reading it', async () => {
    const query = `{ echo(text: "${'x'.repeat(70_000)}") }`;
    const { status, body } = await post(small, { query }, { authorization: await bearer('body') });
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', maxBytes: 65536 });
    expect(body.errors![0]!.message).toMatch(/请求体超过 64 KiB 上限/);
  });
});

describe('characters no text may hold (U+0000, other controls, bidirectional overrides)', () => {
  it.each([
    ['in a variable', { query: 'query ($t: String) { echo(text: $t) }', variables: { t: 'a\u0000b' } }],
    [
      'an escape sequence for a terminal, in a variable',
      { query: 'query ($t: String) { echo(text: $t) }', variables: { t: 'a\u001b[2J' } },
    ],
    ['a right-to-left override, in a variable', { query: 'query ($t: String) { echo(text: $t) }', variables: { t: '报告\u202efdp.exe' } }],
    ['a right-to-left override, as an escape in a string literal', { query: String.raw`{ echo(text: "a\u202Eb") }` }],
    ['in a nested variable key', { query: 'query ($t: String) { echo(text: $t) }', variables: { ['t\u0000']: 'x' } }],
    ['as an escape in a string literal', { query: String.raw`{ echo(text: "a\u0000b") }` }],
    ['raw in the query text', { query: '{ echo(text: "a\u0000b") }' }],
    ['in the operation name', { query: '{ echo(text: "a") }', operationName: 'A\u0000' }],
  ])('refuses one %s with BAD_USER_INPUT', async (_label, payload) => {
    const before = subgraphRequests;
    const { body } = await post(dev, payload, { authorization: await bearer('nul') });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/U\+0000/);
    expect(subgraphRequests).toBe(before);
  });

  it('refuses it in GET variables too, and 400 under application/graphql-response+json', async () => {
    const url = new URL(dev);
    url.searchParams.set('query', 'query ($t: String) { echo(text: $t) }');
    url.searchParams.set('variables', JSON.stringify({ t: '\u0000' }));
    const response = await fetch(url, {
      headers: { authorization: await bearer('nul'), accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    expect(((await response.json()) as Answer['body']).errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets tab, line feed, carriage return and any other character through', async () => {
    const text = 'a\tb\nc\r\n滨州 😀 \u00e9 \\u0000 \\b';
    const { body } = await post(
      dev,
      { query: 'query ($t: String) { echo(text: $t) }', variables: { t: text } },
      { authorization: await bearer('nul') },
    );
    expect(body).toEqual({ data: { echo: text } });
  });
});

describe('GraphQL-over-HTTP status codes', () => {
  it.each([
    ['no Accept header', {}, 200, 'application/json'],
    ['Accept: application/json', { accept: 'application/json' }, 200, 'application/json'],
    [
      'Accept: application/graphql-response+json',
      { accept: 'application/graphql-response+json' },
      400,
      'application/graphql-response+json',
    ],
  ])('a validation error with %s is %i', async (_label, headers, expected, mediaType) => {
    const { status, headers: answered, body } = await post(dev, { query: '{ nope }' }, { ...headers, authorization: await bearer('http') });
    expect(status).toBe(expected);
    expect(answered.get('content-type')).toContain(mediaType);
    expect(body.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a body that is not a GraphQL request stays 400 BAD_REQUEST under application/json', async () => {
    const { status, body } = await post(dev, '[1, 2]', { authorization: await bearer('http') });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('a client’s mistakes: a stable code, a Chinese message, never an internal error', () => {
  const QUERY = '{ echo(text: "hi") }';
  const HASH = createHash('sha256').update(QUERY).digest('hex');
  const cases: Array<[string, unknown, string]> = [
    [
      'a persisted-query version Apollo does not know',
      { query: QUERY, extensions: { persistedQuery: { version: 2, sha256Hash: HASH } } },
      'BAD_REQUEST',
    ],
    [
      'a hash that is not the query’s',
      { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
      'BAD_REQUEST',
    ],
    ['a hash that is not a string', { query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 123 } } }, 'BAD_REQUEST'],
    ['a persistedQuery that is not an object', { query: QUERY, extensions: { persistedQuery: 'x' } }, 'BAD_REQUEST'],
    ['a batch', [{ query: QUERY }, { query: QUERY }], 'BAD_REQUEST'],
    ['a query that is not a string', { query: 123 }, 'BAD_REQUEST'],
    ['an enum variable with no such value', { query: 'query ($r: Role) { byRole(role: $r) }', variables: { r: 'LOW' } }, 'BAD_USER_INPUT'],
  ];
  it.each(cases)('%s', async (_label, payload, code) => {
    const { status, body } = await post(dev, payload, { authorization: await bearer('mistakes') });
    expect(body.errors![0]!.extensions?.code).toBe(code);
    expect(body.errors![0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(status).toBeLessThan(500);
  });

  it('PersistedQueryNotFound keeps its text, which clients of that protocol compare', async () => {
    const { body } = await post(
      dev,
      { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ me { id } }').digest('hex') } } },
      { authorization: await bearer('mistakes') },
    );
    expect(body.errors![0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });
});

describe('introspection and suggestions by environment', () => {
  const schemaQuery = { query: '{ __schema { queryType { name } } }' };

  it('outside production: introspection is answered, even without a token, and errors suggest fields', async () => {
    expect((await post(dev, schemaQuery)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const { body } = await post(dev, { query: '{ thingz { edges { node { name } } } }' }, { authorization: await bearer('dev') });
    expect(body.errors![0]!.message).toMatch(/Did you mean "things"\?/);
  });

  it('in production: introspection is off (INTROSPECTION_DISABLED), __typename still works', async () => {
    const authorization = await bearer('prod');
    const { body } = await post(production, schemaQuery, { authorization });
    expect(body.errors![0]!.extensions).toEqual({ code: 'INTROSPECTION_DISABLED' });
    expect(body.errors![0]!.message).toMatch(/已关闭架构查询/);
    expect(
      (await post(production, { query: '{ __type(name: "Query") { name } }' }, { authorization })).body.errors![0]!.extensions?.code,
    ).toBe('INTROSPECTION_DISABLED');
    expect((await post(production, { query: '{ __typename }' }, { authorization })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('in production: no anonymous request at all, not even __typename', async () => {
    const { status, body } = await post(production, { query: '{ __typename }' });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('in production with GRAPHQL_INTROSPECTION=true: signed-in users may introspect, anonymous ones may not', async () => {
    const signedIn = await post(productionIntrospection, schemaQuery, { authorization: await bearer('prod') });
    expect(signedIn.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const anonymous = await post(productionIntrospection, schemaQuery);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('in production: no "Did you mean" in validation or variable errors', async () => {
    const authorization = await bearer('prod');
    const field = await post(production, { query: '{ thingz { edges { node { name } } } }' }, { authorization });
    expect(field.body.errors![0]!.message).toMatch(/Cannot query field "thingz"/);
    const enumValue = await post(
      production,
      { query: 'query ($r: Role) { byRole(role: $r) }', variables: { r: 'BUREA' } },
      { authorization },
    );
    expect(enumValue.body.errors![0]!.message).toMatch(/"BUREA"/);
    for (const { body } of [field, enumValue]) expect(JSON.stringify(body)).not.toMatch(/Did you mean|BUREAU|things/);
  });
});

describe('rate limit', () => {
  const echo = { query: '{ echo(text: "hi") }' };

  it('refuses a principal past its burst with 429, Retry-After and RATE_LIMITED; others are not affected', async () => {
    const authorization = await bearer('busy.user');
    for (let i = 0; i < 3; i++) expect((await post(small, echo, { authorization })).body).toEqual({ data: { echo: 'hi' } });
    const before = subgraphRequests;
    const refused = await post(small, echo, { authorization });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.body.errors![0]!.message).toMatch(/请求过于频繁/);
    expect(subgraphRequests).toBe(before);
    // Same person in another role, and another person: their own buckets.
    expect((await post(small, echo, { authorization: await bearer('busy.user', 'AUDITOR') })).status).toBe(200);
    expect((await post(small, echo, { authorization: await bearer('other.user') })).status).toBe(200);
  });

  it('limits anonymous requests and rejected tokens by address', async () => {
    const introspect = { query: '{ __typename }' };
    for (let i = 0; i < 2; i++) expect((await post(small, introspect)).status).toBe(200);
    expect((await post(small, introspect, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const refused = await post(small, introspect, { authorization: 'Bearer not-a-token' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions?.code).toBe('RATE_LIMITED');
    expect((await post(small, introspect)).status).toBe(429);
  });
});

describe('metrics', () => {
  it('count refusals by their own code, limits reported during validation included', async () => {
    // Three too deep, then past the burst of three.
    const authorization = await bearer('metrics.flood');
    for (let i = 0; i < 4; i++) await post(small, { query: nested(4) }, { authorization });
    const text = await (await fetch(new URL('/metrics', small))).text();
    await post(dev, { query: `{ ${'__typename '.repeat(1001)}}` }, { authorization: await bearer('metrics') });
    const devText = await (await fetch(new URL('/metrics', dev))).text();
    expect(devText).toMatch(/graphql_errors_total\{code="QUERY_TOO_COMPLEX"\} [1-9]/);
    expect(devText).not.toMatch(/GRAPHQL_PARSE_FAILED/);
    expect(text).toMatch(/graphql_errors_total\{code="QUERY_TOO_COMPLEX"\} [1-9]/);
    expect(text).toMatch(/graphql_errors_total\{code="RATE_LIMITED"\} [1-9]/);
    expect(text).not.toMatch(/GRAPHQL_VALIDATION_FAILED/);
  });
});

describe('JSON nested too deeply', () => {
  it('is BAD_REQUEST at the gateway, before anything runs, where it was an INTERNAL_SERVER_ERROR from 5,000 levels', async () => {
    const before = subgraphRequests;
    const nested = (depth: number) =>
      `{"query":"query ($v: String) { echo(text: $v) }","variables":{"y":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    for (const depth of [MAX_JSON_DEPTH, 5_000]) {
      const answer = await post(dev, nested(depth), { authorization: await bearer('deep') });
      expect(answer.status, String(depth)).toBe(400);
      expect(answer.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', maxDepth: MAX_JSON_DEPTH });
    }
    const shallow = await post(dev, nested(MAX_JSON_DEPTH - 3), { authorization: await bearer('deep') });
    expect(shallow.body.errors).toBeUndefined();
    expect(subgraphRequests).toBe(before + 1);
  });
});

describe('the subgraphs’ shared HTTP handler (kit/http.ts)', () => {
  it('refuses U+0000 before authentication, even without a principal, and copes with deep and long JSON', async () => {
    const before = subgraphRequests;
    const nul = await post(subgraph.url, { query: '{ echo(text: "a") }', variables: { t: 'x\u0000' } });
    expect(nul.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(subgraphRequests).toBe(before); // the context (which counts) never ran
    const deep = `{"query":"{ __typename }","variables":{"v":${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}}}`;
    expect((await post(subgraph.url, deep)).body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', maxDepth: MAX_JSON_DEPTH });
    const long = { query: '{ __typename }', variables: { v: [...Array.from({ length: 300_000 }, () => 1), '\u0000'] } };
    expect((await post(subgraph.url, long)).body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});
