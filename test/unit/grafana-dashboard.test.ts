// deploy/grafana/govcloud-graph.json reads only metrics the processes expose: every metric name
// its queries use is registered by the gateway, a subgraph or the kit.
import { readFileSync } from 'node:fs';
import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../../gateway/src/plugins/metrics';
import { createServiceMetrics, sharedRegistry } from '../../subgraphs/kit/metrics';

interface Dashboard {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
}

/** PromQL words that are not metric names. */
const PROMQL = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'count',
  'rate',
  'increase',
  'irate',
  'histogram_quantile',
  'by',
  'without',
  'on',
  'and',
  'or',
]);

async function exposedNames(registries: Registry[]): Promise<Set<string>> {
  const names = new Set<string>();
  for (const registry of registries) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
    }
  }
  return names;
}

/** Metric names in a PromQL expression: its identifiers, less functions, keywords, label lists and matchers. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  return [...bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)].map((match) => match[0]).filter((word) => !PROMQL.has(word));
}

describe('the Grafana dashboard', () => {
  it('queries only metrics that exist', async () => {
    const dashboard = JSON.parse(readFileSync('deploy/grafana/govcloud-graph.json', 'utf8')) as Dashboard;
    const exposed = await exposedNames([createGatewayMetrics().registry, createServiceMetrics('test').registry, sharedRegistry]);
    const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNamesIn(target.expr)));
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('finds the names in an expression', () => {
    expect(
      metricNamesIn('histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket{service="x"}[5m])))'),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNamesIn('sum by (pool) (db_pool_connectionz)')).toEqual(['db_pool_connectionz']);
  });
});
