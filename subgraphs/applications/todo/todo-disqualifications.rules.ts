// PROVIDER_EVALUATION (第二十六条): a SEVERE evaluation proposes disqualification, and the bureau
// decides under the provider's agreement (decideDisqualification). Each pending proposal is on the
// bureau's to-do list. The policy sets the bureau no time for the decision, so the item is due the
// day the proposal was made and is never overdue, as other items without a deadline. Pure, no database.
import { RULES } from '../../kit/rules';
import { Role } from '../../kit/principal';
import type { PendingDisqualificationProposal } from './disqualification-proposals-port';
import type { TodoItem } from './todo.rules';

/** Only the bureau decides a proposal. */
export function decidesDisqualification(viewer: { role: Role }): boolean {
  return viewer.role === Role.BUREAU;
}

export function disqualificationTodoItems(proposals: readonly PendingDisqualificationProposal[]): TodoItem[] {
  return proposals.map((proposal) => ({
    id: `DECIDE_DISQUALIFICATION:${proposal.id}`,
    kind: 'DECIDE_DISQUALIFICATION',
    applicationId: null,
    migrationId: null,
    proposalId: proposal.id,
    ...(proposal.providerId ? { providerId: proposal.providerId } : {}),
    systemId: null,
    dueOn: proposal.proposedOn,
    overdue: false,
    action: `${proposal.providerName} ${proposal.evaluationYear} 年度评价情况严重，按照定点服务协议有关约定决定是否取消其服务资格`,
    rule: 'PROVIDER_EVALUATION',
    article: RULES.PROVIDER_EVALUATION.article,
  }));
}
