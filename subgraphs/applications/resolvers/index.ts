import type { Principal } from '../../kit/principal';
import { worldCatalogPort, type ProviderCatalogPort } from '../services/catalog-port';
import { Application, ApplicationEvent, ApplicationMaterial, ChangeRequest, ResourceLine } from './Application';
import { InformationSystem } from './InformationSystem';
import { createMutation } from './Mutation';
import { Provider } from './Provider';
import { Query } from './Query';
import { Unit } from './Unit';

/** The subgraph's resolvers; the providers catalog port defaults to the stand-in until its client is wired. */
export function createResolvers(catalogPortFor: (principal: Principal) => ProviderCatalogPort = () => worldCatalogPort()) {
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
    Provider,
  };
}

export const resolvers = createResolvers();
