// Tracing is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: startTracing registers nothing — no
// tracer provider, no propagator, no context manager — and every helper the processes call
// (server spans, SQL spans, effect carriers, log ids) does nothing. Its own file: the other
// tracing tests register the SDK, which is global to a test file's process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { activeTraceIds, activeTraceparent, isTracing, startSqlSpan, startTracing, withServerSpan } from '../../../subgraphs/kit/tracing';

describe('tracing off', () => {
  it('with OTEL_EXPORTER_OTLP_ENDPOINT unset nothing is registered', async () => {
    const tracing = await startTracing('gateway', { OTEL_SERVICE_NAME: 'gateway', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' });
    expect(tracing.enabled).toBe(false);
    expect(isTracing()).toBe(false);

    // The API's no-ops: spans record nothing, no header is propagated, no context is kept.
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    expect(propagation.fields()).toEqual([]);
    const carrier: Record<string, string> = {};
    trace.getTracer('probe').startActiveSpan('outer', (outer) => {
      propagation.inject(context.active(), carrier);
      expect(trace.getActiveSpan()).toBeUndefined();
      outer.end();
    });
    expect(carrier).toEqual({});

    // The kit's helpers: nothing on log lines, in effect payloads or around SQL.
    expect(activeTraceIds()).toBeUndefined();
    expect(activeTraceparent()).toBeUndefined();
    expect(startSqlSpan('SELECT 1', { database: 'govcloud' })).toBeUndefined();
    let served = 0;
    withServerSpan(() => void served++)(
      { url: '/graphql', method: 'POST', headers: {} } as IncomingMessage,
      { once: () => expect.fail('no span to end') } as unknown as ServerResponse,
    );
    expect(served).toBe(1);
  });
});
