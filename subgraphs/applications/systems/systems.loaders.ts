import type { DataSource } from 'typeorm';
import { loaderByKey, loaderOfGroups } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { InformationSystemService } from './information-system.service';

export function createSystemsLoaders(dataSource: DataSource, scope: Scope) {
  const systems = new InformationSystemService(dataSource, scope);
  return {
    systemById: loaderByKey((ids) => systems.byIds(ids), 'id'),
    systemsByUnitId: loaderOfGroups((unitIds) => systems.byUnitIds(unitIds), 'unitId'),
    systemsByProviderId: loaderOfGroups((providerIds) => systems.byProviderIds(providerIds), 'providerId'),
  };
}
