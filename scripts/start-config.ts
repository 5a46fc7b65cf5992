// Every setting `npm start` and the processes it starts read, read in one place before anything
// starts — no database, no process, no "ready" — so a bad one stops the start at once with one
// line saying what to fix. The children's settings are read by the very functions the children
// read them with (readSubgraphConfig and each subgraph's readSettings, readGatewayConfig), on the
// environment they will be given, so this check and theirs cannot disagree.
import {
  ConfigError,
  DEFAULT_SUBGRAPH_PORTS,
  readDatabaseUrls,
  readHost,
  readNodeEnv,
  readPort,
  readProcessLimits,
  readShutdownGraceMs,
  readSubgraphConfig,
  type DatabaseUrls,
  type ProcessLimits,
} from '../subgraphs/kit/config';
import { readPinnedToday } from '../subgraphs/kit/dates';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/schema-files';
import { readTracingSettings } from '../subgraphs/kit/tracing';
import { loadSubgraphSettings } from '../subgraphs/modules';
import { DEFAULT_GATEWAY_PORT, readGatewayConfig } from '../gateway/src/config';
import { DEFAULT_EMBEDDED_PG_PORT, EMBEDDED_PG_PORT_OPTIONS } from './database';

export interface StartConfig {
  host: string;
  gatewayPort: number;
  ports: Record<SubgraphName, number>;
  limits: ProcessLimits;
  shutdownGraceMs: number;
  /** DATABASE_URL and MIGRATION_DATABASE_URL; undefined: the embedded PostgreSQL on embeddedPort. */
  database: DatabaseUrls | undefined;
  embeddedPort: number;
}

/** Ports others must find: never 0, never one fetch refuses. */
const FIXED_PORT = { allowZero: false } as const;

export async function readStartConfig(env: NodeJS.ProcessEnv, internalTokenSecret: string): Promise<StartConfig> {
  readNodeEnv(env);
  readPinnedToday(env); // the demo seed's "today"
  readTracingSettings('start', env); // OTEL_EXPORTER_OTLP_ENDPOINT, read by every process
  const host = readHost(env);
  const gatewayPort = readPort(env, 'GATEWAY_PORT', DEFAULT_GATEWAY_PORT, FIXED_PORT);
  const ports = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, readPort(env, `${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name], FIXED_PORT)]),
  ) as Record<SubgraphName, number>;
  assertDistinctPorts({ GATEWAY_PORT: gatewayPort, ...portVariables(ports) });
  const config: StartConfig = {
    host,
    gatewayPort,
    ports,
    limits: readProcessLimits([...SUBGRAPH_NAMES, 'gateway'], env),
    shutdownGraceMs: readShutdownGraceMs(env),
    database: readDatabaseUrls(env),
    embeddedPort: readPort(env, 'EMBEDDED_PG_PORT', DEFAULT_EMBEDDED_PG_PORT, EMBEDDED_PG_PORT_OPTIONS),
  };
  // The database is not there yet: the children's check sees a well-formed stand-in for its URL.
  const children = childEnvironment(env, config, { databaseUrl: 'postgres://preflight@127.0.0.1/govcloud', internalTokenSecret });
  for (const name of SUBGRAPH_NAMES) {
    await readSubgraphConfig(name, children[name]);
    (await loadSubgraphSettings(name)).readSettings?.(children[name]);
  }
  await readGatewayConfig(children.gateway);
  return config;
}

/** The environment each process `npm start` runs gets: the service role's connection only, fixed ports and URLs. */
export function childEnvironment(
  env: NodeJS.ProcessEnv,
  config: Pick<StartConfig, 'host' | 'gatewayPort' | 'ports'>,
  given: { databaseUrl: string; internalTokenSecret: string },
): Record<SubgraphName | 'gateway', NodeJS.ProcessEnv> {
  const shared: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: given.databaseUrl,
    // Migrated by `npm start` as the owner; the services get only their own role's connection.
    MIGRATION_DATABASE_URL: undefined,
    INTERNAL_TOKEN_SECRET: given.internalTokenSecret,
    HOST: config.host,
    // Every schema and the job queue's are migrated before the services start (by `npm start`
    // and by the bench): a service checking them again only makes the start slower.
    MIGRATE_AT_START: 'false',
  };
  for (const name of SUBGRAPH_NAMES) {
    shared[`${name.toUpperCase()}_PORT`] = String(config.ports[name]);
    shared[`${name.toUpperCase()}_URL`] = `http://${urlHost(config.host)}:${config.ports[name]}/graphql`;
  }
  // Each process's spans under its own name (kit/tracing.ts), whatever OTEL_SERVICE_NAME `npm start` was given.
  const byName = Object.fromEntries(
    SUBGRAPH_NAMES.map((name): [SubgraphName, NodeJS.ProcessEnv] => [name, { ...shared, OTEL_SERVICE_NAME: name }]),
  ) as Record<SubgraphName, NodeJS.ProcessEnv>;
  // The gateway reads no database and gets no credential for one.
  const gateway = { ...shared, DATABASE_URL: undefined, GATEWAY_PORT: String(config.gatewayPort), OTEL_SERVICE_NAME: 'gateway' };
  return { ...byName, gateway };
}

/** A host as it stands in a URL: an IPv6 address in brackets; a wildcard address as the loopback one. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function portVariables(ports: Record<SubgraphName, number>): Record<string, number> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, ports[name]]));
}

function assertDistinctPorts(ports: Record<string, number>): void {
  const seen = new Map<number, string>();
  for (const [variable, port] of Object.entries(ports)) {
    const other = seen.get(port);
    if (other)
      throw new ConfigError(
        `${other} 与 ${variable} 都是 ${port}，每个进程须有自己的端口 (${other} and ${variable} are both ${port}: give each its own)`,
      );
    seen.set(port, variable);
  }
}
