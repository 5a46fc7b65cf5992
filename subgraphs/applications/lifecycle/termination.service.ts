// Change and termination (第十五条): change requests in testing or production need the bureau's
// approval (CHANGE_APPROVAL); termination completes after its three confirmed steps (TERMINATION_STEPS).
import { randomUUID } from 'node:crypto';
import type { MutationTransaction } from '../../kit/mutation';
import { ApplicationEntity } from './application.entity';
import { ChangeRequestEntity } from '../changes/change-request.entity';
import type { ChangeRequestTargetEntity } from '../changes/change-request-target.entity';
import { TerminationStepEntity } from './termination-step.entity';
import { assertChangeDecidable, assertChangeRequestable } from '../changes/changes.rules';
import { nextStatus, type LifecycleAction } from './lifecycle.rules';
import { assertStepConfirmable, type TerminationStep } from './termination.rules';
import { changeSystem } from '../systems/system-changes.service';
import { recordStep } from './application-write.service';

/** `description` is already checked (requireReason). */
export async function requestChange(
  tx: MutationTransaction,
  application: ApplicationEntity,
  description: string,
): Promise<ApplicationEntity> {
  const { manager, principal } = tx;
  assertChangeRequestable(application.status);
  const to = nextStatus(application, 'REQUEST_CHANGE');
  const id = randomUUID();
  await manager.getRepository(ChangeRequestEntity).insert({
    id,
    applicationId: application.id,
    description,
    status: 'PENDING',
    requestedBy: principal.subject,
    requestedAt: new Date(),
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
  });
  tx.touched(id);
  return recordStep(manager, application, principal, { action: 'REQUEST_CHANGE', to, reason: description });
}

/**
 * The bureau approves or rejects (its reason already checked) a pending change request. The
 * pipeline locked the request together with its application, at the application's version, so
 * every decision on the application's requests runs one after the other.
 */
export async function decideChange(
  tx: MutationTransaction,
  change: ChangeRequestTargetEntity,
  decision: { approve: boolean; reason: string | null },
): Promise<ApplicationEntity> {
  const { manager, principal } = tx;
  assertChangeDecidable(change.status);
  const application = await manager.getRepository(ApplicationEntity).findOneByOrFail({ id: change.applicationId });
  tx.touched(application.id);
  const action: LifecycleAction = decision.approve ? 'APPROVE_CHANGE' : 'REJECT_CHANGE';
  const to = nextStatus(application, action);
  await manager.getRepository(ChangeRequestEntity).update(
    { id: change.id },
    {
      status: decision.approve ? 'APPROVED' : 'REJECTED',
      decidedBy: principal.subject,
      decidedAt: new Date(),
      decisionReason: decision.reason,
    },
  );
  return recordStep(manager, application, principal, { action, to, reason: decision.reason });
}

/** `reason` is already checked (requireReason). */
export async function reportTermination(
  tx: MutationTransaction,
  application: ApplicationEntity,
  reason: string,
): Promise<ApplicationEntity> {
  const to = nextStatus(application, 'REPORT_TERMINATION');
  return recordStep(tx.manager, application, tx.principal, {
    action: 'REPORT_TERMINATION',
    to,
    reason,
    set: { terminationReportedOn: tx.today, terminationReason: reason },
  });
}

export const TERMINATION_STEP_ACTIONS: Readonly<Record<TerminationStep, LifecycleAction>> = {
  SHUTDOWN: 'CONFIRM_SHUTDOWN',
  DATA_CLEARANCE: 'CONFIRM_DATA_CLEARANCE',
  RESOURCE_RECOVERY: 'CONFIRM_RESOURCE_RECOVERY',
};

/**
 * Confirms one termination step, in order; the last one makes the application TERMINATED and
 * retires its system. A provider reaches only the applications that chose it (the pipeline's scope
 * check); the centre any.
 */
export async function confirmTerminationStep(
  tx: MutationTransaction,
  application: ApplicationEntity,
  step: TerminationStep,
): Promise<ApplicationEntity> {
  const { manager, principal, today } = tx;
  const action = TERMINATION_STEP_ACTIONS[step];
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
  if (completes) {
    await changeSystem(manager, application.systemId, { retiredOn: today });
    tx.touched(application.systemId);
  }
  return recordStep(manager, application, principal, {
    action,
    to: completes ? 'TERMINATED' : application.status,
    set: completes ? { terminatedOn: today } : {},
  });
}
