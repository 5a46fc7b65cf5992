// Loads the demo world's providers, service items, catalogs (with each first cap's history) and
// agreements. Deterministic: ids and timestamps come from the world, never from the clock.
import type { DataSource } from 'typeorm';
import type { World } from '../../seed/world';
import { INITIAL_CAP_VERSION } from '../contracts/catalog-cap-events';
import { insertAll } from '../kit/insert-all';
import { CITY_REGION_CODE, regionByCode } from '../kit/regions';
import { stableId } from '../kit/stable-id';
import {
  AgreementEntity,
  BasicCatalogEntryEntity,
  PriceCapChangeEntity,
  ProviderEntity,
  ServiceItemEntity,
  SupplementaryCatalogEntryEntity,
} from './entities';
import { addDays } from '../kit/dates';
import { yuanToFen } from '../kit/money';

const BUREAU = '市大数据局';

/** A world date as a moment in Binzhou's working day. */
function at(date: string, time = '09:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

function fen(yuan: string): number {
  const value = yuanToFen(yuan);
  if (value === null) throw new Error(`world holds a malformed amount: ${yuan}`);
  return value;
}

export async function seed(dataSource: DataSource, world: World): Promise<void> {
  const providerById = new Map(world.providers.map((p) => [p.id, p]));
  await dataSource.transaction(async (manager) => {
    await insertAll(
      manager,
      ProviderEntity,
      world.providers.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        shortName: p.shortName,
        unifiedSocialCreditCode: p.unifiedSocialCreditCode,
        platformName: p.platformName,
        platformLocation: p.platformLocation,
        status: p.status,
        designatedOn: p.designatedOn,
        platformMlpsLevel: p.platformMlpsLevel,
        platformMlpsCertificateNo: p.platformMlpsCertificateNo,
        platformMlpsFiledOn: p.platformMlpsFiledOn,
        cybersecurityReviewPassedOn: p.cybersecurityReviewPassedOn,
        // The security subgraph seeds each platform profile at version 1 from the same facts.
        platformSecurityVersion: 1,
        platformInBinzhou: p.platformLocation.includes('滨州市'),
        qualificationValidUntil: p.qualificationValidUntil,
        createdAt: at(p.platformMlpsFiledOn),
        updatedAt: at(p.designatedOn ?? p.platformMlpsFiledOn),
      })),
    );

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

    // City agreements first: county rows reference them.
    const agreements = [...world.agreements].sort((a, b) => Number(a.cityAgreementId !== null) - Number(b.cityAgreementId !== null));
    await insertAll(
      manager,
      AgreementEntity,
      agreements.map((agreement) => ({
        id: agreement.id,
        providerId: agreement.providerId,
        regionCode: agreement.regionCode,
        number: agreement.number,
        signedOn: agreement.signedOn,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        status: agreement.status,
        cityAgreementId: agreement.cityAgreementId,
        testEnvironmentDeliveryDays: agreement.testEnvironmentDeliveryDays,
        renewalTerms: agreement.renewalTerms,
        exitTerms: agreement.exitTerms,
        signedBy:
          agreement.regionCode === CITY_REGION_CODE
            ? BUREAU
            : `${regionByCode(agreement.regionCode)?.name ?? agreement.regionCode}电子政务主管部门`,
        terminatedOn: null,
        createdAt: at(agreement.signedOn),
      })),
    );
  });
}
