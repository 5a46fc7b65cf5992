// The gateway against two small fake subgraphs over real HTTP (no database): forwarding of the
// signed principal, introspection refused in production, 401s, health, readiness and metrics.
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
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readGatewayConfig, type GatewayConfig } from '../../../gateway/src/config';
import { issueDevToken } from '../../../gateway/src/dev-token';
import type { Gateway } from '../../../gateway/src/server';
import { createContextFactory, type SubgraphContext } from '../../../subgraphs/kit/context';
import { createFormatError } from '../../../subgraphs/kit/format-error';
import { createGraphQLHttpHandler, sendJson, type Route } from '../../../subgraphs/kit/http';
import { Role } from '../../../subgraphs/kit/principal';

// Counts how often the gateway signs a principal (it should once per request, not per fetch). The
// test files share a module cache (isolate: false), where another file may have loaded the gateway
// with the real module: beforeAll clears the cache and imports the gateway and this mock afresh.
vi.mock('../../../subgraphs/kit/internal-token', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../subgraphs/kit/internal-token')>();
  return { ...original, signInternalToken: vi.fn(original.signInternalToken) };
});

const SECRET = 'unit-test-internal-secret-0123456789abcdef';
const ISSUER = 'unit-issuer';
const AUDIENCE = 'unit-audience';

const FAKE_SUBGRAPHS = {
  providers: {
    typeDefs: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { me: Me  boom: String }
      type Me @key(fields: "id") { id: ID! role: String }`,
    resolvers: {
      Query: {
        me: (_: unknown, __: unknown, context: SubgraphContext<unknown>) => ({
          id: context.principal.subject,
          role: context.principal.role,
        }),
        boom: () => {
          throw new Error('SELECT secret FROM internals failed');
        },
      },
    },
  },
  security: {
    typeDefs: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Me @key(fields: "id") { id: ID! region: String }`,
    resolvers: {
      Me: {
        __resolveReference: (ref: { id: string }, context: SubgraphContext<unknown>) => ({
          id: ref.id,
          region: context.principal.regionCode ?? null,
        }),
      },
    },
  },
} as const;

interface FakeSubgraph {
  url: string;
  headersSeen: Array<string | undefined>;
  server: Server;
  apollo: ApolloServer<SubgraphContext<unknown>>;
}

async function startFakeSubgraph(name: keyof typeof FAKE_SUBGRAPHS): Promise<FakeSubgraph> {
  const { typeDefs, resolvers } = FAKE_SUBGRAPHS[name];
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as GraphQLResolverMap<unknown> }),
    formatError: createFormatError({ log: () => undefined }),
  });
  await apollo.start();
  const verify = createContextFactory({ dataSource: {} as DataSource, internalTokenSecret: SECRET, createLoaders: () => ({}) });
  const headersSeen: Array<string | undefined> = [];
  const context = (req: Parameters<typeof verify>[0]) => {
    headersSeen.push(req.headers[internalToken.PRINCIPAL_HEADER] as string | undefined);
    return verify(req);
  };
  const health: Route = (req, res) => (req.url === '/health' ? (sendJson(res, 200, { status: 'ok' }), true) : false);
  const server = createServer(createGraphQLHttpHandler(apollo, { context, routes: [health] }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, headersSeen, server, apollo };
}

const METRICS_TOKEN = 'metrics-token-0123456789';
let gatewayConfig: GatewayConfig;
let createGateway: typeof import('../../../gateway/src/server').createGateway;
let internalToken: typeof import('../../../subgraphs/kit/internal-token');

let providers: FakeSubgraph;
let security: FakeSubgraph;
let gateway: Gateway;
let gatewayUrl: string;
let origin: string;
let privateKey: CryptoKey;

const token = (claims: Record<string, string>, expiresIn?: string) =>
  issueDevToken(claims, { privateKey, issuer: ISSUER, audience: AUDIENCE, expiresIn });

async function post(body: unknown, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify(body) });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    },
  };
}

beforeAll(async () => {
  vi.resetModules();
  internalToken = await import('../../../subgraphs/kit/internal-token');
  ({ createGateway } = await import('../../../gateway/src/server'));
  providers = await startFakeSubgraph('providers');
  security = await startFakeSubgraph('security');
  const composed = composeServices(
    (['providers', 'security'] as const).map((name) => ({
      name,
      url: 'http://127.0.0.1:2/unused',
      typeDefs: parse(FAKE_SUBGRAPHS[name].typeDefs),
    })),
  );
  expect(composed.errors).toBeUndefined();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gateway-unit-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl!);

  const keys = await generateKeyPair('ES256', { extractable: true });
  privateKey = keys.privateKey;
  const config = await readGatewayConfig({
    PROVIDERS_URL: providers.url,
    SECURITY_URL: security.url,
    // Nothing listens on port 1: these two are "down" for /ready.
    APPLICATIONS_URL: 'http://127.0.0.1:2/graphql',
    SUPERVISION_URL: 'http://127.0.0.1:2/graphql',
    SUPERGRAPH_PATH: supergraphPath,
    JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    INTERNAL_TOKEN_SECRET: SECRET,
    METRICS_TOKEN: METRICS_TOKEN,
    NODE_ENV: 'production',
    // This file's test subgraph serves its own schema; trusted documents have their tests (trusted-documents*.test.ts).
    TRUSTED_DOCUMENTS: 'off',
  });
  gatewayConfig = config;
  gateway = await createGateway(config, { ide: async () => false });
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}`;
  gatewayUrl = `${origin}/graphql`;
});

afterAll(async () => {
  await gateway?.stop();
  for (const subgraph of [providers, security]) {
    await new Promise((resolve) => subgraph?.server.close(resolve));
    await subgraph?.apollo.stop();
  }
});

describe('gateway forwarding', () => {
  it('built Apollo Gateway with its usage report to Apollo off (apollo-telemetry.test.ts shows what that stops)', () => {
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });

  it("forwards the verified principal to every subgraph of a query plan, one signing for the principal's requests", async () => {
    const signer = vi.mocked(internalToken.signInternalToken);
    signer.mockClear();
    providers.headersSeen.length = 0;
    security.headersSeen.length = 0;
    const bearer = `Bearer ${await token({ role: 'COUNTY_AUTHORITY', region: '371602', sub: 'li.si' })}`;
    const { status, body } = await post({ query: '{ me { id role region } }' }, bearer);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: { id: 'li.si', role: 'COUNTY_AUTHORITY', region: '371602' } } });
    expect(providers.headersSeen).toHaveLength(1);
    expect(security.headersSeen).toHaveLength(1);
    expect(providers.headersSeen[0]).toBe(security.headersSeen[0]);
    expect(signer).toHaveBeenCalledTimes(1);
    // The principal's next request carries the same token (signed-principals.ts); another principal's is its own.
    await post({ query: '{ me { id region } }' }, bearer);
    expect(signer).toHaveBeenCalledTimes(1);
    expect(providers.headersSeen[1]).toBe(providers.headersSeen[0]);
    await post({ query: '{ me { id region } }' }, `Bearer ${await token({ role: 'COUNTY_AUTHORITY', region: '371621', sub: 'li.si' })}`);
    expect(signer).toHaveBeenCalledTimes(2);
    expect(providers.headersSeen[2]).not.toBe(providers.headersSeen[0]);
  });

  it('never forwards the client-supplied principal header or Authorization', async () => {
    providers.headersSeen.length = 0;
    const forged = await internalToken.signInternalToken({ subject: 'x', role: Role.BUREAU }, 'another-secret-that-is-at-least-32-chars');
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await token({ role: 'AUDITOR' })}`,
        [internalToken.PRINCIPAL_HEADER]: forged,
      },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: { role: 'AUDITOR' } } });
    expect(providers.headersSeen[0]).not.toBe(forged);
  });

  it('masks unexpected subgraph errors without stack traces', async () => {
    const { body } = await post({ query: '{ boom }' }, `Bearer ${await token({ role: 'BUREAU' })}`);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|stacktrace|at .*\.ts/);
  });
});

describe('gateway authentication', () => {
  it('in production, answers no introspection, with or without a token (hardening.test.ts covers the settings)', async () => {
    const query = { query: '{ __schema { queryType { name } } __type(name: "Me") { fields { name } } }' };
    for (const authorization of [undefined, `Bearer ${await token({ role: 'BUREAU' })}`]) {
      const { body } = await post(query, authorization);
      expect(body.data).toBeUndefined();
      expect(body.errors![0]!.extensions?.code).toBe('INTROSPECTION_DISABLED');
    }
  });

  it('refuses a data query without a token, before any subgraph is called', async () => {
    providers.headersSeen.length = 0;
    const { status, body } = await post({ query: '{ __typename me { id } }' });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors![0]!.message).toMatch(/未认证/);
    expect(body.data).toBeUndefined();
    expect(providers.headersSeen).toHaveLength(0);
  });

  it.each([
    ['an expired token', async () => `Bearer ${await token({ role: 'BUREAU' }, '-1m')}`],
    [
      'a token signed with another key',
      async () =>
        `Bearer ${await issueDevToken({ role: 'BUREAU' }, { privateKey: (await generateKeyPair('ES256')).privateKey, issuer: ISSUER, audience: AUDIENCE })}`,
    ],
    ['a non-bearer header', async () => 'Basic Zm9vOmJhcg=='],
  ])('refuses %s with 401, even for introspection', async (_label, authorization) => {
    const { status, body } = await post({ query: '{ __typename }' }, await authorization());
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });
});

describe('gateway operations routes', () => {
  it('GET /health answers ok', async () => {
    const response = await fetch(`${origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready names the subgraphs that are down', async () => {
    const response = await fetch(`${origin}/ready`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { down: string[] }).down.sort()).toEqual(['applications', 'supervision']);
  });

  it('GET /metrics exposes durations by operation (manifest names, else adhoc) and errors by code', async () => {
    await post({ query: 'query MyProviders { me { id } }' }, `Bearer ${await token({ role: 'BUREAU' })}`);
    await post({ query: '{ me { id } }' }, 'Bearer broken');
    expect((await fetch(`${origin}/metrics`)).status).toBe(401);
    expect((await fetch(`${origin}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const response = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    // Not in the trusted-document manifest: adhoc, whatever name the client gave it.
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation_name="adhoc",operation_type="query"\} [1-9]/);
    expect(text).not.toMatch(/MyProviders/);
    expect(text).toMatch(/graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
  });

  it('in production without METRICS_TOKEN, /metrics is not served', async () => {
    const closed = await createGateway({ ...gatewayConfig, metricsToken: null }, { ide: async () => false });
    await new Promise<void>((resolve) => closed.httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(closed.httpServer.address() as AddressInfo).port}/metrics`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/graphql_operation_duration_seconds/);
    } finally {
      await closed.stop();
    }
  });
});
