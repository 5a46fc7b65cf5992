// The steps of a rectification (整改, 第十九条, INSPECTION_RECTIFY): the inspected party submits it
// done; the inspecting side verifies and closes it, or sends it back. Each step runs on the finding
// the mutation pipeline has locked at the version the caller saw, so two people acting at once
// cannot both succeed.
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../kit/principal';
import { InspectionFindingEntity } from './inspection-finding.entity';
import { assertRectificationOwner, nextRectificationStatus } from './inspections.rules';

/** The owner (unit or provider) reports the rectification done, with a note of what was done. */
export function submitRectification(
  manager: EntityManager,
  principal: Principal,
  finding: InspectionFindingEntity,
  note: string,
): Promise<InspectionFindingEntity> {
  assertRectificationOwner(principal, finding);
  const status = nextRectificationStatus(finding.status, 'SUBMIT');
  return save(manager, finding, { status, submittedAt: new Date(), submittedBy: principal.subject, submissionNote: note });
}

/** The inspecting side verifies the submitted rectification and closes it. */
export function closeRectification(
  manager: EntityManager,
  principal: Principal,
  finding: InspectionFindingEntity,
  note: string | null,
): Promise<InspectionFindingEntity> {
  const status = nextRectificationStatus(finding.status, 'CLOSE');
  return save(manager, finding, { status, closedAt: new Date(), closedBy: principal.subject, verificationNote: note });
}

/** The inspecting side finds the submission wanting and sends it back to OPEN, saying why. */
export function returnRectification(
  manager: EntityManager,
  principal: Principal,
  finding: InspectionFindingEntity,
  reason: string,
): Promise<InspectionFindingEntity> {
  const status = nextRectificationStatus(finding.status, 'RETURN');
  return save(manager, finding, { status, returnedAt: new Date(), returnedBy: principal.subject, returnReason: reason });
}

async function save(
  manager: EntityManager,
  finding: InspectionFindingEntity,
  patch: Partial<InspectionFindingEntity>,
): Promise<InspectionFindingEntity> {
  const next = { ...patch, version: finding.version + 1 };
  await manager.getRepository(InspectionFindingEntity).update({ id: finding.id }, next);
  return Object.assign(finding, next);
}
