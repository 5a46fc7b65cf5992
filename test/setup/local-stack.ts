// The whole graph in one process for tests and benchmarks: the four real subgraphs on a given
// database (as its service role; migrated and seeded as its owner), each on its own free port over real HTTP, and the gateway in front of them with a
// key pair made for this run (never the development keys on disk). Free of vitest, so the
// benchmark can use it too.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { readGatewayConfig } from '../../gateway/src/config';
import { issueDevToken, type DevTokenClaims } from '../../gateway/src/dev-token';
import { createGateway } from '../../gateway/src/server';
import { SUPERGRAPH_PATH } from '../../schema/compose';
import { buildWorld, type World } from '../../seed/world';
import { withClient } from '../../subgraphs/kit/database-roles';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { postGraphQL, type GraphQLOperation, type GraphQLResult } from './graphql-client';
import { startSubgraphs, type StartingDatabase } from './subgraphs';

export { postGraphQL } from './graphql-client';

/** Issuer and audience the stack's gateway expects (tests may sign their own bad tokens with them). */
export const STACK_JWT_ISSUER = 'govcloud-e2e-idp';
export const STACK_JWT_AUDIENCE = 'govcloud-e2e-graph';

export interface Stack {
  /** The gateway's GraphQL endpoint. */
  gatewayUrl: string;
  /** Each subgraph's own GraphQL endpoint (reachable directly, as an attacker inside the network could). */
  subgraphUrls: Record<SubgraphName, string>;
  /** Each subgraph's data source, to count the SQL a request ran (`sqlCounterOf`). */
  dataSources: Record<SubgraphName, DataSource>;
  /** Each subgraph's read DataSource (DATABASE_READ_URL), with `readReplica`; empty otherwise. */
  readDataSources: Partial<Record<SubgraphName, DataSource>>;
  /** The demo world the subgraphs were seeded from (when seeded). */
  world: World;
  /**
   * Runs SQL as the schemas' owner, for what the subgraphs' own role may not do (disable a trigger
   * to forge a record, say); the statements run in one transaction.
   */
  asOwner(sql: string): Promise<void>;
  /** The secret the gateway signs forwarded principals with (for tests that call a subgraph directly). */
  internalTokenSecret: string;
  /** Signs a user token for this stack's gateway (the JWT, without "Bearer "). */
  token(claims: DevTokenClaims, options?: { expiresIn?: string }): Promise<string>;
  /**
   * Signs any claims with the stack's key, unchecked — what a misconfigured identity provider
   * would sign (issueDevToken refuses such claims itself).
   */
  tokenUnchecked(claims: Record<string, string>): Promise<string>;
  /** POSTs to the gateway; a null token sends no Authorization header. */
  query<T = Record<string, unknown>, V = Record<string, unknown>>(
    token: string | null,
    query: GraphQLOperation<T, V>,
    variables?: V,
  ): Promise<GraphQLResult<T>>;
  /**
   * Stops one subgraph as if its process ended (HTTP server and effect worker); the gateway keeps
   * its URL, so requests planned onto it fail until `startSubgraph` brings it back on the same port.
   */
  stopSubgraph(name: SubgraphName): Promise<void>;
  startSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  seed?: boolean;
  /** More gateway settings, given the subgraphs' URLs (say a timeout, or a subgraph's URL through a proxy). */
  gatewayEnv?: (subgraphUrls: Record<SubgraphName, string>) => Record<string, string> | Promise<Record<string, string>>;
  /** The IDE's development principal picker (POST /dev/token), signing with the stack's key. */
  ideDevTokens?: boolean;
  /** DATABASE_READ_URL on every subgraph: a read-only second pool on the same database (`readDataSources`). */
  readReplica?: boolean;
  /** COMPILED_EXECUTION on every subgraph; default true (compiled at first sight: test/setup/subgraphs.ts). */
  compiledExecution?: boolean;
}

export async function startLocalStack(database: StartingDatabase, options: LocalStackOptions = {}): Promise<Stack> {
  if (!existsSync(SUPERGRAPH_PATH)) throw new Error(`${SUPERGRAPH_PATH} is missing: run npm run compose`);
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  try {
    const world = buildWorld();
    const internalTokenSecret = randomBytes(32).toString('base64url');

    const running = await startSubgraphs(database, SUBGRAPH_NAMES, {
      internalTokenSecret,
      seed: options.seed,
      world,
      effectWorkers: true,
      readDatabaseUrl: options.readReplica ? database.url : undefined,
      compiledExecution: options.compiledExecution,
    });
    cleanups.push(() => running.stop());
    const subgraphUrls = running.urls;

    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const config = await readGatewayConfig({
      HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      // The suites and the benchmark send one principal's requests back to back; the rate limit
      // has its own tests (test/unit/gateway). Every other limit stays at its default.
      RATE_LIMIT_PER_SECOND: '0',
      SUPERGRAPH_PATH,
      JWT_PUBLIC_KEY: await exportSPKI(publicKey),
      JWT_ISSUER: STACK_JWT_ISSUER,
      JWT_AUDIENCE: STACK_JWT_AUDIENCE,
      INTERNAL_TOKEN_SECRET: internalTokenSecret,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, subgraphUrls[name]])),
      ...(await options.gatewayEnv?.(subgraphUrls)),
    });
    const gateway = await createGateway(
      config,
      options.ideDevTokens ? { devTokens: (claims) => signToken(privateKey, claims, '12h') } : {},
    );
    cleanups.push(() => gateway.stop());
    const gatewayUrl = `${await listenOnFreePort(gateway.httpServer)}/graphql`;

    return {
      gatewayUrl,
      dataSources: running.dataSources as Record<SubgraphName, DataSource>,
      readDataSources: running.readDataSources,
      subgraphUrls,
      world,
      internalTokenSecret,
      asOwner: (sql) => withClient(database.migrationUrl, async (client) => void (await client.query(sql))),
      token: (claims, tokenOptions = {}) => signToken(privateKey, claims, tokenOptions.expiresIn),
      tokenUnchecked: (claims) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer(STACK_JWT_ISSUER)
          .setAudience(STACK_JWT_AUDIENCE)
          .setSubject('unchecked')
          .setExpirationTime('1h')
          .sign(privateKey),
      query: (token, query, variables) => postGraphQL(gatewayUrl, token, query, variables),
      stopSubgraph: running.stopSubgraph,
      startSubgraph: running.startSubgraph,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function signToken(privateKey: CryptoKey, claims: DevTokenClaims, expiresIn = '1h'): Promise<string> {
  return issueDevToken(claims, { privateKey, issuer: STACK_JWT_ISSUER, audience: STACK_JWT_AUDIENCE, expiresIn });
}

async function listenOnFreePort(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
