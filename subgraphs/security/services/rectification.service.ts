// The steps of a rectification (整改, 第十九条, INSPECTION_RECTIFY): the inspected party submits it
// done; the inspecting side verifies and closes it, or sends it back. Each step locks the row and
// checks the version the caller saw, so two people acting at once cannot both succeed.
import type { EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { Principal } from '../../kit/principal';
import { inScope } from '../../kit/scope-filter';
import { scopeOf } from '../../kit/principal';
import { InspectionFindingEntity } from '../entities/inspection-finding.entity';
import { assertMayVerify, assertRectificationOwner, nextRectificationStatus, requireText } from '../rules/inspection-rectify';
import { securityScopeOf } from './scope';

const FINDING = '检查发现问题';

export interface RectificationStepArgs {
  findingId: string;
  version: number;
}

async function lockFinding(manager: EntityManager, principal: Principal, args: RectificationStepArgs): Promise<InspectionFindingEntity> {
  if (!isUuid(args.findingId)) throw new NotFoundError(FINDING);
  const finding = await manager
    .getRepository(InspectionFindingEntity)
    .findOne({ where: { id: args.findingId }, lock: { mode: 'pessimistic_write' } });
  if (!finding) throw new NotFoundError(FINDING);
  const scope = securityScopeOf(principal, scopeOf(principal));
  if (!scope || !inScope(scope, finding)) throw new ForbiddenError();
  if (finding.version !== args.version) {
    throw new ConflictError(`整改已被他人修改（您看到的版本为 ${args.version}，当前版本为 ${finding.version}），请刷新后重试`);
  }
  return finding;
}

/** The owner (unit or provider) reports the rectification done, with a note of what was done. */
export async function submitRectification(
  manager: EntityManager,
  principal: Principal,
  args: RectificationStepArgs & { note: string },
): Promise<InspectionFindingEntity> {
  const note = requireText(args.note, 'note', '整改情况说明');
  const finding = await lockFinding(manager, principal, args);
  assertRectificationOwner(principal, finding);
  const status = nextRectificationStatus(finding.status, 'SUBMIT');
  return save(manager, finding, { status, submittedAt: new Date(), submittedBy: principal.subject, submissionNote: note });
}

/** The inspecting side verifies the submitted rectification and closes it. */
export async function closeRectification(
  manager: EntityManager,
  principal: Principal,
  args: RectificationStepArgs & { note?: string | null },
): Promise<InspectionFindingEntity> {
  assertMayVerify(principal.role, 'CLOSE');
  const note = args.note == null ? null : requireText(args.note, 'note', '验证意见');
  const finding = await lockFinding(manager, principal, args);
  const status = nextRectificationStatus(finding.status, 'CLOSE');
  return save(manager, finding, { status, closedAt: new Date(), closedBy: principal.subject, verificationNote: note });
}

/** The inspecting side finds the submission wanting and sends it back to OPEN, saying why. */
export async function returnRectification(
  manager: EntityManager,
  principal: Principal,
  args: RectificationStepArgs & { reason: string },
): Promise<InspectionFindingEntity> {
  assertMayVerify(principal.role, 'RETURN');
  const reason = requireText(args.reason, 'reason', '退回原因');
  const finding = await lockFinding(manager, principal, args);
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
