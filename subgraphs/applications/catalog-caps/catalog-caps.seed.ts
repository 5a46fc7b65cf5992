import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { INITIAL_CAP_VERSION } from '../../contracts/catalog-cap-events';
import { isBilledOnce } from '../../contracts/billing-cycle';
import { insertAll } from '../../kit/insert-all';
import { yuanToFen } from '../../kit/money';
import { createdAtOn } from '../units/units.seed';
import { CatalogCapEntity } from './catalog-cap.entity';
import { FILING_RANK } from '../../contracts/supplementary-filing-events';
import { SupplementaryEntryEntity } from './supplementary-entry.entity';

/** The replica of the basic-catalog caps, at the caps and version the providers seed writes. */
export async function seedCatalogCaps(manager: EntityManager, world: World): Promise<void> {
  const billingUnitOf = new Map(world.serviceItems.map((item) => [item.code, item.billingUnit]));
  const caps: CatalogCapEntity[] = world.basicCatalog.map((entry) => ({
    entryId: entry.id,
    providerId: entry.providerId,
    capFen: yuanToFen(entry.priceCapYuan)!,
    capVersion: INITIAL_CAP_VERSION,
    billedOnce: isBilledOnce(billingUnitOf.get(entry.serviceItemCode)!),
    updatedAt: createdAtOn('2019-09-11'),
  }));
  await insertAll(manager, CatalogCapEntity, caps);
}

/** The replica of the supplementary-catalog filings, as the providers seed writes them. */
export async function seedSupplementaryEntries(manager: EntityManager, world: World): Promise<void> {
  const entries: SupplementaryEntryEntity[] = world.supplementaryCatalog.map((entry) => ({
    entryId: entry.id,
    providerId: entry.providerId,
    code: entry.code,
    filingStatus: entry.filingStatus,
    filingRank: FILING_RANK[entry.filingStatus],
    billedOnce: isBilledOnce(entry.billingUnit),
    updatedAt: createdAtOn('2019-09-11'),
  }));
  await insertAll(manager, SupplementaryEntryEntity, entries);
}
