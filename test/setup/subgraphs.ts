// Runs a set of real subgraphs in this process on one database, each on its own port over real
// HTTP, knowing each other's URLs (ports are chosen before any service is built, so a subgraph
// that calls another can be given its address). Free of vitest, for tests and the benchmark.
import { createServer as createNetServer } from 'node:net';
import type { DataSource } from 'typeorm';
import { buildWorld, type World } from '../../seed/world';
import { migrate } from '../../subgraphs/kit/data-source';
import { migrateJobs, startEffectWorker } from '../../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../../subgraphs/modules';

export interface RunningSubgraphs {
  /** GraphQL URL of every subgraph; those not started point at a closed port. */
  urls: Record<SubgraphName, string>;
  dataSources: Partial<Record<SubgraphName, DataSource>>;
  stop(): Promise<void>;
}

export interface StartSubgraphsOptions {
  internalTokenSecret: string;
  seed?: boolean;
  world?: World;
  /** Run each started subgraph's effect worker (kit/jobs.ts), as its process would. */
  effectWorkers?: boolean;
}

export async function startSubgraphs(
  databaseUrl: string,
  names: readonly SubgraphName[],
  options: StartSubgraphsOptions,
): Promise<RunningSubgraphs> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const world = options.world ?? buildWorld();
    const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const)));
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<
      SubgraphName,
      string
    >;
    await migrateJobs(databaseUrl, { quiet: true });
    const dataSources: Partial<Record<SubgraphName, DataSource>> = {};
    // Migrate and seed one after another, then serve; subgraphs refer to each other by id only.
    for (const name of SUBGRAPH_NAMES.filter((candidate) => names.includes(candidate))) {
      const module = await loadSubgraphModule(name);
      const dataSource = module.createDataSource(databaseUrl);
      cleanups.push(async () => void (dataSource.isInitialized && (await dataSource.destroy())));
      await migrate(dataSource);
      if (options.seed) await module.seed(dataSource, world);
      dataSources[name] = dataSource;
      const runtime = { dataSource, internalTokenSecret: options.internalTokenSecret, subgraphUrls: urls };
      const service = await module.createService(runtime);
      cleanups.push(() => service.stop());
      await new Promise<void>((resolve, reject) => {
        service.httpServer.once('error', reject);
        service.httpServer.listen(ports[name], '127.0.0.1', () => resolve());
      });
      if (options.effectWorkers && module.createEffectTasks) {
        const worker = await startEffectWorker({ databaseUrl, tasks: module.createEffectTasks(runtime), pollInterval: 200, quiet: true });
        cleanups.push(() => worker.stop());
      }
    }
    return { urls, dataSources, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
