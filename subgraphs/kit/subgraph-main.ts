import type { DataSource } from 'typeorm';
import { ConfigError, readSubgraphConfig, DEFAULT_SUBGRAPH_PORTS } from './config';
import { migrate } from './data-source';
import type { SubgraphService } from './subgraph-server';

type Name = keyof typeof DEFAULT_SUBGRAPH_PORTS;

/**
 * The whole of a subgraph's `index.ts`: read the environment, migrate, listen, and stop cleanly
 * on SIGINT/SIGTERM. Bad configuration ends the process with one line saying what to fix.
 */
export async function runSubgraph(
  name: Name,
  createDataSource: (url: string) => DataSource,
  createService: (options: { dataSource: DataSource; internalTokenSecret: string }) => Promise<SubgraphService>,
): Promise<void> {
  try {
    const config = await readSubgraphConfig(name);
    const dataSource = createDataSource(config.databaseUrl);
    try {
      await migrate(dataSource);
    } catch (error) {
      throw new ConfigError(`无法连接或迁移数据库 (cannot reach or migrate the database at DATABASE_URL): ${(error as Error).message}`);
    }
    const service = await createService({ dataSource, internalTokenSecret: config.internalTokenSecret });
    await listen(service, config.host, config.port, `${name.toUpperCase()}_PORT`);
    console.log(`[${name}] 子图已就绪 (subgraph ready) http://${config.host}:${config.port}/graphql`);
    const stop = async () => {
      await service.stop();
      await dataSource.destroy();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[${name}] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

function listen(service: SubgraphService, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    service.httpServer.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`端口 ${port} 已被占用 (port in use): 请设置 ${variable}`) : error);
    });
    service.httpServer.listen(port, host, () => resolve());
  });
}
