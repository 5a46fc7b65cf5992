import type { DataSource } from 'typeorm';
import type { Principal } from '../kit/principal';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';
import type { ProviderCatalogPort } from './services/catalog-port';

/** The applications subgraph's HTTP service, not yet listening. */
export async function createService(options: {
  dataSource: DataSource;
  internalTokenSecret: string;
  /** The providers catalog, per request (CATALOG_CAP, CAP_LOWERS); defaults to the demo world's caps. */
  catalogPortFor?: (principal: Principal) => ProviderCatalogPort;
}): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'applications',
    resolvers: createResolvers(options.catalogPortFor),
    dataSource: options.dataSource,
    internalTokenSecret: options.internalTokenSecret,
    createLoaders,
  });
}
