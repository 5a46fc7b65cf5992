import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../kit/data-source';
import { AgreementEntity } from './agreements/agreement.entity';
import { BasicCatalogEntryEntity } from './catalogs/basic-catalog-entry.entity';
import { PriceCapChangeEntity } from './catalogs/price-cap-change.entity';
import { ProcurementPriceEntity } from './catalogs/procurement-price.entity';
import { ServiceItemEntity } from './catalogs/service-item.entity';
import { SupplementaryCatalogEntryEntity } from './catalogs/supplementary-catalog-entry.entity';
import { ProviderEntity } from './directory/provider.entity';
import { DisqualificationProposalEntity } from './evaluation-consequences/disqualification-proposal.entity';
import { ProviderDisqualificationEntity } from './evaluation-consequences/provider-disqualification.entity';
import { ProviderRectificationEntity } from './evaluation-consequences/provider-rectification.entity';
import { ProviderExitEntity } from './exits/provider-exit.entity';
import { CreateProviders1764115200000 } from './migrations/1764115200000-CreateProviders';
import { CatalogCapVersion1764115200001 } from './migrations/1764115200001-CatalogCapVersion';
import { PlatformSecurityVersion1764115200002 } from './migrations/1764115200002-PlatformSecurityVersion';
import { EvaluationConsequences1795651200010 } from './migrations/1795651200010-EvaluationConsequences';
import { AgreementRenewal1796256000100 } from './migrations/1796256000100-AgreementRenewal';
import { DisqualificationProposals1796300300000 } from './migrations/1796300300000-DisqualificationProposals';
import { ProviderExitScope1796300400001 } from './migrations/1796300400001-ProviderExitScope';
import { ProviderSearch1796300600000 } from './migrations/1796300600000-ProviderSearch';
import { AgreementListOrders1796301000200 } from './migrations/1796301000200-AgreementListOrders';
import { ServiceItemSearch1796301000201 } from './migrations/1796301000201-ServiceItemSearch';
import { ChildPageIndexes1796301600000 } from './migrations/1796301600000-ChildPageIndexes';
import { ProviderExitListFilters1796301800201 } from './migrations/1796301800201-ProviderExitListFilters';

const PROVIDERS_ENTITIES = [
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
  DisqualificationProposalEntity,
];

export function createDataSource(url: string): DataSource {
  return createSubgraphDataSource({
    url,
    schema: 'providers',
    entities: PROVIDERS_ENTITIES,
    migrations: [
      CreateProviders1764115200000,
      CatalogCapVersion1764115200001,
      PlatformSecurityVersion1764115200002,
      EvaluationConsequences1795651200010,
      AgreementRenewal1796256000100,
      DisqualificationProposals1796300300000,
      ProviderExitScope1796300400001,
      ProviderSearch1796300600000,
      AgreementListOrders1796301000200,
      ServiceItemSearch1796301000201,
      ChildPageIndexes1796301600000,
      ProviderExitListFilters1796301800201,
    ],
  });
}
