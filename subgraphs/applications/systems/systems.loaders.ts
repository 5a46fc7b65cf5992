import type { DataSource } from 'typeorm';
import { loaderByKey } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { InformationSystemService } from './information-system.service';
import { createSystemOwnerLoaders } from './system-owners';

export function createSystemsLoaders(dataSource: DataSource, scope: Scope) {
  const systems = new InformationSystemService(dataSource, scope);
  return {
    systemById: loaderByKey((ids) => systems.byIds(ids), 'id'),
    systemPagesByUnitId: systems.childPages('unit_id'),
    systemPagesByProviderId: systems.childPages('provider_id'),
    ...createSystemOwnerLoaders(dataSource, scope),
  };
}
