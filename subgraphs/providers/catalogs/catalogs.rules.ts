// SUPPLEMENTARY_FILED (第八条): a supplementary-catalog entry is usable only once the bureau has
// filed (备案) it, and moves into the basic catalog only from FILED, after evaluation with a cap.
import { ConflictError, RuleViolationError } from '../../kit/errors';
import type { SupplementaryFilingStatus } from '../generated/graphql';
import { assertSupplementaryFiled } from '../../contracts/supplementary-filing-events';

const STATUS_LABEL: Record<SupplementaryFilingStatus, string> = {
  PENDING: '待备案',
  FILED: '已备案',
  PROMOTED: '已编入基本目录',
  WITHDRAWN: '已撤回',
};

export function isSupplementaryUsable(status: SupplementaryFilingStatus): boolean {
  return status === 'FILED';
}

/** SUPPLEMENTARY_FILED, the one rule both subgraphs apply (contracts/supplementary-filing-events.ts). */
export function assertSupplementaryUsable(entry: { code: string; filingStatus: SupplementaryFilingStatus }): void {
  assertSupplementaryFiled(entry);
}

export function assertPromotable(entry: { code: string; filingStatus: SupplementaryFilingStatus }): void {
  if (entry.filingStatus !== 'FILED') {
    throw new RuleViolationError(
      'SUPPLEMENTARY_FILED',
      `补充目录条目 ${entry.code} 当前为“${STATUS_LABEL[entry.filingStatus]}”，只有已备案的条目经评估定价后可编入基本目录`,
      { filingStatus: entry.filingStatus },
    );
  }
}

/** Filing is the bureau's step from PENDING; anything else is an illegal transition. */
export function assertFileable(status: SupplementaryFilingStatus): void {
  if (status !== 'PENDING') throw new ConflictError(`只有待备案的补充目录条目可以备案，当前为“${STATUS_LABEL[status]}”`);
}

export function assertWithdrawable(status: SupplementaryFilingStatus): void {
  if (status !== 'PENDING' && status !== 'FILED') {
    throw new ConflictError(`只有待备案或已备案的补充目录条目可以撤回，当前为“${STATUS_LABEL[status]}”`);
  }
}
