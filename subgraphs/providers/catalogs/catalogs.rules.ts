// SUPPLEMENTARY_FILED (第八条): a supplementary-catalog entry is usable only once the bureau has
// filed (备案) it, and moves into the basic catalog only from FILED, after evaluation with a cap.
import { ConflictError, RuleViolationError } from '../../kit/errors';
import { fenToYuan } from '../../kit/money';
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

/** The new agreement period a raise of a cap cites: the provider's city agreement, and whether the entry's cap changed in it already. */
export interface NewAgreementPeriod {
  number: string;
  startsOn: string;
  /** True when the entry already has a cap recorded in this period (its first cap is taken). */
  capSetInPeriod: boolean;
}

/**
 * CAP_LOWERS (第八条、第九条): caps move down with deals. A bureau adjustment may lower a cap at any time;
 * it may raise one only as the first cap of a new agreement period (a new procurement when the
 * agreement ends), cited by its agreement number.
 */
export function assertCapChangeAllowed(
  entry: { serviceItemCode: string; priceCapFen: number },
  newCapFen: number,
  cited: string | null,
  period: NewAgreementPeriod | null,
): void {
  if (newCapFen <= entry.priceCapFen) return;
  const raise = `将 ${entry.serviceItemCode} 的最高限价由 ${fenToYuan(entry.priceCapFen)} 元上调至 ${fenToYuan(newCapFen)} 元`;
  if (cited === null) {
    throw new RuleViolationError(
      'CAP_LOWERS',
      `最高限价只随实际采购的成交低价下调，不能${raise}；仅新协议期（重新组织采购，第九条）的首次限价可以上调，须填写新协议编号`,
      { priceCapYuan: fenToYuan(entry.priceCapFen), newCapYuan: fenToYuan(newCapFen) },
    );
  }
  if (period === null) {
    throw new RuleViolationError(
      'CAP_LOWERS',
      `服务商没有编号为 ${cited} 且正在生效的市级定点服务协议（未找到、已到期或已终止的协议都不开启新协议期），不能据此${raise}`,
      {
        newAgreementNumber: cited,
      },
    );
  }
  if (period.capSetInPeriod) {
    throw new RuleViolationError(
      'CAP_LOWERS',
      `协议 ${period.number}（${period.startsOn} 起）期内已确定过该条目的限价，此后限价只能下调，不能${raise}`,
      { newAgreementNumber: period.number },
    );
  }
}
