import { mergeResolvers } from '../kit/merge-resolvers';
import { allRegions } from '../kit/shared-resolvers';
import { createChangesResolvers } from './changes/changes.resolvers';
import type { Resolvers } from './generated/graphql';
import { legacyShutdownResolvers } from './legacy-shutdown/legacy-shutdown.resolvers';
import { testDeliveryResolvers } from './lifecycle/test-delivery.resolvers';
import { resourceLinesResolvers } from './lifecycle/resource-lines.resolvers';
import { createLifecycleResolvers } from './lifecycle/lifecycle.resolvers';
import type { LifecyclePorts } from './lifecycle/mutation.resolvers';
import type { ApplicationsContext } from './loaders';
import { materialsResolvers } from './materials/materials.resolvers';
import { offCloudResolvers } from './off-cloud/off-cloud.resolvers';
import { createSettlementResolvers } from './settlement/settlement.resolvers';
import type { UtilisationPortFor } from './settlement/utilisation-port';
import { createSystemMigrationsResolvers, type SystemMigrationPorts } from './system-migrations/system-migrations.resolvers';
import { createSystemsResolvers } from './systems/systems.resolvers';
import { createTodoResolvers, type TodoPorts } from './todo/todo.resolvers';
import { unitsResolvers } from './units/units.resolvers';

/** The subgraph's own Query fields: static reference data, the same for every principal (第四条). */
const rootResolvers = { Query: { regions: () => [...allRegions()] } } satisfies Resolvers;

/**
 * The subgraph's resolvers, one map per feature, joined per type (a field defined twice fails at
 * start); the ports reach the providers, security and supervision subgraphs (第八条, 第十一条, 第十六条, 第二十二条).
 */
export function createResolvers(ports: LifecyclePorts & SystemMigrationPorts & TodoPorts & { utilisationPortFor: UtilisationPortFor }) {
  return mergeResolvers<ApplicationsContext>(
    rootResolvers,
    unitsResolvers,
    createSystemsResolvers(ports.designationPortFor),
    createLifecycleResolvers(ports),
    createChangesResolvers(ports.catalogPortFor),
    materialsResolvers,
    createTodoResolvers(ports),
    createSystemMigrationsResolvers(ports),
    createSettlementResolvers(ports.utilisationPortFor),
    legacyShutdownResolvers,
    testDeliveryResolvers,
    offCloudResolvers,
    resourceLinesResolvers,
  );
}
