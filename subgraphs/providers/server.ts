import type { DataSource } from 'typeorm';
import { ConfigError } from '../kit/config';
import { createSubgraphClient } from '../kit/subgraph-client';
import type { SubgraphRuntime } from '../kit/subgraph-main';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';
import { createProviderDirectoryRoute } from './directory/provider-directory.route';
import { httpMigrationProgressPort, type MigrationProgressPortFor } from './exits/migration-progress.port';

export interface ProvidersServiceOptions extends SubgraphRuntime {
  dataSource: DataSource;
}

/** The providers subgraph's HTTP service, not yet listening. */
export async function createService(options: ProvidersServiceOptions): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'providers',
    resolvers: createResolvers({ migrationProgressFor: applicationsMigrationPort(options) }),
    dataSource: options.dataSource,
    readDataSource: options.readDataSource,
    internalTokenSecret: options.internalTokenSecret,
    compiledExecution: options.compiledExecution,
    createLoaders,
    // GET /internal/directory/providers/<id>, the gateway's directory check of PROVIDER tokens.
    routes: [createProviderDirectoryRoute(options)],
  });
}

/** EXIT_TRANSITION_3M: an exit completes on the applications subgraph's current answer, never on a copy. */
function applicationsMigrationPort(options: ProvidersServiceOptions): MigrationProgressPortFor {
  const url = options.subgraphUrls?.applications;
  if (!url) throw new ConfigError('providers 子图需要 applications 子图的地址 (APPLICATIONS_URL)');
  return httpMigrationProgressPort(createSubgraphClient({ name: 'applications', url, internalTokenSecret: options.internalTokenSecret }));
}
