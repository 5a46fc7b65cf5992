// Settings from the environment. Each process reads all of its settings in one place at start —
// readSubgraphConfig (a subgraph, with its own readSettings), readGatewayConfig (the gateway),
// readStartConfig (`npm start`, which also reads its children's before starting anything) — so a
// bad value stops the start with one line saying what to fix instead of failing where it is
// first used, a request or a job later.
import { isIP } from 'node:net';
import { ConfigError } from './config-error';
import { readPinnedToday } from './dates';
import { loadOrCreateDevKeys } from './dev-keys';
import { SUBGRAPH_NAMES, type SubgraphName } from './schema-files';

export { CONFIG_EXIT_CODE, ConfigError } from './config-error';

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export const NODE_ENVS = ['production', 'development', 'test'] as const;

/** NODE_ENV: unset, or one of NODE_ENVS; `prod` or `Production` would silently run with development defaults. */
export function readNodeEnv(env: NodeJS.ProcessEnv = process.env): (typeof NODE_ENVS)[number] | undefined {
  const raw = env.NODE_ENV;
  if (raw === undefined || raw === '') return undefined;
  if (!(NODE_ENVS as readonly string[]).includes(raw)) {
    throw new ConfigError(`NODE_ENV=${raw} 只能为 ${NODE_ENVS.join('、')} 或不设置 (must be one of ${NODE_ENVS.join(', ')}, or unset)`);
  }
  return raw as (typeof NODE_ENVS)[number];
}

/** HOST, the address to listen on: an IP address or a host name, default 127.0.0.1. */
export function readHost(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.HOST?.trim();
  if (!raw) return '127.0.0.1';
  if (isIP(raw) || /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(raw))
    return raw;
  throw new ConfigError(`HOST=${raw} 不是有效的地址 (must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0)`);
}

/**
 * Ports `fetch` refuses to connect to, with the protocol each is kept for: the WHATWG Fetch
 * standard's "bad port" list, as undici (Node's fetch) has it. The gateway reaches the subgraphs,
 * and `npm start` and browsers reach the gateway, with fetch, so none of our HTTP ports may be one.
 */
export const FETCH_BAD_PORTS: ReadonlyMap<number, string> = new Map(
  `1 tcpmux, 7 echo, 9 discard, 11 systat, 13 daytime, 15 netstat, 17 qotd, 19 chargen, 20 FTP data, 21 FTP,
  22 SSH, 23 Telnet, 25 SMTP, 37 time, 42 name, 43 WHOIS, 53 DNS, 69 TFTP, 77 priv-rjs, 79 finger, 87 ttylink,
  95 SUPDUP, 101 hostname, 102 ISO-TSAP, 103 gppitnp, 104 ACR-NEMA, 109 POP2, 110 POP3, 111 sunrpc, 113 ident,
  115 SFTP, 117 uucp-path, 119 NNTP, 123 NTP, 135 epmap, 137 NetBIOS name, 139 NetBIOS session, 143 IMAP,
  161 SNMP, 179 BGP, 389 LDAP, 427 SLP, 465 SMTP submissions, 512 exec, 513 login, 514 shell, 515 printer,
  526 tempo, 530 courier, 531 chat, 532 netnews, 540 UUCP, 548 AFP, 554 RTSP, 556 remotefs, 563 NNTPS,
  587 SMTP submission, 601 syslog-conn, 636 LDAPS, 989 FTPS data, 990 FTPS, 993 IMAPS, 995 POP3S,
  1719 H.323 gatestat, 1720 H.323 hostcall, 1723 PPTP, 2049 NFS, 3659 apple-sasl, 4045 NFS lock (npp),
  4190 ManageSieve, 5060 SIP, 5061 SIPS, 6000 X11, 6566 SANE, 6665 IRC, 6666 IRC, 6667 IRC, 6668 IRC, 6669 IRC,
  6679 IRC over TLS (osaut), 6697 IRC over TLS, 10080 Amanda backup`
    .split(',')
    .map((entry) => /^\s*(\d+) (.+?)\s*$/.exec(entry)!)
    .map(([, port, protocol]) => [Number(port), protocol!] as const),
);

export interface PortOptions {
  /** Reached with fetch (every HTTP port of ours): refuse the Fetch standard's bad ports. Default true. */
  fetched?: boolean;
  /** 0 lets the system pick a free port; a port others must find (`npm start`'s) may not be 0. Default true. */
  allowZero?: boolean;
}

export function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number, options: PortOptions = {}): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  const min = options.allowZero === false ? 1 : 0;
  if (!/^\d+$/.test(raw) || port < min || port > 65535) throw new ConfigError(`${name}=${raw} 不是有效端口 (must be ${min}–65535)`);
  if (options.fetched !== false) assertFetchablePort(port, `${name}=${raw}`);
  return port;
}

/** A listen failure the configuration can fix (port taken or privileged, HOST not an address of this machine) as one line. */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number, variable: string): Error {
  if (error.code === 'EADDRINUSE') return new ConfigError(`端口 ${port} 已被占用 (port in use): 请设置 ${variable}`);
  if (error.code === 'EACCES')
    return new ConfigError(`无权监听端口 ${port} (port ${port} needs privileges): 请设置 ${variable} 为 1024 以上的端口`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return new ConfigError(`HOST=${host} 不是本机的地址 (cannot listen on ${host}: ${error.code}): 请设置 HOST，如 127.0.0.1 或 0.0.0.0`);
  }
  return error;
}

function assertFetchablePort(port: number, setting: string): void {
  const reserved = FETCH_BAD_PORTS.get(port);
  if (reserved) {
    throw new ConfigError(
      `${setting} 是 fetch 拒绝连接的端口（留给 ${reserved}），请换一个 (port ${port} is on fetch's bad-port list, kept for ${reserved}: choose another)`,
    );
  }
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

/** A postgres:// URL from `variable`, undefined when unset; ConfigError for anything else. */
export function readPostgresUrl(env: NodeJS.ProcessEnv, variable: string): string | undefined {
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
  if (!url.hostname && !url.searchParams.get('host')) {
    throw new ConfigError(`${variable} 未写明数据库主机 (must name the database host: postgres://user:password@host:5432/database)`);
  }
  if (url.port && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) {
    throw new ConfigError(`${variable} 的端口无效 (must have a port 1–65535)`);
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
  /** DATABASE_READ_URL: a read replica for analysts' ad-hoc queries; undefined: they read the primary. */
  databaseReadUrl?: string;
  internalTokenSecret: string;
  /** GraphQL endpoint of every subgraph, for service-to-service calls. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Jobs the effect worker runs at once (EFFECT_WORKER_CONCURRENCY, default 2). */
  effectWorkerConcurrency: number;
  /** SHUTDOWN_GRACE_MS: how long requests in flight get to finish on SIGTERM/SIGINT. */
  shutdownGraceMs: number;
  /** GOVCLOUD_TODAY, checked here at start; `todayInChina()` reads it (kit/dates.ts). */
  pinnedToday: string | null;
  /**
   * MIGRATE_AT_START (default true): check and apply the subgraph's and the job queue's migrations
   * before serving. `npm start` migrates every schema itself before it starts the services, and
   * passes false: each service checking again cost the start about half a second.
   */
  migrateAtStart: boolean;
  /**
   * COMPILED_EXECUTION (default true): run operations compiled by graphql-jit
   * (kit/compiled-execution.ts); false runs them with graphql-js's interpreter, as before issue 14.
   */
  compiledExecution: boolean;
  /**
   * COMPILED_EXECUTION_AFTER (default 1, 0–100): times an operation runs in graphql-js before it is
   * compiled, so an operation asked once (an analyst's) never pays its compile.
   */
  interpretedRunsBeforeCompiling: number;
}

export const DEFAULT_SUBGRAPH_PORTS = { providers: 4001, applications: 4002, security: 4003, supervision: 4004 } as const;

/** Settings of one subgraph process, from the environment; `<NAME>_PORT` overrides its port. */
export async function readSubgraphConfig(
  name: keyof typeof DEFAULT_SUBGRAPH_PORTS,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SubgraphConfig> {
  readNodeEnv(env);
  const urls = readDatabaseUrls(env);
  if (!urls)
    throw new ConfigError(
      '未设置 DATABASE_URL：请设置数据库地址，或用 npm start 启动整个项目（自动启动内置 PostgreSQL） (set DATABASE_URL, or run npm start)',
    );
  return {
    host: readHost(env),
    port: readPort(env, `${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name]),
    databaseUrl: urls.url,
    migrationDatabaseUrl: urls.migrationUrl,
    databaseReadUrl: readPostgresUrl(env, 'DATABASE_READ_URL'),
    internalTokenSecret: await readInternalTokenSecret(env),
    subgraphUrls: readSubgraphUrls(env),
    effectWorkerConcurrency: readPositiveInteger(env, 'EFFECT_WORKER_CONCURRENCY', 2),
    shutdownGraceMs: readShutdownGraceMs(env),
    pinnedToday: readPinnedToday(env),
    migrateAtStart: readBoolean(env, 'MIGRATE_AT_START', true),
    compiledExecution: readBoolean(env, 'COMPILED_EXECUTION', true),
    interpretedRunsBeforeCompiling: readIntegerIn(env, 'COMPILED_EXECUTION_AFTER', 1, 0, 100),
  };
}

/** `true`/`1` or `false`/`0` (any case); `fallback` when unset or blank. */
export function readBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} 须为 true 或 false (must be true or false): ${raw}`);
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
  /** V8's largest semi-space per process in MiB (`--max-semi-space-size`): its young generation. */
  maxSemiSpaceMb: Record<string, number>;
  /** Back-off before the first restart of a crashed process; doubles per crash, up to `restartMaxMs`. */
  restartInitialMs: number;
  restartMaxMs: number;
}

export const DEFAULT_MAX_OLD_SPACE_MB = 512;

/**
 * Twice V8's own 16 MiB on 64-bit: every request allocates its parsed answers, merged results and
 * JSON, and a young generation twice as large is collected half as often, while each collection
 * copies only what is still alive. In the bench (issue 14) the gateway's CPU per dashboard request
 * fell by about a sixth, for about 30 MB more RSS under load.
 */
export const DEFAULT_MAX_SEMI_SPACE_MB = 32;

/**
 * MAX_OLD_SPACE_MB (default 512) for every process, `<NAME>_MAX_OLD_SPACE_MB` for one
 * (GATEWAY_MAX_OLD_SPACE_MB, PROVIDERS_MAX_OLD_SPACE_MB …); MAX_SEMI_SPACE_MB (default 32) and
 * `<NAME>_MAX_SEMI_SPACE_MB` the same for the young generation; RESTART_INITIAL_MS (1 s) and
 * RESTART_MAX_MS (30 s) bound the back-off between restarts of a crashed one.
 */
export function readProcessLimits(names: readonly string[], env: NodeJS.ProcessEnv = process.env): ProcessLimits {
  const perProcess = (variable: string, fallback: number, min: number, max: number) => {
    const every = readIntegerIn(env, variable, fallback, min, max);
    return Object.fromEntries(names.map((name) => [name, readIntegerIn(env, `${name.toUpperCase()}_${variable}`, every, min, max)]));
  };
  const maxOldSpaceMb = perProcess('MAX_OLD_SPACE_MB', DEFAULT_MAX_OLD_SPACE_MB, 64, 65_536);
  const maxSemiSpaceMb = perProcess('MAX_SEMI_SPACE_MB', DEFAULT_MAX_SEMI_SPACE_MB, 1, 256);
  const restartInitialMs = readIntegerIn(env, 'RESTART_INITIAL_MS', 1_000, 10, 60_000);
  const restartMaxMs = readIntegerIn(env, 'RESTART_MAX_MS', 30_000, restartInitialMs, 600_000);
  return { maxOldSpaceMb, maxSemiSpaceMb, restartInitialMs, restartMaxMs };
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
  // Every http(s) URL we are given is fetched; an implicit port (80, 443) is never a bad one.
  if (url.port) assertFetchablePort(Number(url.port), `${variable}=${raw}`);
  return url;
}

function readPositiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new ConfigError(`${name}=${raw} 须为 1–100 的整数 (must be 1–100)`);
  return value;
}
