// Annual user-unit performance evaluation (UNIT_PERFORMANCE, 第二十六条): queries, and the bureau's
// run, adjustment and publication, each through the kit's pipeline (kit/mutation.ts): role first
// (FORBIDDEN), then input (BAD_USER_INPUT), then rules and writes with the audit entry, all or nothing.
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { inScope } from '../../kit/scope-filter';
import { regionField } from '../../kit/shared-resolvers';
import { UnitPerformanceResultEntity } from './unit-performance-result.entity';
import type {
  MutationAdjustUnitPerformanceResultArgs,
  MutationPublishUnitPerformanceEvaluationArgs,
  MutationRunUnitPerformanceEvaluationArgs,
  Resolvers,
} from '../generated/graphql';
import type { SupervisionContext } from '../loaders';
import { UnitPerformanceService } from './unit-performance.service';
import {
  adjustUnitPerformanceResult,
  parseResultAdjustment,
  publishUnitPerformanceEvaluation,
  runUnitPerformanceEvaluation,
  UNIT_PERFORMANCE_RESULT,
} from './unit-performance-run.service';
import { requireEvaluationYear } from './unit-performance.rules';
import type { UnitPerformancePorts } from './unit-performance-run.service';

const serviceOf = (ctx: SupervisionContext) => new UnitPerformanceService(ctx.dataSource, ctx.principal);

/** 第二十六条: 市大数据局……对使用单位政务云服务使用情况进行绩效评价 — the bureau runs, adjusts and publishes. */
const BUREAU_ONLY = [Role.BUREAU] as const;

export const unitPerformanceResolvers = {
  Query: {
    unitPerformanceEvaluation: (_, { year }, ctx) => serviceOf(ctx).evaluationOfYear(requireEvaluationYear(year, todayInChina())),
    unitPerformanceResults: (_, args, ctx) => serviceOf(ctx).list({ ...args, year: requireEvaluationYear(args.year, todayInChina()) }),
    unitPerformanceResult: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.unitPerformanceResultById.load(key)),
  },
  UnitPerformanceResult: {
    __resolveReference: (reference, ctx) => ctx.loaders.unitPerformanceResultById.load(reference.id),
    // A published result reaches every unit and county, but the unit's own record only those who
    // may read it (applications' unit scope): to others `unit` is null here, where the schema says
    // so, not a reference the gateway could only null field by field (the name is in unitName).
    unit: (result, _, ctx) => (inScope(ctx.scope, result) ? { id: result.unitId } : null),
    // A result's region is NOT NULL and one of the known codes, so it is always found.
    region: (result) => regionField(result.regionCode)!,
    status: (result) => (result.publishedAt ? 'PUBLISHED' : 'DRAFT'),
    resourceUse: (result) => result,
    securityFigures: (result) => result,
    offCloud: (result) => ({
      offCloudSystems: result.offCloudSystems,
      overdueSystems: result.overdueOffCloudSystems,
      deduction: result.offCloudDeduction,
    }),
    adjustment: (result) =>
      result.adjustmentReason && result.adjustedAt
        ? { reason: result.adjustmentReason, adjustedBy: result.adjustedBy ?? '', adjustedAt: result.adjustedAt }
        : null,
  },
} satisfies Resolvers;

/** The mutations need the security subgraph (one request per run), so they are built with its port. */
export function createUnitPerformanceMutations(ports: UnitPerformancePorts) {
  return {
    Mutation: {
      runUnitPerformanceEvaluation: mutation({
        roles: BUREAU_ONLY,
        input: ({ year }: MutationRunUnitPerformanceEvaluationArgs) => requireEvaluationYear(year, todayInChina()),
        run: (tx, year) => runUnitPerformanceEvaluation(tx.manager, tx.principal, year, tx.today, ports),
      }),
      /** Drafts are seen by the bureau, which alone adjusts: the locked result needs no scope test. */
      adjustUnitPerformanceResult: mutation({
        roles: BUREAU_ONLY,
        input: ({ input }: MutationAdjustUnitPerformanceResultArgs) => parseResultAdjustment(input),
        lock: (adjustment) => ({ entity: UnitPerformanceResultEntity, id: adjustment.resultId, what: UNIT_PERFORMANCE_RESULT }),
        run: (tx, adjustment, result) => adjustUnitPerformanceResult(tx.manager, tx.principal, result, adjustment),
      }),
      publishUnitPerformanceEvaluation: mutation({
        roles: BUREAU_ONLY,
        input: ({ year }: MutationPublishUnitPerformanceEvaluationArgs) => requireEvaluationYear(year, todayInChina()),
        run: (tx, year) => publishUnitPerformanceEvaluation(tx.manager, tx.principal, year, tx.today),
      }),
    },
  } satisfies Resolvers;
}
