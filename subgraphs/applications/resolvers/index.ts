import { Application, ApplicationEvent, ApplicationMaterial, ChangeRequest, OverdueFlag, ResourceLine } from './Application';
import { InformationSystem } from './InformationSystem';
import { createMutation, type MutationPorts } from './Mutation';
import { Provider } from './Provider';
import { Query } from './Query';
import { ProviderExit, SystemMigration, createSystemMigrationMutations, systemMigrationQueries } from './SystemMigration';
import { TodoItem } from './Todo';
import { Unit } from './Unit';
import { createSettlementResolvers } from '../settlement/settlement-resolvers';
import type { UtilisationPortFor } from '../settlement/utilisation-port';

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
