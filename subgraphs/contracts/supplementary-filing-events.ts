// SUPPLEMENTARY_FILED (第八条): the providers subgraph tells the applications subgraph every change of
// a supplementary-catalog entry's filing, so a procurement can use a filed entry — and refuse a
// pending one by the rule — from applications' own replica, even while providers is down.
import type { EntityManager } from 'typeorm';
import { BadUserInputError, RuleViolationError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { enqueueEffect } from '../kit/jobs';

/** Handled by the applications subgraph's worker (subgraphs/applications/effects.ts). */
export const SUPPLEMENTARY_FILING_CHANGED_TASK = 'applications.supplementaryFilingChanged';

export type FilingStatus = 'PENDING' | 'FILED' | 'PROMOTED' | 'WITHDRAWN';

/**
 * A filing only moves forward (PENDING → FILED → PROMOTED, or to WITHDRAWN from either): the rank
 * orders the events, so the replica never goes back whatever the order of delivery.
 */
export const FILING_RANK: Record<FilingStatus, number> = { PENDING: 1, FILED: 2, PROMOTED: 3, WITHDRAWN: 3 };

export interface SupplementaryFilingChangedPayload {
  /** A SupplementaryCatalogEntry id. */
  entryId: string;
  providerId: string;
  code: string;
  filingStatus: FilingStatus;
  /** Billed once per delivery (billing-cycle.ts isBilledOnce), not per month; absent in events queued before it was sent: false. */
  billedOnce?: boolean;
}

const LABEL: Record<FilingStatus, string> = { PENDING: '待备案', FILED: '已备案', PROMOTED: '已编入基本目录', WITHDRAWN: '已撤回' };

/** SUPPLEMENTARY_FILED: only a filed entry is usable; a promoted one is used by its basic-catalog entry. */
export function assertSupplementaryFiled(entry: { code: string; filingStatus: FilingStatus }): void {
  if (entry.filingStatus === 'FILED') return;
  const hint = entry.filingStatus === 'PROMOTED' ? '，请改用基本目录中的对应条目' : '';
  throw new RuleViolationError(
    'SUPPLEMENTARY_FILED',
    `补充目录条目 ${entry.code} 当前为“${LABEL[entry.filingStatus]}”，仅经市大数据局备案的条目可以使用${hint}`,
    { filingStatus: entry.filingStatus },
  );
}

/** Enqueued in the caller's transaction; one job key per (entry, status). */
export async function enqueueSupplementaryFilingChanged(manager: EntityManager, payload: SupplementaryFilingChangedPayload): Promise<void> {
  await enqueueEffect(manager, SUPPLEMENTARY_FILING_CHANGED_TASK, payload, {
    jobKey: `${SUPPLEMENTARY_FILING_CHANGED_TASK}:${payload.entryId}:${payload.filingStatus}`,
  });
}

/** The payload as the worker receives it; BAD_USER_INPUT when it cannot be one. */
export function parseSupplementaryFilingChanged(payload: unknown): SupplementaryFilingChangedPayload {
  const value = (payload ?? {}) as Partial<Record<keyof SupplementaryFilingChangedPayload, unknown>>;
  if (
    !isUuid(value.entryId) ||
    !isUuid(value.providerId) ||
    typeof value.code !== 'string' ||
    value.code.length === 0 ||
    typeof value.filingStatus !== 'string' ||
    !(value.filingStatus in FILING_RANK) ||
    (value.billedOnce !== undefined && typeof value.billedOnce !== 'boolean')
  ) {
    throw new BadUserInputError(`${SUPPLEMENTARY_FILING_CHANGED_TASK} 的任务数据不完整或无效 (entryId, providerId, code, filingStatus)`);
  }
  return {
    entryId: value.entryId,
    providerId: value.providerId,
    code: value.code,
    filingStatus: value.filingStatus as FilingStatus,
    billedOnce: value.billedOnce === true,
  };
}
