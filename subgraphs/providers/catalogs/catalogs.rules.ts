// SUPPLEMENTARY_FILED (第八条): a supplementary-catalog entry is usable only once the bureau has
// filed (备案) it, and moves into the basic catalog only from FILED, after evaluation with a cap.
import { ConflictError, RuleViolationError } from '../../kit/errors';

export type FilingStatus = 'PENDING' | 'FILED' | 'PROMOTED' | 'WITHDRAWN';

const STATUS_LABEL: Record<FilingStatus, string> = { PENDING: '待备案', FILED: '已备案', PROMOTED: '已编入基本目录', WITHDRAWN: '已撤回' };

export function isSupplementaryUsable(status: FilingStatus): boolean {
  return status === 'FILED';
}

export function assertSupplementaryUsable(entry: { code: string; filingStatus: FilingStatus }): void {
  if (isSupplementaryUsable(entry.filingStatus)) return;
  const hint = entry.filingStatus === 'PROMOTED' ? '，请改用基本目录中的对应条目' : '';
  throw new RuleViolationError(
    'SUPPLEMENTARY_FILED',
    `补充目录条目 ${entry.code} 当前为“${STATUS_LABEL[entry.filingStatus]}”，仅经市大数据局备案的条目可以使用${hint}`,
    { filingStatus: entry.filingStatus },
  );
}

export function assertPromotable(entry: { code: string; filingStatus: FilingStatus }): void {
  if (entry.filingStatus !== 'FILED') {
    throw new RuleViolationError(
      'SUPPLEMENTARY_FILED',
      `补充目录条目 ${entry.code} 当前为“${STATUS_LABEL[entry.filingStatus]}”，只有已备案的条目经评估定价后可编入基本目录`,
      { filingStatus: entry.filingStatus },
    );
  }
}

/** Filing is the bureau's step from PENDING; anything else is an illegal transition. */
export function assertFileable(status: FilingStatus): void {
  if (status !== 'PENDING') throw new ConflictError(`只有待备案的补充目录条目可以备案，当前为“${STATUS_LABEL[status]}”`);
}

export function assertWithdrawable(status: FilingStatus): void {
  if (status !== 'PENDING' && status !== 'FILED') {
    throw new ConflictError(`只有待备案或已备案的补充目录条目可以撤回，当前为“${STATUS_LABEL[status]}”`);
  }
}
