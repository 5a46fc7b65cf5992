// What every lifecycle mutation shares: the application it locks, and how a step is recorded.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../kit/errors';
import type { LockTarget, MutationTransaction } from '../../kit/mutation';
import type { Principal, Scope } from '../../kit/principal';
import { inScope } from '../../kit/scope-filter';
import { ApplicationEventEntity } from './application-event.entity';
import { ApplicationEntity } from './application.entity';
import { nextStatus } from './lifecycle.rules';
import type { ApplicationStatus, LifecycleAction } from '../generated/graphql';

export const APPLICATION = '上云申请';

/**
 * The application a step acts on, for the mutation pipeline to lock `FOR UPDATE` (concurrent steps
 * on it run one after the other) at the version the caller saw (CONFLICT otherwise). One outside
 * the caller's scope (a unit's not its own, a county's not its county's, a provider's not chosen)
 * answers NOT_FOUND, like a missing one. Uploads carry no version: the lock alone orders them.
 */
export function applicationTarget(target: { id: string; version?: number }, scope: Scope): LockTarget<ApplicationEntity> {
  return {
    entity: ApplicationEntity,
    id: target.id,
    what: APPLICATION,
    version: target.version,
    visible: (application) => inScope(scope, application),
  };
}

export interface RecordedStep {
  action: LifecycleAction;
  /** The state afterwards (the same state for steps that do not move it). */
  to: ApplicationStatus;
  reason?: string | null;
  /** Columns the step sets besides status and version. */
  set?: Partial<ApplicationEntity>;
}

/** Writes the step: the new state and columns, version + 1 (guarded), and its history event. */
export async function recordStep(
  manager: EntityManager,
  application: ApplicationEntity,
  principal: Principal,
  step: RecordedStep,
): Promise<ApplicationEntity> {
  const from = application.status;
  const changes = { ...step.set, status: step.to, version: application.version + 1 };
  const result = await manager.getRepository(ApplicationEntity).update({ id: application.id, version: application.version }, changes);
  if (result.affected !== 1) throw new ConflictError();
  Object.assign(application, changes);
  await insertEvent(manager, application.id, principal, { action: step.action, from, to: step.to, reason: step.reason ?? null });
  return application;
}

/**
 * A step with nothing to check beyond who, which version (both the pipeline's) and which state:
 * move and record. Steps with rules of their own call nextStatus and recordStep themselves.
 */
export function takeStep(
  tx: MutationTransaction,
  application: ApplicationEntity,
  action: LifecycleAction,
  step: Omit<RecordedStep, 'action' | 'to'> = {},
): Promise<ApplicationEntity> {
  return recordStep(tx.manager, application, tx.principal, { ...step, action, to: nextStatus(application, action) });
}

export async function insertEvent(
  manager: EntityManager,
  applicationId: string,
  principal: Principal,
  event: { action: LifecycleAction; from: ApplicationStatus | null; to: ApplicationStatus; reason: string | null },
): Promise<void> {
  await manager.getRepository(ApplicationEventEntity).insert({
    id: randomUUID(),
    applicationId,
    action: event.action,
    fromStatus: event.from,
    toStatus: event.to,
    actorSubject: principal.subject,
    actorRole: principal.role,
    reason: event.reason,
    occurredAt: new Date(),
  });
}
