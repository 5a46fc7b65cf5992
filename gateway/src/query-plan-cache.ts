// The gateway's query-plan cache, sized by plans rather than Apollo's default (30 MiB by an
// estimated object size, recomputed per plan), and measured: /metrics counts its hits and misses
// (`gateway_query_plan_cache_requests_total{result}`; hit rate = hit / (hit + miss)) and holds its
// size. The trusted documents are a few dozen plans; analysts' ad-hoc queries share the rest.
import type { ApolloGateway } from '@apollo/gateway';
import { LRUCache } from 'lru-cache';
import { Counter, Gauge, type Registry } from 'prom-client';

type QueryPlanCache = NonNullable<NonNullable<NonNullable<ConstructorParameters<typeof ApolloGateway>[0]>['queryPlannerConfig']>['cache']>;
type QueryPlan = NonNullable<Awaited<ReturnType<QueryPlanCache['get']>>>;

/** Plans kept, least recently used dropped first. */
export const QUERY_PLAN_CACHE_ENTRIES = 1000;

export function createQueryPlanCache(registry: Registry, maxEntries = QUERY_PLAN_CACHE_ENTRIES): QueryPlanCache {
  const plans = new LRUCache<string, QueryPlan>({ max: maxEntries });
  const requests = new Counter({
    name: 'gateway_query_plan_cache_requests_total',
    help: 'Query-plan cache look-ups at the gateway, by result (hit or miss).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  requests.inc({ result: 'hit' }, 0);
  requests.inc({ result: 'miss' }, 0);
  new Gauge({
    name: 'gateway_query_plan_cache_entries',
    help: `Query plans held by the gateway's cache (at most ${maxEntries}).`,
    registers: [registry],
    collect() {
      this.set(plans.size);
    },
  });
  return {
    async get(key) {
      const plan = plans.get(key);
      requests.inc({ result: plan === undefined ? 'miss' : 'hit' });
      return plan;
    },
    async set(key, plan) {
      plans.set(key, plan);
    },
    async delete(key) {
      return plans.delete(key);
    },
    clear() {
      plans.clear();
    },
  };
}
