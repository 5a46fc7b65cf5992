import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { lazyLoaderSets } from '../kit/lazy-loaders';
import type { Principal, Scope } from '../kit/principal';
import { createChangesLoaders } from './changes/changes.loaders';
import { createLegacyShutdownLoaders } from './legacy-shutdown/legacy-shutdown.loaders';
import { createLifecycleLoaders } from './lifecycle/lifecycle.loaders';
import { createMaterialsLoaders } from './materials/materials.loaders';
import { createOffCloudLoaders } from './off-cloud/off-cloud.loaders';
import { createSettlementLoaders } from './settlement/settlement.loaders';
import { createSystemMigrationsLoaders } from './system-migrations/system-migrations.loaders';
import { createSystemsLoaders } from './systems/systems.loaders';
import { createTodoLoaders } from './todo/todo.loaders';
import { createUnitsLoaders } from './units/units.loaders';

const loaderSets = lazyLoaderSets();

/**
 * The request's loaders, one set per feature, each built when a resolver first asks for it
 * (kit/lazy-loaders.ts). Each batch runs one query with the principal's scope in its WHERE clause, so
 * a reference (`_entities`) or a nested field cannot reach a row the principal may not see: such a key
 * resolves to null (or to no children).
 */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  return loaderSets({
    units: () => createUnitsLoaders(dataSource, scope),
    systems: () => createSystemsLoaders(dataSource, scope),
    lifecycle: () => createLifecycleLoaders(dataSource, scope),
    materials: () => createMaterialsLoaders(dataSource, scope),
    changes: () => createChangesLoaders(dataSource, scope),
    todo: () => createTodoLoaders(dataSource, scope),
    systemMigrations: () => createSystemMigrationsLoaders(dataSource, scope),
    settlement: () => createSettlementLoaders(dataSource, principal),
    legacyShutdown: () => createLegacyShutdownLoaders(dataSource),
    offCloud: () => createOffCloudLoaders(dataSource, scope),
  });
}

export type ApplicationsLoaders = ReturnType<typeof createLoaders>;
export type ApplicationsContext = SubgraphContext<ApplicationsLoaders>;

/**
 * A row a non-null field loads, which the scope rules always let the principal see (an owner, the
 * system of a visible application). Only the type changes: were it missing, GraphQL reports the null.
 */
export function alwaysVisible<T>(row: T | null | Promise<T | null>): T | Promise<T> {
  return row as T | Promise<T>;
}
