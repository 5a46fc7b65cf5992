import { AgreementEntity } from './agreement.entity';
import { BasicCatalogEntryEntity } from './basic-catalog-entry.entity';
import { PriceCapChangeEntity } from './price-cap-change.entity';
import { ProcurementPriceEntity } from './procurement-price.entity';
import { ProviderDisqualificationEntity } from './provider-disqualification.entity';
import { ProviderExitEntity } from './provider-exit.entity';
import { ProviderRectificationEntity } from './provider-rectification.entity';
import { ProviderEntity } from './provider.entity';
import { ServiceItemEntity } from './service-item.entity';
import { SupplementaryCatalogEntryEntity } from './supplementary-catalog-entry.entity';

export {
  AgreementEntity,
  BasicCatalogEntryEntity,
  PriceCapChangeEntity,
  ProcurementPriceEntity,
  ProviderEntity,
  ProviderDisqualificationEntity,
  ProviderExitEntity,
  ProviderRectificationEntity,
  ServiceItemEntity,
  SupplementaryCatalogEntryEntity,
};

export const PROVIDERS_ENTITIES = [
  ProviderEntity,
  ServiceItemEntity,
  BasicCatalogEntryEntity,
  PriceCapChangeEntity,
  ProcurementPriceEntity,
  SupplementaryCatalogEntryEntity,
  AgreementEntity,
  ProviderExitEntity,
  ProviderRectificationEntity,
  ProviderDisqualificationEntity,
];
