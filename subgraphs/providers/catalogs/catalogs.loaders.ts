import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import { basicEntriesByIds, basicEntriesByProviderIds, capHistoryByEntryIds } from './catalog.service';
import { serviceItemsByCodes } from './service-item.service';
import { supplementaryEntriesByIds, supplementaryEntriesByProviderIds } from './supplementary.service';

/** Service items and both catalogs are public to every role: one query per batch each. */
export function createCatalogsLoaders(dataSource: DataSource) {
  return {
    serviceItemByCode: loaderByKey((codes) => serviceItemsByCodes(dataSource, codes), 'code'),
    catalogEntryById: loaderByKey((ids) => basicEntriesByIds(dataSource, ids), 'id'),
    supplementaryEntryById: loaderByKey((ids) => supplementaryEntriesByIds(dataSource, ids), 'id'),
    basicCatalogByProviderId: loaderOfGroups((ids) => basicEntriesByProviderIds(dataSource, ids), 'providerId'),
    supplementaryByProviderId: loaderOfGroups((ids) => supplementaryEntriesByProviderIds(dataSource, ids), 'providerId'),
    capHistoryByEntryId: loaderOfGroups((ids) => capHistoryByEntryIds(dataSource, ids), 'entryId'),
  };
}
