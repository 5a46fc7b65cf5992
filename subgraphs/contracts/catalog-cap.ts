// CATALOG_CAP and CAP_LOWERS (第八条): every basic-catalog entry has a price cap no listed or
// procured price may exceed; a procurement concluded below the cap lowers the cap to that price.
import { RuleViolationError } from '../kit/errors';
import { fenToYuan } from '../kit/money';

export type PriceKind = 'LISTED' | 'PROCURED';

const PRICE_LABEL: Record<PriceKind, string> = { LISTED: '公布价格', PROCURED: '采购成交价' };

export function assertWithinCap(priceFen: number, capFen: number, kind: PriceKind): void {
  if (priceFen > capFen) {
    throw new RuleViolationError('CATALOG_CAP', `${PRICE_LABEL[kind]} ${fenToYuan(priceFen)} 元超过最高限价 ${fenToYuan(capFen)} 元`, {
      priceYuan: fenToYuan(priceFen),
      priceCapYuan: fenToYuan(capFen),
    });
  }
}

export interface CatalogPrices {
  capFen: number;
  listedFen: number;
}

export interface CapDecision extends CatalogPrices {
  /** True when the concluded price was below the cap and the cap came down to it. */
  lowered: boolean;
}

/**
 * CAP_LOWERS: the entry's prices after a procurement concluded at `concludedFen`. A price above
 * the cap is refused (CATALOG_CAP); equal changes nothing; below lowers the cap, and the listed
 * price with it where the listed price would otherwise exceed the new cap. A line procured free of
 * charge (0 yuan) leaves the cap where it is: a cap is a price above nought (setPriceCap), and a
 * gift is no market price for the next buyer.
 */
export function capAfterProcurement(current: CatalogPrices, concludedFen: number): CapDecision {
  assertWithinCap(concludedFen, current.capFen, 'PROCURED');
  if (concludedFen === current.capFen || concludedFen === 0) return { ...current, lowered: false };
  return { capFen: concludedFen, listedFen: Math.min(current.listedFen, concludedFen), lowered: true };
}

/** A cap set by the bureau: the listed price follows it down, never above it (CATALOG_CAP). */
export function pricesAfterCapChange(current: CatalogPrices, newCapFen: number): CatalogPrices {
  return { capFen: newCapFen, listedFen: Math.min(current.listedFen, newCapFen) };
}
