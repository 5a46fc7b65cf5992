import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../../gateway/src/config';
import { ConfigError } from '../../../subgraphs/kit/config';
import { DEV_JWT_AUDIENCE, DEV_JWT_ISSUER } from '../../../subgraphs/kit/dev-keys';

const SECRET = 'config-test-internal-secret-0123456789';
let pem: string;
let devKeysDir: string;

beforeAll(async () => {
  pem = await exportSPKI((await generateKeyPair('ES256')).publicKey);
  devKeysDir = mkdtempSync(path.join(os.tmpdir(), 'gateway-config-'));
});

const read = (env: NodeJS.ProcessEnv) => readGatewayConfig(env, { devKeysDir });

describe('readGatewayConfig', () => {
  it('uses local defaults and generated development keys outside production', async () => {
    const config = await read({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.subgraphUrls).toEqual({
      providers: 'http://127.0.0.1:4001/graphql',
      applications: 'http://127.0.0.1:4002/graphql',
      security: 'http://127.0.0.1:4003/graphql',
      supervision: 'http://127.0.0.1:4004/graphql',
    });
    expect(config.supergraphPath).toBe(path.resolve('schema/supergraph.graphql'));
    expect(config.jwt).toMatchObject({
      issuer: DEV_JWT_ISSUER,
      audience: DEV_JWT_AUDIENCE,
      algorithms: ['ES256'],
      key: { kind: 'dev-jwk' },
    });
    expect(config.internalTokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.production).toBe(false);
    expect(config.metricsToken).toBeNull();
  });

  it('takes a METRICS_TOKEN of at least 16 characters and refuses a shorter one', async () => {
    expect((await read({ METRICS_TOKEN: 'sixteen-chars-ok' })).metricsToken).toBe('sixteen-chars-ok');
    await expect(read({ METRICS_TOKEN: 'short' })).rejects.toThrow(/METRICS_TOKEN/);
  });

  it('follows <NAME>_PORT and <NAME>_URL, GATEWAY_PORT, HOST and SUPERGRAPH_PATH', async () => {
    const config = await read({
      GATEWAY_PORT: '5000',
      HOST: '0.0.0.0',
      SECURITY_PORT: '6003',
      SUPERVISION_URL: 'https://supervision.internal/graphql',
      SUPERGRAPH_PATH: '/tmp/sg.graphql',
    });
    expect(config.port).toBe(5000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.subgraphUrls.security).toBe('http://127.0.0.1:6003/graphql');
    expect(config.subgraphUrls.supervision).toBe('https://supervision.internal/graphql');
    expect(config.supergraphPath).toBe('/tmp/sg.graphql');
  });

  it('reads a PEM public key (also with escaped newlines) and infers its algorithm', async () => {
    const config = await read({ JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n'), JWT_ISSUER: 'idp', JWT_AUDIENCE: 'graph' });
    expect(config.jwt).toMatchObject({ key: { kind: 'public-key' }, algorithms: ['ES256'], issuer: 'idp', audience: 'graph' });
  });

  it('requires keys, issuer, audience and the internal secret in production', async () => {
    const production = { NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: SECRET, JWT_ISSUER: 'idp', JWT_AUDIENCE: 'graph' };
    await expect(read(production)).rejects.toThrow(/JWT_PUBLIC_KEY 或 JWT_JWKS_URL/);
    await expect(read({ ...production, JWT_ISSUER: '', JWT_JWKS_URL: 'https://idp/jwks' })).rejects.toThrow(/JWT_ISSUER/);
    await expect(read({ ...production, INTERNAL_TOKEN_SECRET: undefined, JWT_PUBLIC_KEY: pem })).rejects.toThrow(/INTERNAL_TOKEN_SECRET/);
    const config = await read({ ...production, JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(config.jwt.key).toEqual({ kind: 'jwks', url: new URL('https://idp.example/jwks.json') });
    expect(config.production).toBe(true);
  });

  it.each([
    ['a malformed port', { GATEWAY_PORT: 'abc' }],
    ['a port out of range', { GATEWAY_PORT: '70000' }],
    ['a subgraph URL that is not http', { PROVIDERS_URL: 'ftp://x/graphql' }],
    ['a subgraph URL that is not a URL', { APPLICATIONS_URL: 'nope' }],
    ['a key that is not PEM', { JWT_PUBLIC_KEY: 'hello' }],
    ['both key sources', { JWT_PUBLIC_KEY: 'x', JWT_JWKS_URL: 'https://idp/jwks' }],
    ['a symmetric algorithm', { JWT_ALGORITHMS: 'HS256' }],
    ['a short internal secret', { INTERNAL_TOKEN_SECRET: 'short' }],
    ['a depth of zero', { GRAPHQL_MAX_DEPTH: '0' }],
    ['a cost that is not a whole number', { GRAPHQL_MAX_COST: '1e5' }],
    ['a negative token limit', { GRAPHQL_MAX_TOKENS: '-1' }],
    ['a body limit with a unit', { GRAPHQL_MAX_BODY_BYTES: '2MiB' }],
    ['a rate that is not a number', { RATE_LIMIT_PER_SECOND: 'fast' }],
    ['a burst of zero', { RATE_LIMIT_BURST: '0' }],
    ['introspection neither true nor false', { GRAPHQL_INTROSPECTION: 'maybe' }],
    ['subgraph deduplication neither true nor false', { SUBGRAPH_DEDUPE: 'no' }],
    ['result shaping neither true nor false', { COMPILED_RESULT_SHAPING: 'sometimes' }],
  ])('refuses %s with a ConfigError', async (_label, env) => {
    await expect(read(env)).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('readGatewayConfig: request limits', () => {
  const production = { NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: SECRET, JWT_ISSUER: 'idp', JWT_AUDIENCE: 'graph' };

  it('has defaults sized for the IDE and the test suites', async () => {
    const config = await read({});
    expect(config.limits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 20,
      maxTokens: 1000,
      maxCost: 100_000,
      maxBodyBytes: 2 * 1024 * 1024,
    });
    expect(config.rateLimit).toEqual({ burst: 100, perSecond: 10 });
  });

  it('reads every limit from its variable', async () => {
    const config = await read({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_TOKENS: '500',
      GRAPHQL_MAX_COST: '2000',
      GRAPHQL_MAX_BODY_BYTES: '65536',
      RATE_LIMIT_BURST: '20',
      RATE_LIMIT_PER_SECOND: '0.5',
    });
    expect(config.limits).toEqual({ maxDepth: 8, maxAliases: 5, maxDirectives: 3, maxTokens: 500, maxCost: 2000, maxBodyBytes: 65536 });
    expect(config.rateLimit).toEqual({ burst: 20, perSecond: 0.5 });
  });

  it('turns the rate limit off with RATE_LIMIT_PER_SECOND=0', async () => {
    expect((await read({ RATE_LIMIT_PER_SECOND: '0' })).rateLimit).toBeNull();
  });

  it('has introspection on outside production and off in production unless GRAPHQL_INTROSPECTION says otherwise', async () => {
    expect((await read({})).introspection).toBe(true);
    expect((await read({ GRAPHQL_INTROSPECTION: 'false' })).introspection).toBe(false);
    expect((await read({ ...production, JWT_PUBLIC_KEY: pem })).introspection).toBe(false);
    expect((await read({ ...production, JWT_PUBLIC_KEY: pem, GRAPHQL_INTROSPECTION: 'true' })).introspection).toBe(true);
  });

  it('shapes answers with result-shaping.ts unless COMPILED_RESULT_SHAPING=false', async () => {
    expect((await read({})).compiledResultShaping).toBe(true);
    expect((await read({ COMPILED_RESULT_SHAPING: 'false' })).compiledResultShaping).toBe(false);
  });

  it('shares identical subgraph fetches in flight unless SUBGRAPH_DEDUPE=false', async () => {
    expect((await read({})).subgraphFetch.dedupe).toBe(true);
    expect((await read({ SUBGRAPH_DEDUPE: 'false' })).subgraphFetch.dedupe).toBe(false);
  });
});
