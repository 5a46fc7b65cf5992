import { BadUserInputError } from '../../kit/errors';

/** The longest utilisation window: a year, leap or not, as annual settlement needs (第十六条). */
export const MAX_UTILISATION_DAYS = 366;

export function requireUtilisationDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_UTILISATION_DAYS) {
    throw new BadUserInputError(`统计天数 days 须为 1 到 ${MAX_UTILISATION_DAYS} 之间的整数`, 'days');
  }
  return days;
}

/** One system's aggregate row as PostgreSQL returns it: averages of numerics come back as text. */
export interface UtilisationAggregateRow {
  system_id: string;
  from_date: string;
  to_date: string;
  days_with_data: string | number;
  cpu_avg_percent: string;
  cpu_p95_percent: string;
  memory_avg_percent: string;
  storage_used_gb: string;
  bandwidth_p95_mbps: string;
}

export interface SystemUtilisation {
  systemId: string;
  days: number;
  fromDate: string;
  toDate: string;
  daysWithData: number;
  cpuAvgPercent: number;
  cpuP95Percent: number;
  memoryAvgPercent: number;
  storageUsedGb: number;
  bandwidthP95Mbps: number;
}

const round2 = (text: string): number => Math.round(Number(text) * 100) / 100;

/** Reads one aggregate row: averages rounded to two decimals, as the schema promises. */
export function utilisationFromRow(row: UtilisationAggregateRow, days: number): SystemUtilisation {
  return {
    systemId: row.system_id,
    days,
    fromDate: row.from_date,
    toDate: row.to_date,
    daysWithData: Number(row.days_with_data),
    cpuAvgPercent: round2(row.cpu_avg_percent),
    cpuP95Percent: round2(row.cpu_p95_percent),
    memoryAvgPercent: round2(row.memory_avg_percent),
    storageUsedGb: round2(row.storage_used_gb),
    bandwidthP95Mbps: round2(row.bandwidth_p95_mbps),
  };
}

/**
 * A sample taken on or after the day its system was retired: its resources were recovered, so there
 * is nothing left to measure (the small batch and the file import refuse it alike). Null when none.
 */
export function afterRetirementProblem(day: string, retiredOn: string | null | undefined): string | null {
  return retiredOn != null && day >= retiredOn ? `系统已于 ${retiredOn} 退役、云资源已回收，此后没有监测数据` : null;
}
