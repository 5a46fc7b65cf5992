import type { DataSource } from 'typeorm';
import type { Principal } from '../kit/principal';
import type { SubgraphRuntime } from '../kit/subgraph-main';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { materialRoutesFromEnv } from './materials/http';
import { createResolvers } from './resolvers';
import { replicaCatalogPort, type ProviderCatalogPort } from './services/catalog-port';

export interface ApplicationsServiceOptions extends SubgraphRuntime {
  dataSource: DataSource;
  /** Replaces the providers' catalog (CATALOG_CAP, CAP_LOWERS); by default the caps come from this subgraph's replica. */
  catalogPortFor?: (principal: Principal) => ProviderCatalogPort;
}

/** The applications subgraph's HTTP service, not yet listening. */
export async function createService(options: ApplicationsServiceOptions): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'applications',
    resolvers: createResolvers(options.catalogPortFor ?? replicaCatalogPort),
    dataSource: options.dataSource,
    internalTokenSecret: options.internalTokenSecret,
    createLoaders,
    // POST /materials and GET /materials/<id>, reached through the gateway (第十一条, MATERIALS).
    routes: [materialRoutesFromEnv(options)],
  });
}
