// INSPECTION_RECTIFY (第十九条): the bureau or the centre, with the cybersecurity authority, inspects
// platforms and systems; each finding becomes a rectification the inspected party carries out by a deadline and
// only the inspecting side verifies and closes. Pure checks, no database.
import { addMonths } from '../../kit/dates';
import { BadUserInputError, ForbiddenError, RuleViolationError } from '../../kit/errors';
import { Role, type Principal } from '../../kit/principal';
import type { InspectingAuthority, RectificationOwnerKind, RectificationStatus } from '../generated/graphql';

/** At most this many findings are recorded with one inspection (one request, one transaction). */
export const MAX_FINDINGS_PER_INSPECTION = 100;

/**
 * The authorities that inspect together (会同): the bureau or the centre (第十九条 names both) with the
 * cybersecurity authority; either side records the inspection, the other is its partner.
 */
export function inspectingAuthorityOf(principal: Principal): { recordedBy: InspectingAuthority; jointWith: InspectingAuthority } {
  if (principal.role === Role.BUREAU) return { recordedBy: 'BUREAU', jointWith: 'CYBERSEC' };
  if (principal.role === Role.CENTER) return { recordedBy: 'CENTER', jointWith: 'CYBERSEC' };
  if (principal.role === Role.CYBERSEC) return { recordedBy: 'CYBERSEC', jointWith: 'BUREAU' };
  throw new ForbiddenError();
}

/**
 * Verifying, closing or sending back a rectification is the inspecting side's alone: the inspected
 * party (a unit or a provider) is told the rule; any other role is simply forbidden.
 */
export function assertMayVerify(role: Role, action: 'CLOSE' | 'RETURN'): void {
  if (role === Role.BUREAU || role === Role.CENTER || role === Role.CYBERSEC) return;
  if (role === Role.USER_UNIT || role === Role.PROVIDER) {
    throw new RuleViolationError(
      'INSPECTION_RECTIFY',
      action === 'CLOSE'
        ? '整改须经检查方（市大数据局、市大数据应用中心或网络安全主管部门）验证后关闭，被检查方不能自行关闭'
        : '只有检查方（市大数据局、市大数据应用中心或网络安全主管部门）可以退回整改',
      { action },
    );
  }
  throw new ForbiddenError();
}

/** Only the owner reports its rectification done: the unit for a system, the provider for its platform. */
export function assertRectificationOwner(
  principal: Principal,
  finding: { ownerKind: RectificationOwnerKind; unitId: string | null; providerId: string | null },
): void {
  const owns =
    finding.ownerKind === 'UNIT'
      ? principal.role === Role.USER_UNIT && principal.unitId === finding.unitId
      : principal.role === Role.PROVIDER && principal.providerId === finding.providerId;
  if (!owns) throw new ForbiddenError();
}

export type RectificationStep = 'SUBMIT' | 'CLOSE' | 'RETURN';

const FROM: Record<RectificationStep, RectificationStatus> = { SUBMIT: 'OPEN', CLOSE: 'SUBMITTED', RETURN: 'SUBMITTED' };
const TO: Record<RectificationStep, RectificationStatus> = { SUBMIT: 'SUBMITTED', CLOSE: 'CLOSED', RETURN: 'OPEN' };

const STEP_NAMES: Record<RectificationStep, string> = { SUBMIT: '提交整改结果', CLOSE: '验证关闭', RETURN: '退回整改' };
const STATUS_NAMES: Record<RectificationStatus, string> = { OPEN: '待整改', SUBMITTED: '已提交待验证', CLOSED: '已验证关闭' };

/** OPEN → SUBMITTED → CLOSED, or SUBMITTED → OPEN when sent back; returns the status the step leads to. */
export function nextRectificationStatus(status: RectificationStatus, step: RectificationStep): RectificationStatus {
  if (status !== FROM[step]) {
    throw new RuleViolationError(
      'INSPECTION_RECTIFY',
      `整改当前为“${STATUS_NAMES[status]}”，不能${STEP_NAMES[step]}：只有“${STATUS_NAMES[FROM[step]]}”的整改可以${STEP_NAMES[step]}`,
      { status, step },
    );
  }
  return TO[step];
}

/** Overdue: past its deadline and not yet verified and closed. */
export function isRectificationOverdue(finding: { deadline: string; status: RectificationStatus }, today: string): boolean {
  return finding.status !== 'CLOSED' && finding.deadline < today;
}

/** A deadline cannot come before the inspection that found the problem. */
export function assertDeadlineAfterInspection(deadline: string, conductedOn: string, field: string): void {
  if (deadline < conductedOn) {
    throw new BadUserInputError(`整改期限（${field}）不能早于检查日期 ${conductedOn}`, field);
  }
  const latest = addMonths(conductedOn, MAX_RECTIFICATION_MONTHS);
  if (deadline > latest) {
    throw new BadUserInputError(
      `整改期限（${field}）最迟为检查日期后 ${MAX_RECTIFICATION_MONTHS} 个月（${latest}，本地选择）：第十九条要求“及时整改”，更远的期限使逾期标记失去意义`,
      field,
    );
  }
}

/**
 * INSPECTION_RECTIFY (第十九条 "督促相关单位及时整改"): the latest deadline an inspection may set, in
 * months after it (a local choice). The policy sets no figure; a year covers a procurement cycle for
 * the costliest fix, and 9999-12-31 would make a finding never overdue.
 */
export const MAX_RECTIFICATION_MONTHS = 12;

/** A required free-text argument, trimmed; blank is the caller's mistake. */
export function requireText(value: string | null | undefined, field: string, label: string, maxLength = 2000): string {
  const text = (value ?? '').trim();
  if (text === '') throw new BadUserInputError(`${label}（${field}）不能为空`, field);
  if (text.length > maxLength) throw new BadUserInputError(`${label}（${field}）不能超过 ${maxLength} 个字符`, field);
  return text;
}
