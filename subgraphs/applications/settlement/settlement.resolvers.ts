// Settlement resolvers (第十六条, SETTLEMENT_JAN5): thin — reads through the scoped loaders and the
// read service, writes through the kit's mutation pipeline and the write service.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { parseOptionalId } from '../../kit/ids';
import { findInScope } from '../../kit/lookup';
import { fenToYuan } from '../../kit/money';
import { mutation } from '../../kit/mutation';
import { regionByCode } from '../../kit/regions';
import { regionField } from '../../kit/shared-resolvers';
import type {
  CreateSettlementInput,
  MutationConfirmSettlementArgs,
  MutationCorrectSettlementArgs,
  MutationCreateSettlementArgs,
  MutationRecalculateSettlementArgs,
  MutationResolvers,
  QueryResolvers,
  Resolvers,
  SettlementConfirmationResolvers,
  SettlementLineResolvers,
  SettlementProviderTotalResolvers,
  SettlementResolvers,
  SettlementTotalResolvers,
  SettlementUnitTotalResolvers,
} from '../generated/graphql';
import type { ApplicationsContext } from '../loaders';
import { SettlementReadService } from './settlement-read.service';
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
} from './settlement-write.service';
import type { SettlementEntity } from './settlement.entity';
import { dueBefore, factorText, isOverdue, wasConfirmedLate } from './settlement.rules';
import type { UtilisationPortFor } from './utilisation-port';

export const SETTLEMENTS_PATH = '/settlements';

export function csvPathOf(settlementId: string): string {
  return `${SETTLEMENTS_PATH}/${settlementId}.csv`;
}

const read = (ctx: ApplicationsContext) => new SettlementReadService(ctx.dataSource, ctx.principal);
const sums = async (settlement: SettlementEntity, ctx: ApplicationsContext) =>
  (await ctx.loaders.settlementSumsBySettlementId.load(settlement.id)) ?? { amountFen: 0, lineCount: 0 };

export const settlementQueries = {
  settlements: (_, args, ctx) => read(ctx).list(args),
  settlement: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.settlementById.load(key)),
  overdueSettlements: (_, args, ctx) => read(ctx).overdue(args, todayInChina()),
  settlementTotals: (_, args, ctx) => read(ctx).totalsByProviderAndRegion(args.year, args.confirmedOnly ?? true, args),
} satisfies QueryResolvers;

/** The settlement's mutations, through the pipeline: roles, input, the level's authority, the settlement locked at the caller's version. */
export function createSettlementMutations(utilisationPortFor: UtilisationPortFor) {
  const locked = (input: MutationConfirmSettlementArgs, ctx: ApplicationsContext) => settlementTarget(input, ctx.principal);
  return {
    createSettlement: mutation<ApplicationsContext, MutationCreateSettlementArgs, CreateSettlementInput, undefined, SettlementEntity>({
      roles: SETTLING_ROLES,
      input: (args) => parseCreateSettlement(args.input),
      authorize: (input, ctx) => assertSettlingAuthority(ctx.principal, input.regionCode),
      run: (tx, input) => createSettlement(tx, input, utilisationPortFor(tx.principal)),
    }),
    confirmSettlement: mutation<
      ApplicationsContext,
      MutationConfirmSettlementArgs,
      MutationConfirmSettlementArgs,
      SettlementEntity,
      SettlementEntity
    >({
      roles: CONFIRMING_ROLES,
      targets: (input) => [input.id],
      lock: locked,
      run: (tx, _input, settlement) => confirmSettlement(tx, settlement),
    }),
    recalculateSettlement: mutation<
      ApplicationsContext,
      MutationRecalculateSettlementArgs,
      MutationRecalculateSettlementArgs,
      SettlementEntity,
      SettlementEntity
    >({
      roles: SETTLING_ROLES,
      targets: (input) => [input.id],
      lock: locked,
      run: (tx, _input, settlement) => recalculateSettlement(tx, settlement, utilisationPortFor(tx.principal)),
    }),
    correctSettlement: mutation<
      ApplicationsContext,
      MutationCorrectSettlementArgs,
      MutationCorrectSettlementArgs,
      SettlementEntity,
      SettlementEntity
    >({
      roles: SETTLING_ROLES,
      input: (args) => ({ id: args.id, version: args.version, reason: parseCorrectionReason(args.reason) }),
      targets: (input) => [input.id],
      lock: locked,
      run: (tx, input, original) => correctSettlement(tx, original, input.reason, utilisationPortFor(tx.principal)),
    }),
  } satisfies MutationResolvers;
}

export const Settlement = {
  region: (settlement) => regionField(settlement.regionCode)!,
  level: (settlement) => regionByCode(settlement.regionCode)?.level ?? 'COUNTY',
  dueBefore: (settlement) => dueBefore(settlement.year),
  overdue: (settlement) => isOverdue(settlement.year, settlement.status === 'CONFIRMED', todayInChina()),
  confirmedLate: (settlement) => wasConfirmedLate(settlement.year, settlement.confirmedOn),
  corrects: (settlement, _, ctx) => (settlement.correctsId ? ctx.loaders.settlementById.load(settlement.correctsId) : null),
  correctedBy: (settlement, _, ctx) => ctx.loaders.settlementCorrectionByCorrectsId.load(settlement.id),
  totalAmount: async (settlement, _, ctx) => fenToYuan((await sums(settlement, ctx)).amountFen),
  lineCount: async (settlement, _, ctx) => (await sums(settlement, ctx)).lineCount,
  providerTotals: (settlement, args, ctx) => ctx.loaders.settlementProviderTotalPagesBySettlementId.load(childPage(settlement.id, args)),
  unitTotals: (settlement, args, ctx) => ctx.loaders.settlementUnitTotalPagesBySettlementId.load(childPage(settlement.id, args)),
  lines: (settlement, args, ctx) => {
    const filter = { unitId: parseOptionalId(args.unitId, 'unitId'), providerId: parseOptionalId(args.providerId, 'providerId') };
    return ctx.loaders.settlementLinePagesBySettlementId(filter).load(childPage(settlement.id, args));
  },
  confirmations: (settlement, args, ctx) => ctx.loaders.settlementConfirmationPagesBySettlementId.load(childPage(settlement.id, args)),
  csvUrl: (settlement) => csvPathOf(settlement.id),
} satisfies SettlementResolvers;

export const SettlementLine = {
  provider: (line) => ({ id: line.providerId }),
  unit: (line, _, ctx) => ctx.loaders.unitById.load(line.unitId),
  system: (line, _, ctx) => ctx.loaders.systemById.load(line.systemId),
  catalogEntry: (line) => ({ id: line.catalogEntryId }),
  unitPrice: (line) => fenToYuan(line.unitPriceFen),
  utilisationFactor: (line) => factorText(line.factorPermille),
  amount: (line) => fenToYuan(line.amountFen),
} satisfies SettlementLineResolvers;

export const SettlementConfirmation = {
  region: (row) => (row.party === 'AUTHORITY' ? regionField(row.partyKey) : null),
  unit: (row, _, ctx) => (row.party === 'UNIT' ? ctx.loaders.unitById.load(row.partyKey) : null),
  provider: (row) => (row.party === 'PROVIDER' ? { id: row.partyKey } : null),
  confirmed: (row) => row.confirmedAt !== null,
} satisfies SettlementConfirmationResolvers;

export const SettlementProviderTotal = {
  provider: (total) => ({ id: total.providerId }),
  amount: (total) => fenToYuan(total.amountFen),
} satisfies SettlementProviderTotalResolvers;

export const SettlementUnitTotal = {
  unit: (total, _, ctx) => ctx.loaders.unitById.load(total.unitId),
  amount: (total) => fenToYuan(total.amountFen),
} satisfies SettlementUnitTotalResolvers;

export const SettlementTotal = {
  provider: (total) => ({ id: total.providerId }),
  region: (total) => regionField(total.regionCode)!,
  amount: (total) => fenToYuan(total.amountFen),
} satisfies SettlementTotalResolvers;

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
  } satisfies Resolvers;
}
