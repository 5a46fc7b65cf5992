// The gateway in front of two small fake subgraphs over real HTTP (no database), with a TCP
// front before "applications" that can pass traffic, hold it (a stuck subgraph), refuse it (a
// stopped one) or reset a connection: timeouts, partial answers with one error per unavailable
// subgraph, the response-size cap, the retry of a reset query (never of a mutation), request ids.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { exportSPKI, generateKeyPair } from 'jose';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/src/config';
import { issueDevToken } from '../../../gateway/src/dev-token';
import { createGateway, type Gateway } from '../../../gateway/src/server';
import { createContextFactory, REQUEST_ID_HEADER, type SubgraphContext } from '../../../subgraphs/kit/context';
import { ServiceUnavailableError } from '../../../subgraphs/kit/errors';
import { createFormatError } from '../../../subgraphs/kit/format-error';
import { createGraphQLHttpHandler } from '../../../subgraphs/kit/http';
import { CLIENT_KEEP_ALIVE_TIMEOUT_MS, SERVER_KEEP_ALIVE_TIMEOUT_MS, tuneServerKeepAlive } from '../../../subgraphs/kit/keep-alive';
import { startTcpFront, type TcpFront } from '../../setup/tcp-front';

const SECRET = 'unit-test-internal-secret-0123456789abcdef';
const ISSUER = 'unit-issuer';
const AUDIENCE = 'unit-audience';
const TIMEOUT_MS = 400;

/** What the fake applications subgraph does on its next calls. */
const applicationsState = { calls: 0, mutations: 0, huge: false, databaseDown: false, requestIds: [] as string[] };
const providersRequestIds: string[] = [];

const FAKE_SUBGRAPHS = {
  providers: {
    typeDefs: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { providers: [Provider!]! }
      type Provider @key(fields: "id") { id: ID! name: String! }`,
    resolvers: {
      Query: {
        providers: () => [1, 2, 3].map((n) => ({ id: `p${n}`, name: `服务商${n}` })),
      },
    },
    requestIds: providersRequestIds,
  },
  applications: {
    typeDefs: `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { applicationCount: Int }
      type Mutation { touch: Int }
      type Provider @key(fields: "id") { id: ID! applications: [String!] }`,
    resolvers: {
      Query: {
        applicationCount: () => {
          applicationsState.calls += 1;
          return 7;
        },
      },
      Mutation: {
        touch: () => ++applicationsState.mutations,
      },
      Provider: {
        __resolveReference: (ref: { id: string }) => {
          applicationsState.calls += 1;
          return ref;
        },
        applications: (ref: { id: string }) => {
          // Each entity fails on its own, as every resolver does when the database is away.
          if (applicationsState.databaseDown)
            throw new ServiceUnavailableError('数据库暂时不可用，请稍后重试 (database unavailable, retry later)');
          return applicationsState.huge ? ['x'.repeat(4096)] : [`${ref.id}-申请`];
        },
      },
    },
    requestIds: applicationsState.requestIds,
  },
} as const;

interface Running {
  url: string;
  server: Server;
  apollo: ApolloServer<SubgraphContext<unknown>>;
}

async function startFakeSubgraph(name: keyof typeof FAKE_SUBGRAPHS): Promise<Running> {
  const { typeDefs, resolvers, requestIds } = FAKE_SUBGRAPHS[name];
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as GraphQLResolverMap<unknown> }),
    formatError: createFormatError({ log: () => undefined }),
  });
  await apollo.start();
  const verify = createContextFactory({ dataSource: {} as DataSource, internalTokenSecret: SECRET, createLoaders: () => ({}) });
  const context = async (req: Parameters<typeof verify>[0]) => {
    const built = await verify(req);
    requestIds.push(built.requestId);
    return built;
  };
  const server = createHttpServer(createGraphQLHttpHandler(apollo, { context }));
  tuneServerKeepAlive(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, apollo };
}

let providers: Running;
let applications: Running;
let front: TcpFront;
let gateway: Gateway;
let gatewayUrl: string;
let bearer: string;

interface Answer {
  status: number;
  requestId: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

async function post(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, requestId: response.headers.get(REQUEST_ID_HEADER), body: (await response.json()) as Answer['body'] };
}

/** Two fetches to applications in one plan: the root field beside providers, then the entities. */
const ACROSS = '{ applicationCount providers { id name applications } }';

beforeAll(async () => {
  providers = await startFakeSubgraph('providers');
  applications = await startFakeSubgraph('applications');
  front = await startTcpFront(applications.url);
  const composed = composeServices(
    (['providers', 'applications'] as const).map((name) => ({
      name,
      url: 'http://127.0.0.1:2/unused',
      typeDefs: parse(FAKE_SUBGRAPHS[name].typeDefs),
    })),
  );
  expect(composed.errors).toBeUndefined();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gateway-faults-'));
  writeFileSync(path.join(dir, 'supergraph.graphql'), composed.supergraphSdl!);
  const keys = await generateKeyPair('ES256', { extractable: true });
  const config = await readGatewayConfig({
    PROVIDERS_URL: providers.url,
    APPLICATIONS_URL: front.url,
    SECURITY_URL: 'http://127.0.0.1:2/graphql',
    SUPERVISION_URL: 'http://127.0.0.1:2/graphql',
    SUPERGRAPH_PATH: path.join(dir, 'supergraph.graphql'),
    JWT_PUBLIC_KEY: await exportSPKI(keys.publicKey),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    INTERNAL_TOKEN_SECRET: SECRET,
    APPLICATIONS_TIMEOUT_MS: String(TIMEOUT_MS),
    SUBGRAPH_MAX_RESPONSE_BYTES: '2048',
  });
  expect(config.subgraphFetch.timeoutMs).toMatchObject({ applications: TIMEOUT_MS, providers: 10_000 });
  gateway = await createGateway({ ...config }, { ide: async () => false });
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}/graphql`;
  bearer = `Bearer ${await issueDevToken({ role: 'BUREAU' }, { privateKey: keys.privateKey, issuer: ISSUER, audience: AUDIENCE })}`;
});

afterAll(async () => {
  await gateway?.stop();
  await front?.close();
  for (const subgraph of [providers, applications]) {
    subgraph?.server.closeAllConnections();
    await new Promise((resolve) => subgraph?.server.close(resolve));
    await subgraph?.apollo.stop();
  }
});

beforeEach(() => {
  front.setMode('pass');
  Object.assign(applicationsState, { calls: 0, mutations: 0, huge: false, databaseDown: false });
  applicationsState.requestIds.length = 0;
  providersRequestIds.length = 0;
});

function expectOnlyApplicationsMissing(answer: Answer) {
  expect(answer.status).toBe(200);
  const data = answer.body.data as { applicationCount: unknown; providers: Array<{ id: string; name: string; applications: unknown }> };
  // The rest of the answer is there…
  expect(data.providers.map((p) => p.name)).toEqual(['服务商1', '服务商2', '服务商3']);
  // …applications' fields are not.
  expect(data.applicationCount ?? null).toBeNull();
  expect(data.providers.every((p) => (p.applications ?? null) === null)).toBe(true);
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors!;
  expect(error!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'applications' });
  expect(error!.message).toMatch(/applications/);
  expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|ECONN|stack/);
  return error!;
}

describe('a subgraph that cannot answer costs only its own fields', () => {
  it('healthy: both subgraphs answer', async () => {
    const answer = await post(ACROSS);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ applicationCount: 7, providers: [{ applications: ['p1-申请'] }, {}, {}] });
  });

  it('stuck (reads, never answers): the rest within the timeout, one SERVICE_UNAVAILABLE naming it, retryable', async () => {
    front.setMode('stall');
    const started = performance.now();
    const error = expectOnlyApplicationsMissing(await post(ACROSS));
    expect(error.extensions).toMatchObject({ retryable: true });
    expect(error.message).toMatch(/未在时限内响应/);
    console.log(`stuck subgraph (timeout ${TIMEOUT_MS} ms): answered in ${Math.round(performance.now() - started)} ms`);
  });

  it('stopped (connection refused): the rest, one SERVICE_UNAVAILABLE', async () => {
    front.setMode('refuse');
    expectOnlyApplicationsMissing(await post(ACROSS));
    expect(applicationsState.calls).toBe(0);
  });

  it('its database away (every entity fails): one SERVICE_UNAVAILABLE, not one per entity', async () => {
    applicationsState.databaseDown = true;
    const answer = await post('{ providers { id name applications } }');
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'applications', retryable: true });
    expect((answer.body.data as { providers: unknown[] }).providers).toHaveLength(3);
  });

  it('an answer over SUBGRAPH_MAX_RESPONSE_BYTES is refused, not buffered, and not retryable', async () => {
    applicationsState.huge = true;
    const answer = await post(ACROSS);
    // The small root answer of applications arrived; its large entity answer did not.
    expect(answer.body.data).toMatchObject({ applicationCount: 7, providers: [{ name: '服务商1' }, {}, {}] });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      serviceName: 'applications',
      retryable: false,
    });
    expect(answer.body.errors![0]!.message).toMatch(/过大/);
  });
});

describe('connections the subgraph reset', () => {
  it('a query is sent once more and answers in full', async () => {
    await post(ACROSS); // an open keep-alive connection to reuse
    front.setMode('reset-next');
    const answer = await post('{ applicationCount }');
    expect(answer.body).toEqual({ data: { applicationCount: 7 } });
  });

  it('a mutation is never sent twice: SERVICE_UNAVAILABLE, the resolver did not run', async () => {
    front.setMode('reset-next');
    const answer = await post('mutation { touch }');
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'applications' });
    expect(applicationsState.mutations).toBe(0);
    expect((await post('mutation { touch }')).body).toEqual({ data: { touch: 1 } });
  });

  it('the gateway gives up idle connections before a subgraph closes them', () => {
    const server = createHttpServer();
    tuneServerKeepAlive(server);
    expect(server.keepAliveTimeout).toBe(SERVER_KEEP_ALIVE_TIMEOUT_MS);
    expect(CLIENT_KEEP_ALIVE_TIMEOUT_MS).toBeLessThan(SERVER_KEEP_ALIVE_TIMEOUT_MS);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});

describe('request id', () => {
  it('a well-formed x-request-id is forwarded to every subgraph fetch and returned', async () => {
    const answer = await post(ACROSS, { [REQUEST_ID_HEADER]: 'req-2026.11.26:0001' });
    expect(answer.requestId).toBe('req-2026.11.26:0001');
    expect(providersRequestIds).toEqual(['req-2026.11.26:0001']);
    expect(applicationsState.requestIds).toEqual(['req-2026.11.26:0001', 'req-2026.11.26:0001']);
  });

  it('without one, or with a malformed one, the gateway makes one and uses it throughout', async () => {
    for (const headers of [{}, { [REQUEST_ID_HEADER]: 'bad id with spaces' }]) {
      providersRequestIds.length = 0;
      const answer = await post('{ providers { id } }', headers as Record<string, string>);
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(providersRequestIds).toEqual([answer.requestId]);
    }
  });
});
