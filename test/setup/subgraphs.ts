// Runs a set of real subgraphs in this process on one database, each on its own port over real
// HTTP as the service role (migrated and seeded as the owner, as `npm start` does), knowing each other's URLs (ports are chosen before any service is built, so a subgraph
// that calls another can be given its address). Free of vitest, for tests and the benchmark.
import type { DataSource } from 'typeorm';
import { buildWorld, type World } from '../../seed/world';
import type { DatabaseUrls } from '../../subgraphs/kit/config';
import { migrate } from '../../subgraphs/kit/data-source';
import { migrateJobs, startEffectWorker } from '../../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import type { SubgraphRuntime } from '../../subgraphs/kit/subgraph-main';
import { loadSubgraphModule, type SubgraphModule } from '../../subgraphs/modules';
import { freePort } from './free-port';

export interface RunningSubgraphs {
  /** GraphQL URL of every subgraph; those not started point at a closed port. */
  urls: Record<SubgraphName, string>;
  dataSources: Partial<Record<SubgraphName, DataSource>>;
  /**
   * Stops one started subgraph as if its process ended: its HTTP server and its effect worker
   * (running jobs finish first). Its database stays as it is; its port answers nothing.
   */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on the same port, with its effect worker when the set runs them. */
  startSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export interface StartSubgraphsOptions {
  internalTokenSecret: string;
  seed?: boolean;
  world?: World;
  /** Run each started subgraph's effect worker (kit/jobs.ts), as its process would. */
  effectWorkers?: boolean;
}

/** What stops a serving subgraph: its HTTP server and its worker, worker first (as runSubgraph does). */
type Serving = () => Promise<void>;

export async function startSubgraphs(
  database: DatabaseUrls,
  names: readonly SubgraphName[],
  options: StartSubgraphsOptions,
): Promise<RunningSubgraphs> {
  const cleanups: Array<() => Promise<void>> = [];
  const serving = new Map<SubgraphName, Serving>();
  const stop = async () => {
    for (const name of [...serving.keys()].reverse()) await stopSubgraph(name).catch((error: unknown) => console.error(error));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  const modules = new Map<SubgraphName, { module: SubgraphModule; runtime: SubgraphRuntime }>();
  let ports: Record<SubgraphName, number>;

  async function startSubgraph(name: SubgraphName): Promise<void> {
    const started = modules.get(name);
    if (!started) throw new Error(`subgraph ${name} is not part of this set`);
    if (serving.has(name)) throw new Error(`subgraph ${name} is already running`);
    const { module, runtime } = started;
    const service = await module.createService(runtime);
    await new Promise<void>((resolve, reject) => {
      service.httpServer.once('error', reject);
      service.httpServer.listen(ports[name], '127.0.0.1', () => resolve());
    }).catch(async (error: unknown) => {
      await service.stop();
      throw error;
    });
    const worker =
      options.effectWorkers && module.createEffectTasks
        ? await startEffectWorker({ databaseUrl: database.url, tasks: module.createEffectTasks(runtime), pollInterval: 200, quiet: true })
        : undefined;
    serving.set(name, async () => {
      await worker?.stop();
      await service.stop();
    });
  }

  async function stopSubgraph(name: SubgraphName): Promise<void> {
    const stopServing = serving.get(name);
    if (!stopServing) throw new Error(`subgraph ${name} is not running`);
    serving.delete(name);
    await stopServing();
  }

  try {
    const world = options.world ?? buildWorld();
    ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const))) as Record<
      SubgraphName,
      number
    >;
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<
      SubgraphName,
      string
    >;
    await migrateJobs(database.migrationUrl, { quiet: true });
    const dataSources: Partial<Record<SubgraphName, DataSource>> = {};
    // Migrate and seed one after another, then serve; subgraphs refer to each other by id only.
    for (const name of SUBGRAPH_NAMES.filter((candidate) => names.includes(candidate))) {
      const module = await loadSubgraphModule(name);
      const dataSource = await migratedDataSource(database, module, options.seed ? world : undefined);
      cleanups.push(async () => void (dataSource.isInitialized && (await dataSource.destroy())));
      dataSources[name] = dataSource;
      modules.set(name, { module, runtime: { dataSource, internalTokenSecret: options.internalTokenSecret, subgraphUrls: urls } });
      await startSubgraph(name);
    }
    return { urls, dataSources, stopSubgraph, startSubgraph, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A subgraph's schema migrated (and seeded, given a world) as the owner, and its data source as
 * the service role, initialised: what a subgraph process works with once `npm start` migrated.
 */
export async function migratedDataSource(
  database: DatabaseUrls,
  module: Pick<SubgraphModule, 'createDataSource' | 'seed'>,
  world?: World,
): Promise<DataSource> {
  const owner = module.createDataSource(database.migrationUrl);
  try {
    await migrate(owner);
    if (world) await module.seed(owner, world);
  } finally {
    if (owner.isInitialized) await owner.destroy();
  }
  const dataSource = module.createDataSource(database.url);
  await dataSource.initialize();
  return dataSource;
}
