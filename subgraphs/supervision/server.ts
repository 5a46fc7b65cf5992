import type { DataSource } from 'typeorm';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

/** The supervision subgraph's HTTP service, not yet listening. */
export async function createService(options: { dataSource: DataSource; internalTokenSecret: string }): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'supervision',
    resolvers,
    dataSource: options.dataSource,
    internalTokenSecret: options.internalTokenSecret,
    createLoaders,
  });
}
