// The lifecycle's deadlines: DECISION_5WD (第十二条), TEST_30D (第十三条), LEGACY_3M (第十四条).
// Each is flagged, not blocked: a late decision or a long test is allowed and recorded as such.
import { addMonths, daysBetween } from '../../kit/dates';
import { addWorkingDays, type WorkingDayResult } from '../../kit/working-days';

export const DECISION_WORKING_DAYS = 5;
export const TEST_PERIOD_DAYS = 30;
export const LEGACY_RETENTION_MONTHS = 3;

/** DECISION_5WD: the bureau decides within five working days of submission (China's calendar). */
export function decisionDeadline(submittedOn: string): WorkingDayResult {
  return addWorkingDays(submittedOn, DECISION_WORKING_DAYS);
}

/** DECISION_5WD: decided after the deadline, or still undecided on a day past it. */
export function isDecisionOverdue(dueOn: string, decidedOn: string | null, today: string): boolean {
  return (decidedOn ?? today) > dueOn;
}

export interface TestPeriod {
  startedOn: string;
  endedOn: string | null;
  daysElapsed: number;
  overdue: boolean;
  extensionReason: string | null;
}

/**
 * TEST_30D: testing starts when the provider delivers the test environment and runs until the
 * unit asks to go live (or today, while it runs). Past 30 days it is overdue: a recorded reason
 * explains the delay (and is shown with the flag) but does not lift it.
 */
export function testPeriod(startedOn: string, endedOn: string | null, extensionReason: string | null, today: string): TestPeriod {
  const daysElapsed = Math.max(0, daysBetween(startedOn, endedOn ?? today));
  return { startedOn, endedOn, daysElapsed, overdue: daysElapsed > TEST_PERIOD_DAYS, extensionReason };
}

/** LEGACY_3M: a migrated system's old system may run at most three months after go-live. */
export function legacyShutdownDue(kind: 'NEW' | 'MIGRATION', goLiveOn: string | null): string | null {
  return kind === 'MIGRATION' && goLiveOn ? addMonths(goLiveOn, LEGACY_RETENTION_MONTHS) : null;
}

/**
 * LEGACY_3M: the days a recorded shutdown came after its due date (0 in time); null when there is no
 * due date or nothing recorded yet.
 */
export function legacyShutdownDaysLate(dueOn: string | null, shutdownOn: string | null): number | null {
  return dueOn === null || shutdownOn === null ? null : Math.max(0, daysBetween(dueOn, shutdownOn));
}

/** LEGACY_3M: the old system was shut down after its due date, or still runs past it. */
export function isLegacyOverdue(dueOn: string | null, shutdownOn: string | null, today: string): boolean {
  return dueOn !== null && (shutdownOn ?? today) > dueOn;
}
