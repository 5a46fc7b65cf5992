// Tracing on: OTEL_EXPORTER_OTLP_ENDPOINT is checked like every setting (a bad one is one line);
// when set, spans go by OTLP/HTTP to `<endpoint>/v1/traces` under the process's service name; a
// subgraph-to-subgraph call carries `traceparent`; an effect job continues the trace of the request
// that enqueued it; log lines name the trace and span.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/kit/config';
import { enqueueEffect, splitMetadata } from '../../../subgraphs/kit/jobs';
import { captureLogs, logger } from '../../../subgraphs/kit/log';
import { Role } from '../../../subgraphs/kit/principal';
import { createSubgraphClient } from '../../../subgraphs/kit/subgraph-client';
import { otlpTracesUrl, readTracingSettings, startTracing, withJobSpan, type Tracing } from '../../../subgraphs/kit/tracing';
import { readStartConfig } from '../../../scripts/start-config';
import { recordingManager } from '../../setup/recording-manager';

let tracing: Tracing | undefined;
let server: Server | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

interface Received {
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in HTTP peer that records each request and answers `answer`. */
async function listen(received: Received[], answer: unknown): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('is an http(s) URL or the start stops with one line naming it', async () => {
    for (const bad of ['not a url', 'ftp://collector:4318', 'collector:4318']) {
      expect(() => readTracingSettings('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: bad })).toThrow(ConfigError);
      expect(() => readTracingSettings('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: bad })).toThrow(
        /^OTEL_EXPORTER_OTLP_ENDPOINT=.*\(must be an http\(s\) URL\)$/,
      );
    }
    // `npm start` checks it before starting anything, with the other settings.
    await expect(readStartConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }, 'secret-'.repeat(6))).rejects.toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(readTracingSettings('providers', {})).toEqual({ endpoint: undefined, serviceName: 'providers' });
    expect(readTracingSettings('providers', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'p-1' })).toEqual({
      endpoint: 'http://collector:4318/',
      serviceName: 'p-1',
    });
    expect(otlpTracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('https://collector.example/otlp')).toBe('https://collector.example/otlp/v1/traces');
  });

  it('when set, spans are exported by OTLP/HTTP to <endpoint>/v1/traces under the service name', async () => {
    const received: Received[] = [];
    const endpoint = await listen(received, {});
    tracing = await startTracing('supervision', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    expect(tracing.enabled).toBe(true);
    const traceId = trace.getTracer('test').startActiveSpan('exported-span', (span) => {
      span.end();
      return span.spanContext().traceId;
    });
    await tracing.shutdown(); // flushes the batch
    tracing = undefined;
    expect(received.map((request) => request.url)).toEqual(['/v1/traces']);
    const body = received[0]!.body;
    expect(received[0]!.headers['content-type']).toMatch(/json/);
    expect(body).toContain('exported-span');
    expect(body).toContain(traceId);
    expect(body).toMatch(/"key":"service.name","value":\{"stringValue":"supervision"\}/);
  });
});

describe('propagation', () => {
  it('a subgraph-to-subgraph call (kit/subgraph-client.ts) carries the trace in traceparent', async () => {
    tracing = await startTracing('applications', {}, { exporter: new InMemorySpanExporter() });
    const received: Received[] = [];
    const url = await listen(received, { data: { ok: true } });
    const client = createSubgraphClient({
      name: 'providers',
      url: `${url}/graphql`,
      internalTokenSecret: 'a-test-secret-that-is-long-enough-0123456789',
    });
    const traceId = await trace.getTracer('test').startActiveSpan('resolver', async (span) => {
      await client.request({ subject: 'bureau', role: Role.BUREAU }, '{ ok }');
      span.end();
      return span.spanContext().traceId;
    });
    expect(received[0]!.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it("an effect carries the request's traceparent; its job's span continues that trace", async () => {
    const exporter = new InMemorySpanExporter();
    tracing = await startTracing('providers', {}, { exporter });
    const { manager, sent } = recordingManager();
    const cause = await trace.getTracer('test').startActiveSpan('mutation', async (span) => {
      await enqueueEffect(manager, 'applications.test', { applicationId: 'a' });
      span.end();
      return span.spanContext();
    });
    const { payload, metadata } = splitMetadata(JSON.parse(String(sent[0]![1])));
    expect(payload).toEqual({ applicationId: 'a' });
    expect(metadata.traceparent).toMatch(new RegExp(`^00-${cause.traceId}-${cause.spanId}-01$`));

    const inJob = await withJobSpan('applications.test', metadata.traceparent, async () => trace.getActiveSpan()!.spanContext());
    expect(inJob.traceId).toBe(cause.traceId);
    const job = exporter.getFinishedSpans().find((span) => span.name === 'effect applications.test')!;
    expect(job.parentSpanContext?.spanId).toBe(cause.spanId);
  });

  it('log lines written inside a span name its trace and span', async () => {
    tracing = await startTracing('gateway', {}, { exporter: new InMemorySpanExporter() });
    const capture = captureLogs('info');
    try {
      const ids = trace.getTracer('test').startActiveSpan('request', (span) => {
        logger.info('inside');
        span.end();
        return span.spanContext();
      });
      logger.info('outside');
      expect(capture.lines.map((line) => [line.msg, line.traceId, line.spanId])).toEqual([
        ['inside', ids.traceId, ids.spanId],
        ['outside', undefined, undefined],
      ]);
    } finally {
      capture.restore();
    }
  });
});
