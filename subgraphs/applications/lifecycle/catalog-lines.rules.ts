// CATALOG_CAP (第八条): a resource line is priced on the chosen provider's own catalog. The entry
// must belong to the application's provider (its agreement at the unit's level is DESIGNATED_PROVIDER,
// and a county's catalog prices are the city's, 第九条), and a concluded price is above zero.
import { RuleViolationError } from '../../kit/errors';
import { fenToYuan } from '../../kit/money';

export interface PricedLine {
  position: number;
  catalogEntryId: string;
}

/** CATALOG_CAP: another provider's entry is refused — its cap is not the chosen provider's price. */
export function assertLineOfProvider(line: PricedLine, entryProviderId: string, applicationProviderId: string): void {
  if (entryProviderId === applicationProviderId) return;
  throw new RuleViolationError(
    'CATALOG_CAP',
    `第 ${line.position} 行的目录条目属于其他服务商的基本目录，须使用所选定点服务商本身的目录条目`,
    {
      catalogEntryId: line.catalogEntryId,
      entryProviderId,
      applicationProviderId,
    },
  );
}

/** CATALOG_CAP: a concluded price of zero is no price; it would bill nothing and lower the cap to nothing. */
export function assertConcludedPricePositive(line: PricedLine, concludedPriceFen: number): void {
  if (concludedPriceFen > 0) return;
  throw new RuleViolationError('CATALOG_CAP', `第 ${line.position} 行的成交价须大于 0 元（填写为 ${fenToYuan(concludedPriceFen)} 元）`, {
    catalogEntryId: line.catalogEntryId,
  });
}
