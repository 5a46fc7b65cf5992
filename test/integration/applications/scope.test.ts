import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodes, type Connection } from '../../setup/connection';
import { describeScopeContract } from '../../setup/scope-contract';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { offCloudSystemsOf } from '../../../subgraphs/applications/off-cloud/off-cloud.seed';
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

const LISTS = `
  query Lists {
    units(first: 100) { totalCount edges { node { id region { code } } } }
    systems(first: 100) { totalCount edges { node { id region { code } owner { id } } } }
    applications(first: 100) { totalCount edges { node { id unit { id } region { code } } } }
    offCloudSystems(first: 100) { totalCount edges { node { id unit { id } region { code } } } }
  }`;

type Regioned = { region: { code: string } };
const inBincheng = (node: Regioned) => node.region.code === BINCHENG;
const unit = unitWithSystems('371600');
const provider = providerByCode('P-UNICOM');
const outsideSystem = world.systems.find((system) => system.regionCode === '371600')!;
const offCloud = offCloudSystemsOf(world);

describeScopeContract('applications', {
  subgraph: () => subgraph,
  lists: LISTS,
  views: [
    {
      label: 'a county authority (its county’s units, systems and applications)',
      principal: countyAuthority(BINCHENG),
      lists: {
        units: { totalCount: world.units.filter((row) => row.regionCode === BINCHENG).length, nonEmpty: true, every: inBincheng },
        systems: { totalCount: world.systems.filter((row) => row.regionCode === BINCHENG).length, every: inBincheng },
        applications: { totalCount: world.applications.filter((row) => row.regionCode === BINCHENG).length, every: inBincheng },
        offCloudSystems: { totalCount: offCloud.filter((row) => row.regionCode === BINCHENG).length, nonEmpty: true, every: inBincheng },
      },
    },
    {
      label: 'a unit (itself, its systems and its applications)',
      principal: userUnit(unit),
      lists: {
        units: { ids: [unit.id] },
        systems: {
          totalCount: world.systems.filter((system) => system.unitId === unit.id).length,
          every: (system: { owner: { id: string } }) => system.owner.id === unit.id,
        },
        applications: { every: (application: { unit: { id: string } }) => application.unit.id === unit.id },
        offCloudSystems: {
          totalCount: offCloud.filter((row) => row.unitId === unit.id).length,
          every: (row: { unit: { id: string } }) => row.unit.id === unit.id,
        },
      },
    },
    {
      label: 'a provider (the systems it hosts, whose owners resolve)',
      principal: providerPrincipal(provider),
      query: `{
        systems(first: 100) { totalCount edges { node { id hostingProvider { id } owner { id } } } }
        offCloudSystems(first: 100) { totalCount edges { node { id } } }
      }`,
      lists: {
        systems: {
          totalCount: world.systems.filter((system) => system.providerId === provider.id).length,
          every: (system: { hostingProvider: { id: string } }) => system.hostingProvider.id === provider.id,
        },
        // Systems off the cloud are no provider's business (第三条).
        offCloudSystems: { totalCount: 0 },
      },
    },
  ],
  byId: [
    {
      query: `query ($id: ID!) { system(id: $id) { id } }`,
      field: 'system',
      outsideId: outsideSystem.id,
      principal: countyAuthority(BINCHENG),
    },
    {
      query: `query ($id: ID!) { offCloudSystem(id: $id) { id } }`,
      field: 'offCloudSystem',
      outsideId: offCloud.find((row) => row.regionCode !== BINCHENG)!.id,
      principal: countyAuthority(BINCHENG),
      seenBy: bureau,
    },
  ],
  entities: {
    typename: 'InformationSystem',
    insideId: world.systems.find((system) => system.regionCode === BINCHENG)!.id,
    outsideId: outsideSystem.id,
    principal: countyAuthority(BINCHENG),
  },
  unauthenticated: { query: `{ regions { code } }`, expectNoData: true },
});

describe('applications scope', () => {
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
