import type { DataSource } from 'typeorm';
import type { CompiledExecutionSetting } from '../kit/compiled-execution';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

/** The security subgraph's HTTP service, not yet listening. */
export async function createService(options: {
  dataSource: DataSource;
  readDataSource?: DataSource;
  internalTokenSecret: string;
  compiledExecution?: CompiledExecutionSetting;
}): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'security',
    resolvers,
    dataSource: options.dataSource,
    readDataSource: options.readDataSource,
    internalTokenSecret: options.internalTokenSecret,
    compiledExecution: options.compiledExecution,
    createLoaders,
  });
}
