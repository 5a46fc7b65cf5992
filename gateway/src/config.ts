// Every environment variable the gateway reads, parsed and validated in one place, so a bad
// setting stops the process at start-up with one clear message instead of failing a request later.
import { createPublicKey, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JWK } from 'jose';
import {
  ConfigError,
  isProduction,
  parseHttpUrl,
  readHost,
  readBoolean,
  readInternalTokenSecret,
  readNodeEnv,
  readPort,
  readShutdownGraceMs,
  readSubgraphUrls,
} from '../../subgraphs/kit/config';
import { DEFAULT_KEYS_DIR, DEV_JWT_ALGORITHM, DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, loadOrCreateDevKeys } from '../../subgraphs/kit/dev-keys';
import { readMetricsProtection } from '../../subgraphs/kit/metrics';
import { DEFAULT_MAX_BODY_BYTES } from '../../subgraphs/kit/http';
import { readMaterialMaxBytes } from '../../subgraphs/kit/material-upload';
import { DEFAULT_MAX_COST } from './plugins/query-cost';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './plugins/query-limits';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './plugins/rate-limit';
import { DEFAULT_ANALYST_MAX_COST } from './plugins/trusted-documents';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';

export const DEFAULT_GATEWAY_PORT = 4000;
/** The repository's composed supergraph, wherever the process was started from. */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
/** The repository's trusted documents (`npm run operations:manifest`). */
export const DEFAULT_TRUSTED_DOCUMENTS_PATH = fileURLToPath(new URL('../../operations/manifest.json', import.meta.url));

/** Signature algorithms a user token may use: asymmetric only, so the gateway never holds a signing secret. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

/** Where the key that verifies user tokens comes from. */
export type JwtKeySource =
  { kind: 'public-key'; key: KeyObject } | { kind: 'jwks'; url: URL } | { kind: 'dev-jwk'; jwk: JWK; keysDir: string };

export interface JwtConfig {
  key: JwtKeySource;
  issuer: string;
  audience: string;
  /** Accepted `alg` header values; anything else is rejected before the signature is checked. */
  algorithms: string[];
}

/** What one GraphQL request may ask for; anything more is refused before any subgraph is called. */
export interface GraphQLLimits extends DocumentLimits {
  /** GRAPHQL_MAX_TOKENS: lexical tokens in a document; the parser stops at the first one over. */
  maxTokens: number;
  /** GRAPHQL_MAX_COST: see plugins/query-cost.ts. */
  maxCost: number;
  /** GRAPHQL_MAX_BODY_BYTES: the largest /graphql request body. */
  maxBodyBytes: number;
}

/**
 * Five times the largest operation the IDE and the test suites send (GraphiQL's introspection, 183);
 * validation grows with the square of a document's size, and at 1,000 tokens it stays in tens of ms.
 */
export const DEFAULT_MAX_TOKENS = 1000;

export interface GatewayConfig {
  host: string;
  port: number;
  /** GraphQL endpoint of each subgraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** The composed supergraph SDL (`npm run compose`). */
  supergraphPath: string;
  jwt: JwtConfig;
  /** Signs the principal forwarded to subgraphs (shared with them). */
  internalTokenSecret: string;
  /** MATERIAL_MAX_BYTES: the largest material file /materials accepts (default 20 MiB). */
  materialMaxBytes: number;
  /**
   * METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>`. Unset, /metrics is open
   * locally and off in production (it names operations and error rates).
   */
  metricsToken: string | null;
  /** GRAPHQL_MAX_DEPTH, _ALIASES, _DIRECTIVES, _TOKENS, _COST, _BODY_BYTES. */
  limits: GraphQLLimits;
  /** RATE_LIMIT_BURST and RATE_LIMIT_PER_SECOND per principal; null (RATE_LIMIT_PER_SECOND=0) turns it off. */
  rateLimit: RateLimitOptions | null;
  /** GRAPHQL_INTROSPECTION: `__schema` and `__type` answered. Default on, off in production. */
  introspection: boolean;
  production: boolean;
  /** How the gateway calls subgraphs: timeouts and the largest answer (subgraph-fetch.ts). */
  subgraphFetch: SubgraphFetchConfig;
  /** SHUTDOWN_GRACE_MS: how long requests in flight get to finish on SIGTERM/SIGINT. */
  shutdownGraceMs: number;
  /**
   * COMPILED_RESULT_SHAPING (default true): answers are shaped by result-shaping.ts; false puts
   * Apollo Gateway's own shaping back (the same answers, more CPU), should ours ever be in doubt.
   */
  compiledResultShaping: boolean;
  /** Which documents front ends and analysts may run (plugins/trusted-documents.ts). */
  trustedDocuments: TrustedDocumentsConfig;
}

export interface TrustedDocumentsConfig {
  /**
   * TRUSTED_DOCUMENTS: `enforce` (default in production) — front ends run only the manifest's
   * documents, analysts also ad-hoc read-only queries; `off` (default elsewhere) — anything goes.
   */
  enforce: boolean;
  /** TRUSTED_DOCUMENTS_PATH: the manifest, default operations/manifest.json. */
  path: string;
  /** GRAPHQL_ANALYST_MAX_COST: the cost cap of an analyst's ad-hoc query (default 20,000, or GRAPHQL_MAX_COST if lower); at most GRAPHQL_MAX_COST. */
  analystMaxCost: number;
}

export interface SubgraphFetchConfig {
  /** SUBGRAPH_TIMEOUT_MS (default 10 s), or `<NAME>_TIMEOUT_MS` for one subgraph: the longest a fetch may take. */
  timeoutMs: Record<SubgraphName, number>;
  /** SUBGRAPH_MAX_RESPONSE_BYTES (default 16 MiB): a larger answer is refused, not buffered. */
  maxResponseBytes: number;
  /** SUBGRAPH_DEDUPE (default true): identical query fetches in flight at once are sent once (shared-fetches.ts). */
  dedupe: boolean;
}

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;
export const DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface ReadGatewayConfigOptions {
  /** Where development keys live; tests point this at a temporary directory. */
  devKeysDir?: string;
}

/**
 * Reads the gateway's settings. In production (NODE_ENV=production) the token keys, issuer,
 * audience and INTERNAL_TOKEN_SECRET must be set; locally the generated development keys are used.
 */
export async function readGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: ReadGatewayConfigOptions = {},
): Promise<GatewayConfig> {
  readNodeEnv(env);
  const production = isProduction(env);
  return {
    host: readHost(env),
    port: readPort(env, 'GATEWAY_PORT', DEFAULT_GATEWAY_PORT),
    subgraphUrls: readSubgraphUrls(env),
    supergraphPath: path.resolve(nonEmpty(env.SUPERGRAPH_PATH) ?? DEFAULT_SUPERGRAPH_PATH),
    jwt: await readJwtConfig(env, production, options.devKeysDir ?? DEFAULT_KEYS_DIR),
    internalTokenSecret: await readInternalTokenSecretFrom(env, options.devKeysDir),
    materialMaxBytes: readMaterialMaxBytes(env),
    metricsToken: readMetricsProtection(env).token,
    limits: readLimits(env),
    rateLimit: readRateLimit(env),
    introspection: readBoolean(env, 'GRAPHQL_INTROSPECTION', !production),
    production,
    subgraphFetch: readSubgraphFetchConfig(env),
    shutdownGraceMs: readShutdownGraceMs(env),
    compiledResultShaping: readBoolean(env, 'COMPILED_RESULT_SHAPING', true),
    trustedDocuments: readTrustedDocumentsConfig(env, production),
  };
}

function readTrustedDocumentsConfig(env: NodeJS.ProcessEnv, production: boolean): TrustedDocumentsConfig {
  const mode = nonEmpty(env.TRUSTED_DOCUMENTS)?.toLowerCase() ?? (production ? 'enforce' : 'off');
  if (mode !== 'enforce' && mode !== 'off') {
    throw new ConfigError(`TRUSTED_DOCUMENTS 须为 enforce 或 off (must be enforce or off): ${env.TRUSTED_DOCUMENTS}`);
  }
  const maxCost = readPositiveInteger(env, 'GRAPHQL_MAX_COST', DEFAULT_MAX_COST);
  // Unset, it follows a GRAPHQL_MAX_COST set below it; set above it, it is a mistake.
  const analystMaxCost = readPositiveInteger(env, 'GRAPHQL_ANALYST_MAX_COST', Math.min(DEFAULT_ANALYST_MAX_COST, maxCost));
  if (analystMaxCost > maxCost) {
    throw new ConfigError(`GRAPHQL_ANALYST_MAX_COST (${analystMaxCost}) 不得高于 GRAPHQL_MAX_COST (${maxCost}) (must not exceed it)`);
  }
  return {
    enforce: mode === 'enforce',
    path: path.resolve(nonEmpty(env.TRUSTED_DOCUMENTS_PATH) ?? DEFAULT_TRUSTED_DOCUMENTS_PATH),
    analystMaxCost,
  };
}

function readLimits(env: NodeJS.ProcessEnv): GraphQLLimits {
  return {
    maxDepth: readPositiveInteger(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_DOCUMENT_LIMITS.maxDepth),
    maxAliases: readPositiveInteger(env, 'GRAPHQL_MAX_ALIASES', DEFAULT_DOCUMENT_LIMITS.maxAliases),
    maxDirectives: readPositiveInteger(env, 'GRAPHQL_MAX_DIRECTIVES', DEFAULT_DOCUMENT_LIMITS.maxDirectives),
    maxTokens: readPositiveInteger(env, 'GRAPHQL_MAX_TOKENS', DEFAULT_MAX_TOKENS),
    maxCost: readPositiveInteger(env, 'GRAPHQL_MAX_COST', DEFAULT_MAX_COST),
    maxBodyBytes: readPositiveInteger(env, 'GRAPHQL_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
  };
}

function readRateLimit(env: NodeJS.ProcessEnv): RateLimitOptions | null {
  const perSecond = readNumber(env, 'RATE_LIMIT_PER_SECOND', DEFAULT_RATE_LIMIT.perSecond);
  if (perSecond === 0) return null;
  return { perSecond, burst: readPositiveInteger(env, 'RATE_LIMIT_BURST', DEFAULT_RATE_LIMIT.burst) };
}

function readPositiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(`${name} 须为正整数 (must be a positive whole number): ${raw}`);
  }
  return value;
}

function readSubgraphFetchConfig(env: NodeJS.ProcessEnv): SubgraphFetchConfig {
  const fallback = readMilliseconds(env, 'SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_TIMEOUT_MS);
  const timeoutMs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, readMilliseconds(env, `${name.toUpperCase()}_TIMEOUT_MS`, fallback)]),
  ) as Record<SubgraphName, number>;
  const rawBytes = nonEmpty(env.SUBGRAPH_MAX_RESPONSE_BYTES);
  const maxResponseBytes = rawBytes === undefined ? DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES : Number(rawBytes);
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1024) {
    throw new ConfigError(`SUBGRAPH_MAX_RESPONSE_BYTES=${rawBytes} 须为不小于 1024 的整数 (must be an integer ≥ 1024)`);
  }
  return { timeoutMs, maxResponseBytes, dedupe: readBoolean(env, 'SUBGRAPH_DEDUPE', true) };
}

/** A timeout between 100 ms and 10 minutes: shorter fails healthy calls, longer is no timeout. */
function readMilliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100 || value > 600_000) {
    throw new ConfigError(`${name}=${raw} 须为 100–600000 的整数毫秒 (must be 100–600000 ms)`);
  }
  return value;
}

/** A non-negative number (decimals allowed: 0.5 per second is one request every two seconds). */
function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value)) {
    throw new ConfigError(`${name} 须为非负数 (must be a non-negative number): ${raw}`);
  }
  return value;
}

async function readJwtConfig(env: NodeJS.ProcessEnv, production: boolean, devKeysDir: string): Promise<JwtConfig> {
  const pem = nonEmpty(env.JWT_PUBLIC_KEY);
  const jwksUrl = nonEmpty(env.JWT_JWKS_URL);
  if (pem && jwksUrl) throw new ConfigError('JWT_PUBLIC_KEY 与 JWT_JWKS_URL 只能设置其一 (set only one of JWT_PUBLIC_KEY, JWT_JWKS_URL)');
  const explicitAlgorithms = readAlgorithms(env.JWT_ALGORITHMS);

  let key: JwtKeySource;
  let defaultAlgorithms: string[];
  if (pem) {
    const publicKey = parsePublicKey(pem);
    key = { kind: 'public-key', key: publicKey };
    defaultAlgorithms = algorithmsForKey(publicKey);
  } else if (jwksUrl) {
    key = { kind: 'jwks', url: parseHttpUrl(jwksUrl, 'JWT_JWKS_URL') };
    defaultAlgorithms = ['RS256', 'ES256'];
  } else if (production) {
    throw new ConfigError('生产环境须设置 JWT_PUBLIC_KEY 或 JWT_JWKS_URL (set JWT_PUBLIC_KEY or JWT_JWKS_URL to verify user tokens)');
  } else {
    key = { kind: 'dev-jwk', jwk: (await loadOrCreateDevKeys(devKeysDir)).jwtPublicJwk, keysDir: devKeysDir };
    defaultAlgorithms = [DEV_JWT_ALGORITHM];
  }

  const issuer = nonEmpty(env.JWT_ISSUER);
  const audience = nonEmpty(env.JWT_AUDIENCE);
  if (production && (!issuer || !audience)) {
    throw new ConfigError('生产环境须设置 JWT_ISSUER 与 JWT_AUDIENCE (set JWT_ISSUER and JWT_AUDIENCE)');
  }
  return {
    key,
    issuer: issuer ?? DEV_JWT_ISSUER,
    audience: audience ?? DEV_JWT_AUDIENCE,
    algorithms: explicitAlgorithms ?? defaultAlgorithms,
  };
}

async function readInternalTokenSecretFrom(env: NodeJS.ProcessEnv, devKeysDir: string | undefined): Promise<string> {
  // The kit reads the development secret from the default directory; a custom one is read here.
  if (devKeysDir === undefined || nonEmpty(env.INTERNAL_TOKEN_SECRET) || isProduction(env)) return readInternalTokenSecret(env);
  return (await loadOrCreateDevKeys(devKeysDir)).internalTokenSecret;
}

function readAlgorithms(raw: string | undefined): string[] | undefined {
  if (!nonEmpty(raw)) return undefined;
  const algorithms = raw!
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const allowed: readonly string[] = ASYMMETRIC_ALGORITHMS;
  const unknown = algorithms.filter((a) => !allowed.includes(a));
  if (unknown.length > 0 || algorithms.length === 0) {
    throw new ConfigError(`JWT_ALGORITHMS 含不支持的算法 ${unknown.join(', ')} (allowed: ${ASYMMETRIC_ALGORITHMS.join(', ')})`);
  }
  return algorithms;
}

function parsePublicKey(pem: string): KeyObject {
  // Environment files often carry a PEM on one line with literal "\n".
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch {
    throw new ConfigError('JWT_PUBLIC_KEY 不是有效的 PEM 公钥 (must be a PEM "BEGIN PUBLIC KEY" SPKI key)');
  }
  if (key.type !== 'public') throw new ConfigError('JWT_PUBLIC_KEY 须为公钥 (must be a public key)');
  return key;
}

/** The one algorithm a key type implies, so a token cannot pick a weaker one. */
function algorithmsForKey(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256'];
    case 'rsa-pss':
      return ['PS256'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'prime256v1') return ['ES256'];
      if (curve === 'secp384r1') return ['ES384'];
      if (curve === 'secp521r1') return ['ES512'];
      break;
    }
    case 'ed25519':
      return ['EdDSA', 'Ed25519'];
  }
  throw new ConfigError(`JWT_PUBLIC_KEY 的密钥类型不受支持 (unsupported key type ${key.asymmetricKeyType ?? 'unknown'})`);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
