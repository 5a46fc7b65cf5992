// CHANGE_APPROVAL (第十五条): what a change's resource lines may be, and when an approved change is
// carried out. Pure: the service reads the lines in force and the catalog, then asks here.
import { addDays } from '../../kit/dates';
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import type { ChangeLineKind, ChangeRequestStatus } from '../generated/graphql';

/** A change line as checked from its input (change-lines.inputs.ts) or built from a utilisation order. */
export interface ParsedChangeLine {
  kind: ChangeLineKind;
  /** ADD: the entry taken; REMOVE and RESIZE: filled in from the line in force. */
  catalogEntryId: string | null;
  resourceLineId: string | null;
  quantity: number | null;
  quantityMax: number | null;
  concludedPriceFen: number | null;
}

export interface LineInForce {
  id: string;
  position: number;
  catalogEntryId: string;
  quantity: number;
  quantityMax: number;
  effectiveFrom: string | null;
  /** Its concluded price in fen; null before procurement. */
  concludedPriceFen?: number | null;
}

const STATUS_LABELS: Record<ChangeRequestStatus, string> = {
  PENDING: '尚未核准',
  APPROVED: '已核准',
  REJECTED: '已驳回',
  CARRIED_OUT: '已实施',
  WITHDRAWN: '已撤回',
};

/**
 * How far ahead a change may be scheduled: its lines end and begin on that day, and the year's fees
 * follow them. The policy names no window, so a quarter is a local choice (本地选择).
 */
export const MAX_SCHEDULE_DAYS = 90;

/**
 * Only an APPROVED change is carried out, once, and not on a day before its approval: the bureau's
 * approval comes first (第十五条); nor more than MAX_SCHEDULE_DAYS after `today`.
 */
export function assertChangeCarriable(
  change: { status: ChangeRequestStatus; approvedOn: string | null },
  effectiveOn: string,
  today: string,
): void {
  if (change.status !== 'APPROVED') {
    throw new RuleViolationError('CHANGE_APPROVAL', `该变更申请${STATUS_LABELS[change.status]}，只有经市大数据局核准的变更申请才能实施`, {
      status: change.status,
    });
  }
  if (change.approvedOn !== null && effectiveOn < change.approvedOn) {
    throw new RuleViolationError('CHANGE_APPROVAL', `实施日期 ${effectiveOn} 早于核准之日 ${change.approvedOn}，变更须经核准后实施`, {
      effectiveOn,
      approvedOn: change.approvedOn,
    });
  }
  const latest = addDays(today, MAX_SCHEDULE_DAYS);
  if (effectiveOn > latest) {
    throw new BadUserInputError(
      `实施日期 ${effectiveOn} 晚于 ${latest}：变更最多提前 ${MAX_SCHEDULE_DAYS} 天安排（本地选择）`,
      'effectiveOn',
    );
  }
}

/**
 * Each REMOVE or RESIZE names a line in force, at most once; returns that line for each change line
 * (null for an ADD). `field` names the argument for a request (BAD_USER_INPUT); when carrying out,
 * a line that is no longer the current version (another change replaced or removed it) is a
 * CHANGE_APPROVAL refusal instead.
 */
export function targetsOf(
  changes: readonly ParsedChangeLine[],
  inForce: readonly LineInForce[],
  field: string | null,
): Array<LineInForce | null> {
  const seen = new Set<string>();
  return changes.map((change, index) => {
    if (change.resourceLineId === null) return null;
    const target = inForce.find((line) => line.id === change.resourceLineId);
    if (!target || seen.has(target.id)) {
      if (field !== null) {
        throw new BadUserInputError(
          `第 ${index + 1} 行变更所指的资源明细不是该申请今天生效的资源行，或被重复指定`,
          `${field}.${index}.resourceLineId`,
        );
      }
      throw new RuleViolationError(
        'CHANGE_APPROVAL',
        `第 ${index + 1} 行变更所指的资源明细已被另一项变更调整或删除，请按其现行版本重新提出变更申请`,
        {
          resourceLineId: change.resourceLineId,
        },
      );
    }
    seen.add(target.id);
    // A resize to the quantities in force at the price in force (or none given) changes nothing: a slip, refused at request.
    const unchanged =
      change.kind === 'RESIZE' &&
      (change.concludedPriceFen === null || change.concludedPriceFen === target.concludedPriceFen) &&
      change.quantity === target.quantity &&
      change.quantityMax === target.quantityMax;
    if (unchanged && field !== null) {
      throw new BadUserInputError(
        `第 ${index + 1} 行调整 (RESIZE) 的数量与现行版本相同（${target.quantity}），成交价未变：不构成变更`,
        `${field}.${index}.quantity`,
      );
    }
    return target;
  });
}

/** The quantities in force after the change: untouched lines, resized ones, added ones. */
export function quantitiesAfterChange(
  changes: readonly ParsedChangeLine[],
  inForce: readonly LineInForce[],
): Array<{ quantity: number; quantityMax: number }> {
  const touched = new Set(changes.map((change) => change.resourceLineId).filter((id): id is string => id !== null));
  return [
    ...inForce.filter((line) => !touched.has(line.id)),
    ...changes
      .filter((change) => change.kind !== 'REMOVE')
      .map((change) => ({ quantity: change.quantity!, quantityMax: change.quantityMax! })),
  ];
}

/**
 * A version can be closed the day before `effectiveOn` only if it began before that day (its last day
 * is not before its first).
 */
export function assertClosable(target: LineInForce, effectiveOn: string): string {
  const until = addDays(effectiveOn, -1);
  if (target.effectiveFrom !== null && target.effectiveFrom > until) {
    throw new RuleViolationError(
      'CHANGE_APPROVAL',
      `第 ${target.position} 行资源自 ${target.effectiveFrom} 起生效，实施日期 ${effectiveOn} 须晚于该日`,
      { resourceLineId: target.id, effectiveFrom: target.effectiveFrom },
    );
  }
  return until;
}

/**
 * A DOWNSIZE order of the bureau (第十六条) carries no target quantities, so each line in force is
 * halved, rounding up (at least 1; a range's upper end likewise) — a local choice, not a figure of the
 * policy; the bureau approves the change before it takes effect and may reject it. Lines already
 * at 1 are left as they are. A RECLAIM removes every line in force.
 */
export function utilisationOrderLines(kind: 'DOWNSIZE' | 'RECLAIM', inForce: readonly LineInForce[]): ParsedChangeLine[] {
  if (kind === 'RECLAIM') {
    return inForce.map((line) => ({
      kind: 'REMOVE',
      catalogEntryId: line.catalogEntryId,
      resourceLineId: line.id,
      quantity: null,
      quantityMax: null,
      concludedPriceFen: null,
    }));
  }
  return inForce
    .filter((line) => line.quantityMax > 1)
    .map((line) => ({
      kind: 'RESIZE',
      catalogEntryId: line.catalogEntryId,
      resourceLineId: line.id,
      quantity: downsized(line.quantity),
      quantityMax: downsized(line.quantityMax),
      concludedPriceFen: null,
    }));
}

/** Half, rounded up: the DOWNSIZE local choice. */
export function downsized(quantity: number): number {
  return Math.max(1, Math.ceil(quantity / 2));
}
