// MLPS_6M (第二十二条) as a pure rule: when a system's next MLPS assessment is due. The security
// subgraph keeps the records and decides overdue systems with it (and the same in SQL); the
// supervision seed counts the 2025 unit performance figures with it from the demo world.
import { addMonths } from '../kit/dates';

/** MLPS_6M: the first assessment within 6 months of go-live, whatever the level (第二十二条). */
export const FIRST_ASSESSMENT_MONTHS = 6;

/**
 * Months between periodic assessments after the first (公安部《信息安全等级保护管理办法》第十四条:
 * level 3 yearly, level 4 half-yearly; level 5 is at least as strict as 4, so half-yearly too).
 * Levels 1 and 2 have no periodic requirement.
 */
export function reassessmentMonths(level: number | null): number | null {
  if (level === null) return null;
  if (level >= 4) return 6;
  if (level === 3) return 12;
  return null;
}

export interface AssessmentSchedule {
  /** The current level; null for a system not graded yet. */
  level: number | null;
  goLiveOn: string | null;
  retiredOn: string | null;
  /** The latest assessment's date; null before the first. */
  lastAssessedOn: string | null;
}

/**
 * MLPS_6M: when the next assessment is due. Null for a retired system, a system not yet live and
 * never assessed, and a level-1/2 system once assessed. Mirrored in SQL by NEXT_DUE_SQL
 * (security/mlps/mlps-overdue.service.ts); a test holds the two together.
 */
export function nextAssessmentDueOn(schedule: AssessmentSchedule): string | null {
  if (schedule.retiredOn) return null;
  if (!schedule.lastAssessedOn) return schedule.goLiveOn ? addMonths(schedule.goLiveOn, FIRST_ASSESSMENT_MONTHS) : null;
  const months = reassessmentMonths(schedule.level);
  return months === null ? null : addMonths(schedule.lastAssessedOn, months);
}

/** Overdue once today is past the due date (the due day itself is still in time). */
export function isAssessmentOverdue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && today > dueOn;
}
