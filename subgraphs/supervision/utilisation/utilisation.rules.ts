// Utilisation evaluation (第十六条、第二十五条): the idle and under-used flags of a system over a
// period, from its daily roll-ups. Pure: the SQL aggregates, these decide; the unit tests pin them.
import { addDays, daysBetween, isIsoDate, FIRST_POLICY_YEAR } from '../../kit/dates';
import { BadUserInputError, ConflictError } from '../../kit/errors';
import { UTILISATION_DEFAULT_THRESHOLDS, type UtilisationThresholdValues } from '../../contracts/local-choices';

// The flags and order kinds are the SDL enums (generated).
import type { UtilisationFlag, UtilisationOrderKind } from '../generated/graphql';

/** The configurable limits (utilisation.config.ts reads them from the environment). */
export type UtilisationThresholds = UtilisationThresholdValues;

/**
 * The defaults: idle when P95 CPU < 5% and network < 2%; under-used when CPU < 10% and memory < 30%;
 * a local choice, not the policy's figure (contracts/local-choices.ts).
 */
export const DEFAULT_UTILISATION_THRESHOLDS: Readonly<UtilisationThresholds> = UTILISATION_DEFAULT_THRESHOLDS;

/** Average, P95 and peak of one measure over the period. */
export interface MetricFigures {
  average: number;
  p95: number;
  peak: number;
}

/** A system's figures over a period; the metrics are null when no day has data. */
export interface UtilisationFigures {
  daysWithData: number;
  cpu: MetricFigures | null;
  memory: MetricFigures | null;
  network: MetricFigures | null;
  storageGb: MetricFigures | null;
  bandwidthMbps: { p95: number; peak: number } | null;
}

/** What the replica knows of the system that matters here (contracts/system-fact.entity.ts). */
export interface UtilisationSystemFacts {
  isDisasterRecovery: boolean;
  isStandby: boolean;
}

/**
 * The flag, in this order: disaster-recovery and standby systems are EXCLUDED (they idle by
 * design); too few days with data is NO_DATA; then IDLE (the stronger finding) before UNDER_USED.
 * Every comparison is strict: a figure exactly at its threshold is not below it.
 */
export function utilisationFlag(
  figures: UtilisationFigures,
  facts: UtilisationSystemFacts | null,
  thresholds: UtilisationThresholds,
): UtilisationFlag {
  if (facts && (facts.isDisasterRecovery || facts.isStandby)) return 'EXCLUDED';
  const { cpu, memory, network } = figures;
  if (!facts || figures.daysWithData < thresholds.minDaysWithData || !cpu || !memory || !network) return 'NO_DATA';
  if (cpu.p95 < thresholds.idleCpuP95Percent && network.p95 < thresholds.idleNetworkP95Percent) return 'IDLE';
  if (cpu.average < thresholds.underUsedCpuAvgPercent && memory.average < thresholds.underUsedMemoryAvgPercent) return 'UNDER_USED';
  return 'NORMAL';
}

/**
 * The usage score analysts rank by ("the ten least-used systems"): the mean of the period's
 * average CPU, memory and network use, each a percentage of what was allocated, so 0–100 and
 * comparable across systems of any size. Storage is left out: the roll-ups carry gigabytes used,
 * not a share of an allocation. Null without data.
 */
export function usageScore(figures: UtilisationFigures): number | null {
  const { cpu, memory, network } = figures;
  if (!cpu || !memory || !network) return null;
  return Math.round(((cpu.average + memory.average + network.average) / 3) * 100) / 100;
}

/** A closed range of calendar days. */
export interface UtilisationPeriod {
  from: string;
  to: string;
}

/** The default period: the 30 days ending today, as the idle rule reads ("over 30 days"). */
export const DEFAULT_PERIOD_DAYS = 30;
/** The longest period: a leap year. */
export const MAX_PERIOD_DAYS = 366;

export function periodDays(period: UtilisationPeriod): number {
  return daysBetween(period.from, period.to) + 1;
}

/** `from`/`to` as given, else the default 30 days ending on `to` (or today); checked and bounded. */
export function requirePeriod(from: string | null | undefined, to: string | null | undefined, today: string): UtilisationPeriod {
  if (to != null && !isIsoDate(to)) throw new BadUserInputError('截止日期（to）须为 YYYY-MM-DD 格式的有效日期', 'to');
  if (from != null && !isIsoDate(from)) throw new BadUserInputError('起始日期（from）须为 YYYY-MM-DD 格式的有效日期', 'from');
  const end = to ?? today;
  const start = from ?? addDays(end, -(DEFAULT_PERIOD_DAYS - 1));
  if (start > end) throw new BadUserInputError('起始日期（from）不能晚于截止日期（to）', 'from');
  if (daysBetween(start, end) + 1 > MAX_PERIOD_DAYS) {
    throw new BadUserInputError(`评估期不能超过 ${MAX_PERIOD_DAYS} 天`, 'from');
  }
  return { from: start, to: end };
}

/** The policy dates from 2019; nothing was monitored before it. */
export function requireYear(year: number): number {
  if (!Number.isInteger(year) || year < FIRST_POLICY_YEAR || year > 2100) {
    throw new BadUserInputError(`年度（year）须为 ${FIRST_POLICY_YEAR} 年及以后的四位年份`, 'year');
  }
  return year;
}

/** A calendar year as a period (第十六条 settles yearly); the current year runs to today. */
export function yearPeriod(year: number, today: string): UtilisationPeriod {
  requireYear(year);
  const end = `${year}-12-31`;
  return { from: `${year}-01-01`, to: end < today ? end : today < `${year}-01-01` ? `${year}-01-01` : today };
}

/**
 * Only a flagged system can be ordered (第十五条 change request at the bureau's initiative):
 * DOWNSIZE fits an under-used or idle system; RECLAIM (回收) only an idle one. No rule id of
 * docs/domain.md covers this, so it is a CONFLICT with the system's current state.
 */
export function assertOrderable(flag: UtilisationFlag, kind: UtilisationOrderKind): void {
  if (flag !== 'IDLE' && flag !== 'UNDER_USED') {
    throw new ConflictError(
      `该系统在评估期内的资源利用率评估结果为 ${FLAG_LABELS[flag]}（${flag}），只有闲置或低利用率的系统可以下达缩容或回收指令`,
    );
  }
  if (kind === 'RECLAIM' && flag !== 'IDLE') {
    throw new ConflictError('只有闲置（IDLE）的系统可以下达回收指令；低利用率（UNDER_USED）的系统请下达缩容（DOWNSIZE）指令');
  }
}

export const FLAG_LABELS: Readonly<Record<UtilisationFlag, string>> = {
  NORMAL: '正常',
  UNDER_USED: '低利用率',
  IDLE: '闲置',
  EXCLUDED: '不参与评估（灾备或备用系统）',
  NO_DATA: '数据不足',
};
