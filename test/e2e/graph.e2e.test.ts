// The whole graph over HTTP: the gateway and the four real subgraphs on a seeded database. Checks
// that one request spans all four subgraphs, that every role's scope holds across subgraphs, and
// that nothing reaches a subgraph without a principal the gateway signed.
import { getIntrospectionQuery } from 'graphql';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../gateway/src/dev-token';
import { PRINCIPAL_HEADER, signInternalToken } from '../../subgraphs/kit/internal-token';
import { Role } from '../../subgraphs/kit/principal';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { nodes, type Connection } from '../setup/connection';
import { postGraphQL, STACK_JWT_AUDIENCE, STACK_JWT_ISSUER, startStack, type GraphQLResult, type Stack } from '../setup/stack';

const COUNTY = '371602';

const GRAPH_QUERY = /* GraphQL */ `
  query WholeGraph {
    providers(first: 20) {
      totalCount
      edges {
        node {
          id
          code
          name
          status
          agreements(first: 50) {
            totalCount
            edges {
              node {
                number
                region {
                  code
                }
              }
            }
          }
          basicCatalog(first: 5) {
            totalCount
            edges {
              node {
                priceCapYuan
                serviceItem {
                  name
                }
              }
            }
          }
          securityProfile {
            platformMlpsLevel
          }
          latestEvaluation {
            year
            grade
            totalScore
          }
          hostedSystems(first: 100) {
            totalCount
            edges {
              node {
                code
                region {
                  code
                }
                owner {
                  id
                }
              }
            }
          }
        }
      }
    }
    systems(first: 100) {
      totalCount
      edges {
        node {
          code
          name
          region {
            code
          }
          owner {
            id
            name
            region {
              code
            }
          }
        }
      }
    }
    units(first: 100) {
      totalCount
      edges {
        node {
          id
          name
          region {
            code
          }
        }
      }
    }
  }
`;

interface SystemNode {
  code: string;
  name?: string;
  region: { code: string };
  owner: { id: string; name?: string; region?: { code: string } };
}
interface ProviderNode {
  id: string;
  code: string;
  name: string;
  status: string;
  agreements: Connection<{ number: string; region: { code: string } }>;
  basicCatalog: Connection<{ priceCapYuan: string; serviceItem: { name: string } }>;
  securityProfile: { platformMlpsLevel: number } | null;
  latestEvaluation: { year: number; grade: string; totalScore: number } | null;
  hostedSystems: Connection<SystemNode>;
}
interface GraphData {
  providers: Connection<ProviderNode>;
  systems: Connection<SystemNode>;
  units: Connection<{ id: string; name: string; region: { code: string } }>;
}

let stack: Stack;
/** Every error body seen in this file, checked for leaks at the end. */
const errorBodies: Array<Pick<GraphQLResult<unknown>, 'data' | 'errors'>> = [];

async function graph(token: string | null, query: string, variables?: Record<string, unknown>) {
  const result = await stack.query<GraphData>(token, query, variables);
  if (result.errors) errorBodies.push(result);
  return result;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
});

afterAll(async () => {
  await stack?.stop();
});

describe('one request across the four subgraphs', () => {
  it('BUREAU sees providers with agreements and catalog, their security profile and evaluation, and systems with owners', async () => {
    const { status, ...body } = await graph(await stack.token({ role: 'BUREAU' }), GRAPH_QUERY);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const data = body.data!;
    const providers = nodes(data.providers);
    expect(providers.map((p) => p.code).sort()).toEqual(stack.world.providers.map((p) => p.code).sort());

    // providers subgraph
    expect(providers.some((p) => p.agreements.totalCount > 0 && p.agreements.edges[0]!.node.number)).toBe(true);
    expect(providers.some((p) => p.basicCatalog.totalCount > 0 && p.basicCatalog.edges[0]!.node.serviceItem.name)).toBe(true);
    // security subgraph
    expect(providers.filter((p) => p.securityProfile?.platformMlpsLevel).length).toBeGreaterThan(0);
    // supervision subgraph
    const evaluated = providers.filter((p) => p.latestEvaluation);
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated[0]!.latestEvaluation).toMatchObject({
      year: expect.any(Number),
      grade: expect.any(String),
      totalScore: expect.any(Number),
    });
    // applications subgraph
    expect(data.systems.totalCount).toBe(stack.world.systems.length);
    const systems = nodes(data.systems);
    expect(systems.length).toBeGreaterThan(0);
    expect(systems.every((s) => s.owner.id && s.owner.name && s.owner.region?.code === s.region.code)).toBe(true);
    expect(data.units.totalCount).toBe(stack.world.units.length);
    const hostedTotal = providers.reduce((sum, p) => sum + p.hostedSystems.totalCount, 0);
    expect(hostedTotal).toBe(stack.world.systems.filter((s) => s.providerId).length);
  });

  it(`COUNTY_AUTHORITY ${COUNTY} sees only its county's units and systems, also through Provider.hostedSystems`, async () => {
    const body = await graph(await stack.token({ role: 'COUNTY_AUTHORITY', region: COUNTY }), GRAPH_QUERY);
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    const countySystems = stack.world.systems.filter((s) => s.regionCode === COUNTY);
    expect(countySystems.length).toBeGreaterThan(0);

    expect(data.systems.totalCount).toBe(countySystems.length);
    expect(
      nodes(data.systems)
        .map((s) => s.code)
        .sort(),
    ).toEqual(countySystems.map((s) => s.code).sort());
    expect(nodes(data.systems).every((s) => s.region.code === COUNTY && s.owner.region?.code === COUNTY)).toBe(true);

    expect(data.units.totalCount).toBe(stack.world.units.filter((u) => u.regionCode === COUNTY).length);
    expect(nodes(data.units).every((u) => u.region.code === COUNTY)).toBe(true);

    const providers = nodes(data.providers);
    const hosted = providers.flatMap((p) => nodes(p.hostedSystems));
    expect(hosted.length).toBeGreaterThan(0);
    expect(hosted.every((s) => s.region.code === COUNTY)).toBe(true);
    const visibleProviderIds = new Set(providers.map((p) => p.id));
    expect(providers.reduce((sum, p) => sum + p.hostedSystems.totalCount, 0)).toBe(
      countySystems.filter((s) => s.providerId && visibleProviderIds.has(s.providerId)).length,
    );
  });

  it('USER_UNIT sees only its own unit and its systems', async () => {
    const unit = stack.world.units.find((u) => u.regionCode === COUNTY && stack.world.systems.some((s) => s.unitId === u.id))!;
    const ownSystems = stack.world.systems.filter((s) => s.unitId === unit.id);
    const body = await graph(await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode }), GRAPH_QUERY);
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    expect(nodes(data.units).map((u) => u.id)).toEqual([unit.id]);
    expect(data.systems.totalCount).toBe(ownSystems.length);
    expect(nodes(data.systems).every((s) => s.owner.id === unit.id)).toBe(true);
    const hosted = nodes(data.providers).flatMap((p) => nodes(p.hostedSystems));
    expect(hosted.every((s) => s.owner.id === unit.id)).toBe(true);
  });
});

describe('one document, many requests', () => {
  // The gateway reuses the Operation it shapes answers with for the same document
  // (gateway/src/reused-operations.ts): what depends on a request's variables must still follow them.
  const PAGED = /* GraphQL */ `
    query ProvidersPaged($first: Int = 2, $withName: Boolean!, $skipCode: Boolean = false) {
      providers(first: $first) {
        edges {
          node {
            id
            name @include(if: $withName)
            code @skip(if: $skipCode)
          }
        }
      }
    }
  `;

  it('answers each request by its own variables: page size, defaults, @include and @skip', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    const asked = [
      { variables: { withName: true }, size: 2, keys: ['id', 'name', 'code'] },
      { variables: { first: 3, withName: false }, size: 3, keys: ['id', 'code'] },
      { variables: { first: 1, withName: true, skipCode: true }, size: 1, keys: ['id', 'name'] },
      { variables: { withName: false, skipCode: true }, size: 2, keys: ['id'] },
    ];
    for (const { variables, size, keys } of asked) {
      const body = await graph(token, PAGED, variables);
      expect(body.errors, JSON.stringify(variables)).toBeUndefined();
      const providers = (body.data as unknown as { providers: Connection<Record<string, unknown>> }).providers;
      expect(nodes(providers)).toHaveLength(size);
      for (const provider of nodes(providers)) expect(Object.keys(provider), JSON.stringify(variables)).toEqual(keys);
    }
  });
});

describe('subgraphs accept only principals the gateway signed', () => {
  const listQueries: Record<(typeof SUBGRAPH_NAMES)[number], string> = {
    providers: '{ providers(first: 1) { totalCount } }',
    applications: '{ systems(first: 1) { totalCount } }',
    security: '{ mlpsRecords(first: 1) { totalCount } }',
    supervision: '{ providerEvaluations(first: 1) { totalCount } }',
  };
  const entitiesQuery = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Provider { id } } }';
  const representations = () => ({ r: [{ __typename: 'Provider', id: stack.world.providers[0]!.id }] });
  const bureau = { subject: 'e2e', role: Role.BUREAU };

  it.each(SUBGRAPH_NAMES)('%s: 401 without the principal header, for a query and for _entities', async (name) => {
    for (const [query, variables] of [
      [listQueries[name], undefined],
      [entitiesQuery, representations()],
    ] as const) {
      const { status, ...body } = await postGraphQL(stack.subgraphUrls[name], null, query, variables);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? undefined).toBeUndefined();
      errorBodies.push(body);
    }
  });

  it.each(SUBGRAPH_NAMES)('%s: 401 with a principal signed with another secret, 200 with the gateway secret', async (name) => {
    const forged = await signInternalToken(bureau, 'an-attacker-secret-that-is-long-enough-0123');
    const refused = await postGraphQL(stack.subgraphUrls[name], null, entitiesQuery, representations(), { [PRINCIPAL_HEADER]: forged });
    expect(refused.status).toBe(401);
    errorBodies.push(refused);
    // The same request with a genuine signature goes through, so the 401 is about the signature.
    const genuine = await signInternalToken(bureau, stack.internalTokenSecret);
    const accepted = await postGraphQL(stack.subgraphUrls[name], null, entitiesQuery, representations(), { [PRINCIPAL_HEADER]: genuine });
    expect(accepted.status).toBe(200);
    expect(accepted.errors).toBeUndefined();
  });

  it('the gateway replaces a principal header sent by the client with its own', async () => {
    const unit = stack.world.units.find((u) => stack.world.systems.some((s) => s.unitId === u.id))!;
    const token = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: unit.regionCode });
    // Even a genuinely signed BUREAU principal from the client must not widen the unit's scope.
    const smuggled = await signInternalToken(bureau, stack.internalTokenSecret);
    const { status, ...body } = await postGraphQL<GraphData>(stack.gatewayUrl, token, listQueries.applications, undefined, {
      [PRINCIPAL_HEADER]: smuggled,
    });
    expect(status).toBe(200);
    expect(body.data!.systems.totalCount).toBe(stack.world.systems.filter((s) => s.unitId === unit.id).length);
  });
});

describe('authentication at the gateway', () => {
  it('without a token: a data query is 401, introspection works', async () => {
    const refused = await graph(null, '{ systems(first: 1) { totalCount } }');
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const introspection = await stack.query<{ __schema: { types: Array<{ name: string }> } }>(null, getIntrospectionQuery());
    expect(introspection.status).toBe(200);
    expect(introspection.errors).toBeUndefined();
    const typeNames = introspection.data!.__schema.types.map((t) => t.name);
    expect(typeNames).toEqual(expect.arrayContaining(['Provider', 'InformationSystem', 'ProviderSecurityProfile', 'ProviderEvaluation']));
  });

  it('an expired token is 401', async () => {
    const { status, ...body } = await graph(
      await stack.token({ role: 'BUREAU' }, { expiresIn: '-1m' }),
      '{ units(first: 1) { totalCount } }',
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/过期/);
  });

  it('a token signed with another key is 401', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await issueDevToken({ role: 'BUREAU' }, { privateKey, issuer: STACK_JWT_ISSUER, audience: STACK_JWT_AUDIENCE });
    const { status, ...body } = await graph(foreign, '{ units(first: 1) { totalCount } }');
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a token with a tampered payload is 401', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    const [header, payload] = token.split('.');
    const otherSignature = (await stack.token({ role: 'AUDITOR' })).split('.')[2];
    const { status } = await graph(`${header}.${payload}.${otherSignature}`, '{ units(first: 1) { totalCount } }');
    expect(status).toBe(401);
  });
});

describe('operations routes', () => {
  it('GET /ready is 200 when all four subgraphs answer their health check', async () => {
    const response = await fetch(new URL('/ready', stack.gatewayUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});

describe('errors', () => {
  it('never carry stack traces or internals', async () => {
    const bureau = await stack.token({ role: 'BUREAU' });
    // A unit claim that is no uuid once reached SQL; now the gateway refuses it (401) before any resolver.
    const malformedUnit = await stack.tokenUnchecked({ role: 'USER_UNIT', unit: 'x', region: COUNTY });
    const cases: Array<[string | null, string, Record<string, unknown>?]> = [
      [bureau, '{ systems(first: 1000) { totalCount } }'],
      [bureau, '{ system(id: "not-a-uuid") { code } }'],
      [malformedUnit, '{ systems(first: 1) { totalCount } }'],
      [bureau, '{ noSuchField }'],
      [bureau, '{ systems( '],
    ];
    for (const [token, query, variables] of cases) {
      const body = await graph(token, query, variables);
      expect(body.errors?.length, query).toBeGreaterThan(0);
    }
    expect(errorBodies.length).toBeGreaterThan(10);
    for (const body of errorBodies) {
      for (const error of body.errors ?? []) {
        expect(error.extensions?.stacktrace).toBeUndefined();
        expect(typeof error.extensions?.code).toBe('string');
      }
      expect(JSON.stringify(body)).not.toMatch(/\\n\s+at |node_modules|QueryFailedError|SELECT /);
    }
  });
});
