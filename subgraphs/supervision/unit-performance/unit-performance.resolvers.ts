// Annual user-unit performance evaluation (UNIT_PERFORMANCE, 第二十六条): queries, and the bureau's
// run, adjustment and publication, each through the kit's pipeline (kit/mutation.ts): role first
// (FORBIDDEN), then input (BAD_USER_INPUT), then rules and writes with the audit entry, all or nothing.
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { UnitPerformanceEvaluationEntity } from './unit-performance-evaluation.entity';
import { UnitPerformanceResultEntity } from './unit-performance-result.entity';
import type { SupervisionContext } from '../loaders';
import { UnitPerformanceService, type UnitPerformanceResultListArgs } from './unit-performance.service';
import {
  adjustUnitPerformanceResult,
  parseResultAdjustment,
  publishUnitPerformanceEvaluation,
  runUnitPerformanceEvaluation,
  UNIT_PERFORMANCE_RESULT,
} from './unit-performance-run.service';
import { requireEvaluationYear, type AdjustmentInput } from './unit-performance.rules';
import type { UnitPerformancePorts } from './unit-performance-run.service';

const iso = (instant: Date | null) => instant?.toISOString() ?? null;
const serviceOf = (ctx: SupervisionContext) => new UnitPerformanceService(ctx.dataSource, ctx.principal);

/** 第二十六条: 市大数据局……对使用单位政务云服务使用情况进行绩效评价 — the bureau runs, adjusts and publishes. */
const BUREAU_ONLY = [Role.BUREAU] as const;

export const unitPerformanceResolvers = {
  Query: {
    unitPerformanceEvaluation: (_: unknown, { year }: { year: number }, ctx: SupervisionContext) =>
      serviceOf(ctx).evaluationOfYear(requireEvaluationYear(year, todayInChina())),
    unitPerformanceResults: (_: unknown, args: UnitPerformanceResultListArgs, ctx: SupervisionContext) =>
      serviceOf(ctx).list({ ...args, year: requireEvaluationYear(args.year, todayInChina()) }),
    unitPerformanceResult: (_: unknown, { id }: { id: string }, ctx: SupervisionContext) =>
      findInScope(id, (key) => ctx.loaders.unitPerformanceResultById.load(key)),
  },
  UnitPerformanceEvaluation: {
    evaluatedAt: (evaluation: UnitPerformanceEvaluationEntity) => evaluation.evaluatedAt.toISOString(),
    publishedAt: (evaluation: UnitPerformanceEvaluationEntity) => iso(evaluation.publishedAt),
  },
  UnitPerformanceResult: {
    __resolveReference: (reference: { id: string }, ctx: SupervisionContext) => ctx.loaders.unitPerformanceResultById.load(reference.id),
    unit: (result: UnitPerformanceResultEntity) => ({ id: result.unitId }),
    region: (result: UnitPerformanceResultEntity) => regionField(result.regionCode),
    status: (result: UnitPerformanceResultEntity) => (result.publishedAt ? 'PUBLISHED' : 'DRAFT'),
    resourceUse: (result: UnitPerformanceResultEntity) => result,
    securityFigures: (result: UnitPerformanceResultEntity) => result,
    adjustment: (result: UnitPerformanceResultEntity) =>
      result.adjustmentReason && result.adjustedAt
        ? { reason: result.adjustmentReason, adjustedBy: result.adjustedBy ?? '', adjustedAt: result.adjustedAt.toISOString() }
        : null,
    publishedAt: (result: UnitPerformanceResultEntity) => iso(result.publishedAt),
  },
};

/** The mutations need the security subgraph (one request per run), so they are built with its port. */
export function createUnitPerformanceMutations(ports: UnitPerformancePorts) {
  return {
    Mutation: {
      runUnitPerformanceEvaluation: mutation({
        roles: BUREAU_ONLY,
        input: ({ year }: { year: number }) => requireEvaluationYear(year, todayInChina()),
        run: (tx, year) => runUnitPerformanceEvaluation(tx.manager, tx.principal, year, tx.today, ports),
      }),
      /** Drafts are seen by the bureau, which alone adjusts: the locked result needs no scope test. */
      adjustUnitPerformanceResult: mutation({
        roles: BUREAU_ONLY,
        input: ({ input }: { input: AdjustmentInput & { resultId: string } }) => parseResultAdjustment(input),
        lock: (adjustment) => ({ entity: UnitPerformanceResultEntity, id: adjustment.resultId, what: UNIT_PERFORMANCE_RESULT }),
        run: (tx, adjustment, result) => adjustUnitPerformanceResult(tx.manager, tx.principal, result, adjustment),
      }),
      publishUnitPerformanceEvaluation: mutation({
        roles: BUREAU_ONLY,
        input: ({ year }: { year: number }) => requireEvaluationYear(year, todayInChina()),
        run: (tx, year) => publishUnitPerformanceEvaluation(tx.manager, tx.principal, year),
      }),
    },
  };
}
