// PROVIDER_EVALUATION (第二十六条): a SEVERE result does not disqualify by itself. "情况严重的，应按照定点
// 服务协议有关约定，取消其服务资格": the bureau decides, and its decision rests on a clause of the
// provider's agreement, cited in words. A POOR result is different: "应责令其限期整改" names no
// agreement, so the rectification follows the grade directly (evaluation-consequence.service.ts).
import { RuleViolationError } from '../../kit/errors';
import { requiredText } from '../../kit/text-input';
import type { DisqualificationDecision, DisqualificationProposalStatus } from '../generated/graphql';

export const AGREEMENT_CLAUSE_MAX = 500;
export const DECISION_REASON_MAX = 2000;

/** The clause the decision cites: required, non-empty (PROVIDER_EVALUATION), at most 500 characters. */
export function requireAgreementClause(value: unknown): string {
  const clause = typeof value === 'string' ? value.trim() : '';
  if (!clause) {
    throw new RuleViolationError(
      'PROVIDER_EVALUATION',
      '取消资格的决定须按照定点服务协议有关约定作出，请引用所依据的协议条款（agreementClause）',
      { field: 'agreementClause' },
    );
  }
  return requiredText(clause, 'agreementClause', '所依据的协议条款', AGREEMENT_CLAUSE_MAX);
}

export function requireDecisionReason(value: unknown): string {
  return requiredText(value, 'reason', '决定理由', DECISION_REASON_MAX);
}

/** A proposal is decided once. */
export function assertPending(status: DisqualificationProposalStatus): void {
  if (status === 'PENDING') return;
  throw new RuleViolationError('PROVIDER_EVALUATION', `该取消资格建议已作出决定（${status}），不能再次决定`, { proposalStatus: status });
}

/** The status a decision leaves the proposal in. */
export function statusAfter(decision: DisqualificationDecision): DisqualificationProposalStatus {
  return decision === 'DISQUALIFY' ? 'DISQUALIFIED' : 'KEPT';
}
