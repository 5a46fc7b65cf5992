import type { GraphQLResolveInfo } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GovCloudError } from '../../../subgraphs/kit/errors';
import { fenToYuan, yuanToFen } from '../../../subgraphs/kit/money';
import { scopeOf, type Principal } from '../../../subgraphs/kit/principal';
import { ResourceLineEntity } from '../../../subgraphs/applications/lifecycle/resource-line.entity';
import { createLoaders, type ApplicationsContext } from '../../../subgraphs/applications/loaders';
import { createLifecycleMutations as createMutation } from '../../../subgraphs/applications/lifecycle/mutation.resolvers';
import { fixedCapsPort, type ProviderCatalogPort, type SupplementaryEntryOf } from '../../../subgraphs/applications/lifecycle/catalog-port';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { userUnit, world } from '../../setup/principals';
import { expectRefused, mutate, stateOf } from './lifecycle-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'] });
});

afterAll(async () => {
  await subgraph?.stop();
});

const worldCaps = new Map(
  world.basicCatalog.map((entry) => [entry.id, { capFen: yuanToFen(entry.priceCapYuan)!, providerId: entry.providerId }]),
);

async function linesOf(applicationId: string): Promise<ResourceLineEntity[]> {
  return subgraph.dataSource.getRepository(ResourceLineEntity).find({ where: { applicationId }, order: { position: 'ASC' } });
}

async function versionOf(applicationId: string): Promise<number> {
  const [row] = await subgraph.dataSource.query(`SELECT version FROM "applications"."application" WHERE id = $1`, [applicationId]);
  return row.version;
}

/** The recordProcurement mutation with `port` for the caps; nothing else is asked of another subgraph. */
function recordProcurement(port: ProviderCatalogPort) {
  const unused = () => {
    throw new Error('not asked in these tests');
  };
  return createMutation({ catalogPortFor: () => port, designationPortFor: unused, securityAgreementPortFor: unused }).recordProcurement;
}

function contextOf(principal: Principal): ApplicationsContext {
  const scope = scopeOf(principal);
  const { dataSource } = subgraph;
  return { principal, scope, loaders: createLoaders(dataSource, principal, scope), dataSource, requestId: 'procurement-test' };
}

/** Runs the mutation as the application's unit and returns the error it threw, if any. */
async function procure(
  code: string,
  priceOf: (line: ResourceLineEntity, capFen: number) => number | null,
  caps = worldCaps,
  supplementary: ReadonlyMap<string, SupplementaryEntryOf> = new Map(),
) {
  const application = world.applications.find((candidate) => candidate.code === code)!;
  const unit = world.units.find((candidate) => candidate.id === application.unitId)!;
  const lines = await linesOf(application.id);
  const prices = lines.flatMap((line) => {
    const fen = priceOf(line, worldCaps.get(line.catalogEntryId)!.capFen);
    return fen === null ? [] : [{ lineId: line.id, concludedPrice: fenToYuan(fen) }];
  });
  const port = fixedCapsPort(caps, supplementary);
  const version = await versionOf(application.id);
  try {
    await recordProcurement(port)(null, { id: application.id, version, prices }, contextOf(userUnit(unit)), {
      fieldName: 'recordProcurement',
    } as GraphQLResolveInfo);
    return { application, port, error: null };
  } catch (error) {
    expect(error).toBeInstanceOf(GovCloudError);
    return { application, port, error: error as GovCloudError };
  }
}

describe('CATALOG_CAP', () => {
  it('refuses a concluded price above the cap, changing nothing and lowering nothing', async () => {
    const id = world.applications.find((candidate) => candidate.code === 'A-2026-0014')!.id;
    const before = await stateOf(subgraph.dataSource, id);
    const { port, error } = await procure('A-2026-0014', (line, cap) => (line.position === 1 ? cap + 1 : cap));
    expect(error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' });
    expect(port.lowered).toEqual([]);
    expect(await stateOf(subgraph.dataSource, id)).toEqual(before);
  });

  it('refuses an entry the providers subgraph does not know, and a line left without a price', async () => {
    const unknown = await procure('A-2026-0014', (_line, cap) => cap, new Map());
    expect(unknown.error?.extensions).toMatchObject({ rule: 'CATALOG_CAP' });
    const missing = await procure('A-2026-0014', (line, cap) => (line.position === 1 ? null : cap));
    expect(missing.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prices' });
  });
});

describe('CATALOG_CAP: the provider’s own catalog, a price above zero (第八条)', () => {
  it('refuses a line whose entry is another provider’s basic-catalog entry, changing nothing', async () => {
    const application = world.applications.find((candidate) => candidate.code === 'A-2026-0014')!;
    const lines = await linesOf(application.id);
    const first = worldCaps.get(lines[0]!.catalogEntryId)!;
    const other = world.providers.find((provider) => provider.id !== first.providerId)!;
    // The same entry, as the replica would hold it were it another provider's: its cap alone would pass.
    const caps = new Map(worldCaps);
    caps.set(lines[0]!.catalogEntryId, { ...first, providerId: other.id });
    const before = await stateOf(subgraph.dataSource, application.id);
    const { port, error } = await procure('A-2026-0014', (_line, cap) => cap, caps);
    expect(error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' });
    expect(error?.message).toContain('其他服务商');
    expect(port.lowered).toEqual([]);
    expect(await stateOf(subgraph.dataSource, application.id)).toEqual(before);
  });

  it('refuses a concluded price of zero', async () => {
    const { port, error } = await procure('A-2026-0014', (line, cap) => (line.position === 1 ? 0 : cap));
    expect(error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' });
    expect(error?.message).toContain('须大于 0');
    expect(port.lowered).toEqual([]);
  });
});

describe('SUPPLEMENTARY_FILED: a supplementary entry of the provider, usable once filed (第八条)', () => {
  /** The caps with the first line's entry taken out of the basic catalog and put in the supplementary one, at `filingStatus`. */
  async function asSupplementary(code: string, filingStatus: 'PENDING' | 'FILED', providerOf = (providerId: string) => providerId) {
    const application = world.applications.find((candidate) => candidate.code === code)!;
    const [first] = await linesOf(application.id);
    const caps = new Map(worldCaps);
    const { providerId } = caps.get(first!.catalogEntryId)!;
    caps.delete(first!.catalogEntryId);
    const supplementary = new Map([[first!.catalogEntryId, { providerId: providerOf(providerId), code: 'SUPP-TEST', filingStatus }]]);
    return { caps, supplementary };
  }

  it('refuses a pending entry with its rule id, changing nothing', async () => {
    const { caps, supplementary } = await asSupplementary('A-2026-0014', 'PENDING');
    const id = world.applications.find((candidate) => candidate.code === 'A-2026-0014')!.id;
    const before = await stateOf(subgraph.dataSource, id);
    const { error } = await procure('A-2026-0014', (_line, cap) => cap, caps, supplementary);
    expect(error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SUPPLEMENTARY_FILED', article: '第八条' });
    expect(error?.message).toContain('SUPP-TEST');
    expect(await stateOf(subgraph.dataSource, id)).toEqual(before);
  });

  it('refuses another provider’s filed entry (CATALOG_CAP)', async () => {
    const { caps, supplementary } = await asSupplementary(
      'A-2026-0014',
      'FILED',
      (providerId) => world.providers.find((provider) => provider.id !== providerId)!.id,
    );
    const { error } = await procure('A-2026-0014', (_line, cap) => cap, caps, supplementary);
    expect(error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP' });
  });

  it('procures a filed entry at its concluded price, lowering no cap for it', async () => {
    const { caps, supplementary } = await asSupplementary('A-2026-0014', 'FILED');
    const { application, port, error } = await procure('A-2026-0014', (_line, cap) => cap, caps, supplementary);
    expect(error).toBeNull();
    // Only the basic entries' prices go to providers' cap check; the supplementary entry has no cap.
    expect(port.lowered.map((line) => line.catalogEntryId)).not.toContain([...supplementary.keys()][0]);
    const [row] = await subgraph.dataSource.query(`SELECT status FROM "applications"."application" WHERE id = $1`, [application.id]);
    expect(row.status).toBe('PROCURED');
  });
});

describe('CAP_LOWERS', () => {
  it('hands every line priced on a basic entry to the port, those at the cap too (checked there against the cap in force), in the procurement’s transaction', async () => {
    const { application, port, error } = await procure('A-2026-0013', (line, cap) => (line.position === 1 ? cap - 500 : cap));
    expect(error).toBeNull();
    const lines = await linesOf(application.id);
    expect(lines.length).toBeGreaterThan(1);
    expect(port.lowered).toEqual(
      lines.map((line, index) => ({
        applicationId: application.id,
        procurementReference: application.code,
        catalogEntryId: line.catalogEntryId,
        concludedPriceFen: worldCaps.get(line.catalogEntryId)!.capFen - (index === 0 ? 500 : 0),
        capFen: worldCaps.get(line.catalogEntryId)!.capFen,
      })),
    );
    expect(lines.every((line) => line.concludedPriceFen !== null)).toBe(true);
    const [row] = await subgraph.dataSource.query(`SELECT status, procured_on FROM "applications"."application" WHERE id = $1`, [
      application.id,
    ]);
    expect(row.status).toBe('PROCURED');
  });
});

describe('ON_CLOUD', () => {
  it('a system exempt from the cloud by law cannot apply for cloud services', async () => {
    const exempt = world.systems.find((system) => system.deploymentMode === 'EXEMPT')!;
    const unit = world.units.find((candidate) => candidate.id === exempt.unitId)!;
    const result = await mutate(subgraph, userUnit(unit), 'createApplication', 'input: $create', {
      create: { systemId: exempt.id, kind: 'NEW', providerId: world.providers[0]!.id },
    });
    expectRefused(result, 'RULE_VIOLATION', 'ON_CLOUD', '第三条');
  });
});
