// CATALOG_CAP and SUPPLEMENTARY_FILED (第八条) for lines priced on one provider's catalog: the move
// of a system to a new host (第九条) checks its lines as a procurement does (operation.service.ts).
import type { EntityManager } from 'typeorm';
import { RuleViolationError } from '../../kit/errors';
import { assertWithinCap } from '../../contracts/catalog-cap';
import { assertSupplementaryFiled } from '../../contracts/supplementary-filing-events';
import { assertConcludedPricePositive, assertLineOfProvider, type PricedLine } from './catalog-lines.rules';
import type { ProviderCatalogPort } from './catalog-port';

export interface LineToPrice extends PricedLine {
  concludedPriceFen: number;
}

/** A line priced on a basic-catalog entry, with the cap it was checked against (CAP_LOWERS lowers it when below). */
export interface CappedLine<Line extends LineToPrice> {
  line: Line;
  capFen: number;
}

/**
 * Each line's entry must be in `providerId`'s own basic catalog, its price above zero and within
 * the entry's current cap; a supplementary entry of that provider is usable once filed and has no
 * cap (read through `port`, one query each). Returns the basic-catalog lines with their caps.
 */
export async function checkCatalogPrices<Line extends LineToPrice>(
  manager: EntityManager,
  port: ProviderCatalogPort,
  providerId: string,
  lines: readonly Line[],
): Promise<Array<CappedLine<Line>>> {
  const entryIds = [...new Set(lines.map((line) => line.catalogEntryId))];
  const caps = await port.capsOf(manager, entryIds);
  const supplementary = await port.supplementaryOf(
    manager,
    entryIds.filter((id) => !caps.has(id)),
  );
  const capped: Array<CappedLine<Line>> = [];
  for (const line of lines) {
    const { concludedPriceFen } = line;
    const cap = caps.get(line.catalogEntryId);
    const differentiated = supplementary.get(line.catalogEntryId);
    if (cap) {
      assertLineOfProvider(line, cap.providerId, providerId);
      assertConcludedPricePositive(line, concludedPriceFen);
      assertWithinCap(concludedPriceFen, cap.capFen, 'PROCURED');
      capped.push({ line, capFen: cap.capFen });
    } else if (differentiated) {
      // A supplementary entry has no cap to check or lower (第八条): it must be the provider's own and filed.
      assertLineOfProvider(line, differentiated.providerId, providerId);
      assertSupplementaryFiled(differentiated);
      assertConcludedPricePositive(line, concludedPriceFen);
    } else {
      throw new RuleViolationError('CATALOG_CAP', `第 ${line.position} 行的目录条目不在服务商的基本目录或补充目录中，无法核对最高限价`, {
        catalogEntryId: line.catalogEntryId,
      });
    }
  }
  return capped;
}
