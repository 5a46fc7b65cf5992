// Traces through the gateway (issue 13): with tracing on (an in-memory exporter instead of OTLP),
// one request is ONE trace — the gateway's HTTP span, Apollo Gateway's plan and fetches, undici's
// client span for each subgraph fetch carrying `traceparent`, each subgraph's HTTP span and the
// SQL statements it ran — with every parent/child link in place, and no bound value in a span.
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../subgraphs/kit/tracing';
import { postGraphQL, startStack, type Stack } from '../setup/stack';

let stack: Stack;
let tracing: Tracing;
const exporter = new InMemorySpanExporter();

const PROBE = 'query TraceProbe($code: String!) { providerByCode(code: $code) { id name } applications(first: 1) { totalCount } }';

beforeAll(async () => {
  tracing = await startTracing('e2e', {}, { exporter });
  stack = await startStack({ seed: true });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await tracing?.shutdown();
});

/** The spans of `traceId` once the gateway's own HTTP span has ended (it ends as the answer is sent). */
async function spansOfRequest(requestId: string): Promise<ReadableSpan[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const root = exporter.getFinishedSpans().find((span) => isServer(span) && !span.attributes['govcloud.subgraph']);
    if (root) return exporter.getFinishedSpans();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no gateway span for request ${requestId}`);
}

function isServer(span: ReadableSpan): boolean {
  return span.kind === SpanKind.SERVER;
}

function parentOf(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan | undefined {
  const parentId = span.parentSpanContext?.spanId;
  return parentId ? spans.find((candidate) => candidate.spanContext().spanId === parentId) : undefined;
}

function rootOf(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan {
  let current = span;
  for (let parent = parentOf(current, spans); parent; parent = parentOf(current, spans)) current = parent;
  return current;
}

describe('traces', () => {
  it('one request is one trace: gateway → subgraph fetches → two subgraphs → their SQL, parent and child linked', async () => {
    const token = await stack.token({ role: 'BUREAU' });
    exporter.reset();
    const result = await postGraphQL(stack.gatewayUrl, token, PROBE, { code: 'P-INSPUR' }, { 'x-request-id': 'trace-e2e-0001' });
    expect(result.errors).toBeUndefined();
    const spans = await spansOfRequest('trace-e2e-0001');

    // The gateway's HTTP span is the root; everything the request caused hangs under it, in its trace.
    const gateway = spans.find((span) => isServer(span) && !span.attributes['govcloud.subgraph'])!;
    expect(gateway.name).toBe('POST /graphql');
    expect(gateway.parentSpanContext).toBeUndefined();
    const traceId = gateway.spanContext().traceId;
    // Jobs the effect workers happen to run meanwhile are traces of their own; nothing else is.
    const ours = spans.filter((span) => !rootOf(span, spans).name.startsWith('effect '));
    expect(new Set(ours.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
    for (const span of ours) expect(rootOf(span, spans)).toBe(gateway);
    expect(
      parentOf(
        spans.find((span) => span.name === 'gateway.request')!,
        spans,
      ),
    ).toBe(gateway);

    for (const subgraph of ['providers', 'applications']) {
      // Apollo Gateway's fetch span → undici's client span (which sent traceparent) → the subgraph's HTTP span.
      const fetch = ours.find((span) => span.name === 'gateway.fetch' && span.attributes.service === subgraph);
      expect(fetch, `gateway.fetch to ${subgraph}`).toBeDefined();
      const server = ours.find((span) => isServer(span) && span.attributes['govcloud.subgraph'] === subgraph)!;
      expect(server, `${subgraph}'s HTTP span`).toBeDefined();
      const client = parentOf(server, spans)!;
      expect(client.kind).toBe(SpanKind.CLIENT);
      expect(client.attributes['url.full']).toBe(stack.subgraphUrls[subgraph as 'providers']);
      expect(parentOf(client, spans)).toBe(fetch);

      // Its SQL: statements of its own database, children of its HTTP span, text without values.
      const statements = ours.filter((span) => span.attributes['db.system.name'] === 'postgresql' && parentOf(span, spans) === server);
      expect(statements.length, `${subgraph}'s SQL spans`).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.kind).toBe(SpanKind.CLIENT);
        expect(statement.attributes['db.query.text']).toMatch(/\w/);
        expect(statement.name).toBe(`${statement.attributes['db.operation.name']} ${statement.attributes['db.namespace']}`);
      }
    }
    const providerLookup = ours.find((span) => String(span.attributes['db.query.text']).includes('$1'));
    expect(providerLookup, 'a statement with a bound value').toBeDefined();
    // The bound value (and so any personal data) is in no span of the trace.
    for (const span of ours) expect(JSON.stringify(span.attributes)).not.toContain('P-INSPUR');
  });

  it('a call one subgraph makes to another (kit/subgraph-client.ts) continues the same trace', async () => {
    // The bureau's to-do list: applications asks providers for agreements and proposals.
    const token = await stack.token({ role: 'BUREAU' });
    exporter.reset();
    const result = await postGraphQL(
      stack.gatewayUrl,
      token,
      'query { todoItems(first: 1) { totalCount } }',
      {},
      { 'x-request-id': 'trace-e2e-0002' },
    );
    expect(result.errors).toBeUndefined();
    const spans = await spansOfRequest('trace-e2e-0002');
    const gateway = spans.find((span) => isServer(span) && !span.attributes['govcloud.subgraph'])!;
    const applications = spans.find((span) => isServer(span) && span.attributes['govcloud.subgraph'] === 'applications')!;
    const calls = spans.filter((span) => isServer(span) && span.attributes['govcloud.subgraph'] === 'providers');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      // providers' HTTP span ← undici's client span, sent from inside applications' request.
      const client = parentOf(call, spans)!;
      expect(client.kind).toBe(SpanKind.CLIENT);
      expect(client.attributes['url.full']).toBe(stack.subgraphUrls.providers);
      expect(rootOf(client, spans)).toBe(gateway);
      let ancestor = parentOf(client, spans);
      while (ancestor && ancestor !== applications) ancestor = parentOf(ancestor, spans);
      expect(ancestor).toBe(applications);
    }
  });
});
