// Change requests (第十五条): in testing or production they need the bureau's approval (CHANGE_APPROVAL).
import { randomUUID } from 'node:crypto';
import { dateInChina } from '../../kit/dates';
import type { MutationTransaction } from '../../kit/mutation';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { recordStep } from '../lifecycle/application-write.service';
import { nextStatus } from '../lifecycle/lifecycle.rules';
import { ChangeRequestEntity } from './change-request.entity';
import type { ChangeRequestTargetEntity } from './change-request-target.entity';
import { assertChangeDecidable, assertChangeRequestable, assertChangeWithdrawable } from './changes.rules';
import { Role } from '../../kit/principal';
import { assertChangeCarriable, type ParsedChangeLine } from './change-lines.rules';
import { carryOutLines, checkRequestedLines, insertChangeLines } from './change-lines.service';
import type { ProviderCatalogPort } from '../lifecycle/catalog-port';
import type { LifecycleAction } from '../generated/graphql';

/**
 * `description` is already checked (requireReason), `lines` parsed (parseChangeLines); the lines are
 * checked against the lines in force and the provider's catalog before anything is written.
 */
export async function requestChange(
  tx: MutationTransaction,
  application: ApplicationEntity,
  description: string,
  lines: readonly ParsedChangeLine[],
  port: ProviderCatalogPort,
): Promise<ApplicationEntity> {
  const { manager, principal } = tx;
  assertChangeRequestable(application.status);
  const to = nextStatus(application, 'REQUEST_CHANGE');
  const checked = lines.length > 0 ? await checkRequestedLines(manager, application, lines, tx.today, port) : [];
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
  await insertChangeLines(manager, id, checked);
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
      decidedOn: tx.today,
      decisionReason: decision.reason,
    },
  );
  return recordStep(manager, application, principal, { action, to, reason: decision.reason });
}

/**
 * The application's provider or the centre carries out an approved change on `effectiveOn`
 * (CHANGE_APPROVAL: approved, not before the approval day): its lines take effect that day, in this
 * transaction, and the change is CARRIED_OUT. A change with no lines is only marked.
 */
export async function carryOutChange(
  tx: MutationTransaction,
  target: ChangeRequestTargetEntity,
  effectiveOn: string,
  port: ProviderCatalogPort,
): Promise<ApplicationEntity> {
  const { manager, principal } = tx;
  const change = await manager.getRepository(ChangeRequestEntity).findOneByOrFail({ id: target.id });
  assertChangeCarriable({ status: change.status, approvedOn: approvalDay(change) }, effectiveOn, tx.today);
  const application = await manager.getRepository(ApplicationEntity).findOneByOrFail({ id: change.applicationId });
  tx.touched(application.id);
  const to = nextStatus(application, 'CARRY_OUT_CHANGE');
  await carryOutLines(manager, application, change, effectiveOn, port);
  await manager
    .getRepository(ChangeRequestEntity)
    .update({ id: change.id }, { status: 'CARRIED_OUT', carriedOutOn: effectiveOn, carriedOutBy: principal.subject });
  return recordStep(manager, application, principal, { action: 'CARRY_OUT_CHANGE', to, reason: `实施日期 ${effectiveOn}` });
}

/**
 * The unit or the bureau withdraws a change request not yet carried out (`reason` already checked):
 * it is WITHDRAWN, so neither decided nor carried out any more, and leaves the to-do lists. An
 * approval keeps its day and reason; a pending request's end is recorded as its decision.
 */
export async function withdrawChange(
  tx: MutationTransaction,
  target: ChangeRequestTargetEntity,
  reason: string,
): Promise<ApplicationEntity> {
  const { manager, principal } = tx;
  const change = await manager.getRepository(ChangeRequestEntity).findOneByOrFail({ id: target.id });
  assertChangeWithdrawable(change, principal.role === Role.BUREAU);
  const application = await manager.getRepository(ApplicationEntity).findOneByOrFail({ id: change.applicationId });
  tx.touched(application.id);
  const to = nextStatus(application, 'WITHDRAW_CHANGE');
  const pending = change.status === 'PENDING';
  await manager.getRepository(ChangeRequestEntity).update(
    { id: change.id },
    {
      status: 'WITHDRAWN',
      ...(pending ? { decidedBy: principal.subject, decidedAt: new Date(), decidedOn: tx.today, decisionReason: reason } : {}),
    },
  );
  return recordStep(manager, application, principal, { action: 'WITHDRAW_CHANGE', to, reason });
}

/** The day of the bureau's decision: recorded on the project's clock, else (older rows) its instant in Binzhou. */
export function approvalDay(change: Pick<ChangeRequestEntity, 'decidedOn' | 'decidedAt'>): string | null {
  return change.decidedOn ?? (change.decidedAt ? dateInChina(change.decidedAt) : null);
}
