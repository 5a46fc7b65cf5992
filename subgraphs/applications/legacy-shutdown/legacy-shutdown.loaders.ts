import type { DataSource } from 'typeorm';
import { fetchByIds, loaderByKey } from '../../kit/loader-helpers';
import { LegacyShutdownEntity } from './legacy-shutdown.entity';

// Reached only from an InformationSystem the caller already sees, so the system's scope is the record's.
export function createLegacyShutdownLoaders(dataSource: DataSource) {
  return {
    legacyShutdownBySystemId: loaderByKey(
      (ids) => fetchByIds(dataSource.getRepository(LegacyShutdownEntity).createQueryBuilder('l'), 'l.system_id', ids),
      'systemId',
    ),
  };
}
