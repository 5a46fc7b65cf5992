// Existing systems still off the cloud (第三条, ON_CLOUD): the registry's queries, the per-unit
// figures for the unit performance evaluation (第二十六条), and the five verbs, each through the
// mutation pipeline (kit/mutation.ts) at the record's `version`.
import { childPage } from '../../kit/child-connection';
import { todayInChina } from '../../kit/dates';
import { fieldReaders } from '../../kit/field-readers';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type {
  MutationClaimOffCloudExemptionArgs,
  MutationDecideOffCloudExemptionArgs,
  MutationRecordOffCloudSystemMovedArgs,
  MutationRegisterOffCloudSystemArgs,
  MutationSetOffCloudMigrationPlanArgs,
  Resolvers,
} from '../generated/graphql';
import { alwaysVisible, type ApplicationsContext } from '../loaders';
import type { OffCloudSystemEntity } from './off-cloud-system.entity';
import { parseClaim, parseDecision, parseMove, parsePlan, parseRegistration } from './off-cloud.inputs';
import { isOverdue, requireSummaryYear, summaryReferenceDate } from './off-cloud.rules';
import {
  OffCloudService,
  claimExemption,
  decideExemption,
  offCloudTarget,
  offCloudUnitFigures,
  recordMoved,
  registerOffCloudSystem,
  setMigrationPlan,
} from './off-cloud.service';

/** 第五条: units register, plan and move their own systems; the centre does so for any unit. */
const UNIT_OR_CENTER = [Role.USER_UNIT, Role.CENTER];
/** 第四条、第二十七条: the bureau plans and supervises the city's cloud, and decides an exemption. */
const BUREAU_ONLY = [Role.BUREAU];
/** The city-wide figures the unit performance evaluation reads (第二十六条), and audit. */
const SUMMARY_READERS = fieldReaders('Query.offCloudUnitSummaries', [Role.BUREAU, Role.CENTER, Role.AUDITOR]);

const versioned = <A extends { id: string; version: number }>(input: A, ctx: ApplicationsContext) =>
  offCloudTarget(input.id, input.version, ctx.scope);

export const offCloudResolvers = {
  Query: {
    offCloudSystems: (_, args, ctx) => new OffCloudService(ctx.dataSource, ctx.scope).list(args, todayInChina()),
    offCloudSystem: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.offCloudSystemById.load(key)),
    offCloudUnitSummaries: async (_, { year }, ctx) => {
      SUMMARY_READERS.check(ctx.principal);
      const today = todayInChina();
      return offCloudUnitFigures(ctx.dataSource, summaryReferenceDate(requireSummaryYear(year, today), today));
    },
  },

  Mutation: {
    registerOffCloudSystem: mutation({
      roles: UNIT_OR_CENTER,
      input: ({ input }: MutationRegisterOffCloudSystemArgs) => parseRegistration(input),
      targets: (input) => [input.unitId],
      run: (tx, input) => registerOffCloudSystem(tx, input),
    }),
    setOffCloudMigrationPlan: mutation({
      roles: UNIT_OR_CENTER,
      input: (args: MutationSetOffCloudMigrationPlanArgs) => parsePlan(args),
      lock: versioned,
      run: (tx, input, row: OffCloudSystemEntity) => setMigrationPlan(tx, row, input),
    }),
    claimOffCloudExemption: mutation({
      roles: UNIT_OR_CENTER,
      input: (args: MutationClaimOffCloudExemptionArgs) => parseClaim(args),
      lock: versioned,
      run: (tx, input, row: OffCloudSystemEntity) => claimExemption(tx, row, input.legalBasis),
    }),
    decideOffCloudExemption: mutation({
      roles: BUREAU_ONLY,
      input: (args: MutationDecideOffCloudExemptionArgs) => parseDecision(args),
      lock: versioned,
      run: (tx, input, row: OffCloudSystemEntity) => decideExemption(tx, row, input),
    }),
    recordOffCloudSystemMoved: mutation({
      roles: UNIT_OR_CENTER,
      input: (args: MutationRecordOffCloudSystemMovedArgs) => parseMove(args),
      lock: versioned,
      run: (tx, input, row: OffCloudSystemEntity) => recordMoved(tx, row, input),
    }),
  },

  OffCloudSystem: {
    __resolveReference: (reference, ctx) => ctx.loaders.offCloudSystemById.load(reference.id),
    // The unit owns the record, so whoever sees the record sees its unit.
    unit: (row, _, ctx) => alwaysVisible(ctx.loaders.unitById.load(row.unitId)),
    region: (row) => regionField(row.regionCode)!,
    overdue: (row) => isOverdue(row, todayInChina()),
    exemption: (row) =>
      row.exemptionLegalBasis === null || row.exemptionClaimedOn === null
        ? null
        : {
            legalBasis: row.exemptionLegalBasis,
            claimedOn: row.exemptionClaimedOn,
            decision: row.exemptionDecision,
            reason: row.exemptionDecisionReason,
            decidedOn: row.exemptionDecidedOn,
            decidedBy: row.exemptionDecidedBy,
          },
    replacementSystem: (row, _, ctx) => (row.replacementSystemId ? ctx.loaders.systemById.load(row.replacementSystemId) : null),
    replacementApplication: (row, _, ctx) =>
      row.replacementApplicationId ? ctx.loaders.applicationById.load(row.replacementApplicationId) : null,
  },

  OffCloudUnitSummary: {
    // Read by city-wide roles only, which see every unit.
    unit: (summary, _, ctx) => alwaysVisible(ctx.loaders.unitById.load(summary.unitId)),
  },

  Unit: {
    offCloudSystems: (unit, args, ctx) => ctx.loaders.offCloudSystemPagesByUnitId.load(childPage(unit.id, args)),
  },
} satisfies Resolvers;
