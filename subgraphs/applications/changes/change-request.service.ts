// Change requests (第十五条): in testing or production they need the bureau's approval (CHANGE_APPROVAL).
import { randomUUID } from 'node:crypto';
import type { MutationTransaction } from '../../kit/mutation';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { recordStep } from '../lifecycle/application-write.service';
import { nextStatus } from '../lifecycle/lifecycle.rules';
import { ChangeRequestEntity } from './change-request.entity';
import type { ChangeRequestTargetEntity } from './change-request-target.entity';
import { assertChangeDecidable, assertChangeRequestable } from './changes.rules';
import type { LifecycleAction } from '../generated/graphql';

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
