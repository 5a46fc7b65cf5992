import type { DataSource } from 'typeorm';
import { childConnectionLoaderPerFilter } from '../../kit/child-connection-filters';
import { loaderByKey } from '../../kit/loader-helpers';
import type { SupplementaryFilingStatus } from '../generated/graphql';
import { basicCatalogPagesByProvider, basicEntriesByIds, capHistoryPagesByEntry } from './catalog.service';
import { serviceItemsByCodes } from './service-item.service';
import { supplementaryEntriesByIds, supplementaryPagesByProvider } from './supplementary.service';

/** Service items and both catalogs are public to every role: one query per batch each. */
export function createCatalogsLoaders(dataSource: DataSource) {
  return {
    serviceItemByCode: loaderByKey((codes) => serviceItemsByCodes(dataSource, codes), 'code'),
    catalogEntryById: loaderByKey((ids) => basicEntriesByIds(dataSource, ids), 'id'),
    supplementaryEntryById: loaderByKey((ids) => supplementaryEntriesByIds(dataSource, ids), 'id'),
    basicCatalogPagesByProviderId: basicCatalogPagesByProvider(dataSource),
    supplementaryPagesByProviderId: childConnectionLoaderPerFilter((filingStatus: SupplementaryFilingStatus | null) =>
      supplementaryPagesByProvider(dataSource, filingStatus),
    ),
    capHistoryPagesByEntryId: capHistoryPagesByEntry(dataSource),
  };
}
