import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupByKeys, orderByKeys } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import type {
  AgreementEntity,
  BasicCatalogEntryEntity,
  PriceCapChangeEntity,
  ProviderEntity,
  ProviderExitEntity,
  ServiceItemEntity,
  SupplementaryCatalogEntryEntity,
} from './entities';
import { agreementVisibility } from './services/agreement-visibility';
import { agreementsByIds, agreementsByProviderIds } from './services/agreement.service';
import { basicEntriesByIds, basicEntriesByProviderIds, capHistoryByEntryIds } from './services/catalog.service';
import { exitsByProviderIds } from './services/provider-exit.service';
import { providersByIds } from './services/provider.service';
import { serviceItemsByCodes } from './services/service-item.service';
import { supplementaryEntriesByIds, supplementaryEntriesByProviderIds } from './services/supplementary.service';

/**
 * One request's loaders; each batch runs one query. Providers, service items and catalogs are
 * public to every role; agreements carry the principal's visibility in their WHERE clause, so
 * `_entities` and nested fields cannot reach past it.
 */
export function createLoaders(dataSource: DataSource, principal: Principal, _scope: Scope) {
  const visibility = agreementVisibility(principal);
  return {
    providerById: new DataLoader<string, ProviderEntity | null>(async (ids) =>
      orderByKeys(ids, await providersByIds(dataSource, ids), (row) => row.id),
    ),
    serviceItemByCode: new DataLoader<string, ServiceItemEntity | null>(async (codes) =>
      orderByKeys(codes, await serviceItemsByCodes(dataSource, codes), (row) => row.code),
    ),
    catalogEntryById: new DataLoader<string, BasicCatalogEntryEntity | null>(async (ids) =>
      orderByKeys(ids, await basicEntriesByIds(dataSource, ids), (row) => row.id),
    ),
    supplementaryEntryById: new DataLoader<string, SupplementaryCatalogEntryEntity | null>(async (ids) =>
      orderByKeys(ids, await supplementaryEntriesByIds(dataSource, ids), (row) => row.id),
    ),
    basicCatalogByProviderId: new DataLoader<string, BasicCatalogEntryEntity[]>(async (ids) =>
      groupByKeys(ids, await basicEntriesByProviderIds(dataSource, ids), (row) => row.providerId),
    ),
    supplementaryByProviderId: new DataLoader<string, SupplementaryCatalogEntryEntity[]>(async (ids) =>
      groupByKeys(ids, await supplementaryEntriesByProviderIds(dataSource, ids), (row) => row.providerId),
    ),
    capHistoryByEntryId: new DataLoader<string, PriceCapChangeEntity[]>(async (ids) =>
      groupByKeys(ids, await capHistoryByEntryIds(dataSource, ids), (row) => row.entryId),
    ),
    agreementById: new DataLoader<string, AgreementEntity | null>(async (ids) =>
      orderByKeys(ids, await agreementsByIds(dataSource, visibility, ids), (row) => row.id),
    ),
    agreementsByProviderId: new DataLoader<string, AgreementEntity[]>(async (ids) =>
      groupByKeys(ids, await agreementsByProviderIds(dataSource, visibility, ids), (row) => row.providerId),
    ),
    exitsByProviderId: new DataLoader<string, ProviderExitEntity[]>(async (ids) =>
      groupByKeys(ids, await exitsByProviderIds(dataSource, ids), (row) => row.providerId),
    ),
  };
}

export type ProvidersLoaders = ReturnType<typeof createLoaders>;
