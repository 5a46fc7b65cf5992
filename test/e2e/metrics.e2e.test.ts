// Metrics through the gateway: /metrics answers on the gateway and on each of the four subgraphs,
// with request latency everywhere; operation names come from the trusted-document manifest, so
// invented names make no new series; subgraph fetches, DataLoader batches and the pool are measured.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { postGraphQL, startStack, type Stack } from '../setup/stack';

let stack: Stack;

const manifest = JSON.parse(readFileSync('operations/manifest.json', 'utf8')) as Record<string, string>;
const DASHBOARD = Object.values(manifest).find((document) => document.startsWith('query AnalystDashboard'))!;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

async function metricsOf(url: string): Promise<string> {
  const response = await fetch(new URL('/metrics', url));
  expect(response.status).toBe(200);
  return response.text();
}

describe('/metrics', () => {
  it('answers on all five processes, with request latency on each', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    expect((await postGraphQL(stack.gatewayUrl, token, DASHBOARD)).errors).toBeUndefined();
    const gateway = await metricsOf(stack.gatewayUrl);
    expect(gateway).toMatch(/http_request_duration_seconds_count\{service="gateway",route="\/graphql",method="POST",status="2xx"\} [1-9]/);
    expect(gateway).toMatch(/graphql_operation_duration_seconds_count\{operation_name="AnalystDashboard",operation_type="query"\} 1/);
    expect(gateway).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="applications",outcome="ok"\} [1-9]/);
    for (const name of SUBGRAPH_NAMES) {
      const text = await metricsOf(stack.subgraphUrls[name]);
      expect(text).toMatch(new RegExp(`process_cpu_user_seconds_total\\{service="${name}"\\}`));
      expect(text).toMatch(/dataloader_batch_size_count/);
      expect(text).toMatch(new RegExp(`db_pool_connections\\{pool="${name}",state="total"\\} [1-9]`));
    }
    expect(await metricsOf(stack.subgraphUrls.providers)).toMatch(
      /http_request_duration_seconds_count\{service="providers",route="\/graphql",method="POST",status="2xx"\} [1-9]/,
    );
  });

  it('counts the operations each subgraph executed, compiled or interpreted', async () => {
    // The counter lives in the process's shared registry, which the stack's four subgraphs (and a
    // vitest worker's earlier test files) share: what counts is how much the dashboard adds.
    const executions = async () => {
      const text = await metricsOf(stack.subgraphUrls.security);
      const count = (subgraph: string, executor: string) =>
        Number(
          text.match(
            new RegExp(`^graphql_operation_executions_total\\{subgraph="${subgraph}",executor="${executor}"\\} (\\d+)$`, 'm'),
          )?.[1],
        );
      return Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [name, { compiled: count(name, 'compiled'), interpreted: count(name, 'interpreted') }]),
      );
    };
    const token = await stack.token({ role: 'BUREAU' });
    const before = await executions();
    expect((await postGraphQL(stack.gatewayUrl, token, DASHBOARD)).errors).toBeUndefined();
    const after = await executions();
    // The test stacks compile at first sight (test/setup/subgraphs.ts): the subgraphs the dashboard
    // reaches ran it compiled and nothing interpreted. Security, which it does not reach, has its own
    // series (a background job of the stack may call it, compiled, so only its presence is checked).
    for (const name of ['applications', 'providers', 'supervision'] as const) {
      expect(after[name]!.compiled).toBeGreaterThan(before[name]!.compiled);
      expect(after[name]!.interpreted).toBe(before[name]!.interpreted);
    }
    expect(after.security!.interpreted).toBe(before.security!.interpreted);
    expect(Number.isInteger(before.security!.compiled)).toBe(true);
  });

  it('an invented operation name creates no new series', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    const series = (text: string) => text.split('\n').filter((line) => line.startsWith('graphql_operation_duration_seconds_count')).length;
    await postGraphQL(stack.gatewayUrl, token, 'query Invented0 { me { id } }');
    const before = series(await metricsOf(stack.gatewayUrl));
    for (const name of ['Invented1', 'Invented2', 'Invented3']) await postGraphQL(stack.gatewayUrl, token, `query ${name} { me { id } }`);
    const after = await metricsOf(stack.gatewayUrl);
    expect(series(after)).toBe(before);
    expect(after).not.toMatch(/Invented/);
    expect(after).toMatch(/operation_name="adhoc"/);
  });
});
