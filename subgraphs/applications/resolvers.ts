import { Application, ApplicationEvent, ApplicationMaterial, ChangeRequest, OverdueFlag, ResourceLine } from './lifecycle/application.resolvers';
import { InformationSystem } from './systems/systems.resolvers';
import { createMutation, type MutationPorts } from './lifecycle/mutation.resolvers';
import { Provider } from './resolvers/Provider';
import { Query } from './resolvers/Query';
import { ProviderExit, SystemMigration, createSystemMigrationMutations, systemMigrationQueries } from './system-migrations/system-migrations.resolvers';
import { TodoItem } from './todo/todo.resolvers';
import { Unit } from './units/units.resolvers';
import { createSettlementResolvers } from './settlement/settlement.resolvers';
import type { UtilisationPortFor } from './settlement/utilisation-port';

/** The subgraph's resolvers; the ports reach the providers subgraph (第八条, 第十一条). */
export function createResolvers(ports: MutationPorts & { utilisationPortFor: UtilisationPortFor }) {
  const settlements = createSettlementResolvers(ports.utilisationPortFor);
  return {
    Query: { ...Query, ...systemMigrationQueries, ...settlements.Query },
    Mutation: { ...createMutation(ports), ...createSystemMigrationMutations(ports.designationPortFor), ...settlements.Mutation },
    ...settlements.types,
    Unit,
    InformationSystem,
    Application,
    ResourceLine,
    ApplicationMaterial,
    ApplicationEvent,
    ChangeRequest,
    OverdueFlag,
    Provider,
    TodoItem,
    SystemMigration,
    ProviderExit,
  };
}
