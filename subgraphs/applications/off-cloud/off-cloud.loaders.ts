// The per-request loaders of the off-cloud registry (第三条): one scoped query per batch.
import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { OffCloudService } from './off-cloud.service';

export function createOffCloudLoaders(dataSource: DataSource, scope: Scope) {
  const offCloud = new OffCloudService(dataSource, scope);
  return {
    offCloudSystemById: loaderByKey((ids) => offCloud.byIds(ids), 'id'),
    offCloudSystemPagesByUnitId: offCloud.pagesByUnit(),
  };
}
