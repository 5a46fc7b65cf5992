// What every lifecycle mutation shares: lock the row, check who and which version, record the step.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { scopeOf, type Principal } from '../../kit/principal';
import { inScope } from '../../kit/scope-filter';
import { ApplicationEventEntity } from '../entities/application-event.entity';
import { ApplicationEntity, type ApplicationStatus } from '../entities/application.entity';
import { nextStatus, type LifecycleAction } from '../rules/lifecycle';

const APPLICATION = '上云申请';

/**
 * Loads the application `FOR UPDATE`, so concurrent mutations of it run one after the other; then
 * checks it is the caller's (a unit its own, a county its county's, a provider the one chosen) and
 * that the caller saw the current `version` — otherwise CONFLICT: someone acted first.
 */
export async function lockApplication(
  manager: EntityManager,
  id: string,
  principal: Principal,
  expectedVersion: number,
): Promise<ApplicationEntity> {
  if (!isUuid(id)) throw new NotFoundError(APPLICATION);
  const application = await manager.getRepository(ApplicationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!application) throw new NotFoundError(APPLICATION);
  if (!inScope(scopeOf(principal), application)) throw new ForbiddenError();
  assertVersion(application, expectedVersion);
  return application;
}

export function assertVersion(application: ApplicationEntity, expectedVersion: number): void {
  if (application.version !== expectedVersion) {
    throw new ConflictError(`申请已被他人修改（您看到的版本为 ${expectedVersion}，当前版本为 ${application.version}），请刷新后重试`);
  }
}

export interface RecordedStep {
  action: LifecycleAction;
  /** The state afterwards (the same state for steps that do not move it). */
  to: ApplicationStatus;
  reason?: string | null;
  /** Columns the step sets besides status and version. */
  set?: Partial<ApplicationEntity>;
}

/** Writes the step: the new state and columns, version + 1 (guarded), and its audit event. */
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
 * A step with nothing to check beyond who, which version and which state: lock, move, record.
 * Steps with rules of their own call lockApplication, nextStatus and recordStep themselves.
 */
export async function takeStep(
  manager: EntityManager,
  principal: Principal,
  target: { id: string; version: number },
  action: LifecycleAction,
  step: Omit<RecordedStep, 'action' | 'to'> = {},
): Promise<ApplicationEntity> {
  const application = await lockApplication(manager, target.id, principal, target.version);
  return recordStep(manager, application, principal, { ...step, action, to: nextStatus(application, action) });
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
