// Termination (第十五条): it completes after its three confirmed steps (TERMINATION_STEPS).
import { randomUUID } from 'node:crypto';
import type { MutationTransaction } from '../../kit/mutation';
import type { ApplicationEntity } from './application.entity';
import type { EntityManager } from 'typeorm';
import { TerminationStepEntity } from './termination-step.entity';
import { ResourceLineEntity } from './resource-line.entity';
import { nextStatus } from './lifecycle.rules';
import { assertStepConfirmable } from './termination.rules';
import { changeSystem } from '../systems/system-changes.service';
import { recordStep } from './application-write.service';
import type { TerminationStep, LifecycleAction } from '../generated/graphql';

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
    set: {
      terminationReportedOn: tx.today,
      terminationReason: reason,
      // An abandoned test ends here, so its TEST_30D period stops counting.
      ...(application.status === 'TESTING' && application.testEndedOn === null ? { testEndedOn: tx.today } : {}),
    },
  });
}

/**
 * The resource lines in force end with the application (第十五条、第十六条): each version that runs
 * past `day` now ends on it, the last day billed, as the settlement counts it. A version a change
 * scheduled to start after `day` never came into force and is left as it was.
 */
async function endLinesWith(manager: EntityManager, applicationId: string, day: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(ResourceLineEntity)
    .set({ effectiveUntil: day })
    .where('application_id = :applicationId', { applicationId })
    .andWhere('(effective_until IS NULL OR effective_until > :day)', { day })
    .andWhere('(effective_from IS NULL OR effective_from <= :day)', { day })
    .execute();
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
  // An application abandoned before go-live releases its resources, but its system never ran on
  // them: it is not retired (a migrating system's old one still runs, a new one may apply again).
  if (completes && application.goLiveOn !== null) {
    await changeSystem(manager, application.systemId, { retiredOn: today });
    tx.touched(application.systemId);
  }
  if (completes) await endLinesWith(manager, application.id, today);
  return recordStep(manager, application, principal, {
    action,
    to: completes ? 'TERMINATED' : application.status,
    set: completes ? { terminatedOn: today } : {},
  });
}
