// One application at a time for a system (第十条、第十五条): a second one while the first is under way
// would be decided, procured and billed beside it. Resources of a system in testing or production
// change through a change request (CHANGE_APPROVAL); a system's next application starts once the
// last is rejected, discarded or terminated.
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import type { ApplicationStatus } from '../generated/graphql';
import { STATUS_LABELS } from './lifecycle.rules';

/** The statuses after which a system may be applied for again. */
export const CLOSED_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['REJECTED', 'DISCARDED', 'TERMINATED'];

/** Where a change request, not a new application, is the way to change a system's resources. */
const CHANGED_BY_REQUEST: readonly ApplicationStatus[] = ['TESTING', 'IN_PRODUCTION'];

export interface OpenApplication {
  id: string;
  number: string;
  status: ApplicationStatus;
}

/** Refuses a new application for a system that has `open`, its application not yet closed. */
export function assertNoOpenApplication(open: OpenApplication | null): void {
  if (open === null || CLOSED_APPLICATION_STATUSES.includes(open.status)) return;
  const state = `${STATUS_LABELS[open.status]} (${open.status})`;
  if (CHANGED_BY_REQUEST.includes(open.status)) {
    throw new RuleViolationError(
      'CHANGE_APPROVAL',
      `该系统的上云申请 ${open.number} 处于${state}，云服务的增减须提出变更申请（requestChange），不能另建申请`,
      { applicationId: open.id },
    );
  }
  throw new BadUserInputError(
    `该系统已有未结束的上云申请 ${open.number}（${state}）：请在该申请上继续，或待其不予受理、放弃或终止后再新建`,
    'systemId',
  );
}
