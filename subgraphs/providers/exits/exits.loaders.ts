import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import { exitPagesByProvider, exitsByIds, exitsByProviderIds } from './provider-exit.service';

/** Exits are public like the providers they concern: one query per batch each. */
export function createExitsLoaders(dataSource: DataSource) {
  return {
    exitById: loaderByKey((ids) => exitsByIds(dataSource, ids), 'id'),
    exitsByProviderId: loaderOfGroups((ids) => exitsByProviderIds(dataSource, ids), 'providerId'),
    exitPagesByProviderId: exitPagesByProvider(dataSource),
  };
}
