// The security figures of a user unit for a year, as the annual unit performance evaluation
// (UNIT_PERFORMANCE, 第二十五条: 安全状况、等保测评工作情况; 第二十六条) reads them.
import { FIRST_POLICY_YEAR } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';

/** The policy dates from 2019; nothing was evaluated before it. */
export const FIRST_SUMMARY_YEAR = FIRST_POLICY_YEAR;

/** One request covers every unit of the city (about a hundred today) with room to spare. */
export const MAX_SUMMARY_UNITS = 2000;

/** Incidents of these severities count as serious (《国家网络安全事件应急预案》: 特别重大、重大). */
export const SERIOUS_INCIDENT_SEVERITIES = ['PARTICULARLY_SERIOUS', 'SERIOUS'] as const;

/** A year that has begun: from 2019 up to the current one. */
export function requireSummaryYear(year: number, today: string): number {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_SUMMARY_YEAR || year > current) {
    throw new BadUserInputError(`年度 year 须为 ${FIRST_SUMMARY_YEAR} 至 ${current} 年之间的年份`, 'year');
  }
  return year;
}

/**
 * The day a year's figures are taken as of: its last day, or today while the year runs. Counts of
 * things "in the year" run from 1 January to this day; states (open, overdue) are as of this day.
 */
export function summaryReferenceDate(year: number, today: string): string {
  const lastDay = `${year}-12-31`;
  return today < lastDay ? today : lastDay;
}
