// Change and termination (第十五条): change requests in testing or production need the bureau's
// approval (CHANGE_APPROVAL); termination completes after its three confirmed steps (TERMINATION_STEPS).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { Principal } from '../../kit/principal';
import type { ApplicationEntity } from '../entities/application.entity';
import { ChangeRequestEntity } from '../entities/change-request.entity';
import { TerminationStepEntity } from '../entities/termination-step.entity';
import { assertChangeDecidable, assertChangeRequestable } from '../rules/change';
import { nextStatus, type LifecycleAction } from '../rules/lifecycle';
import { assertStepConfirmable, type TerminationStep } from '../rules/termination';
import { changeSystem } from './system-changes';
import { lockApplication, recordStep } from './application-write';
import { optionalReason, requireReason } from './inputs';

export async function requestChange(
  manager: EntityManager,
  principal: Principal,
  id: string,
  version: number,
  description: string,
): Promise<ApplicationEntity> {
  const text = requireReason(description, 'description', '变更内容');
  const application = await lockApplication(manager, id, principal, version);
  assertChangeRequestable(application.status);
  const to = nextStatus(application, 'REQUEST_CHANGE');
  await manager.getRepository(ChangeRequestEntity).insert({
    id: randomUUID(),
    applicationId: application.id,
    description: text,
    status: 'PENDING',
    requestedBy: principal.subject,
    requestedAt: new Date(),
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
  });
  return recordStep(manager, application, principal, { action: 'REQUEST_CHANGE', to, reason: text });
}

/** The bureau approves (reason optional) or rejects (reason required) a pending change request. */
export async function decideChange(
  manager: EntityManager,
  principal: Principal,
  changeRequestId: string,
  version: number,
  decision: { approve: boolean; reason?: string | null },
): Promise<ApplicationEntity> {
  const reason = decision.approve
    ? optionalReason(decision.reason, 'reason', '核准意见')
    : requireReason(decision.reason, 'reason', '驳回理由');
  if (!isUuid(changeRequestId)) throw new NotFoundError('变更申请');
  const change = await manager.getRepository(ChangeRequestEntity).findOne({ where: { id: changeRequestId } });
  if (!change) throw new NotFoundError('变更申请');
  // Locking the application serialises every decision on its change requests.
  const application = await lockApplication(manager, change.applicationId, principal, version);
  const current = await manager.getRepository(ChangeRequestEntity).findOneOrFail({ where: { id: change.id } });
  assertChangeDecidable(current.status);
  const action: LifecycleAction = decision.approve ? 'APPROVE_CHANGE' : 'REJECT_CHANGE';
  const to = nextStatus(application, action);
  await manager
    .getRepository(ChangeRequestEntity)
    .update(
      { id: current.id },
      { status: decision.approve ? 'APPROVED' : 'REJECTED', decidedBy: principal.subject, decidedAt: new Date(), decisionReason: reason },
    );
  return recordStep(manager, application, principal, { action, to, reason });
}

export async function reportTermination(
  manager: EntityManager,
  principal: Principal,
  id: string,
  version: number,
  reason: string,
  today: string,
): Promise<ApplicationEntity> {
  const text = requireReason(reason, 'reason', '终止理由');
  const application = await lockApplication(manager, id, principal, version);
  const to = nextStatus(application, 'REPORT_TERMINATION');
  return recordStep(manager, application, principal, {
    action: 'REPORT_TERMINATION',
    to,
    reason: text,
    set: { terminationReportedOn: today, terminationReason: text },
  });
}

const STEP_ACTIONS: Record<TerminationStep, LifecycleAction> = {
  SHUTDOWN: 'CONFIRM_SHUTDOWN',
  DATA_CLEARANCE: 'CONFIRM_DATA_CLEARANCE',
  RESOURCE_RECOVERY: 'CONFIRM_RESOURCE_RECOVERY',
};

/**
 * Confirms one termination step, in order; the last one makes the application TERMINATED and
 * retires its system. The provider confirms only for its own platform (its scope); the centre for any.
 */
export async function confirmTerminationStep(
  manager: EntityManager,
  principal: Principal,
  id: string,
  version: number,
  step: TerminationStep,
  today: string,
): Promise<ApplicationEntity> {
  const application = await lockApplication(manager, id, principal, version);
  if (principal.role === 'PROVIDER' && application.providerId !== principal.providerId) throw new ForbiddenError();
  const action = STEP_ACTIONS[step];
  nextStatus(application, action);
  const steps = manager.getRepository(TerminationStepEntity);
  const confirmed = (await steps.find({ where: { applicationId: application.id } })).map((row) => row.step);
  const { completes } = assertStepConfirmable(step, confirmed);
  await steps.insert({
    id: randomUUID(),
    applicationId: application.id,
    step,
    confirmedBy: principal.subject,
    confirmedByRole: principal.role,
    confirmedOn: today,
    confirmedAt: new Date(),
  });
  if (completes) await changeSystem(manager, application.systemId, { retiredOn: today });
  return recordStep(manager, application, principal, {
    action,
    to: completes ? 'TERMINATED' : application.status,
    set: completes ? { terminatedOn: today } : {},
  });
}
