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
    const ended = { APPROVED: '已核准', REJECTED: '已驳回', CARRIED_OUT: '已实施', WITHDRAWN: '已撤回' }[status];
    throw new RuleViolationError('CHANGE_APPROVAL', `该变更申请${ended}，不能再次决定`, { status });
  }
}

/**
 * A request not yet carried out may be withdrawn, pending or approved (one another change overtook can
 * then never be carried out); a unit may not withdraw the bureau's own utilisation order.
 */
export function assertChangeWithdrawable(change: { status: ChangeRequestStatus; origin?: string }, byBureau: boolean): void {
  if (change.status !== 'PENDING' && change.status !== 'APPROVED') {
    const what = { REJECTED: '已驳回', CARRIED_OUT: '已实施，如需恢复请提出新的变更申请', WITHDRAWN: '已撤回' }[change.status];
    throw new RuleViolationError('CHANGE_APPROVAL', `该变更申请${what}，不能撤回`, { status: change.status });
  }
  if (change.origin === 'UTILISATION_ORDER' && !byBureau) {
    throw new RuleViolationError('CHANGE_APPROVAL', '该变更申请由市大数据局的利用率整改指令生成，只能由市大数据局撤回', {
      origin: change.origin,
    });
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
