// Prometheus metrics of every process, served at /metrics with the same protection everywhere:
// open locally; with METRICS_TOKEN only to its bearer; in production without one, not served.
// Each service has its own registry (process defaults, HTTP request latency); what kit code
// measures on behalf of any service — DataLoader batches, the database pool, the effects queue,
// subgraph-to-subgraph calls, import rows — is in one shared registry, served beside it.
import { timingSafeEqual } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ConfigError, isProduction } from './config';
import { ErrorCode } from './errors';
import { sendJson, type Route } from './http';

export interface MetricsProtection {
  /** Bearer token /metrics requires; null: open (outside production) or not served (in production). */
  token: string | null;
  production: boolean;
}

const MIN_METRICS_TOKEN_LENGTH = 16;

/** METRICS_TOKEN and NODE_ENV, as the gateway reads them (gateway/src/config.ts). */
export function readMetricsProtection(env: NodeJS.ProcessEnv = process.env): MetricsProtection {
  const token = env.METRICS_TOKEN?.trim() || null;
  if (token && token.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new ConfigError(
      `METRICS_TOKEN 至少 ${MIN_METRICS_TOKEN_LENGTH} 个字符 (METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters)`,
    );
  }
  return { token, production: isProduction(env) };
}

/** Latency buckets in seconds, for requests, operations and fetches alike. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What kit code measures for whichever service runs it. */
export const sharedRegistry = new Registry();

export const kitMetrics = {
  dataLoaderBatchSize: new Histogram({
    name: 'dataloader_batch_size',
    help: 'Keys per DataLoader batch (one SQL statement each).',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 1000],
    registers: [sharedRegistry],
  }),
  subgraphCallDuration: new Histogram({
    name: 'subgraph_client_request_duration_seconds',
    help: 'Subgraph-to-subgraph calls, by callee and outcome (ok or error code).',
    labelNames: ['callee', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [sharedRegistry],
  }),
  effectFailures: new Counter({
    name: 'effects_job_failures_total',
    help: 'Effect job attempts that failed (and will be retried until their attempts run out), by task.',
    labelNames: ['task'] as const,
    registers: [sharedRegistry],
  }),
  effectsRefused: new Counter({
    name: 'effects_refused_total',
    help: 'Effects refused for good by a rule (kept in effects.refused_effect), by task.',
    labelNames: ['task'] as const,
    registers: [sharedRegistry],
  }),
  operationExecutions: new Counter({
    name: 'graphql_operation_executions_total',
    help: 'Operations a subgraph executed, by executor: compiled (graphql-jit) or interpreted (graphql-js: before compiling, refused variables, not compilable or too long).',
    labelNames: ['subgraph', 'executor'] as const,
    registers: [sharedRegistry],
  }),
  importRows: new Counter({
    name: 'monitoring_import_rows_total',
    help: 'Monitoring import rows, by outcome (accepted, duplicate, rejected).',
    labelNames: ['outcome'] as const,
    registers: [sharedRegistry],
  }),
};

type PoolState = { totalCount: number; idleCount: number; waitingCount: number };
const pools = new Map<string, () => PoolState | undefined>();
new Gauge({
  name: 'db_pool_connections',
  help: 'Database pool connections of each service, by state (total, idle, waiting clients).',
  labelNames: ['pool', 'state'] as const,
  registers: [sharedRegistry],
  collect() {
    this.reset();
    for (const [pool, read] of pools) {
      const state = read();
      if (!state) continue;
      this.set({ pool, state: 'total' }, state.totalCount);
      this.set({ pool, state: 'idle' }, state.idleCount);
      this.set({ pool, state: 'waiting' }, state.waitingCount);
    }
  },
});

/** Reports `dataSource`'s pool as `pool` on db_pool_connections until it is destroyed. */
export function trackPool(pool: string, dataSource: DataSource): void {
  pools.set(pool, () => {
    if (!dataSource.isInitialized) return undefined;
    return (dataSource.driver as unknown as { master?: PoolState }).master;
  });
}

type DepthReader = () => Promise<Array<{ task: string; state: string; n: number }>>;
const queues = new Map<string, DepthReader>();
new Gauge({
  name: 'effects_queue_depth',
  help: 'Effect jobs in the queue, by task and state (waiting, or failed: attempts exhausted).',
  labelNames: ['task', 'state'] as const,
  registers: [sharedRegistry],
  async collect() {
    this.reset();
    for (const read of queues.values()) {
      for (const { task, state, n } of await read().catch(() => [])) this.set({ task, state }, n);
    }
  },
});

/** Reads the queue depth of one worker's tasks on each scrape, until the returned function is called. */
export function trackQueue(name: string, read: DepthReader): () => void {
  queues.set(name, read);
  return () => queues.delete(name);
}

export interface ServiceMetrics {
  /** This service's own: process defaults and HTTP request latency. */
  readonly registry: Registry;
  /** Times every request (route: the path, or `other` beyond the known ones). */
  instrument(listener: RequestListener): RequestListener;
}

/** Known paths keep their name as the `route` label; anything else (ids in /materials/<id>…) is bounded. */
const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics', '/materials', '/directory']);

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests, by route, method and status class.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    instrument: (listener) => (req, res) => {
      const stop = duration.startTimer();
      const path = (req.url ?? '/').split('?')[0]!;
      const first = `/${path.split('/')[1] ?? ''}`;
      res.once('close', () =>
        stop({
          route: ROUTES.has(first) ? first : 'other',
          method: req.method === 'GET' ? 'GET' : req.method === 'POST' ? 'POST' : 'other',
          status: `${Math.floor(res.statusCode / 100)}xx`,
        }),
      );
      listener(req, res);
    },
  };
}

/** GET /metrics: `registries` merged (a service's own and, for kit code, the shared one). */
export function metricsRoute(registries: Registry[], protection: MetricsProtection): Route {
  return async (req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return false;
    if (!protection.token && protection.production) return false;
    if (protection.token && !bearerMatches(req.headers.authorization, protection.token)) {
      sendJson(res, 401, { code: ErrorCode.UNAUTHENTICATED, message: '访问 /metrics 须提供 METRICS_TOKEN (Authorization: Bearer …)' });
      return true;
    }
    const body = (await Promise.all(registries.map((registry) => registry.metrics()))).join('\n');
    res.statusCode = 200;
    res.setHeader('content-type', registries[0]!.contentType);
    res.end(body);
    return true;
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
