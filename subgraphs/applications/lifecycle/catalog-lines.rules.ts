// CATALOG_CAP (第八条): a resource line is priced on the chosen provider's own catalog. The entry
// must belong to the application's provider (its agreement at the unit's level is DESIGNATED_PROVIDER,
// and a county's catalog prices are the city's, 第九条), and a concluded price is above zero.
import { RuleViolationError } from '../../kit/errors';
import { fenToYuan } from '../../kit/money';
import { assertWithinCap } from '../../contracts/catalog-cap';
import { assertSupplementaryFiled, type FilingStatus } from '../../contracts/supplementary-filing-events';

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

/**
 * CATALOG_CAP at the draft: each line's entry, where the catalog replica knows it, is the chosen
 * provider's own (basic or supplementary). Refused here rather than first at procurement, when the
 * lines can no longer be edited and the application could never be procured. An entry the replica
 * does not know yet is left to procurement's full check.
 */
export function assertLinesOfProvider(
  lines: readonly PricedLine[],
  applicationProviderId: string,
  entries: (entryId: string) => EntryOnCatalog,
): void {
  for (const line of lines) {
    const entry = entries(line.catalogEntryId);
    const entryProviderId = entry.cap?.providerId ?? entry.supplementary?.providerId;
    if (entryProviderId !== undefined) assertLineOfProvider(line, entryProviderId, applicationProviderId);
  }
}

/** CATALOG_CAP: a concluded price of zero is no price; it would bill nothing and lower the cap to nothing. */
export function assertConcludedPricePositive(line: PricedLine, concludedPriceFen: number): void {
  if (concludedPriceFen > 0) return;
  throw new RuleViolationError('CATALOG_CAP', `第 ${line.position} 行的成交价须大于 0 元（填写为 ${fenToYuan(concludedPriceFen)} 元）`, {
    catalogEntryId: line.catalogEntryId,
  });
}

/** A catalog entry as the price checks see it: its basic-catalog cap, or its supplementary filing. */
export interface EntryOnCatalog {
  /** The entry's cap and provider when it is in a basic catalog. */
  cap?: { providerId: string; capFen: number };
  /** The entry's provider and filing when it is in a supplementary catalog (SUPPLEMENTARY_FILED). */
  supplementary?: { providerId: string; code: string; filingStatus: FilingStatus };
}

/**
 * A concluded price for `line` on the application provider's own catalog (第八条), as procurement and
 * a change's lines (第十五条) check it: a basic entry of that provider, above zero and within its cap
 * (CATALOG_CAP); or a filed supplementary entry of that provider (SUPPLEMENTARY_FILED), above zero.
 * Returns the cap of a basic entry (CAP_LOWERS lowers it to a price below it), else null.
 */
export function assertPricedOnCatalog(
  line: PricedLine,
  priceFen: number,
  applicationProviderId: string,
  entry: EntryOnCatalog,
): { capFen: number } | null {
  if (entry.cap) {
    assertLineOfProvider(line, entry.cap.providerId, applicationProviderId);
    assertConcludedPricePositive(line, priceFen);
    assertWithinCap(priceFen, entry.cap.capFen, 'PROCURED');
    return { capFen: entry.cap.capFen };
  }
  if (entry.supplementary) {
    // A supplementary entry has no cap to check or lower (第八条): it must be the provider's own and filed.
    assertLineOfProvider(line, entry.supplementary.providerId, applicationProviderId);
    assertSupplementaryFiled(entry.supplementary);
    assertConcludedPricePositive(line, priceFen);
    return null;
  }
  throw new RuleViolationError('CATALOG_CAP', `第 ${line.position} 行的目录条目不在服务商的基本目录或补充目录中，无法核对最高限价`, {
    catalogEntryId: line.catalogEntryId,
  });
}
