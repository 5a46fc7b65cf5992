// The demo world's service items and catalogs, with each first cap's history (第八条).
import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { INITIAL_CAP_VERSION } from '../../contracts/catalog-cap-events';
import { addDays } from '../../kit/dates';
import { insertAll } from '../../kit/insert-all';
import { CITY_REGION_CODE } from '../../kit/regions';
import { stableId } from '../../kit/stable-id';
import { at, BUREAU, fen } from '../directory/directory.seed';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { PriceCapChangeEntity } from './price-cap-change.entity';
import { ServiceItemEntity } from './service-item.entity';
import { SupplementaryCatalogEntryEntity } from './supplementary-catalog-entry.entity';

export async function seedCatalogs(manager: EntityManager, world: World): Promise<void> {
  const providerById = new Map(world.providers.map((p) => [p.id, p]));
  await insertAll(
    manager,
    ServiceItemEntity,
    world.serviceItems.map((item) => ({
      id: item.id,
      code: item.code,
      name: item.name,
      category: item.category,
      billingUnit: item.billingUnit,
      description: item.description,
      vCpu: item.vCpu ?? null,
      memoryGb: item.memoryGb ?? null,
      storageGb: item.storageGb ?? null,
      referenceCapFen: fen(item.referenceCapYuan),
      createdAt: at('2021-05-20'),
    })),
  );

  // The first cap of each entry was agreed in the provider's first city agreement (第八条).
  const firstCityAgreement = new Map<string, { number: string; signedOn: string }>();
  for (const agreement of [...world.agreements].sort((a, b) => a.signedOn.localeCompare(b.signedOn))) {
    if (agreement.regionCode === CITY_REGION_CODE && !firstCityAgreement.has(agreement.providerId))
      firstCityAgreement.set(agreement.providerId, agreement);
  }
  await insertAll(
    manager,
    BasicCatalogEntryEntity,
    world.basicCatalog.map((entry) => {
      const agreedOn = firstCityAgreement.get(entry.providerId)?.signedOn ?? providerById.get(entry.providerId)!.designatedOn!;
      return {
        id: entry.id,
        providerId: entry.providerId,
        serviceItemCode: entry.serviceItemCode,
        priceCapFen: fen(entry.priceCapYuan),
        listedPriceFen: fen(entry.listedPriceYuan),
        // The applications seed fills its replica of the caps at this same version.
        capVersion: INITIAL_CAP_VERSION,
        createdAt: at(agreedOn),
        updatedAt: at(agreedOn),
      };
    }),
  );
  await insertAll(
    manager,
    PriceCapChangeEntity,
    world.basicCatalog.map((entry) => {
      const agreement = firstCityAgreement.get(entry.providerId);
      return {
        id: stableId('price-cap-change', `${entry.id}:initial`),
        entryId: entry.id,
        previousCapFen: null,
        newCapFen: fen(entry.priceCapYuan),
        source: 'INITIAL_AGREEMENT' as const,
        sourceReference: agreement?.number ?? null,
        reason: null,
        changedAt: at(agreement?.signedOn ?? providerById.get(entry.providerId)!.designatedOn!),
        changedBy: BUREAU,
      };
    }),
  );

  const basicEntryId = new Map(world.basicCatalog.map((entry) => [`${entry.providerId}:${entry.serviceItemCode}`, entry.id]));
  await insertAll(
    manager,
    SupplementaryCatalogEntryEntity,
    world.supplementaryCatalog.map((entry) => ({
      id: entry.id,
      providerId: entry.providerId,
      code: entry.code,
      name: entry.name,
      category: entry.category,
      billingUnit: entry.billingUnit,
      description: entry.description,
      listedPriceFen: fen(entry.listedPriceYuan),
      filingStatus: entry.filingStatus,
      submittedAt: at(entry.filedOn ? addDays(entry.filedOn, -10) : '2026-11-02'),
      submittedBy: providerById.get(entry.providerId)!.code,
      filedOn: entry.filedOn,
      filedBy: entry.filedOn ? BUREAU : null,
      promotedToEntryId: entry.promotedToServiceItemCode
        ? (basicEntryId.get(`${entry.providerId}:${entry.promotedToServiceItemCode}`) ?? null)
        : null,
    })),
  );
}
