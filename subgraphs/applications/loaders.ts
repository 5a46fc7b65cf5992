import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import type { ExitMigrationProgress } from '../contracts/exit-migrations';
import { loaderByKey, loaderOfGroups } from '../kit/loader-helpers';
import type { Principal, Scope } from '../kit/principal';
import { ApplicationChildrenService } from './lifecycle/application-children.service';
import { ApplicationService } from './lifecycle/application.service';
import { InformationSystemService } from './systems/information-system.service';
import { SystemMigrationService } from './system-migrations/system-migration.service';
import { UnitService } from './units/unit.service';
import { createSettlementLoaders } from './settlement/settlement.loaders';

/**
 * The request's loaders. Each batch runs one query with the principal's scope in its WHERE clause,
 * so a reference (`_entities`) or a nested field cannot reach a row the principal may not see:
 * such a key resolves to null (or to no children).
 */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const units = new UnitService(dataSource, scope);
  const systems = new InformationSystemService(dataSource, scope);
  const applications = new ApplicationService(dataSource, scope);
  const children = new ApplicationChildrenService(dataSource, scope);
  const migrations = new SystemMigrationService(dataSource, scope);
  return {
    unitById: loaderByKey((ids) => units.byIds(ids), 'id'),
    systemById: loaderByKey((ids) => systems.byIds(ids), 'id'),
    applicationById: loaderByKey((ids) => applications.byIds(ids), 'id'),
    systemsByUnitId: loaderOfGroups((unitIds) => systems.byUnitIds(unitIds), 'unitId'),
    systemsByProviderId: loaderOfGroups((providerIds) => systems.byProviderIds(providerIds), 'providerId'),
    applicationsBySystemId: loaderOfGroups((systemIds) => applications.bySystemIds(systemIds), 'systemId'),
    resourceLinesByApplicationId: loaderOfGroups((ids) => children.resourceLines(ids), 'applicationId'),
    materialsByApplicationId: loaderOfGroups((ids) => children.materials(ids), 'applicationId'),
    eventsByApplicationId: loaderOfGroups((ids) => children.events(ids), 'applicationId'),
    changeRequestsByApplicationId: loaderOfGroups((ids) => children.changeRequests(ids), 'applicationId'),
    terminationStepsByApplicationId: loaderOfGroups((ids) => children.terminationSteps(ids), 'applicationId'),
    overdueFlagsByApplicationId: loaderOfGroups((ids) => children.overdueFlags(ids), 'applicationId'),
    migrationsByExitId: loaderOfGroups((ids) => migrations.byExitIds(ids), 'exitId'),
    migrationsBySystemId: loaderOfGroups((ids) => migrations.bySystemIds(ids), 'systemId'),
    migrationProgressByExitId: new DataLoader<string, ExitMigrationProgress>((ids) => migrations.progressByExitIds(ids)),
    ...createSettlementLoaders(dataSource, principal),
  };
}

export type ApplicationsLoaders = ReturnType<typeof createLoaders>;
export type ApplicationsContext = SubgraphContext<ApplicationsLoaders>;
