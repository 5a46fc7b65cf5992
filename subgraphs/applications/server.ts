import type { DataSource } from 'typeorm';
import { ConfigError } from '../kit/config';
import type { Principal } from '../kit/principal';
import { providerCatalogFor } from '../kit/provider-catalog';
import { createSubgraphClient } from '../kit/subgraph-client';
import type { SubgraphRuntime } from '../kit/subgraph-main';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';
import type { ProviderCatalogPort } from './services/catalog-port';

export interface ApplicationsServiceOptions extends SubgraphRuntime {
  dataSource: DataSource;
  /** Replaces the providers subgraph's catalog (CATALOG_CAP, CAP_LOWERS); by default it is called at `subgraphUrls.providers`. */
  catalogPortFor?: (principal: Principal) => ProviderCatalogPort;
}

/** The applications subgraph's HTTP service, not yet listening. */
export async function createService(options: ApplicationsServiceOptions): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'applications',
    resolvers: createResolvers(options.catalogPortFor ?? providersCatalogPort(options)),
    dataSource: options.dataSource,
    internalTokenSecret: options.internalTokenSecret,
    createLoaders,
  });
}

/**
 * The providers subgraph's catalog as this request's principal sees it: caps read over HTTP (one
 * batched query), lowerings enqueued in the procurement's transaction with the application's
 * number as the procurement reference.
 */
function providersCatalogPort(options: ApplicationsServiceOptions): (principal: Principal) => ProviderCatalogPort {
  const url = options.subgraphUrls?.providers;
  if (!url) throw new ConfigError('applications 子图需要 providers 子图的地址 (PROVIDERS_URL)');
  const providers = createSubgraphClient({ name: 'providers', url, internalTokenSecret: options.internalTokenSecret });
  return (principal) => {
    const catalog = providerCatalogFor(providers, principal);
    return {
      capsOf: catalog.capsOf,
      lowerCapsLater: (manager, lines) =>
        catalog.lowerCapsLater(
          manager,
          lines.map((line) => ({
            entryId: line.catalogEntryId,
            concludedPriceFen: line.concludedPriceFen,
            procurementReference: line.applicationNumber,
          })),
        ),
    };
  };
}
