// `npm start`: the database (embedded or DATABASE_URL), migrations, demo data on first run, the four
// subgraphs and the gateway as separate processes, each with a memory limit and restarted with
// back-off when it crashes; prints the IDE's URL and a token per role. Ctrl-C stops every process
// (each drains its requests first) and the database.
import { ConfigError, DEFAULT_SUBGRAPH_PORTS, readPort, readProcessLimits, readShutdownGraceMs } from '../subgraphs/kit/config';
import { loadOrCreateDevKeys } from '../subgraphs/kit/dev-keys';
import { configureLogging, logger } from '../subgraphs/kit/log';
import { readLogSettings } from '../subgraphs/kit/log-settings';
import { SUBGRAPH_NAMES } from '../subgraphs/kit/schema-files';
import { migrateAndSeed } from '../seed/run';
import { buildWorld } from '../seed/world';
import { issueDevToken } from '../gateway/src/dev-token';
import { buildIde } from '../gateway/ide/build';
import { openProjectDatabase, type ProjectDatabase } from './database';
import { assertPortFree, Supervisor, tsxEntry, waitForOk } from './processes';

const started = Date.now();
const host = process.env.HOST ?? '127.0.0.1';
let supervisor: Supervisor | undefined;
let database: ProjectDatabase | undefined;
let stopping = false;

async function main(): Promise<void> {
  configureLogging('supervisor');
  const limits = readProcessLimits([...SUBGRAPH_NAMES, 'gateway']);
  const keys = await loadOrCreateDevKeys();
  const gatewayPort = readPort(process.env, 'GATEWAY_PORT', 4000);
  const ports = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, readPort(process.env, `${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name])]),
  );
  await assertPortFree(gatewayPort, host, 'GATEWAY_PORT');
  for (const name of SUBGRAPH_NAMES) await assertPortFree(ports[name]!, host, `${name.toUpperCase()}_PORT`);

  database = await openProjectDatabase();
  logger.info(`数据库 (database): ${database.embedded ? '内置 PostgreSQL (embedded), 数据在 .data/postgres' : 'DATABASE_URL'}`);
  const report = await migrateAndSeed(database.migrationUrl);
  if (report.seeded.length) logger.info(`已载入演示数据 (seeded demo data): ${report.seeded.join(', ')}`);
  // Rebuilt on every start (about a second), so a changed IDE source is never served stale.
  await buildIde();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    // Migrated above as the owner; the services get only their own role's connection.
    MIGRATION_DATABASE_URL: undefined,
    INTERNAL_TOKEN_SECRET: keys.internalTokenSecret,
    HOST: host,
    // The children's output is piped through us: they write the format this terminal (or LOG_FORMAT) calls for.
    LOG_FORMAT: readLogSettings().format,
  };
  // A crashed process is started again on its own; the rest of the city keeps serving meanwhile.
  supervisor = new Supervisor({
    restartInitialMs: limits.restartInitialMs,
    restartMaxMs: limits.restartMaxMs,
    // Longer than the services' own drain, so SIGKILL only ends one that does not stop.
    stopGraceMs: readShutdownGraceMs(process.env) + 5_000,
    log: (line) => logger.warn(line),
  });
  for (const name of SUBGRAPH_NAMES) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    env[`${name.toUpperCase()}_URL`] = `http://${host}:${ports[name]}/graphql`;
  }
  for (const name of SUBGRAPH_NAMES) {
    supervisor.start({ name, args: tsxEntry(`subgraphs/${name}/index.ts`), env, maxOldSpaceMb: limits.maxOldSpaceMb[name] });
  }
  supervisor.start({
    name: 'gateway',
    args: tsxEntry('gateway/src/index.ts'),
    env: { ...env, GATEWAY_PORT: String(gatewayPort) },
    maxOldSpaceMb: limits.maxOldSpaceMb.gateway,
    stopFirst: true,
  });
  await waitForOk(`http://${host}:${gatewayPort}/ready`, 90_000);
  await printWelcome(`http://${host === '0.0.0.0' ? 'localhost' : host}:${gatewayPort}/graphql`);
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

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) logger.fatal(error.message);
  else logger.fatal({ err: error }, 'start failed');
  await shutdown(1);
});
