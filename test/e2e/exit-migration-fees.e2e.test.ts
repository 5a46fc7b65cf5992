// ACCEPTANCE (第九条、第十六条), through the gateway: a provider exits and one of its systems in
// production moves to another designated provider. The move is refused — nothing changing — for a
// price above the new host's cap or on another provider's entry (CATALOG_CAP), without a security
// agreement with it (SECURITY_AGREEMENT) and onto a platform below the system's level
// (MLPS_PLATFORM_LEVEL); once accepted, the year's settlement bills the old host up to the day
// before the move and the new host from it, at the price concluded with each.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yuanToFen } from '../../subgraphs/kit/money';
import { lineAmountFen } from '../../subgraphs/applications/settlement/settlement.rules';
import { isBilledOnce } from '../../subgraphs/contracts/billing-cycle';
import { waitFor } from '../integration/effects/helpers';
import { expectGatewayRuleViolation } from '../setup/gateway-assertions';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
const MIGRATED_ON = '2026-11-26';
const YEAR = 2026;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const START = `mutation($input: ProviderExitInput!) { startProviderExit(input: $input) { id } }`;
const MIGRATIONS = `query($id: ID!) {
  providerExit(id: $id) {
    migrationProgress { opened }
    systemMigrations(first: 100) { edges { node { id version status system { id } } } }
  }
}`;
const MIGRATE = `mutation($id: ID!, $version: Int!, $target: ID!, $migratedOn: Date!, $lines: [MigratedResourceLineInput!]!) {
  recordSystemMigrated(id: $id, version: $version, targetProviderId: $target, migratedOn: $migratedOn, lines: $lines) {
    version status migratedOn targetProvider { id } system { hostingProvider { id } }
  }
}`;
const SIGN = `mutation($input: SignSecurityAgreementInput!) { signSecurityAgreement(input: $input) { id } }`;
const APPLICATION = `query($id: ID!) {
  application(id: $id) {
    version
    provider { id }
    resourceLines(first: 100) {
      edges { node { id position quantity quantityMax concludedPrice provider { id } effectiveFrom catalogEntry { id ... on BasicCatalogEntry { serviceItem { code billingUnit } } } } }
    }
  }
}`;
const CATALOG = `query($id: ID!) { provider(id: $id) { basicCatalog(first: 100) { edges { node { id priceCapYuan serviceItem { code } } } } } }`;
const SETTLEMENT_LINES = `query($id: ID!, $unitId: ID, $after: String) {
  settlement(id: $id) {
    lines(first: 100, after: $after, unitId: $unitId) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        applicationNumber position provider { id } unitPrice billedQuantity serviceFrom serviceUntil daysInService daysInYear
        utilisationFactor amount billedOnce
      } }
    }
  }
}`;

interface Line {
  id: string;
  position: number;
  quantity: number;
  quantityMax: number;
  concludedPrice: string | null;
  provider: { id: string };
  effectiveFrom: string | null;
  catalogEntry: { id: string; serviceItem: { code: string; billingUnit: string } };
}
interface SettlementLine {
  applicationNumber: string;
  position: number;
  provider: { id: string };
  billedOnce: boolean;
  unitPrice: string;
  billedQuantity: number;
  serviceFrom: string;
  serviceUntil: string;
  daysInService: number;
  daysInYear: number;
  utilisationFactor: string;
  amount: string;
}
interface MigratedLine {
  resourceLineId: string;
  catalogEntryId: string;
  quantity: number;
  quantityMax: number;
  concludedPrice: string;
}

const fen = (yuan: string) => yuanToFen(yuan)!;

async function query<T>(token: string, operation: string, variables: Record<string, unknown>): Promise<T> {
  const result = await stack.query<T>(token, operation, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function catalogOf(providerId: string): Promise<Map<string, { id: string; priceCapYuan: string }>> {
  const data = await query<{
    provider: { basicCatalog: { edges: Array<{ node: { id: string; priceCapYuan: string; serviceItem: { code: string } } }> } };
  }>(bureau, CATALOG, { id: providerId });
  return new Map(data.provider.basicCatalog.edges.map(({ node }) => [node.serviceItem.code, node]));
}

describe('fees follow the host after an exit migration (第九条、第十六条)', () => {
  it('the new host is checked before the move, and the year is billed to each host for its own days', async () => {
    const inspur = stack.world.providers.find((provider) => provider.code === 'P-INSPUR')!;
    const unicom = stack.world.providers.find((provider) => provider.code === 'P-UNICOM')!;
    const ctyun = stack.world.providers.find((provider) => provider.code === 'P-CTYUN')!;
    // In production on Inspur since 2025-12-30, a city unit's system; UNICOM (level-3 platform) holds a city agreement.
    const application = stack.world.applications.find((candidate) => candidate.code === 'A-2025-0031')!;
    const unitToken = await stack.token({ role: 'USER_UNIT', unit: application.unitId, region: application.regionCode });
    // A level-4 system of Inspur's, with no application in production: nothing to price, only the platform to meet.
    const levelFour = stack.world.systems.find(
      (system) => system.providerId === inspur.id && system.regionCode === '371600' && system.mlpsLevel === 4,
    )!;
    const levelFourUnit = await stack.token({ role: 'USER_UNIT', unit: levelFour.unitId, region: levelFour.regionCode });

    const started = await query<{ startProviderExit: { id: string } }>(bureau, START, {
      input: { providerId: inspur.id, reason: 'OTHER', startedOn: '2026-11-26', transitionEndsOn: '2027-02-26' },
    });
    const exitId = started.startProviderExit.id;
    type Exit = {
      providerExit: {
        migrationProgress: { opened: boolean };
        systemMigrations: { edges: Array<{ node: { id: string; version: number; status: string; system: { id: string } } }> };
      };
    };
    await waitFor(
      'the exit migrations to open',
      async () => (await query<Exit>(bureau, MIGRATIONS, { id: exitId })).providerExit.migrationProgress.opened,
    );
    const migrations = (await query<Exit>(bureau, MIGRATIONS, { id: exitId })).providerExit.systemMigrations.edges.map(({ node }) => node);
    const migration = migrations.find((candidate) => candidate.system.id === application.systemId)!;
    const levelFourMigration = migrations.find((candidate) => candidate.system.id === levelFour.id)!;

    const before = await query<{
      application: { version: number; provider: { id: string }; resourceLines: { edges: Array<{ node: Line }> } };
    }>(unitToken, APPLICATION, { id: application.id });
    const oldLines = before.application.resourceLines.edges.map(({ node }) => node);
    expect(before.application.provider.id).toBe(inspur.id);
    expect(oldLines.every((line) => line.provider.id === inspur.id && line.concludedPrice !== null)).toBe(true);

    // The unit re-procures on UNICOM's own catalog each service UNICOM offers, at its cap; the rest ends with the move.
    const unicomCatalog = await catalogOf(unicom.id);
    const lines: MigratedLine[] = oldLines.flatMap((line) => {
      const entry = unicomCatalog.get(line.catalogEntry.serviceItem.code);
      return entry
        ? [
            {
              resourceLineId: line.id,
              catalogEntryId: entry.id,
              quantity: line.quantity,
              quantityMax: line.quantityMax,
              concludedPrice: entry.priceCapYuan,
            },
          ]
        : [];
    });
    expect(lines.length).toBeGreaterThan(1);
    const move = (token: string, target: string, moved: { id: string; version: number }, withLines: MigratedLine[]) =>
      stack.query(token, MIGRATE, { id: moved.id, version: moved.version, target, migratedOn: MIGRATED_ON, lines: withLines });
    const unchanged = async () => {
      const now = await query<typeof before>(unitToken, APPLICATION, { id: application.id });
      expect(now).toEqual(before);
      const migrationNow = (await query<Exit>(bureau, MIGRATIONS, { id: exitId })).providerExit.systemMigrations.edges.find(
        ({ node }) => node.id === migration.id,
      )!.node;
      expect(migrationNow).toEqual(migration);
    };

    // A price above UNICOM's cap; another provider's entry (CTYUN's for the same service): CATALOG_CAP (第八条).
    const [first, ...rest] = lines;
    const aboveCap = { ...first!, concludedPrice: ((fen(first!.concludedPrice) + 1) / 100).toFixed(2) };
    expectGatewayRuleViolation(await move(unitToken, unicom.id, migration, [aboveCap, ...rest]), 'CATALOG_CAP', '第八条');
    const ctyunEntry = (await catalogOf(ctyun.id)).get(
      oldLines.find((line) => line.id === first!.resourceLineId)!.catalogEntry.serviceItem.code,
    )!;
    expectGatewayRuleViolation(
      await move(unitToken, unicom.id, migration, [
        { ...first!, catalogEntryId: ctyunEntry.id, concludedPrice: ctyunEntry.priceCapYuan },
        ...rest,
      ]),
      'CATALOG_CAP',
      '第八条',
    );
    // Priced right, but no security agreement with UNICOM yet (第二十二条).
    expectGatewayRuleViolation(await move(unitToken, unicom.id, migration, lines), 'SECURITY_AGREEMENT', '第二十二条');
    await unchanged();

    // A level-4 system onto UNICOM's level-3 platform, even with its agreement signed (第二十一条).
    await query(levelFourUnit, SIGN, {
      input: {
        applicationId: randomUUID(),
        systemId: levelFour.id,
        providerId: unicom.id,
        number: '滨政云安〔2026〕迁移0002号',
        signedOn: MIGRATED_ON,
      },
    });
    expectGatewayRuleViolation(await move(levelFourUnit, unicom.id, levelFourMigration, []), 'MLPS_PLATFORM_LEVEL', '第二十一条', {
      level: 4,
      platformLevel: 3,
    });

    // Signed, priced on its own catalog: the system, the application and its lines move to UNICOM.
    await query(unitToken, SIGN, {
      input: {
        applicationId: application.id,
        systemId: application.systemId,
        providerId: unicom.id,
        number: '滨政云安〔2026〕迁移0001号',
        signedOn: MIGRATED_ON,
      },
    });
    const moved = await move(unitToken, unicom.id, migration, lines);
    expect(moved.errors).toBeUndefined();
    expect(moved.data).toEqual({
      recordSystemMigrated: {
        version: 2,
        status: 'MIGRATED',
        migratedOn: MIGRATED_ON,
        targetProvider: { id: unicom.id },
        system: { hostingProvider: { id: unicom.id } },
      },
    });
    const after = await query<typeof before>(unitToken, APPLICATION, { id: application.id });
    expect(after.application.provider.id).toBe(unicom.id);
    expect(after.application.version).toBe(before.application.version + 1);
    expect(
      after.application.resourceLines.edges.map(({ node }) => [
        node.position,
        node.provider.id,
        node.catalogEntry.id,
        node.concludedPrice,
        node.effectiveFrom,
      ]),
    ).toEqual(
      lines.map((line) => [
        oldLines.find((old) => old.id === line.resourceLineId)!.position,
        unicom.id,
        line.catalogEntryId,
        line.concludedPrice,
        MIGRATED_ON,
      ]),
    );

    // The next January: the bureau settles the year for the city level.
    const saved = process.env.GOVCLOUD_TODAY;
    process.env.GOVCLOUD_TODAY = `${YEAR + 1}-01-04`;
    let settlementLines: SettlementLine[] = [];
    try {
      const created = await query<{ createSettlement: { id: string } }>(
        bureau,
        `mutation($input: CreateSettlementInput!) { createSettlement(input: $input) { id } }`,
        { input: { year: YEAR, regionCode: '371600' } },
      );
      let after: string | null = null;
      do {
        type Page = {
          settlement: { lines: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: SettlementLine }> } };
        };
        const page: Page = await query<Page>(bureau, SETTLEMENT_LINES, {
          id: created.createSettlement.id,
          unitId: application.unitId,
          after,
        });
        settlementLines.push(...page.settlement.lines.edges.map(({ node }) => node));
        after = page.settlement.lines.pageInfo.hasNextPage ? page.settlement.lines.pageInfo.endCursor : null;
      } while (after);
    } finally {
      if (saved === undefined) delete process.env.GOVCLOUD_TODAY;
      else process.env.GOVCLOUD_TODAY = saved;
    }
    settlementLines = settlementLines.filter((line) => line.applicationNumber === application.code);

    // Inspur: every old line billed by the month, 1 January to the day before the move (its migration
    // service, 套·次, was billed once in the year it was delivered); UNICOM: each new line from the move
    // to 31 December, its migration service once, a delivery of its own.
    const oldHost = settlementLines.filter((line) => line.provider.id === inspur.id);
    const newHost = settlementLines.filter((line) => line.provider.id === unicom.id);
    const monthly = oldLines.filter((line) => !isBilledOnce(line.catalogEntry.serviceItem.billingUnit));
    expect(monthly.length).toBeLessThan(oldLines.length);
    expect(oldHost.map((line) => line.position).sort()).toEqual(monthly.map((line) => line.position).sort());
    expect(newHost.map((line) => line.position).sort()).toEqual(
      lines.map((line) => oldLines.find((old) => old.id === line.resourceLineId)!.position).sort(),
    );
    expect(oldHost.every((line) => line.serviceFrom === `${YEAR}-01-01` && line.serviceUntil === '2026-11-25')).toBe(true);
    expect(newHost.every((line) => line.serviceFrom === MIGRATED_ON && line.serviceUntil === `${YEAR}-12-31`)).toBe(true);
    for (const line of newHost.filter((candidate) => !candidate.billedOnce)) {
      const replaced = oldHost.find((old) => old.position === line.position)!;
      expect(replaced.daysInService + line.daysInService).toBe(line.daysInYear);
    }
    // Each at the price concluded with its host, by the rule: price × quantity × 12 × days ÷ days in the year × factor.
    for (const line of oldHost) expect(line.unitPrice).toBe(oldLines.find((old) => old.position === line.position)!.concludedPrice);
    for (const line of newHost) {
      const migrated = lines.find((candidate) => oldLines.find((old) => old.id === candidate.resourceLineId)!.position === line.position)!;
      expect(line.unitPrice).toBe(migrated.concludedPrice);
    }
    for (const line of settlementLines) {
      if (line.billedOnce) {
        expect(fen(line.amount)).toBe(fen(line.unitPrice) * line.billedQuantity);
        continue;
      }
      const amountFen = lineAmountFen({
        unitPriceFen: fen(line.unitPrice),
        quantity: line.billedQuantity,
        days: line.daysInService,
        daysInYear: line.daysInYear,
        factorPermille: Math.round(Number(line.utilisationFactor) * 1000),
      });
      expect(fen(line.amount)).toBe(amountFen);
    }
  }, 180_000);
});
