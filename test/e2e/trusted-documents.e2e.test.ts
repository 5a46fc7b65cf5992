// Trusted documents through the gateway in front of the four real subgraphs (seeded PostgreSQL):
// with TRUSTED_DOCUMENTS=enforce (production's default) a front end runs the manifest's documents
// by id and nothing else; an analyst (the token's `analyst: true` claim) also runs ad-hoc
// read-only queries under the lower cost cap; in development anything goes, automatic persisted
// queries included, and the manifest's ids work too. Every query of operations/ runs by id for the
// role its client serves, against the seeded world, without an error or a null root field.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/src/config';
import { issueDevToken, type DevTokenClaims } from '../../gateway/src/dev-token';
import { createGateway, type Gateway } from '../../gateway/src/server';
import { DEFAULT_ANALYST_MAX_COST, TRUSTED_DOCUMENT_MESSAGES } from '../../gateway/src/plugins/trusted-documents';
import { documentId } from '../../scripts/codegen';
import { MANIFEST_PATH } from '../../scripts/operations-manifest';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { startStack, type Stack } from '../setup/stack';

const ISSUER = 'trusted-documents-e2e-idp';
const AUDIENCE = 'trusted-documents-e2e-graph';
const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Record<string, string>;
/** The manifest's id of the operation named `name`. */
const idOf = (name: string) => Object.entries(manifest).find(([, text]) => new RegExp(`^\\w+ ${name}\\b`).test(text))![0];

let stack: Stack;
let privateKey: CryptoKey;
const gateways: Gateway[] = [];
let enforced: string;
let development: string;
let bureau: string;
let analyst: string;

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL request body as it is: `query`, `extensions` (a document's id) or both. */
async function send(url: string, token: string, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}
const byId = (id: string, variables: Record<string, unknown> = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});
const codes = (answer: Answer) => (answer.errors ?? []).map((error) => error.extensions?.code);

async function startGateway(env: Record<string, string>, publicKey: string): Promise<string> {
  const config = await readGatewayConfig({
    JWT_PUBLIC_KEY: publicKey,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    INTERNAL_TOKEN_SECRET: stack.internalTokenSecret,
    RATE_LIMIT_PER_SECOND: '0',
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, stack.subgraphUrls[name]])),
    ...env,
  });
  const gateway = await createGateway(config, { ide: async () => false });
  gateways.push(gateway);
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}/graphql`;
}

const tokenFor = (claims: DevTokenClaims) => issueDevToken(claims, { privateKey, issuer: ISSUER, audience: AUDIENCE });

beforeAll(async () => {
  stack = await startStack({ seed: true });
  const keys = await generateKeyPair('ES256', { extractable: true });
  privateKey = keys.privateKey;
  const publicKey = await exportSPKI(keys.publicKey);
  enforced = await startGateway({ TRUSTED_DOCUMENTS: 'enforce' }, publicKey);
  development = await startGateway({}, publicKey);
  bureau = await tokenFor({ role: 'BUREAU', sub: 'trusted.bureau' });
  analyst = await tokenFor({ role: 'BUREAU', sub: 'trusted.analyst', analyst: true });
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await stack?.stop();
});

/** Providers → their hosted systems, 100 of each: cost 50,401 — under GRAPHQL_MAX_COST, over the analysts' cap. */
const PROVIDERS_AND_SYSTEMS =
  'query ProvidersAndSystems { providers(first: 100) { edges { node { name hostedSystems(first: 100) { edges { node { name hostingProvider { name } } } } } } } }';

describe('enforced (production): a front end runs trusted documents only, by id', () => {
  it('runs the to-do list by its id, with no query text', async () => {
    const answer = await send(enforced, bureau, byId(idOf('CityTodoList'), { first: 5 }));
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ todoItems: expect.objectContaining({ totalCount: expect.any(Number) }) });
  });

  it('runs a lifecycle mutation by its id: the subgraph answers, not the trusted-document check', async () => {
    const answer = await send(enforced, bureau, byId(idOf('CityAcceptApplication'), { id: 'not-a-uuid', version: 1 }));
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an ad-hoc document with PERSISTED_QUERY_NOT_ALLOWED and a Chinese message', async () => {
    const answer = await send(enforced, bureau, { query: '{ regions { code name } }' });
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      expect.objectContaining({ message: TRUSTED_DOCUMENT_MESSAGES.notTrusted, extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } }),
    ]);
    expect(TRUSTED_DOCUMENT_MESSAGES.notTrusted).toMatch(/^本环境只执行已登记的可信文档/);
  });

  it('refuses an unknown id, and registering it as an automatic persisted query', async () => {
    const text = '{ regions { code } }';
    expect(codes(await send(enforced, bureau, byId(documentId(text))))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(codes(await send(enforced, bureau, { query: text, ...byId(documentId(text)) }))).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
  });

  it('a trusted document sent as its text is the same document and runs', async () => {
    const answer = await send(enforced, bureau, { query: manifest[idOf('CityTodoList')], variables: { first: 1 } });
    expect(answer.errors).toBeUndefined();
  });
});

describe('enforced (production): an analyst (analyst: true) runs ad-hoc read-only queries under a lower cap', () => {
  it('runs an ad-hoc query in its scope', async () => {
    const answer = await send(enforced, analyst, { query: '{ regions { code name } providers(first: 3) { totalCount } }' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toMatchObject({ regions: expect.arrayContaining([{ code: '371602', name: expect.any(String) }]) });
  });

  it('refuses an ad-hoc mutation with PERSISTED_QUERY_NOT_ALLOWED', async () => {
    const answer = await send(enforced, analyst, {
      query: 'mutation { acceptApplication(id: "00000000-0000-4000-8000-000000000000", version: 1) { id } }',
    });
    expect(answer.errors).toEqual([
      expect.objectContaining({ message: TRUSTED_DOCUMENT_MESSAGES.analystMutation, extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } }),
    ]);
  });

  it(`refuses an ad-hoc query over ${DEFAULT_ANALYST_MAX_COST} (QUERY_TOO_COMPLEX, COST) that a trusted document's cap would let through`, async () => {
    const answer = await send(enforced, analyst, { query: PROVIDERS_AND_SYSTEMS });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'COST', max: DEFAULT_ANALYST_MAX_COST, actual: 50_401 }),
      }),
    ]);
    expect((await send(development, bureau, { query: PROVIDERS_AND_SYSTEMS })).errors).toBeUndefined();
  });

  it('runs the analysts’ trusted documents by id too', async () => {
    const answer = await send(enforced, analyst, byId(idOf('AnalystFeesByCountyAndProvider'), { year: 2025 }));
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ settlementTotals: expect.objectContaining({ totalCount: expect.any(Number) }) });
  });
});

describe('development (TRUSTED_DOCUMENTS off): ad-hoc documents and automatic persisted queries stay', () => {
  it('runs a front end’s ad-hoc query', async () => {
    expect((await send(development, bureau, { query: '{ regions { code } }' })).errors).toBeUndefined();
  });

  it('registers an automatic persisted query and then runs it by its hash', async () => {
    const text = '{ regions { name } }';
    expect(codes(await send(development, bureau, byId(documentId(text))))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await send(development, bureau, { query: text, ...byId(documentId(text)) })).errors).toBeUndefined();
    const again = await send(development, bureau, byId(documentId(text)));
    expect(again.errors).toBeUndefined();
    expect(again.data).toMatchObject({ regions: expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]) });
  });

  it('runs a trusted document by its id', async () => {
    expect((await send(development, bureau, byId(idOf('CityTodoList'), { first: 1 }))).errors).toBeUndefined();
  });
});

describe('every query of operations/ runs by its id for the role its client serves', () => {
  /** Who sends each client's queries: the city front end's dashboard is the bureau's, the county portal 滨城区's authority's. */
  const callers: Record<string, () => Promise<string>> = {
    City: async () => bureau,
    County: () => tokenFor({ role: 'COUNTY_AUTHORITY', region: '371602', sub: 'trusted.county' }),
    Analyst: async () => analyst,
  };
  const queries = Object.entries(manifest).flatMap(([id, text]) => {
    const name = /^query (\w+)/.exec(text)?.[1];
    return name ? [{ id, name, client: /^[A-Z][a-z]+/.exec(name)![0] }] : [];
  });

  it('finds the queries of all three clients', () => {
    expect(new Set(queries.map((query) => query.client))).toEqual(new Set(['City', 'County', 'Analyst']));
  });

  it.each(queries.map((query) => [query.name, query] as const))('%s', async (_name, query) => {
    const token = await callers[query.client]!();
    // Ids from the seeded world, found through the clients' own list documents.
    const first = async (list: string, field: string, variables: Record<string, unknown> = {}) => {
      const answer = await send(enforced, token, byId(idOf(list), variables));
      return ((answer.data?.[field] as { edges: Array<{ node: { id: string } }> }).edges[0]?.node.id ?? null) as string | null;
    };
    const variablesOf: Record<string, () => Promise<Record<string, unknown>>> = {
      CityApplicationDetail: async () => ({ id: await first('CityApplicationList', 'applications') }),
      CountyApplicationDetail: async () => ({ id: await first('CountyApplicationList', 'applications') }),
      CitySettlementReview: async () => ({ id: await first('CitySettlements', 'settlements') }),
      CountySettlementReview: async () => ({ id: await first('CountySettlements', 'settlements', { regionCode: '371602' }) }),
      CountySettlements: async () => ({ regionCode: '371602' }),
      CountyApplicationsSubmitted: async () => ({ regionCode: '371602', submittedFrom: '2026-11-01', submittedTo: '2026-11-30' }),
      AnalystFeesByCountyAndProvider: async () => ({ year: 2025 }),
      AnalystLeastUsedSystems: async () => ({ from: '2026-11-01', to: '2026-11-25' }),
    };
    const variables = (await variablesOf[query.name]?.()) ?? {};
    const answer = await send(enforced, token, byId(query.id, variables));
    expect(answer.errors).toBeUndefined();
    expect(Object.values(answer.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
