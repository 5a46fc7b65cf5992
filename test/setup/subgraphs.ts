// Runs a set of real subgraphs in this process on one database, each on its own port over real
// HTTP as the service role (migrated and seeded as the owner, as `npm start` does), knowing each
// other's URLs: ports are chosen before any service is built, so a subgraph that calls another can
// be given its address, and each started one's port is held from then until it listens on it.
// Free of vitest, for tests and the benchmark.
import type { DataSource } from 'typeorm';
import { buildWorld, type World } from '../../seed/world';
import type { DatabaseUrls } from '../../subgraphs/kit/config';
import { createReadDataSource, migrate } from '../../subgraphs/kit/data-source';
import { migrateJobs, startEffectWorker } from '../../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import type { SubgraphRuntime } from '../../subgraphs/kit/subgraph-main';
import { loadSubgraphModule, type SubgraphModule } from '../../subgraphs/modules';
import type { DatabaseContents } from './database-templates';
import { freePort, reservePort, type PortReservation } from './free-port';

/** A database, and what it already holds (empty when not said): what is there is not run again. */
export interface StartingDatabase extends DatabaseUrls {
  contents?: DatabaseContents;
}

export interface RunningSubgraphs {
  /** GraphQL URL of every subgraph; those not started point at a closed port. */
  urls: Record<SubgraphName, string>;
  dataSources: Partial<Record<SubgraphName, DataSource>>;
  /** The read DataSources, when `readDatabaseUrl` was given. */
  readDataSources: Partial<Record<SubgraphName, DataSource>>;
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
  /** DATABASE_READ_URL: each started subgraph also gets a read DataSource there (runtime.readDataSource). */
  readDatabaseUrl?: string;
  /**
   * COMPILED_EXECUTION for every started subgraph: default compiled at first sight, not at the second
   * run as in production, so every test runs the compiled path; false runs graphql-js alone.
   */
  compiledExecution?: boolean;
}

/** What stops a serving subgraph: its HTTP server and its worker, worker first (as runSubgraph does). */
type Serving = () => Promise<void>;

export async function startSubgraphs(
  database: StartingDatabase,
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
  // The ports of the subgraphs to start, held until each first listens. One not started, or stopped,
  // keeps a closed port (its calls are refused, as a process that is down refuses them).
  const reservations = new Map<SubgraphName, PortReservation>();
  cleanups.push(async () => {
    for (const reservation of reservations.values()) await reservation.release();
    reservations.clear();
  });

  async function startSubgraph(name: SubgraphName): Promise<void> {
    const started = modules.get(name);
    if (!started) throw new Error(`subgraph ${name} is not part of this set`);
    if (serving.has(name)) throw new Error(`subgraph ${name} is already running`);
    const { module, runtime } = started;
    const service = await module.createService(runtime);
    const reservation = reservations.get(name);
    reservations.delete(name);
    await (
      reservation
        ? reservation.handOver(service.httpServer)
        : new Promise<void>((resolve, reject) => {
            service.httpServer.once('error', reject);
            service.httpServer.listen(ports[name], '127.0.0.1', () => resolve());
          })
    ).catch(async (error: unknown) => {
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

  const contents = database.contents ?? 'empty';
  // A seeded copy cannot be unseeded; a test asking for an empty world must start from `migrated`.
  if (contents === 'seeded' && !options.seed) throw new Error('startSubgraphs: the database is seeded but seed was not asked for');
  try {
    const world = options.world ?? buildWorld();
    for (const name of names) reservations.set(name, await reservePort());
    ports = Object.fromEntries(
      await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, reservations.get(name)?.port ?? (await freePort())] as const)),
    ) as Record<SubgraphName, number>;
    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<
      SubgraphName,
      string
    >;
    if (contents === 'empty') await migrateJobs(database.migrationUrl, { quiet: true });
    const dataSources: Partial<Record<SubgraphName, DataSource>> = {};
    const readDataSources: Partial<Record<SubgraphName, DataSource>> = {};
    // Migrate and seed one after another, then serve; subgraphs refer to each other by id only.
    for (const name of SUBGRAPH_NAMES.filter((candidate) => names.includes(candidate))) {
      const module = await loadSubgraphModule(name);
      const seedWorld = options.seed && contents !== 'seeded' ? world : undefined;
      const dataSource = await migratedDataSource(database, module, seedWorld, { migrated: contents !== 'empty' });
      cleanups.push(async () => void (dataSource.isInitialized && (await dataSource.destroy())));
      dataSources[name] = dataSource;
      const readDataSource = options.readDatabaseUrl ? createReadDataSource(module.createDataSource, options.readDatabaseUrl) : undefined;
      if (readDataSource) {
        await readDataSource.initialize();
        cleanups.push(async () => void (readDataSource.isInitialized && (await readDataSource.destroy())));
        readDataSources[name] = readDataSource;
      }
      modules.set(name, {
        module,
        runtime: {
          dataSource,
          readDataSource,
          internalTokenSecret: options.internalTokenSecret,
          subgraphUrls: urls,
          compiledExecution: options.compiledExecution !== false && { interpretedRuns: 0 },
        },
      });
      await startSubgraph(name);
    }
    return { urls, dataSources, readDataSources, stopSubgraph, startSubgraph, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A subgraph's schema migrated (and seeded, given a world) as the owner, and its data source as
 * the service role, initialised: what a subgraph process works with once `npm start` migrated.
 * `migrated: true` says the database already is (cloned from a template): only the seed runs.
 */
export async function migratedDataSource(
  database: DatabaseUrls,
  module: Pick<SubgraphModule, 'createDataSource' | 'seed'>,
  world?: World,
  { migrated = false }: { migrated?: boolean } = {},
): Promise<DataSource> {
  if (!migrated || world) {
    const owner = module.createDataSource(database.migrationUrl);
    try {
      if (migrated) await owner.initialize();
      else await migrate(owner);
      if (world) await module.seed(owner, world);
    } finally {
      if (owner.isInitialized) await owner.destroy();
    }
  }
  return serviceDataSource(database, module);
}

/** The subgraph's data source as the service role, initialised, on a database already migrated. */
export async function serviceDataSource(database: DatabaseUrls, module: Pick<SubgraphModule, 'createDataSource'>): Promise<DataSource> {
  const dataSource = module.createDataSource(database.url);
  await dataSource.initialize();
  return dataSource;
}
