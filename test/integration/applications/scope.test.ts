import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  BINCHENG,
  bureau,
  countyAuthority,
  providerByCode,
  providerPrincipal,
  unitWithSystems,
  userUnit,
  world,
} from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Connection<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
}
const nodes = <T>(connection: Connection<T>): T[] => connection.edges.map((edge) => edge.node);

const LISTS = `
  query Lists {
    units(first: 100) { totalCount edges { node { id region { code } } } }
    systems(first: 100) { totalCount edges { node { id region { code } owner { id } } } }
    applications(first: 100) { totalCount edges { node { id unit { id } region { code } } } }
  }`;

type Lists = {
  units: Connection<{ id: string; region: { code: string } }>;
  systems: Connection<{ id: string; region: { code: string }; owner: { id: string } }>;
  applications: Connection<{ id: string; unit: { id: string }; region: { code: string } }>;
};

describe('applications scope', () => {
  it('a county authority sees only its county’s units, systems and applications', async () => {
    const result = await subgraph.query<Lists>(countyAuthority(BINCHENG), LISTS);
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.units.totalCount).toBe(world.units.filter((unit) => unit.regionCode === BINCHENG).length);
    expect(data.systems.totalCount).toBe(world.systems.filter((system) => system.regionCode === BINCHENG).length);
    expect(data.applications.totalCount).toBe(world.applications.filter((application) => application.regionCode === BINCHENG).length);
    expect(data.units.totalCount).toBeGreaterThan(0);
    for (const node of [...nodes(data.units), ...nodes(data.systems), ...nodes(data.applications)]) expect(node.region.code).toBe(BINCHENG);
  });

  it('a unit sees only itself, its systems and its applications', async () => {
    const unit = unitWithSystems('371600');
    const result = await subgraph.query<Lists>(userUnit(unit), LISTS);
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(nodes(data.units).map((node) => node.id)).toEqual([unit.id]);
    expect(data.systems.totalCount).toBe(world.systems.filter((system) => system.unitId === unit.id).length);
    expect(nodes(data.systems).every((system) => system.owner.id === unit.id)).toBe(true);
    expect(nodes(data.applications).every((application) => application.unit.id === unit.id)).toBe(true);
  });

  it('a provider sees the systems it hosts, and their owners resolve', async () => {
    const provider = providerByCode('P-UNICOM');
    const result = await subgraph.query<{ systems: Connection<{ id: string; hostingProvider: { id: string }; owner: { id: string } }> }>(
      providerPrincipal(provider),
      `{ systems(first: 100) { totalCount edges { node { id hostingProvider { id } owner { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const hosted = world.systems.filter((system) => system.providerId === provider.id);
    expect(result.data!.systems.totalCount).toBe(hosted.length);
    expect(nodes(result.data!.systems).every((system) => system.hostingProvider.id === provider.id)).toBe(true);
  });

  it('_entities returns null for an InformationSystem outside the principal’s scope', async () => {
    const inside = world.systems.find((system) => system.regionCode === BINCHENG)!;
    const outside = world.systems.find((system) => system.regionCode === '371600')!;
    const result = await subgraph.query<{ _entities: Array<{ id: string } | null> }>(
      countyAuthority(BINCHENG),
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on InformationSystem { id } } }`,
      { representations: [inside, outside].map((system) => ({ __typename: 'InformationSystem', id: system.id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: inside.id }, null]);
  });

  it('a lookup outside the scope answers exactly like a missing one: null', async () => {
    const outside = world.systems.find((system) => system.regionCode === '371600')!;
    const query = `query ($id: ID!) { system(id: $id) { id } }`;
    const hidden = await subgraph.query(countyAuthority(BINCHENG), query, { id: outside.id });
    const missing = await subgraph.query(countyAuthority(BINCHENG), query, { id: '00000000-0000-4000-8000-000000000000' });
    expect(hidden).toEqual(missing);
    expect(missing).toEqual({ status: 200, data: { system: null } });
  });

  it('Provider.hostedSystems shows a county authority only its county’s systems of that provider', async () => {
    const inspur = providerByCode('P-INSPUR');
    const inCounty = world.systems.filter((system) => system.providerId === inspur.id && system.regionCode === BINCHENG);
    const result = await subgraph.query<{ _entities: Array<{ hostedSystems: Connection<{ region: { code: string } }> }> }>(
      countyAuthority(BINCHENG),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Provider { hostedSystems(first: 100) { totalCount edges { node { region { code } } } } } }
      }`,
      { representations: [{ __typename: 'Provider', id: inspur.id }] },
    );
    expect(result.errors).toBeUndefined();
    const hosted = result.data!._entities[0]!.hostedSystems;
    expect(hosted.totalCount).toBe(inCounty.length);
    expect(nodes(hosted).every((system) => system.region.code === BINCHENG)).toBe(true);
    const city = await subgraph.query<{ _entities: Array<{ hostedSystems: { totalCount: number } }> }>(
      bureau,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Provider { hostedSystems { totalCount } } } }`,
      { representations: [{ __typename: 'Provider', id: inspur.id }] },
    );
    expect(city.data!._entities[0]!.hostedSystems.totalCount).toBe(
      world.systems.filter((system) => system.providerId === inspur.id).length,
    );
  });

  it('refuses a request without the gateway’s principal header with 401', async () => {
    const result = await subgraph.query(null, `{ regions { code } }`);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('lists the eight regions to everyone, and rejects an unknown region filter', async () => {
    const regions = await subgraph.query<{ regions: Array<{ code: string; level: string }> }>(
      userUnit(unitWithSystems(BINCHENG, 1)),
      `{ regions { code level } }`,
    );
    expect(regions.data!.regions.map((region) => region.code)).toEqual([
      '371600',
      '371602',
      '371603',
      '371621',
      '371622',
      '371623',
      '371625',
      '371681',
    ]);
    const bad = await subgraph.query(bureau, `{ units(regionCode: "110000") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.field).toBe('regionCode');
  });
});
