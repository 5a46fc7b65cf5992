import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import { providersByIds } from './provider.service';

/** Providers are public to every role: one query per batch. */
export function createDirectoryLoaders(dataSource: DataSource) {
  return {
    providerById: loaderByKey((ids) => providersByIds(dataSource, ids), 'id'),
  };
}
