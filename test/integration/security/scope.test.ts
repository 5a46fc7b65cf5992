import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../setup/connection';
import { describeScopeContract } from '../../setup/scope-contract';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  BINCHENG,
  bureau,
  cityFinance,
  countyAuthority,
  cybersec,
  providerByCode,
  providerPrincipal,
  unitWithSystems,
  userUnit,
  world,
} from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

type Row = { id: string; region: { code: string }; system: { id: string } };

const LISTS = `{
  securityAgreements(first: 100) { totalCount edges { node { id region { code } system { id } unit { id } provider { id } } } }
  mlpsRecords(first: 100) { totalCount edges { node { id region { code } system { id } } } }
}`;

const systemById = new Map(world.systems.map((system) => [system.id, system]));
const mlpsWhere = (keep: (system: (typeof world.systems)[number]) => boolean) =>
  world.mlpsRecords.filter((record) => keep(systemById.get(record.systemId)!));
const inBincheng = (node: Row) => node.region.code === BINCHENG;
const unit = unitWithSystems('371600');
const provider = providerByCode('P-UNICOM');
const outsideAgreement = world.securityAgreements.find((agreement) => agreement.regionCode === '371600')!;

describeScopeContract('security', {
  subgraph: () => subgraph,
  lists: LISTS,
  views: [
    {
      label: 'the cybersecurity authority (the whole city)',
      principal: cybersec,
      lists: { securityAgreements: { totalCount: world.securityAgreements.length }, mlpsRecords: { totalCount: world.mlpsRecords.length } },
    },
    {
      label: 'a county authority (its county’s agreements and MLPS records)',
      principal: countyAuthority(BINCHENG),
      lists: {
        securityAgreements: {
          totalCount: world.securityAgreements.filter((agreement) => agreement.regionCode === BINCHENG).length,
          every: inBincheng,
        },
        mlpsRecords: { totalCount: mlpsWhere((system) => system.regionCode === BINCHENG).length, nonEmpty: true, every: inBincheng },
      },
    },
    {
      label: 'a unit (its own)',
      principal: userUnit(unit),
      lists: {
        securityAgreements: { every: (agreement: { unit: { id: string } }) => agreement.unit.id === unit.id },
        mlpsRecords: { totalCount: mlpsWhere((system) => system.unitId === unit.id).length },
      },
    },
    {
      label: 'a provider (its platform’s)',
      principal: providerPrincipal(provider),
      lists: {
        securityAgreements: {
          totalCount: world.securityAgreements.filter((agreement) => agreement.providerId === provider.id).length,
          every: (agreement: { provider: { id: string } }) => agreement.provider.id === provider.id,
        },
        mlpsRecords: { totalCount: mlpsWhere((system) => system.providerId === provider.id).length },
      },
    },
    {
      label: 'a finance bureau (no security records)',
      principal: cityFinance,
      lists: { securityAgreements: { totalCount: 0 }, mlpsRecords: { totalCount: 0 } },
    },
  ],
  byId: {
    query: `query ($id: ID!) { securityAgreement(id: $id) { id } }`,
    field: 'securityAgreement',
    outsideId: outsideAgreement.id,
    principal: countyAuthority(BINCHENG),
  },
  unauthenticated: { query: `{ mlpsRecords { totalCount } }` },
});

describe('security scope', () => {
  it('an out-of-scope InformationSystem reference shows no MLPS record and no agreements', async () => {
    const recorded = new Set(world.mlpsRecords.map((record) => record.systemId));
    const inside = world.systems.find((system) => system.regionCode === BINCHENG && recorded.has(system.id))!;
    const outside = world.systems.find((system) => system.regionCode === '371600' && recorded.has(system.id))!;
    const result = await subgraph.query<{
      _entities: Array<{ id: string; mlps: { level: number } | null; securityAgreements: { totalCount: number } }>;
    }>(
      countyAuthority(BINCHENG),
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on InformationSystem { id mlps { level } securityAgreements { totalCount } } }
      }`,
      { representations: [inside, outside].map((system) => ({ __typename: 'InformationSystem', id: system.id })) },
    );
    expect(result.errors).toBeUndefined();
    const [seen, hidden] = result.data!._entities;
    expect(seen!.mlps).toEqual({ level: inside.mlpsLevel });
    expect(hidden!.mlps).toBeNull();
    expect(hidden!.securityAgreements.totalCount).toBe(0);
  });

  it('a record hidden from a county authority is read by the bureau', async () => {
    const outside = outsideAgreement;
    const mine = await subgraph.query<{ securityAgreement: { number: string } }>(
      bureau,
      `query ($id: ID!) { securityAgreement(id: $id) { number } }`,
      {
        id: outside.id,
      },
    );
    expect(mine.data!.securityAgreement.number).toBe(outside.number);
  });

  it('shows a provider its own platform profile only; government roles see every provider’s', async () => {
    const [inspur, unicom] = [providerByCode('P-INSPUR'), providerByCode('P-UNICOM')];
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Provider { id securityProfile { platformMlpsLevel platformMlpsCertificateNo cybersecurityReviewPassedOn } } }
    }`;
    const representations = [inspur, unicom].map((provider) => ({ __typename: 'Provider', id: provider.id }));
    type Result = { _entities: Array<{ securityProfile: { platformMlpsLevel: number; platformMlpsCertificateNo: string } | null }> };
    const asInspur = await subgraph.query<Result>(providerPrincipal(inspur), query, { representations });
    expect(asInspur.data!._entities[0]!.securityProfile).toMatchObject({
      platformMlpsLevel: inspur.platformMlpsLevel,
      platformMlpsCertificateNo: inspur.platformMlpsCertificateNo,
    });
    expect(asInspur.data!._entities[1]!.securityProfile).toBeNull();
    const asUnit = await subgraph.query<Result>(userUnit(unitWithSystems(BINCHENG, 1)), query, { representations });
    expect(asUnit.data!._entities.map((entity) => entity.securityProfile?.platformMlpsLevel)).toEqual([
      inspur.platformMlpsLevel,
      unicom.platformMlpsLevel,
    ]);
  });

  it('filters MLPS records by level and rejects a level outside 1–5', async () => {
    const levelThree = await subgraph.query<{ mlpsRecords: Connection<{ level: number }> }>(
      bureau,
      `{ mlpsRecords(level: 3, first: 100) { totalCount edges { node { level } } } }`,
    );
    expect(levelThree.data!.mlpsRecords.totalCount).toBe(world.mlpsRecords.filter((record) => record.grade === 3).length);
    expect(levelThree.data!.mlpsRecords.edges.every((edge) => edge.node.level === 3)).toBe(true);
    const bad = await subgraph.query(bureau, `{ mlpsRecords(level: 6) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
  });

  it('walks all MLPS records in system-code order, page by page', async () => {
    const codes: string[] = [];
    let after: string | null = null;
    do {
      const result: {
        data?: {
          mlpsRecords: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { system: { id: string } } }> };
        } | null;
      } = await subgraph.query(
        bureau,
        `query ($after: String) { mlpsRecords(first: 40, after: $after) { pageInfo { hasNextPage endCursor } edges { node { system { id } } } } }`,
        {
          after,
        },
      );
      const page = result.data!.mlpsRecords;
      codes.push(...page.edges.map((edge) => systemById.get(edge.node.system.id)!.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(codes).toEqual(world.mlpsRecords.map((record) => systemById.get(record.systemId)!.code).sort());
  });
});
