// ON_CLOUD (第三条): existing systems move onto the unified cloud, except where a law, regulation,
// government rule or national document provides otherwise — and an exemption names that basis.
// Pure rules, so they are tested without a database.
import { addYears, requirePolicyYear } from '../../kit/dates';
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import type { OffCloudStatus } from '../generated/graphql';

export const MAX_LEGAL_BASIS_LENGTH = 1000;

/** The statuses in which the system no longer counts as off the cloud. */
const SETTLED: readonly OffCloudStatus[] = ['EXEMPT', 'MOVED'];

/** 法律法规依据: a non-empty citation, or the exemption is refused. */
export function requireLegalBasis(value: string | null | undefined): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) {
    throw new RuleViolationError('ON_CLOUD', '豁免上云须注明法律法规依据（法律法规、政府规章或国家有关文件的明确规定）');
  }
  if (text.length > MAX_LEGAL_BASIS_LENGTH) {
    throw new BadUserInputError(`法律法规依据不能超过 ${MAX_LEGAL_BASIS_LENGTH} 字`, 'legalBasis');
  }
  return text;
}

/** A registered system either has a plan to move or claims an exemption (or both). */
export function assertPlanOrExemption(targetOn: string | null, legalBasis: string | null | undefined): void {
  if (targetOn === null && legalBasis == null) {
    throw new RuleViolationError('ON_CLOUD', '已有系统应迁移到统一政务云运行：登记时须给出迁移计划（目标日期）或依法豁免的申请');
  }
}

/**
 * How far ahead a plan may aim: a target years away is a postponement, not a plan. The policy names
 * no term, so three years is a local choice (本地选择), the longest term of an agreement (第九条).
 */
export const MAX_PLAN_YEARS = 3;

/** A plan's target day is today or later (a plan for the past is no plan), and at most MAX_PLAN_YEARS ahead. */
export function assertTargetAhead(targetOn: string, today: string): void {
  if (targetOn < today) throw new RuleViolationError('ON_CLOUD', `迁移目标日期不能早于今天 ${today}`);
  const latest = addYears(today, MAX_PLAN_YEARS);
  if (targetOn > latest) {
    throw new RuleViolationError('ON_CLOUD', `迁移目标日期不能晚于 ${latest}（今天起 ${MAX_PLAN_YEARS} 年内，本地选择）`, {
      latestTargetOn: latest,
    });
  }
}

/**
 * A plan past its target stays overdue until the system moves or is exempted: the unit cannot
 * clear that by setting a later day itself; the centre, which runs the cloud, records a new one.
 */
export function assertMayReplan(row: { status: OffCloudStatus; migrationTargetOn: string | null }, today: string, byUnit: boolean): void {
  if (byUnit && isOverdue(row, today)) {
    throw new RuleViolationError(
      'ON_CLOUD',
      `迁移计划已逾期（目标日期 ${row.migrationTargetOn}），使用单位不能自行改期：新的目标日期由市大数据应用中心登记`,
      { migrationTargetOn: row.migrationTargetOn },
    );
  }
}

export function assertNotMoved(status: OffCloudStatus): void {
  if (status === 'MOVED') throw new RuleViolationError('ON_CLOUD', '该系统已迁移上云，不再变更');
}

/** A plan is set for a system that still has to move: not one moved, not one exempt. */
export function assertPlannable(status: OffCloudStatus): void {
  assertNotMoved(status);
  if (status === 'EXEMPT') throw new RuleViolationError('ON_CLOUD', '该系统已依法豁免上云，无需迁移计划');
}

/** One claim at a time, and none for a system moved or already exempt. */
export function assertClaimable(status: OffCloudStatus): void {
  assertNotMoved(status);
  if (status === 'EXEMPT') throw new RuleViolationError('ON_CLOUD', '该系统已依法豁免上云');
  if (status === 'EXEMPTION_CLAIMED') throw new RuleViolationError('ON_CLOUD', '该系统的豁免申请正待市大数据局认定');
}

export function assertDecidable(status: OffCloudStatus): void {
  if (status !== 'EXEMPTION_CLAIMED') throw new RuleViolationError('ON_CLOUD', '该系统没有待认定的豁免申请');
}

/** After a refused claim the system is back to its plan, or to no plan. */
export function statusAfterRefusal(migrationTargetOn: string | null): OffCloudStatus {
  return migrationTargetOn === null ? 'UNPLANNED' : 'PLANNED';
}

/** The cloud system that replaced an off-cloud one, as the rule sees it. */
export interface ReplacementFacts {
  unitId: string;
  deploymentMode: string;
  goLiveOn: string | null;
  retiredOn: string | null;
}

/**
 * The replacement is the same unit's, runs on the cloud (it has gone live: an application still
 * in procurement or testing replaces nothing yet, and MOVED is final) and has not been retired.
 */
export function assertReplacement(offCloudUnitId: string, system: ReplacementFacts): void {
  if (system.unitId !== offCloudUnitId) {
    throw new RuleViolationError('ON_CLOUD', '替代系统须属于登记该未上云系统的同一使用单位');
  }
  if (system.deploymentMode === 'EXEMPT') throw new RuleViolationError('ON_CLOUD', '替代系统依法豁免上云，不在统一政务云上');
  if (system.goLiveOn === null) {
    throw new RuleViolationError('ON_CLOUD', '替代系统尚未在统一政务云上正式运行（未上线），待其上线后再登记迁移');
  }
  if (system.retiredOn !== null) throw new RuleViolationError('ON_CLOUD', '替代系统已下线');
}

/** The day it moved: not before it was registered off the cloud, not after today. */
export function assertMovedOn(movedOn: string, registeredOn: string, today: string): void {
  if (movedOn > today) throw new BadUserInputError(`迁移日期不能晚于今天 ${today}`, 'movedOn');
  if (movedOn < registeredOn) throw new BadUserInputError(`迁移日期不能早于登记日期 ${registeredOn}`, 'movedOn');
}

/** Overdue: a plan's target day has passed and the system has neither moved nor been exempted. */
export function isOverdue(row: { status: OffCloudStatus; migrationTargetOn: string | null }, today: string): boolean {
  return row.migrationTargetOn !== null && row.migrationTargetOn < today && !SETTLED.includes(row.status);
}

/** The same condition in SQL, with `:today` bound. */
export function overdueCondition(alias: string): string {
  return `(${alias}.migration_target_on IS NOT NULL AND ${alias}.migration_target_on < CAST(:today AS date) AND ${alias}.status NOT IN (${SETTLED.map((status) => `'${status}'`).join(', ')}))`;
}

/** Summaries are asked for a year the policy covers that has begun. */
export function requireSummaryYear(year: number, today: string): number {
  return requirePolicyYear(year, today);
}

/** The day a year's figures run to: 31 December, or today while the year runs. */
export function summaryReferenceDate(year: number, today: string): string {
  const lastDay = `${year}-12-31`;
  return today < lastDay ? today : lastDay;
}
