import type { Principal } from '../../kit/principal';
import type { ProviderCatalogPort } from '../services/catalog-port';
import { Application, ApplicationEvent, ApplicationMaterial, ChangeRequest, OverdueFlag, ResourceLine } from './Application';
import { InformationSystem } from './InformationSystem';
import { createMutation } from './Mutation';
import { Provider } from './Provider';
import { Query } from './Query';
import { TodoItem } from './Todo';
import { Unit } from './Unit';

/** The subgraph's resolvers; `catalogPortFor` reaches the providers catalog (第八条). */
export function createResolvers(catalogPortFor: (principal: Principal) => ProviderCatalogPort) {
  return {
    Query,
    Mutation: createMutation(catalogPortFor),
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
  };
}
