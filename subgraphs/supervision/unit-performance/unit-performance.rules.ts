// UNIT_PERFORMANCE (第二十五条、第二十六条): how a user unit's year is scored. Pure, so the rule is
// tested without a database and the seed scores with exactly the code the bureau's run uses.
import { FIRST_POLICY_YEAR } from '../../kit/dates';
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import { UnitPerformanceGrade } from '../generated/graphql';
import { requireScore } from '../provider-evaluation/provider-evaluation.rules';
import {
  UNIT_PERFORMANCE_GRADE_MINIMUMS,
  UNIT_PERFORMANCE_WEIGHTS as LOCAL_UNIT_PERFORMANCE_WEIGHTS,
  UNIT_OFF_CLOUD_DEDUCTIONS,
  UNIT_RESOURCE_DAY_DEDUCTIONS,
  UNIT_SECURITY_DEDUCTIONS,
  UTILISATION_DEFAULT_THRESHOLDS,
} from '../../contracts/local-choices';

export const UNIT_PERFORMANCE_GRADES: readonly UnitPerformanceGrade[] = Object.values(UnitPerformanceGrade);

/**
 * Weights of the three aspects 第二十五条 names for units: 系统资源使用情况, 安全状况, 等保测评工作情况;
 * when a unit's systems have no monitoring data in the year its total is the other two, equally
 * weighted. A local choice, not the policy's figure, like every figure below (contracts/local-choices.ts).
 */
export const UNIT_PERFORMANCE_WEIGHTS = LOCAL_UNIT_PERFORMANCE_WEIGHTS;

/**
 * A system-day is idle or under-used by the utilisation evaluation's default thresholds, read on
 * the daily roll-up (idle: P95 CPU and P95 network below theirs; under-used: average CPU and average
 * memory below theirs). The resource score is 100 less the share of idle system-days times
 * IDLE_DAY_DEDUCTION and of under-used (not idle) ones times UNDER_USED_DAY_DEDUCTION.
 */
export const IDLE_CPU_P95_BELOW_PERCENT = UTILISATION_DEFAULT_THRESHOLDS.idleCpuP95Percent;
export const IDLE_NETWORK_P95_BELOW_PERCENT = UTILISATION_DEFAULT_THRESHOLDS.idleNetworkP95Percent;
export const UNDER_USED_CPU_AVG_BELOW_PERCENT = UTILISATION_DEFAULT_THRESHOLDS.underUsedCpuAvgPercent;
export const UNDER_USED_MEMORY_AVG_BELOW_PERCENT = UTILISATION_DEFAULT_THRESHOLDS.underUsedMemoryAvgPercent;
export const IDLE_DAY_DEDUCTION = UNIT_RESOURCE_DAY_DEDUCTIONS.idle;
export const UNDER_USED_DAY_DEDUCTION = UNIT_RESOURCE_DAY_DEDUCTIONS.underUsed;

/** Security status: 100 less a deduction per item, never below 0; access violations weigh little and are capped. */
export const SECURITY_DEDUCTIONS = UNIT_SECURITY_DEDUCTIONS;

/**
 * Existing systems still off the cloud (第三条, ON_CLOUD), deducted from the weighted total: each
 * registered system neither moved nor exempted by the reference day costs `offCloudSystem` points,
 * one whose migration plan's target day had passed `overdueSystem` more, `cap` at most in all.
 * Local choices: the policy names no figure for them (第二十六条 asks only that units be evaluated).
 */
export const OFF_CLOUD_DEDUCTIONS = UNIT_OFF_CLOUD_DEDUCTIONS;

/** Grade bands on the total (inclusive lower bounds). */
export const GRADE_BANDS: ReadonlyArray<{ grade: UnitPerformanceGrade; atLeast: number }> = UNIT_PERFORMANCE_GRADE_MINIMUMS;

export interface ResourceUseFigures {
  /** Monitored days of the unit's evaluated systems (disaster-recovery and standby ones excluded). */
  systemDays: number;
  idleDays: number;
  /** Under-used days that were not idle. */
  underUsedDays: number;
}

export interface SecurityFigures {
  liveSystems: number;
  mlpsOverdueSystems: number;
  openRectifications: number;
  overdueRectifications: number;
  accessViolations: number;
  incidents: number;
  seriousIncidents: number;
}

/** A unit's existing systems off the cloud without exemption, and of those the ones overdue (ON_CLOUD). */
export interface OffCloudFigures {
  offCloudSystems: number;
  overdueOffCloudSystems: number;
}

export const NO_OFF_CLOUD_SYSTEMS: OffCloudFigures = Object.freeze({ offCloudSystems: 0, overdueOffCloudSystems: 0 });

export interface UnitScores {
  resourceUseScore: number | null;
  securityScore: number;
  mlpsScore: number;
  /** Points taken off the weighted total for systems still off the cloud (OFF_CLOUD_DEDUCTIONS). */
  offCloudDeduction: number;
  totalScore: number;
  grade: UnitPerformanceGrade;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const clampScore = (value: number): number => round2(Math.min(100, Math.max(0, value)));

/** Null when the unit's evaluated systems have no monitored day in the year. */
export function resourceUseScore(figures: ResourceUseFigures): number | null {
  if (figures.systemDays <= 0) return null;
  const deduction = (figures.idleDays * IDLE_DAY_DEDUCTION + figures.underUsedDays * UNDER_USED_DAY_DEDUCTION) / figures.systemDays;
  return clampScore(100 - deduction);
}

export function securityScore(figures: SecurityFigures): number {
  const d = SECURITY_DEDUCTIONS;
  const openNotOverdue = Math.max(0, figures.openRectifications - figures.overdueRectifications);
  const otherIncidents = Math.max(0, figures.incidents - figures.seriousIncidents);
  const deduction =
    figures.overdueRectifications * d.overdueRectification +
    openNotOverdue * d.openRectification +
    figures.seriousIncidents * d.seriousIncident +
    otherIncidents * d.otherIncident +
    Math.min(figures.accessViolations * d.accessViolation, d.accessViolationCap);
  return clampScore(100 - deduction);
}

/** MLPS work: the share of the unit's live systems not overdue on their assessment, 0–100; none live, nothing due: 100. */
export function mlpsScore(figures: Pick<SecurityFigures, 'liveSystems' | 'mlpsOverdueSystems'>): number {
  if (figures.liveSystems <= 0) return 100;
  return clampScore((100 * (figures.liveSystems - Math.min(figures.mlpsOverdueSystems, figures.liveSystems))) / figures.liveSystems);
}

export function offCloudDeduction(figures: OffCloudFigures): number {
  const d = OFF_CLOUD_DEDUCTIONS;
  const overdue = Math.min(figures.overdueOffCloudSystems, figures.offCloudSystems);
  return round2(Math.min(d.cap, figures.offCloudSystems * d.offCloudSystem + overdue * d.overdueSystem));
}

export function gradeOfUnitScore(total: number): UnitPerformanceGrade {
  return GRADE_BANDS.find((band) => total >= band.atLeast)!.grade;
}

/** The three aspect scores, their weighted total less the off-cloud deduction (two decimals, not below 0) and its grade. */
export function scoreUnit(
  resource: ResourceUseFigures,
  security: SecurityFigures,
  offCloud: OffCloudFigures = NO_OFF_CLOUD_SYSTEMS,
): UnitScores {
  const resourceScore = resourceUseScore(resource);
  const security100 = securityScore(security);
  const mlps100 = mlpsScore(security);
  const w = UNIT_PERFORMANCE_WEIGHTS;
  const weighted =
    resourceScore === null
      ? round2((security100 * w.security + mlps100 * w.mlps) / (w.security + w.mlps))
      : round2(resourceScore * w.resourceUse + security100 * w.security + mlps100 * w.mlps);
  const deduction = offCloudDeduction(offCloud);
  const totalScore = clampScore(weighted - deduction);
  return {
    resourceUseScore: resourceScore,
    securityScore: security100,
    mlpsScore: mlps100,
    offCloudDeduction: deduction,
    totalScore,
    grade: gradeOfUnitScore(totalScore),
  };
}

/** The policy dates from 2019; a year is evaluated once it has begun. */
export function requireEvaluationYear(year: number, today: string): number {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year > current) {
    throw new BadUserInputError(`评价年度 year 须为 ${FIRST_POLICY_YEAR} 至 ${current} 年之间的年份`, 'year');
  }
  return year;
}

/** The day a year's figures run to: 31 December, or today while the year runs. */
export function evaluationReferenceDate(year: number, today: string): string {
  const lastDay = `${year}-12-31`;
  return today < lastDay ? today : lastDay;
}

export const MAX_ADJUSTMENT_REASON_LENGTH = 500;

export interface AdjustmentInput {
  grade?: string | null;
  totalScore?: number | null;
  reason: string;
}

/**
 * An adjustment sets the total (its grade follows the bands) or the grade alone (the total stays
 * as computed), and always says why: results are circulated (第二十六条).
 */
export function parseAdjustment(input: AdjustmentInput): { grade: UnitPerformanceGrade; totalScore: number | null; reason: string } {
  const reason = (input.reason ?? '').trim();
  if (reason.length === 0) throw new BadUserInputError('调整须说明理由 (reason)', 'reason');
  if (reason.length > MAX_ADJUSTMENT_REASON_LENGTH)
    throw new BadUserInputError(`调整理由不超过 ${MAX_ADJUSTMENT_REASON_LENGTH} 字`, 'reason');
  const total = input.totalScore ?? null;
  const grade = input.grade ?? null;
  if (total === null && grade === null) throw new BadUserInputError('调整须给出综合得分 totalScore 或等次 grade', 'totalScore');
  if (grade !== null && !UNIT_PERFORMANCE_GRADES.includes(grade as UnitPerformanceGrade))
    throw new BadUserInputError('等次 grade 无效', 'grade');
  if (total === null) return { grade: grade as UnitPerformanceGrade, totalScore: null, reason };
  // The same check as a provider's evaluation scores: a third decimal is refused, not rounded away.
  requireScore(total, 'totalScore', '综合得分');
  const banded = gradeOfUnitScore(total);
  if (grade !== null && grade !== banded) {
    throw new BadUserInputError(`综合得分 ${total} 对应的等次为 ${banded}，与所给等次 ${grade} 不符`, 'grade');
  }
  return { grade: banded, totalScore: total, reason };
}

/**
 * UNIT_PERFORMANCE (第二十六条 "结果按年度予以通报"): a year's results are published once the year is
 * over and from figures that run to its last day: a draft run while the year ran is run again first.
 * Published results never change, so an early publication would fix a year's results without its last weeks.
 */
export function assertPublishable(year: number, referenceDate: string, today: string): void {
  const lastDay = `${year}-12-31`;
  if (today <= lastDay) {
    throw new RuleViolationError('UNIT_PERFORMANCE', `${year} 年度尚未结束，年度绩效评价结果须在年度结束后发布`, { year, referenceDate });
  }
  if (referenceDate < lastDay) {
    throw new RuleViolationError(
      'UNIT_PERFORMANCE',
      `${year} 年度评价草稿的数据只截至 ${referenceDate}，须重新运行评价 (runUnitPerformanceEvaluation) 使其截至 ${lastDay} 后再发布`,
      { year, referenceDate },
    );
  }
}
