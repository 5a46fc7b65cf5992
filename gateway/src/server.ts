// Builds the gateway — federation over the four subgraphs, authentication, request limits and
// the rate limit, health, readiness, metrics, material files and the IDE — without listening, so index.ts and tests decide where it listens.
// First: replaces @apollo/federation-internals' exports and loads Apollo's telemetry module without
// its usage report's packages and its data sources without their unused HTTP client, before the
// gateway's modules require them.
import './federation-exports';
import { disableApolloUsageReport } from './apollo-telemetry';
import './unused-http-client';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ConfigError } from '../../subgraphs/kit/config';
import { drainHttpServer } from '../../subgraphs/kit/drain';
import { ErrorCode, GovCloudError } from '../../subgraphs/kit/errors';
import { createGraphQLHttpHandler, sendJson, type Route } from '../../subgraphs/kit/http';
import { createServiceMetrics, metricsRoute, sharedRegistry } from '../../subgraphs/kit/metrics';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { createGatewayContext, createTokenVerifier, type GatewayContext } from './auth';
import type { GatewayConfig } from './config';
import { withDirectoryCheck } from './directory';
import { cachedDirectory, createHttpDirectory } from './directory-client';
import { DEV_TOKEN_PATH, developmentTokenSigner, devTokenRoute, type DevTokenSigner } from './dev-token-route';
import { createIdeHandler } from './ide';
import { createMaterialsProxy } from './materials-proxy';
import { createGatewayFormatError } from './plugins/client-errors';
import { introspectionRules } from './plugins/introspection';
import { operationChoicePlugin } from './plugins/operation-choice';
import { createGatewayMetrics } from './plugins/metrics';
import { queryCostPlugin } from './plugins/query-cost';
import { documentLimitRules } from './plugins/query-limits';
import { createRateLimiter, withRateLimit } from './plugins/rate-limit';
import { rejectDisallowedCharactersRule } from './plugins/reject-disallowed-characters';
import { requireAuthenticationPlugin } from './plugins/require-authentication';
import { loadTrustedDocuments, trustedDocumentsPlugin } from './plugins/trusted-documents';
import { PrincipalForwardingDataSource } from './principal-data-source';
import { withRequestId } from './request-id';
import { notePrincipal } from './access-log';
import { operationNamePlugin } from '../../subgraphs/kit/request-log';
import { createSubgraphAgent } from './subgraph-fetch';
import { createQueryPlanCache } from './query-plan-cache';
import { useResultShaping } from './result-shaping';
import { createSharedFetches } from './shared-fetches';

export interface Gateway {
  /** Not listening yet. */
  readonly httpServer: Server;
  stop(): Promise<void>;
}

export interface CreateGatewayOptions {
  /** Serves the IDE; defaults to gateway/src/ide.ts. Tests may pass a stub. */
  ide?: Route;
  /**
   * Signs the IDE principal picker's tokens (dev-token-route.ts). Default: the development key,
   * when the gateway verifies with it and NODE_ENV is not production; otherwise none, and the
   * route does not exist. Tests pass their stack's signer.
   */
  devTokens?: DevTokenSigner;
}

const GRAPHQL_PATH = '/graphql';
const READY_TIMEOUT_MS = 2000;

export async function createGateway(config: GatewayConfig, options: CreateGatewayOptions = {}): Promise<Gateway> {
  const agent = createSubgraphAgent();
  const trustedDocuments = loadTrustedDocuments(config.trustedDocuments.path);
  const metrics = createGatewayMetrics(trustedDocuments);
  disableApolloUsageReport();
  useResultShaping(config.compiledResultShaping);
  const sharedFetches = createSharedFetches({ enabled: config.subgraphFetch.dedupe, onShared: metrics.recordSharedFetch });
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(config.supergraphPath),
    queryPlannerConfig: { cache: createQueryPlanCache(metrics.registry) },
    // The configured URLs win over those composed into the supergraph, which name development ports.
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as SubgraphName];
      if (!url) throw new ConfigError(`超级图含未配置的子图 ${name} (supergraph names an unknown subgraph)`);
      return new PrincipalForwardingDataSource({
        name,
        url,
        internalTokenSecret: config.internalTokenSecret,
        timeoutMs: config.subgraphFetch.timeoutMs[name as SubgraphName],
        maxResponseBytes: config.subgraphFetch.maxResponseBytes,
        agent,
        sharedFetches,
        recordFetch: metrics.recordFetch,
      });
    },
  });
  const { limits } = config;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createGatewayFormatError({ hideSuggestions: config.production }),
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo Server indents answers by default (2.6% of the gateway's CPU on the county
    // page of 50, and the whitespace's bytes) for clients that parse them anyway; the IDE formats what it shows.
    stringifyResult: (result) => JSON.stringify(result),
    // Apollo's switch would refuse in English; introspectionRules refuses in Chinese with our code.
    introspection: true,
    // The parser stops at the first token over the limit: a huge document costs microseconds, not a full parse and validation.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [...introspectionRules(config.introspection), ...documentLimitRules(limits), rejectDisallowedCharactersRule],
    plugins: [
      // Our own IDE (ide.ts) replaces Apollo's landing page, which would load assets from the internet.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      // No field carries a cache hint: computing a cache policy per request was work for nothing.
      ApolloServerPluginCacheControlDisabled(),
      // First: a document whose operation cannot be chosen is refused before anything else reads it.
      operationChoicePlugin(),
      // Before the cost: a request without a token hears that first.
      requireAuthenticationPlugin({ allowAnonymousIntrospection: config.introspection && !config.production }),
      // Before the cost: a front end's ad-hoc document hears that it is not allowed at all.
      trustedDocumentsPlugin({
        documents: trustedDocuments,
        enforce: config.trustedDocuments.enforce,
        analystMaxCost: config.trustedDocuments.analystMaxCost,
        maxEvaluatedNodes: 2 * limits.maxTokens,
      }),
      queryCostPlugin({ maxCost: limits.maxCost, maxEvaluatedNodes: 2 * limits.maxTokens }),
      metrics.plugin,
      operationNamePlugin,
    ],
  });
  await apollo.start();

  const directory = cachedDirectory(
    createHttpDirectory({
      applicationsUrl: config.subgraphUrls.applications,
      providersUrl: config.subgraphUrls.providers,
      internalTokenSecret: config.internalTokenSecret,
    }),
  );
  const buildContext = createGatewayContext(withDirectoryCheck(createTokenVerifier(config.jwt), directory));
  const authenticate: typeof buildContext = async (req) => {
    try {
      const context = await buildContext(req);
      notePrincipal(context.principal);
      return context;
    } catch (error) {
      // Rejected before Apollo's pipeline, so the metrics plugin never sees it.
      const code = error instanceof GovCloudError ? error.extensions.code : undefined;
      metrics.recordError(typeof code === 'string' ? code : ErrorCode.UNAUTHENTICATED);
      throw error;
    }
  };
  const context = withRateLimit(authenticate, config.rateLimit && createRateLimiter(config.rateLimit), () =>
    metrics.recordError(ErrorCode.RATE_LIMITED),
  );
  const devTokens = options.devTokens ?? developmentTokenSigner(config);
  const serviceMetrics = createServiceMetrics('gateway');
  const routes: Route[] = [
    healthRoute,
    readyRoute(healthUrlsOf(config.subgraphUrls)),
    metricsRoute([serviceMetrics.registry, metrics.registry, sharedRegistry], {
      token: config.metricsToken,
      production: config.production,
    }),
    createMaterialsProxy({
      applicationsUrl: config.subgraphUrls.applications,
      internalTokenSecret: config.internalTokenSecret,
      authenticate,
      maxBytes: config.materialMaxBytes,
    }),
    ...(devTokens ? [devTokenRoute(devTokens)] : []),
    options.ide ?? createIdeHandler({ graphqlPath: GRAPHQL_PATH, devTokenPath: devTokens ? DEV_TOKEN_PATH : undefined }),
  ];
  const httpServer = createServer(
    serviceMetrics.instrument(
      withRequestId(createGraphQLHttpHandler(apollo, { context, path: GRAPHQL_PATH, routes, maxBodyBytes: limits.maxBodyBytes })),
    ),
  );

  return {
    httpServer,
    async stop() {
      // Requests in flight finish (their subgraph fetches too) before the pool closes.
      await drainHttpServer(httpServer, config.shutdownGraceMs);
      await apollo.stop();
      await agent.close();
    },
  };
}

function readSupergraph(file: string): string {
  if (!existsSync(file)) {
    throw new ConfigError(
      `未找到组合后的超级图 ${file}：请先运行 npm run compose (supergraph not found; run npm run compose or set SUPERGRAPH_PATH)`,
    );
  }
  return readFileSync(file, 'utf8');
}

function isGet(req: Parameters<Route>[0], path: string): boolean {
  return req.method === 'GET' && (req.url ?? '').split('?')[0] === path;
}

/** Liveness: the process answers. */
const healthRoute: Route = (req, res) => {
  if (!isGet(req, '/health')) return false;
  sendJson(res, 200, { status: 'ok' });
  return true;
};

function healthUrlsOf(urls: Record<SubgraphName, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, new URL('/health', url).toString()]));
}

/** Readiness: every subgraph's /health answers 200 within READY_TIMEOUT_MS. */
function readyRoute(healthUrls: Record<string, string>): Route {
  return async (req, res) => {
    if (!isGet(req, '/ready')) return false;
    const results = await Promise.all(
      Object.entries(healthUrls).map(async ([name, url]) => {
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
          await response.body?.cancel();
          return { name, up: response.status === 200 };
        } catch {
          return { name, up: false };
        }
      }),
    );
    const down = results.filter((r) => !r.up).map((r) => r.name);
    if (down.length === 0) sendJson(res, 200, { status: 'ready' });
    else sendJson(res, 503, { status: 'unavailable', message: `子图不可用 (subgraphs down): ${down.join(', ')}`, down });
    return true;
  };
}
