import type { DataSource } from 'typeorm';
import type { CompiledExecutionSetting } from './compiled-execution';
import { CONFIG_EXIT_CODE, ConfigError, listenError, readSubgraphConfig, DEFAULT_SUBGRAPH_PORTS, type SubgraphConfig } from './config';
import { createReadDataSource, migrate, migrateWith } from './data-source';
import { assertServiceRoleIsLimited } from './database-roles';
import { drainHttpServer } from './drain';
import { configureLogging, logger } from './log';
import { migrateJobs, startEffectWorker, type EffectTasks, type EffectWorker, type WorkerSchedule } from './jobs';
import type { SubgraphName } from './schema-files';
import type { SubgraphService } from './subgraph-server';
import { stopWhenSupervisorGone } from './supervised';
import { startTracing } from './tracing';

type Name = keyof typeof DEFAULT_SUBGRAPH_PORTS;

/** What `runSubgraph` hands a subgraph's `createService`; a subgraph takes what it needs. */
export interface SubgraphRuntime {
  dataSource: DataSource;
  /** On DATABASE_READ_URL when it is set: analysts' ad-hoc queries read there. */
  readDataSource?: DataSource;
  internalTokenSecret: string;
  /** Every subgraph's GraphQL endpoint, for createSubgraphClient; needed by subgraphs that call others. */
  subgraphUrls?: Record<SubgraphName, string>;
  /** COMPILED_EXECUTION and COMPILED_EXECUTION_AFTER: operations compiled (default) or interpreted by graphql-js. */
  compiledExecution?: CompiledExecutionSetting;
}

export interface RunSubgraphOptions {
  /** The cross-subgraph effects this subgraph handles, each named `<name>.<effect>` (kit/jobs.ts). */
  effectTasks?: (runtime: SubgraphRuntime) => EffectTasks;
  /** Recurring work among those tasks (a crontab, and tasks to run at start). */
  schedule?: WorkerSchedule;
  /** Reads the subgraph's own settings (`<name>/settings.ts`) with the kit's, before anything runs. */
  readSettings?: (env: NodeJS.ProcessEnv) => void;
}

/**
 * The whole of a subgraph's `index.ts`: read the environment, migrate (its schema and the job
 * queue's), listen, run its effect worker, and stop cleanly on SIGINT/SIGTERM. Every setting is
 * read first, before the database is touched; bad configuration ends the process with one line
 * saying what to fix and CONFIG_EXIT_CODE, which `npm start` does not restart.
 */
export async function runSubgraph(
  name: Name,
  createDataSource: (url: string) => DataSource,
  createService: (runtime: SubgraphRuntime) => Promise<SubgraphService>,
  options: RunSubgraphOptions = {},
): Promise<void> {
  try {
    configureLogging(name);
    // Before anything serves: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (a bad one stops here).
    const tracing = await startTracing(name);
    const config = await readSubgraphConfig(name);
    options.readSettings?.(process.env);
    const unreachable = (error: unknown) =>
      error instanceof ConfigError
        ? error
        : new ConfigError(`无法连接 DATABASE_URL (cannot reach DATABASE_URL): ${(error as Error).message}`);
    // Before anything runs: in production, not as a superuser, not even to migrate.
    await assertServiceRoleIsLimited(config.databaseUrl).catch((error: unknown) => {
      throw unreachable(error);
    });
    const dataSource = createDataSource(config.databaseUrl);
    // Skipped under `npm start`, which has just migrated every schema (MIGRATE_AT_START=false).
    if (config.migrateAtStart) await migrateAtStart(config, dataSource, createDataSource);
    if (!dataSource.isInitialized) {
      await dataSource.initialize().catch((error: unknown) => {
        throw unreachable(error);
      });
    }
    const readDataSource = config.databaseReadUrl ? createReadDataSource(createDataSource, config.databaseReadUrl) : undefined;
    await readDataSource?.initialize().catch((error: unknown) => {
      throw new ConfigError(`无法连接 DATABASE_READ_URL (cannot reach DATABASE_READ_URL): ${(error as Error).message}`);
    });
    const runtime: SubgraphRuntime = {
      dataSource,
      readDataSource,
      internalTokenSecret: config.internalTokenSecret,
      subgraphUrls: config.subgraphUrls,
      compiledExecution: config.compiledExecution && { interpretedRuns: config.interpretedRunsBeforeCompiling },
    };
    const tasks = options.effectTasks?.(runtime) ?? {};
    const foreign = Object.keys(tasks).filter((task) => !task.startsWith(`${name}.`));
    if (foreign.length > 0) throw new Error(`effect tasks of ${name} must be named "${name}.<effect>": ${foreign.join(', ')}`);
    const service = await createService(runtime);
    await listen(service, config.host, config.port, `${name.toUpperCase()}_PORT`);
    // The worker starts after the port answers /health: a signal in between (a supervisor or test
    // stopping a process it has just seen healthy) drains like any other, once the worker is up.
    let worker: Promise<EffectWorker | undefined> = Promise.resolve(undefined);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info(`[${name}] 收到 ${signal}，停止接收新请求，等待进行中的请求完成 (draining, up to ${config.shutdownGraceMs} ms)`);
      // No new connections; requests and jobs in flight finish and commit while the pool is still open.
      const [{ forced }] = await Promise.all([
        drainHttpServer(service.httpServer, config.shutdownGraceMs),
        // A worker that failed to start has nothing to stop (its failure ends the start itself).
        worker.then(
          (started) => started?.stop(),
          () => undefined,
        ),
      ]);
      if (forced) logger.warn(`[${name}] 宽限期已到，已断开仍未完成的请求 (grace period over; open requests cut)`);
      await service.stop();
      await dataSource.destroy();
      await readDataSource?.destroy();
      // The spans of the last requests and jobs are sent before the process ends.
      await tracing.shutdown().catch(() => undefined);
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    stopWhenSupervisorGone((reason) => void stop(reason));
    if (Object.keys(tasks).length > 0) {
      worker = startEffectWorker({
        databaseUrl: config.databaseUrl,
        tasks,
        concurrency: config.effectWorkerConcurrency,
        schedule: options.schedule,
      });
      await worker;
    }
    if (!stopping) logger.info(`[${name}] 子图已就绪 (subgraph ready) http://${config.host}:${config.port}/graphql`);
  } catch (error) {
    if (error instanceof ConfigError) {
      // One plain line for the person starting it, whatever the log format.
      console.error(`[${name}] ${error.message}`);
      process.exit(CONFIG_EXIT_CODE);
    }
    throw error;
  }
}

function listen(service: SubgraphService, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    service.httpServer.once('error', (error: NodeJS.ErrnoException) => {
      reject(listenError(error, host, port, variable));
    });
    service.httpServer.listen(port, host, () => resolve());
  });
}

/**
 * As the owner (MIGRATION_DATABASE_URL); up to date, as after `npm run migrate`, it changes
 * nothing. With one URL for both, the service's own data source checks: a second one only to look
 * at the migrations table cost every start its entity metadata and connection twice.
 */
async function migrateAtStart(
  config: SubgraphConfig,
  dataSource: DataSource,
  createDataSource: (url: string) => DataSource,
): Promise<void> {
  try {
    if (config.migrationDatabaseUrl === config.databaseUrl) await migrate(dataSource);
    else await migrateWith(createDataSource, config.migrationDatabaseUrl);
    // Every subgraph may enqueue effects in its transactions, so the queue's schema must exist.
    await migrateJobs(config.migrationDatabaseUrl);
  } catch (error) {
    throw new ConfigError(
      `无法连接或迁移数据库 (cannot reach or migrate the database): ${(error as Error).message}；服务账号无权迁移时请设置 MIGRATION_DATABASE_URL 或先运行 npm run migrate`,
    );
  }
}
