import type { DataSource } from 'typeorm';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';
import type { PendingMigrationCount } from './services/provider-exit.service';

export interface ProvidersServiceOptions {
  dataSource: DataSource;
  internalTokenSecret: string;
  /** How many migrations block a provider's exit; the applications subgraph supplies it later. */
  pendingMigrationCount?: PendingMigrationCount;
}

export async function createService(options: ProvidersServiceOptions): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'providers',
    resolvers: createResolvers({ pendingMigrationCount: options.pendingMigrationCount }),
    dataSource: options.dataSource,
    internalTokenSecret: options.internalTokenSecret,
    createLoaders,
  });
}
