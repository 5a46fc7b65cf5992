// Filing and decision (第十一条、第十二条): the county authority files a county unit's application
// (COUNTY_FILING); the bureau accepts or rejects it with a reason, within five working days
// (DECISION_5WD) — a late decision is allowed and recorded as late. Accepting needs a signed cloud
// security agreement, asked of the security subgraph (SECURITY_AGREEMENT, 第二十二条).
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../kit/principal';
import type { ApplicationEntity } from '../entities/application.entity';
import { isDecisionOverdue } from '../rules/deadlines';
import { nextStatus } from '../rules/lifecycle';
import { assertSecurityAgreementSigned } from '../rules/security-agreement';
import { lockApplication, recordStep, takeStep } from './application-write';
import { requireReason } from './inputs';
import type { SecurityAgreementPort } from './security-agreement-port';

export async function fileApplication(
  manager: EntityManager,
  principal: Principal,
  id: string,
  version: number,
  today: string,
): Promise<ApplicationEntity> {
  return takeStep(manager, principal, { id, version }, 'FILE', { set: { filedOn: today } });
}

export async function decideApplication(
  manager: EntityManager,
  principal: Principal,
  id: string,
  version: number,
  today: string,
  decision: { accept: true; securityAgreements: SecurityAgreementPort } | { accept: false; reason: string },
): Promise<ApplicationEntity> {
  const reason = decision.accept ? null : requireReason(decision.reason, 'reason', '不予受理理由');
  const application = await lockApplication(manager, id, principal, version);
  const action = decision.accept ? 'ACCEPT' : 'REJECT';
  const to = nextStatus(application, action);
  // Last before the write, after the local checks; a rejection needs no agreement.
  if (decision.accept) {
    const agreement = await decision.securityAgreements.signedAgreementFor(application.systemId, application.providerId);
    assertSecurityAgreementSigned(agreement, application);
  }
  const late = application.decisionDueOn ? isDecisionOverdue(application.decisionDueOn, today, today) : false;
  return recordStep(manager, application, principal, {
    action,
    to,
    reason: late
      ? [reason, `逾期决定：应于 ${application.decisionDueOn} 前作出（第十二条，DECISION_5WD）`].filter(Boolean).join('；')
      : reason,
    set: { decidedOn: today, decisionLate: late, rejectionReason: reason },
  });
}
