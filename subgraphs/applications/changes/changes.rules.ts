// CHANGE_APPROVAL (第十五条): a change of cloud services in testing or production needs a change
// request the bureau approves; resource lines are edited directly only while a draft.
import { RuleViolationError } from '../../kit/errors';
import type { ApplicationStatus, ChangeRequestStatus } from '../generated/graphql';

const CHANGEABLE: readonly ApplicationStatus[] = ['TESTING', 'IN_PRODUCTION'];

/** A change request is made in testing or production only. */
export function assertChangeRequestable(status: ApplicationStatus): void {
  if (!CHANGEABLE.includes(status)) {
    throw new RuleViolationError('CHANGE_APPROVAL', `变更申请只能在测试中或正式运行期间提出，当前状态为 ${status}`, { status });
  }
}

/** Only a pending request is decided, once. */
export function assertChangeDecidable(status: ChangeRequestStatus): void {
  if (status !== 'PENDING') {
    throw new RuleViolationError('CHANGE_APPROVAL', `该变更申请已${status === 'REJECTED' ? '驳回' : '核准'}，不能再次决定`, { status });
  }
}

/** Editing resources outside a draft is a change: it goes through a change request. */
export function assertResourcesEditable(status: ApplicationStatus): void {
  if (CHANGEABLE.includes(status)) {
    throw new RuleViolationError('CHANGE_APPROVAL', '测试或运行期间变更云服务须提出变更申请（requestChange），经市大数据局核准', {
      status,
    });
  }
}
