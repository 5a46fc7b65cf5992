// COUNTY_FILING (第十一条): a county unit files its application with its county authority at the
// same time (同时) as it goes to the bureau. The filing is a parallel record with its own deadline
// and to-do; the bureau's DECISION_5WD clock runs from submission and never waits for it.
import { RuleViolationError } from '../../kit/errors';
import { addWorkingDays, type WorkingDayResult } from '../../kit/working-days';

/**
 * The policy gives the filing no period of its own (同时); as a local choice the county has the
 * same five working days from submission as the bureau.
 */
export const COUNTY_FILING_WORKING_DAYS = 5;

/** The filing's deadline, estimated when it crosses a year without a published calendar. */
export function filingDeadline(submittedOn: string): WorkingDayResult {
  return addWorkingDays(submittedOn, COUNTY_FILING_WORKING_DAYS);
}

/** An application is filed once; the filing does not depend on the bureau's decision. */
export function assertNotFiled(filedOn: string | null): void {
  if (filedOn !== null) throw new RuleViolationError('COUNTY_FILING', `该申请已于 ${filedOn} 备案，不能重复备案`, { filedOn });
}
