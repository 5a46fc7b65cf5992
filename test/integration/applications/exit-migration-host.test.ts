// The receiving host of an exit migration in the applications subgraph (第九条、第十六条): a refusal
// (SECURITY_AGREEMENT, MLPS_PLATFORM_LEVEL, CATALOG_CAP) writes nothing; an accepted move ends the
// lines in force the day before it, inserts the new host's lines from it and makes the new host the
// application's provider, in the migration's transaction, and lowers the caps it was priced below.
import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GovCloudError } from '../../../subgraphs/kit/errors';
import { fenToYuan, yuanToFen } from '../../../subgraphs/kit/money';
import { scopeOf } from '../../../subgraphs/kit/principal';
import { createLoaders, type ApplicationsContext } from '../../../subgraphs/applications/loaders';
import { fixedCapsPort } from '../../../subgraphs/applications/lifecycle/catalog-port';
import type { HostingLevels } from '../../../subgraphs/applications/lifecycle/mlps-platform-port';
import type { SignedSecurityAgreement } from '../../../subgraphs/applications/lifecycle/security-agreement.rules';
import { ResourceLineEntity } from '../../../subgraphs/applications/lifecycle/resource-line.entity';
import { openExitMigrations } from '../../../subgraphs/applications/system-migrations/system-migration.service';
import { createSystemMigrationMutations } from '../../../subgraphs/applications/system-migrations/system-migrations.resolvers';
import { providerByCode, userUnit, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;
const INSPUR = providerByCode('P-INSPUR');
const UNICOM = providerByCode('P-UNICOM');
const application = world.applications.find((candidate) => candidate.code === 'A-2025-0031')!;
const unit = world.units.find((candidate) => candidate.id === application.unitId)!;
const MIGRATED_ON = '2026-11-02';
const caps = new Map(
  world.basicCatalog.map((entry) => [entry.id, { capFen: yuanToFen(entry.priceCapYuan)!, providerId: entry.providerId }]),
);
const AGREEMENT: SignedSecurityAgreement = { id: randomUUID(), number: '滨政云安〔2026〕0901号', signedOn: '2026-11-01' };
let migrationId: string;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
  await subgraph.dataSource.transaction((manager) =>
    openExitMigrations(manager, { exitId: randomUUID(), providerId: INSPUR.id, transitionEndsOn: '2027-02-26' }),
  );
  const [row] = await subgraph.dataSource.query(`SELECT id FROM "applications"."system_migration" WHERE system_id = $1`, [
    application.systemId,
  ]);
  migrationId = row.id;
});

afterAll(async () => {
  await subgraph?.stop();
});

function contextOf(): ApplicationsContext {
  const principal = userUnit(unit);
  const scope = scopeOf(principal);
  const { dataSource } = subgraph;
  return { principal, scope, loaders: createLoaders(dataSource, principal, scope), dataSource, requestId: 'host-change-test' };
}

async function linesOf(): Promise<ResourceLineEntity[]> {
  return subgraph.dataSource
    .getRepository(ResourceLineEntity)
    .find({ where: { applicationId: application.id }, order: { position: 'ASC', effectiveFrom: 'ASC' } });
}

async function snapshot() {
  const [migration] = await subgraph.dataSource.query(
    `SELECT status, version, target_provider_id FROM "applications"."system_migration" WHERE id = $1`,
    [migrationId],
  );
  const [app] = await subgraph.dataSource.query(`SELECT provider_id, version FROM "applications"."application" WHERE id = $1`, [
    application.id,
  ]);
  const [system] = await subgraph.dataSource.query(`SELECT provider_id FROM "applications"."information_system" WHERE id = $1`, [
    application.systemId,
  ]);
  return { migration, app, system, lines: await linesOf() };
}

/** UNICOM's entry of each old line's service item (none for one it does not offer), priced at its cap unless `priceOf` says. */
async function newLines(priceOf: (capFen: number, position: number) => number = (capFen) => capFen) {
  const serviceItemOf = new Map(world.basicCatalog.map((entry) => [entry.id, entry.serviceItemCode]));
  return (await linesOf()).flatMap((line) => {
    const entry = world.basicCatalog.find(
      (candidate) => candidate.providerId === UNICOM.id && candidate.serviceItemCode === serviceItemOf.get(line.catalogEntryId),
    );
    if (!entry) return [];
    const capFen = caps.get(entry.id)!.capFen;
    return [
      {
        resourceLineId: line.id,
        catalogEntryId: entry.id,
        quantity: line.quantity,
        quantityMax: line.quantityMax,
        concludedPrice: fenToYuan(priceOf(capFen, line.position)),
      },
    ];
  });
}

async function migrate(
  lines: Awaited<ReturnType<typeof newLines>>,
  answers: { agreement?: SignedSecurityAgreement | null; levels?: HostingLevels } = {},
) {
  const port = fixedCapsPort(caps);
  const designation = {
    id: UNICOM.id,
    name: UNICOM.name,
    status: 'DESIGNATED',
    acceptsNewApplications: true,
    agreements: [{ number: 'x', regionCode: application.regionCode, active: true, startsOn: '2024-07-01', endsOn: '2027-06-30' }],
  };
  const { recordSystemMigrated } = createSystemMigrationMutations({
    designationPortFor: () => ({ designationOf: async () => designation }),
    securityAgreementPortFor: () => ({ signedAgreementFor: async () => (answers.agreement === undefined ? AGREEMENT : answers.agreement) }),
    mlpsPlatformPortFor: () => ({ levelsFor: async () => answers.levels ?? { systemLevel: 2, platformLevel: 3 } }),
    catalogPortFor: () => port,
  });
  const args = { id: migrationId, version: 1, targetProviderId: UNICOM.id, migratedOn: MIGRATED_ON, lines };
  try {
    await recordSystemMigrated(null, args, contextOf(), { fieldName: 'recordSystemMigrated' } as GraphQLResolveInfo);
    return { port, error: null };
  } catch (error) {
    expect(error).toBeInstanceOf(GovCloudError);
    return { port, error: error as GovCloudError };
  }
}

describe('the receiving host: a refusal writes nothing', () => {
  it.each([
    ['SECURITY_AGREEMENT', { agreement: null }],
    ['MLPS_PLATFORM_LEVEL', { levels: { systemLevel: 4, platformLevel: 3 } }],
  ] as const)('%s', async (rule, answers) => {
    const before = await snapshot();
    const { error, port } = await migrate(await newLines(), answers);
    expect(error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule });
    expect(await snapshot()).toEqual(before);
    expect(port.lowered).toEqual([]);
  });

  it('CATALOG_CAP: a price above the new host’s cap, or another provider’s entry', async () => {
    const before = await snapshot();
    const above = await migrate(await newLines((capFen, position) => (position === 1 ? capFen + 1 : capFen)));
    expect(above.error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP' });
    const [first, ...rest] = await newLines();
    const inspurEntry = world.basicCatalog.find((entry) => entry.providerId === INSPUR.id)!;
    const foreign = await migrate([{ ...first!, catalogEntryId: inspurEntry.id }, ...rest]);
    expect(foreign.error?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('the receiving host: the application and its lines follow the system', () => {
  it('ends the old lines the day before the move, starts the new host’s from it, and moves the application', async () => {
    const before = await snapshot();
    expect(before.app.provider_id).toBe(INSPUR.id);
    const lines = await newLines((capFen, position) => (position === 1 ? capFen - 1 : capFen));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(before.lines.length); // one service UNICOM does not offer ends with the move

    const { error, port } = await migrate(lines);
    expect(error).toBeNull();
    const after = await snapshot();
    expect(after.migration).toEqual({ status: 'MIGRATED', version: 2, target_provider_id: UNICOM.id });
    expect(after.app).toEqual({ provider_id: UNICOM.id, version: before.app.version + 1 });
    expect(after.system.provider_id).toBe(UNICOM.id);

    const ended = after.lines.filter((line) => line.providerId === INSPUR.id);
    expect(ended.map((line) => line.id).sort()).toEqual(before.lines.map((line) => line.id).sort());
    expect(ended.every((line) => line.effectiveUntil === '2026-11-01')).toBe(true);
    const started = after.lines.filter((line) => line.providerId === UNICOM.id);
    expect(
      started.map((line) => ({
        position: line.position,
        catalogEntryId: line.catalogEntryId,
        concludedPrice: fenToYuan(line.concludedPriceFen!),
        from: line.effectiveFrom,
        until: line.effectiveUntil,
      })),
    ).toEqual(
      lines.map((line) => ({
        position: before.lines.find((old) => old.id === line.resourceLineId)!.position,
        catalogEntryId: line.catalogEntryId,
        concludedPrice: line.concludedPrice,
        from: MIGRATED_ON,
        until: null,
      })),
    );
    // CAP_LOWERS: every line goes to providers' check against UNICOM's cap in force; the one below it lowers it.
    // Each under the migration's own procurement reference: the application's own procurement keeps its price.
    expect(port.lowered.map((line) => [line.catalogEntryId, line.procurementReference, line.concludedPriceFen < line.capFen])).toEqual(
      lines.map((line, index) => [line.catalogEntryId, `${application.code}/${migrationId}`, index === 0]),
    );
  });
});
