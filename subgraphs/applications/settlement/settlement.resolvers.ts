// Settlement resolvers (第十六条, SETTLEMENT_JAN5): thin — reads through the scoped loaders and the
// read service, writes through the kit's mutation pipeline and the write service.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { parseOptionalId } from '../../kit/ids';
import { findInScope } from '../../kit/lookup';
import { fenToYuan } from '../../kit/money';
import { mutation } from '../../kit/mutation';
import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import type { ApplicationsContext } from '../loaders';
import type { SettlementConfirmationEntity } from './settlement-party.entity';
import type { SettlementLineEntity } from './settlement-line.entity';
import { SettlementReadService, type ProviderRegionTotal, type SettlementListArgs } from './settlement-read.service';
import { lineSortValue, providerTotals, totalFen, unitTotals, type ProviderTotal, type UnitTotal } from './settlement-totals';
import {
  assertSettlingAuthority,
  CONFIRMING_ROLES,
  confirmSettlement,
  correctSettlement,
  createSettlement,
  parseCorrectionReason,
  parseCreateSettlement,
  recalculateSettlement,
  SETTLING_ROLES,
  settlementTarget,
  type CreateSettlementInput,
} from './settlement-write.service';
import type { SettlementEntity } from './settlement.entity';
import { dueBefore, factorText, isOverdue, wasConfirmedLate } from './settlement.rules';
import type { UtilisationPortFor } from './utilisation-port';

export const SETTLEMENTS_PATH = '/settlements';

export function csvPathOf(settlementId: string): string {
  return `${SETTLEMENTS_PATH}/${settlementId}.csv`;
}

const read = (ctx: ApplicationsContext) => new SettlementReadService(ctx.dataSource, ctx.principal);
const lines = (settlement: SettlementEntity, ctx: ApplicationsContext) => ctx.loaders.settlementLinesBySettlementId.load(settlement.id);

export const settlementQueries = {
  settlements: (_: unknown, args: SettlementListArgs, ctx: ApplicationsContext) => read(ctx).list(args),
  settlement: (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) =>
    findInScope(id, (key) => ctx.loaders.settlementById.load(key)),
  overdueSettlements: (_: unknown, args: ConnectionArgs, ctx: ApplicationsContext) => read(ctx).overdue(args, todayInChina()),
  settlementTotals: async (_: unknown, args: ConnectionArgs & { year: number; confirmedOnly?: boolean | null }, ctx: ApplicationsContext) =>
    connectionFromArray(await read(ctx).totalsByProviderAndRegion(args.year, args.confirmedOnly ?? true), args, (total) => total.id),
};

type SettlementArgs = { id: string; version: number };

/** The settlement's mutations, through the pipeline: roles, input, the level's authority, the settlement locked at the caller's version. */
export function createSettlementMutations(utilisationPortFor: UtilisationPortFor) {
  const locked = (input: SettlementArgs, ctx: ApplicationsContext) => settlementTarget(input, ctx.principal);
  return {
    createSettlement: mutation<ApplicationsContext, { input: CreateSettlementInput }, CreateSettlementInput, undefined, SettlementEntity>({
      roles: SETTLING_ROLES,
      input: (args) => parseCreateSettlement(args.input),
      authorize: (input, ctx) => assertSettlingAuthority(ctx.principal, input.regionCode),
      run: (tx, input) => createSettlement(tx, input, utilisationPortFor(tx.principal)),
    }),
    confirmSettlement: mutation<ApplicationsContext, SettlementArgs, SettlementArgs, SettlementEntity, SettlementEntity>({
      roles: CONFIRMING_ROLES,
      targets: (input) => [input.id],
      lock: locked,
      run: (tx, _input, settlement) => confirmSettlement(tx, settlement),
    }),
    recalculateSettlement: mutation<ApplicationsContext, SettlementArgs, SettlementArgs, SettlementEntity, SettlementEntity>({
      roles: SETTLING_ROLES,
      targets: (input) => [input.id],
      lock: locked,
      run: (tx, _input, settlement) => recalculateSettlement(tx, settlement, utilisationPortFor(tx.principal)),
    }),
    correctSettlement: mutation<
      ApplicationsContext,
      SettlementArgs & { reason: string },
      SettlementArgs & { reason: string },
      SettlementEntity,
      SettlementEntity
    >({
      roles: SETTLING_ROLES,
      input: (args) => ({ id: args.id, version: args.version, reason: parseCorrectionReason(args.reason) }),
      targets: (input) => [input.id],
      lock: locked,
      run: (tx, input, original) => correctSettlement(tx, original, input.reason, utilisationPortFor(tx.principal)),
    }),
  };
}

export const Settlement = {
  region: (settlement: SettlementEntity) => regionField(settlement.regionCode),
  level: (settlement: SettlementEntity) => regionByCode(settlement.regionCode)?.level ?? 'COUNTY',
  dueBefore: (settlement: SettlementEntity) => dueBefore(settlement.year),
  overdue: (settlement: SettlementEntity) => isOverdue(settlement.year, settlement.status === 'CONFIRMED', todayInChina()),
  confirmedLate: (settlement: SettlementEntity) => wasConfirmedLate(settlement.year, settlement.confirmedOn),
  corrects: (settlement: SettlementEntity, _: unknown, ctx: ApplicationsContext) =>
    settlement.correctsId ? ctx.loaders.settlementById.load(settlement.correctsId) : null,
  correctedBy: (settlement: SettlementEntity, _: unknown, ctx: ApplicationsContext) =>
    ctx.loaders.settlementCorrectionByCorrectsId.load(settlement.id),
  createdAt: (settlement: SettlementEntity) => settlement.createdAt.toISOString(),
  confirmedAt: (settlement: SettlementEntity) => settlement.confirmedAt?.toISOString() ?? null,
  totalAmount: async (settlement: SettlementEntity, _: unknown, ctx: ApplicationsContext) =>
    fenToYuan(totalFen(await lines(settlement, ctx))),
  lineCount: async (settlement: SettlementEntity, _: unknown, ctx: ApplicationsContext) => (await lines(settlement, ctx)).length,
  providerTotals: async (settlement: SettlementEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(providerTotals(await lines(settlement, ctx)), args, (total) => total.providerId),
  unitTotals: async (settlement: SettlementEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(unitTotals(await lines(settlement, ctx)), args, (total) => total.unitCode),
  lines: async (
    settlement: SettlementEntity,
    args: ConnectionArgs & { unitId?: string | null; providerId?: string | null },
    ctx: ApplicationsContext,
  ) => {
    const unitId = parseOptionalId(args.unitId, 'unitId');
    const providerId = parseOptionalId(args.providerId, 'providerId');
    const shown = (await lines(settlement, ctx)).filter(
      (line) => (unitId === null || line.unitId === unitId) && (providerId === null || line.providerId === providerId),
    );
    return connectionFromArray(shown, args, lineSortValue);
  },
  confirmations: async (settlement: SettlementEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
    connectionFromArray(
      await ctx.loaders.settlementConfirmationsBySettlementId.load(settlement.id),
      args,
      (row) => `${PARTY_ORDER[row.party]}|${row.partyKey}`,
    ),
  csvUrl: (settlement: SettlementEntity) => csvPathOf(settlement.id),
};

const PARTY_ORDER: Record<SettlementConfirmationEntity['party'], number> = { AUTHORITY: 1, CENTER: 2, UNIT: 3, PROVIDER: 4 };

export const SettlementLine = {
  provider: (line: SettlementLineEntity) => ({ id: line.providerId }),
  unit: (line: SettlementLineEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.unitById.load(line.unitId),
  system: (line: SettlementLineEntity, _: unknown, ctx: ApplicationsContext) => ctx.loaders.systemById.load(line.systemId),
  catalogEntry: (line: SettlementLineEntity) => ({ id: line.catalogEntryId }),
  unitPrice: (line: SettlementLineEntity) => fenToYuan(line.unitPriceFen),
  utilisationFactor: (line: SettlementLineEntity) => factorText(line.factorPermille),
  amount: (line: SettlementLineEntity) => fenToYuan(line.amountFen),
};

export const SettlementConfirmation = {
  region: (row: SettlementConfirmationEntity) => (row.party === 'AUTHORITY' ? regionField(row.partyKey) : null),
  unit: (row: SettlementConfirmationEntity, _: unknown, ctx: ApplicationsContext) =>
    row.party === 'UNIT' ? ctx.loaders.unitById.load(row.partyKey) : null,
  provider: (row: SettlementConfirmationEntity) => (row.party === 'PROVIDER' ? { id: row.partyKey } : null),
  confirmed: (row: SettlementConfirmationEntity) => row.confirmedAt !== null,
  confirmedAt: (row: SettlementConfirmationEntity) => row.confirmedAt?.toISOString() ?? null,
};

export const SettlementProviderTotal = {
  provider: (total: ProviderTotal) => ({ id: total.providerId }),
  amount: (total: ProviderTotal) => fenToYuan(total.amountFen),
};

export const SettlementUnitTotal = {
  unit: (total: UnitTotal, _: unknown, ctx: ApplicationsContext) => ctx.loaders.unitById.load(total.unitId),
  amount: (total: UnitTotal) => fenToYuan(total.amountFen),
};

export const SettlementTotal = {
  provider: (total: ProviderRegionTotal) => ({ id: total.providerId }),
  region: (total: ProviderRegionTotal) => regionField(total.regionCode),
  amount: (total: ProviderRegionTotal) => fenToYuan(total.amountFen),
};

/** The feature's resolver map, merged in the subgraph's resolvers.ts. */
export function createSettlementResolvers(utilisationPortFor: UtilisationPortFor) {
  return {
    Query: settlementQueries,
    Mutation: createSettlementMutations(utilisationPortFor),
    Settlement,
    SettlementLine,
    SettlementConfirmation,
    SettlementProviderTotal,
    SettlementUnitTotal,
    SettlementTotal,
  };
}
