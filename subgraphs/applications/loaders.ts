import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { groupByKeys, orderByKeys } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import type { ApplicationEntity } from './entities/application.entity';
import type { InformationSystemEntity } from './entities/information-system.entity';
import type { UnitEntity } from './entities/unit.entity';
import { ApplicationService } from './services/application.service';
import { InformationSystemService } from './services/information-system.service';
import { UnitService } from './services/unit.service';

/**
 * The request's loaders. Each batch runs one query with the principal's scope in its WHERE clause,
 * so a reference (`_entities`) or a nested field cannot reach a row the principal may not see:
 * such a key resolves to null (or to no children).
 */
export function createLoaders(dataSource: DataSource, _principal: Principal, scope: Scope) {
  const units = new UnitService(dataSource, scope);
  const systems = new InformationSystemService(dataSource, scope);
  const applications = new ApplicationService(dataSource, scope);
  return {
    unitById: new DataLoader<string, UnitEntity | null>(async (ids) => orderByKeys(ids, await units.byIds(ids), (unit) => unit.id)),
    systemById: new DataLoader<string, InformationSystemEntity | null>(async (ids) =>
      orderByKeys(ids, await systems.byIds(ids), (system) => system.id),
    ),
    applicationById: new DataLoader<string, ApplicationEntity | null>(async (ids) =>
      orderByKeys(ids, await applications.byIds(ids), (application) => application.id),
    ),
    systemsByUnitId: new DataLoader<string, InformationSystemEntity[]>(async (unitIds) =>
      groupByKeys(unitIds, await systems.byUnitIds(unitIds), (system) => system.unitId),
    ),
    systemsByProviderId: new DataLoader<string, InformationSystemEntity[]>(async (providerIds) =>
      groupByKeys(providerIds, await systems.byProviderIds(providerIds), (system) => system.providerId ?? ''),
    ),
    applicationsBySystemId: new DataLoader<string, ApplicationEntity[]>(async (systemIds) =>
      groupByKeys(systemIds, await applications.bySystemIds(systemIds), (application) => application.systemId),
    ),
  };
}

export type ApplicationsLoaders = ReturnType<typeof createLoaders>;
export type ApplicationsContext = SubgraphContext<ApplicationsLoaders>;
