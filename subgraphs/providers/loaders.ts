import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import { createEvaluationConsequenceLoaders } from './evaluation-consequence-loaders';
import { agreementVisibility } from './services/agreement-visibility';
import { agreementsByIds, agreementsByProviderIds } from './services/agreement.service';
import { basicEntriesByIds, basicEntriesByProviderIds, capHistoryByEntryIds } from './services/catalog.service';
import { exitsByIds, exitsByProviderIds } from './services/provider-exit.service';
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
    providerById: loaderByKey((ids) => providersByIds(dataSource, ids), 'id'),
    serviceItemByCode: loaderByKey((codes) => serviceItemsByCodes(dataSource, codes), 'code'),
    catalogEntryById: loaderByKey((ids) => basicEntriesByIds(dataSource, ids), 'id'),
    supplementaryEntryById: loaderByKey((ids) => supplementaryEntriesByIds(dataSource, ids), 'id'),
    basicCatalogByProviderId: loaderOfGroups((ids) => basicEntriesByProviderIds(dataSource, ids), 'providerId'),
    supplementaryByProviderId: loaderOfGroups((ids) => supplementaryEntriesByProviderIds(dataSource, ids), 'providerId'),
    capHistoryByEntryId: loaderOfGroups((ids) => capHistoryByEntryIds(dataSource, ids), 'entryId'),
    agreementById: loaderByKey((ids) => agreementsByIds(dataSource, visibility, ids), 'id'),
    agreementsByProviderId: loaderOfGroups((ids) => agreementsByProviderIds(dataSource, visibility, ids), 'providerId'),
    exitById: loaderByKey((ids) => exitsByIds(dataSource, ids), 'id'),
    exitsByProviderId: loaderOfGroups((ids) => exitsByProviderIds(dataSource, ids), 'providerId'),
    ...createEvaluationConsequenceLoaders(dataSource),
  };
}

export type ProvidersLoaders = ReturnType<typeof createLoaders>;
