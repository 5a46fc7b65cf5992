// The gateway's query-plan cache (gateway/src/query-plan-cache.ts): bounded by plans, its hits and
// misses and size in /metrics.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createQueryPlanCache } from '../../../gateway/src/query-plan-cache';

const plan = (name: string) => ({ kind: 'QueryPlan', node: undefined, name }) as never;

describe('query-plan cache', () => {
  it('counts hits and misses and keeps at most its size, the least recently used dropped', async () => {
    const registry = new Registry();
    const cache = createQueryPlanCache(registry, 2);
    expect(await registry.getSingleMetricAsString('gateway_query_plan_cache_requests_total')).toContain('result="hit"} 0');
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', plan('a'));
    await cache.set('b', plan('b'));
    expect(await cache.get('a')).toEqual(plan('a'));
    await cache.set('c', plan('c')); // drops b, used least recently
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toEqual(plan('c'));
    const text = await registry.metrics();
    expect(text).toContain('gateway_query_plan_cache_requests_total{result="hit"} 2');
    expect(text).toContain('gateway_query_plan_cache_requests_total{result="miss"} 2');
    expect(text).toContain('gateway_query_plan_cache_entries 2');
    cache.clear();
    expect(await registry.getSingleMetricAsString('gateway_query_plan_cache_entries')).toContain('gateway_query_plan_cache_entries 0');
  });
});
