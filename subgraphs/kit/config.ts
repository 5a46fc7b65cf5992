import { loadOrCreateDevKeys } from './dev-keys';
import { SUBGRAPH_NAMES, type SubgraphName } from './schema-files';

/** A required setting is missing or malformed; the process prints the message and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name}=${raw} 不是有效端口 (must be 0–65535)`);
  return port;
}

/**
 * The shared secret for the forwarded principal: INTERNAL_TOKEN_SECRET, or outside production
 * the generated development secret.
 */
export async function readInternalTokenSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const secret = env.INTERNAL_TOKEN_SECRET;
  if (secret) {
    if (secret.length < 32) throw new ConfigError('INTERNAL_TOKEN_SECRET 至少 32 个字符 (must be at least 32 characters)');
    return secret;
  }
  if (isProduction(env)) throw new ConfigError('生产环境须设置 INTERNAL_TOKEN_SECRET (set INTERNAL_TOKEN_SECRET)');
  return (await loadOrCreateDevKeys()).internalTokenSecret;
}

/**
 * The project's two database connections. The services read and write rows as a role that owns
 * nothing (DATABASE_URL); the owner of the schemas migrates and seeds (MIGRATION_DATABASE_URL).
 */
export interface DatabaseUrls {
  /** The service role's connection (DATABASE_URL). */
  url: string;
  /** The owner role's connection (MIGRATION_DATABASE_URL; DATABASE_URL when unset). */
  migrationUrl: string;
}

/** DATABASE_URL and MIGRATION_DATABASE_URL, or undefined when DATABASE_URL is not set. */
export function readDatabaseUrls(env: NodeJS.ProcessEnv = process.env): DatabaseUrls | undefined {
  const url = readPostgresUrl(env, 'DATABASE_URL');
  if (!url) {
    if (env.MIGRATION_DATABASE_URL?.trim())
      throw new ConfigError('设置了 MIGRATION_DATABASE_URL 却未设置 DATABASE_URL (set DATABASE_URL too)');
    return undefined;
  }
  return { url, migrationUrl: readPostgresUrl(env, 'MIGRATION_DATABASE_URL') ?? url };
}

function readPostgresUrl(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const raw = env[variable]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${variable} 不是有效的网址 (must be a postgres:// URL)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${variable} 须为 postgres:// 网址 (must be a postgres:// URL)`);
  }
  return raw;
}

export interface SubgraphConfig {
  host: string;
  port: number;
  /** The service role's connection. */
  databaseUrl: string;
  /** The owner's connection for migrations; the service's when MIGRATION_DATABASE_URL is unset. */
  migrationDatabaseUrl: string;
  internalTokenSecret: string;
  /** GraphQL endpoint of every subgraph, for service-to-service calls. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Jobs the effect worker runs at once (EFFECT_WORKER_CONCURRENCY, default 2). */
  effectWorkerConcurrency: number;
  /** SHUTDOWN_GRACE_MS: how long requests in flight get to finish on SIGTERM/SIGINT. */
  shutdownGraceMs: number;
}

export const DEFAULT_SUBGRAPH_PORTS = { providers: 4001, applications: 4002, security: 4003, supervision: 4004 } as const;

/** Settings of one subgraph process, from the environment; `<NAME>_PORT` overrides its port. */
export async function readSubgraphConfig(
  name: keyof typeof DEFAULT_SUBGRAPH_PORTS,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SubgraphConfig> {
  const urls = readDatabaseUrls(env);
  if (!urls) throw new ConfigError('未设置 DATABASE_URL：请设置数据库地址，或用 npm start 启动整个项目（自动启动内置 PostgreSQL）');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: readPort(env, `${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name]),
    databaseUrl: urls.url,
    migrationDatabaseUrl: urls.migrationUrl,
    internalTokenSecret: await readInternalTokenSecret(env),
    subgraphUrls: readSubgraphUrls(env),
    effectWorkerConcurrency: readPositiveInteger(env, 'EFFECT_WORKER_CONCURRENCY', 2),
    shutdownGraceMs: readShutdownGraceMs(env),
  };
}

export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** SHUTDOWN_GRACE_MS for the gateway and the subgraphs: 0–120000 ms, default 10 s. */
export function readShutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHUTDOWN_GRACE_MS?.trim();
  if (!raw) return DEFAULT_SHUTDOWN_GRACE_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 120_000) {
    throw new ConfigError(`SHUTDOWN_GRACE_MS=${raw} 须为 0–120000 的整数毫秒 (must be 0–120000 ms)`);
  }
  return value;
}

/** What `npm start` gives each process it supervises. */
export interface ProcessLimits {
  /** V8's old-space limit per process in MiB (`--max-old-space-size`). */
  maxOldSpaceMb: Record<string, number>;
  /** Back-off before the first restart of a crashed process; doubles per crash, up to `restartMaxMs`. */
  restartInitialMs: number;
  restartMaxMs: number;
}

export const DEFAULT_MAX_OLD_SPACE_MB = 512;

/**
 * MAX_OLD_SPACE_MB (default 512) for every process, `<NAME>_MAX_OLD_SPACE_MB` for one
 * (GATEWAY_MAX_OLD_SPACE_MB, PROVIDERS_MAX_OLD_SPACE_MB …); RESTART_INITIAL_MS (1 s) and
 * RESTART_MAX_MS (30 s) bound the back-off between restarts of a crashed one.
 */
export function readProcessLimits(names: readonly string[], env: NodeJS.ProcessEnv = process.env): ProcessLimits {
  const fallback = readIntegerIn(env, 'MAX_OLD_SPACE_MB', DEFAULT_MAX_OLD_SPACE_MB, 64, 65_536);
  const maxOldSpaceMb = Object.fromEntries(
    names.map((name) => [name, readIntegerIn(env, `${name.toUpperCase()}_MAX_OLD_SPACE_MB`, fallback, 64, 65_536)]),
  );
  const restartInitialMs = readIntegerIn(env, 'RESTART_INITIAL_MS', 1_000, 10, 60_000);
  const restartMaxMs = readIntegerIn(env, 'RESTART_MAX_MS', 30_000, restartInitialMs, 600_000);
  return { maxOldSpaceMb, restartInitialMs, restartMaxMs };
}

function readIntegerIn(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name}=${raw} 须为 ${min}–${max} 的整数 (must be ${min}–${max})`);
  return value;
}

/**
 * Every subgraph's GraphQL endpoint: `<NAME>_URL`, else `http://127.0.0.1:<NAME>_PORT/graphql`.
 * The gateway and the subgraphs' clients read the same settings through this one function.
 */
export function readSubgraphUrls(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const variable = `${name.toUpperCase()}_URL`;
    const raw = env[variable]?.trim();
    urls[name] = raw
      ? parseHttpUrl(raw, variable).toString()
      : `http://127.0.0.1:${readPort(env, `${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name])}/graphql`;
  }
  return urls;
}

export function parseHttpUrl(raw: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${variable}=${raw} 不是有效的网址 (must be an http(s) URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${variable}=${raw} 须为 http 或 https 网址 (must be an http(s) URL)`);
  }
  return url;
}

function readPositiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new ConfigError(`${name}=${raw} 须为 1–100 的整数 (must be 1–100)`);
  return value;
}
