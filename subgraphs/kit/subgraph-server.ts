import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DataSource } from 'typeorm';
import { DEFAULT_SHUTDOWN_GRACE_MS } from './config';
import { createContextFactory, type SubgraphContext } from './context';
import { drainHttpServer } from './drain';
import { createFormatError } from './format-error';
import { createGraphQLHttpHandler, sendJson, type Route } from './http';
import { tuneServerKeepAlive } from './keep-alive';
import type { Principal, Scope } from './principal';
import { subgraphTypeDefs, type SubgraphName } from './schema-files';
import { auditTrailResolvers } from './audit-trail-resolvers';
import { mergeResolvers } from './merge-resolvers';
import { operationNamePlugin, withRequestLogging } from './request-log';
import { createServiceMetrics, metricsRoute, readMetricsProtection, sharedRegistry, trackPool, type MetricsProtection } from './metrics';
import { isPipelineMutation } from './mutation';
import { scalarResolvers } from './scalar-resolvers';
import { regionResolvers } from './shared-resolvers';
import { markCountedLists, resolveLazyCounts } from './total-count';
import { compiledExecution, type CompiledExecutionSetting } from './compiled-execution';

export interface SubgraphServiceOptions<Loaders> {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<SubgraphContext<any>>;
  dataSource: DataSource;
  /** DATABASE_READ_URL's DataSource: analysts' queries read there (kit/context.ts readDataSourceFor). */
  readDataSource?: DataSource;
  internalTokenSecret: string;
  createLoaders: (dataSource: DataSource, principal: Principal, scope: Scope) => Loaders;
  /** Extra HTTP routes (uploads, imports). */
  routes?: Route[];
  /** Who may read /metrics; default METRICS_TOKEN and NODE_ENV from the environment (kit/metrics.ts). */
  metrics?: MetricsProtection;
  /** How long stop() lets requests in flight finish. Default SHUTDOWN_GRACE_MS's default, 10 s. */
  shutdownGraceMs?: number;
  /**
   * Execute operations compiled (graphql-jit, kit/compiled-execution.ts) rather than with graphql-js's
   * interpreter: true (the default) with its defaults, or its options. COMPILED_EXECUTION=false
   * turns it off, COMPILED_EXECUTION_AFTER sets its interpreted runs (kit/config.ts).
   */
  compiledExecution?: CompiledExecutionSetting;
}

export interface SubgraphService {
  /** Not listening yet: `index.ts` listens, tests may listen on port 0. */
  readonly httpServer: Server;
  readonly apollo: ApolloServer<SubgraphContext<unknown>>;
  stop(): Promise<void>;
}

/**
 * Builds a subgraph's HTTP service — schema, context with the verified principal and fresh
 * loaders, error masking, `/health` — without listening. The data source must be initialised.
 */
export async function createSubgraphService<Loaders>(options: SubgraphServiceOptions<Loaders>): Promise<SubgraphService> {
  assertMutationsThroughPipeline(options.name, options.resolvers as Record<string, Record<string, unknown>>);
  const schema = resolveLazyCounts(
    markCountedLists(
      buildSubgraphSchema([
        {
          typeDefs: subgraphTypeDefs(options.name),
          resolvers: mergeResolvers(
            regionResolvers,
            scalarResolvers,
            auditTrailResolvers(options.name),
            options.resolvers as Record<string, Record<string, unknown>>,
          ) as GraphQLResolverMap<unknown>,
        },
      ]),
    ),
  );
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    // Same parsing, validation, plugins and errors either way; only execution differs.
    ...(options.compiledExecution === false
      ? { schema }
      : {
          gateway: compiledExecution(schema, {
            ...(options.compiledExecution === true ? {} : options.compiledExecution),
            subgraph: options.name,
          }),
        }),
    formatError: createFormatError(),
    includeStacktraceInErrorResponses: false,
    // Only the gateway reads a subgraph's answers: compact JSON, not Apollo's default indented
    // one, which cost the subgraph its stringify and the gateway its parse of the whitespace.
    stringifyResult: (result) => JSON.stringify(result),
    // The gateway serves the IDE and does not ask subgraphs for traces. No field carries a cache
    // hint (@cacheControl), so the cache-control plugin's per-field work (~4% of a request) is off.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      operationNamePlugin,
    ],
  });
  await apollo.start();
  const context = createContextFactory<Loaders>(options) as (
    req: Parameters<ReturnType<typeof createContextFactory>>[0],
  ) => Promise<SubgraphContext<unknown>>;
  const health: Route = async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/health' && path !== '/ready')) return false;
    try {
      await options.dataSource.query('SELECT 1');
      sendJson(res, 200, { status: 'ok', subgraph: options.name });
    } catch {
      sendJson(res, 503, { status: 'database unavailable', subgraph: options.name });
    }
    return true;
  };
  const metrics = createServiceMetrics(options.name);
  trackPool(options.name, options.dataSource);
  const routes = [
    health,
    metricsRoute([metrics.registry, sharedRegistry], options.metrics ?? readMetricsProtection()),
    ...(options.routes ?? []),
  ];
  const httpServer = createServer(
    metrics.instrument(withRequestLogging(createGraphQLHttpHandler(apollo, { context, routes }), { subgraph: options.name })),
  );
  tuneServerKeepAlive(httpServer);
  return {
    httpServer,
    apollo,
    stop: async () => {
      // Drained, not just closed: a gateway reusing keep-alive connections would otherwise hold close() open.
      await drainHttpServer(httpServer, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      await apollo.stop();
    },
  };
}

/** A Mutation field not declared with `mutation()` would skip the role, scope or audit step: refuse to start. */
export function assertMutationsThroughPipeline(name: SubgraphName, resolvers: Record<string, Record<string, unknown>>): void {
  const bypassing = Object.entries(resolvers.Mutation ?? {})
    .filter(([, resolver]) => !isPipelineMutation(resolver))
    .map(([field]) => field);
  if (bypassing.length > 0) {
    throw new Error(`${name}: Mutation.${bypassing.join(', Mutation.')} must be declared with mutation() from kit/mutation.ts`);
  }
}
