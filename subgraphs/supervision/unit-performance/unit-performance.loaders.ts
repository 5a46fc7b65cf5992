import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Principal } from '../../kit/principal';
import { UnitPerformanceService } from './unit-performance.service';

/** The unit performance feature's loaders (spread into loaders.ts): one visibility-filtered query per batch. */
export function createUnitPerformanceLoaders(dataSource: DataSource, principal: Principal) {
  const service = new UnitPerformanceService(dataSource, principal);
  return {
    unitPerformanceResultById: loaderByKey((ids) => service.byIds(ids), 'id'),
  };
}
