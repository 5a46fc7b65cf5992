// Filing and decision (第十一条、第十二条): the county authority files a county unit's application
// (COUNTY_FILING, in parallel: the decision never waits for it); the bureau accepts or rejects it
// with a reason, within five working days (DECISION_5WD) — a late decision is allowed and recorded
// as late. Accepting needs a signed cloud security agreement, asked of the security subgraph
// (SECURITY_AGREEMENT, 第二十二条).
import type { MutationTransaction } from '../../kit/mutation';
import type { ApplicationEntity } from './application.entity';
import { isDecisionOverdue } from './deadlines.rules';
import { assertNotFiled } from './county-filing.rules';
import { nextStatus } from './lifecycle.rules';
import { assertSecurityAgreementSigned } from './security-agreement.rules';
import { recordStep, takeStep } from './application-write.service';
import type { SecurityAgreementPort } from './security-agreement-port';
import type { DesignationPort } from './designation-port';
import { assertNotExiting } from './designated-provider.rules';

export function fileApplication(tx: MutationTransaction, application: ApplicationEntity): Promise<ApplicationEntity> {
  assertNotFiled(application.filedOn);
  return takeStep(tx, application, 'FILE', { set: { filedOn: tx.today } });
}

/** `reason` is a rejection's, already checked (requireReason). */
export async function decideApplication(
  tx: MutationTransaction,
  application: ApplicationEntity,
  decision: { accept: true; securityAgreements: SecurityAgreementPort; designations: DesignationPort } | { accept: false; reason: string },
): Promise<ApplicationEntity> {
  const { today } = tx;
  const reason = decision.accept ? null : decision.reason;
  const action = decision.accept ? 'ACCEPT' : 'REJECT';
  const to = nextStatus(application, action);
  // Last before the write, after the local checks; a rejection needs no agreement.
  if (decision.accept) {
    // DESIGNATED_PROVIDER (第九条、第十一条): the provider may have begun to exit since the submission.
    assertNotExiting(await decision.designations.designationOf(application.providerId, application.regionCode), application.regionCode);
    const agreement = await decision.securityAgreements.signedAgreementFor(application.systemId, application.providerId);
    assertSecurityAgreementSigned(agreement, application);
  }
  const late = application.decisionDueOn ? isDecisionOverdue(application.decisionDueOn, today, today) : false;
  return recordStep(tx.manager, application, tx.principal, {
    action,
    to,
    reason: late
      ? [reason, `逾期决定：应于 ${application.decisionDueOn} 前作出（第十二条，DECISION_5WD）`].filter(Boolean).join('；')
      : reason,
    set: { decidedOn: today, decisionLate: late, rejectionReason: reason },
  });
}
