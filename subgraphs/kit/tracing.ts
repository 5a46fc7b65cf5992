// OpenTelemetry traces: one trace per request, from the gateway's HTTP entry through its plan and
// each subgraph fetch (Apollo Gateway's own spans, undici's client spans) to each subgraph's HTTP
// entry and every SQL statement it runs, and on into the effect jobs the request enqueued.
// Propagated with W3C trace context (`traceparent`). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set:
// then no SDK is loaded, no provider registered, and every helper below is one flag test. On, each
// process (startTracing, once at its start) exports its spans by OTLP/HTTP to that collector under
// OTEL_SERVICE_NAME, else its own name (gateway, providers, …). SQL spans carry the statement's
// text, never the values bound to it (personal data), and a failed statement only its SQLSTATE.
import type { RequestListener } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';
import { parseHttpUrl } from './config';

export interface TracingSettings {
  /** The OTLP/HTTP collector's base URL (OTEL_EXPORTER_OTLP_ENDPOINT); undefined: tracing is off. */
  endpoint: string | undefined;
  /** service.name of this process's spans: OTEL_SERVICE_NAME, else the process's own name. */
  serviceName: string;
}

/** Reads and checks the tracing variables; a bad URL is a ConfigError (one line, the start stops). */
export function readTracingSettings(processName: string, env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const raw = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return {
    endpoint: raw ? parseHttpUrl(raw, 'OTEL_EXPORTER_OTLP_ENDPOINT').toString() : undefined,
    serviceName: env.OTEL_SERVICE_NAME?.trim() || processName,
  };
}

/** The OTLP/HTTP traces URL of a base endpoint, as the OpenTelemetry specification builds it. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered and unregisters; the process calls it as it stops. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Where spans go instead of OTLP (tests: an InMemorySpanExporter); turns tracing on by itself. */
  exporter?: SpanExporter;
}

const OFF: Tracing = { enabled: false, shutdown: async () => undefined };
let tracer: Tracer | undefined;

/** Whether this process traces (startTracing turned it on). */
export function isTracing(): boolean {
  return tracer !== undefined;
}

/**
 * Once, at a process's start: with OTEL_EXPORTER_OTLP_ENDPOINT (or a test's exporter) registers
 * the SDK — a tracer provider exporting in batches, the AsyncLocalStorage context, the W3C
 * propagator and undici's instrumentation (spans for, and `traceparent` on, every fetch made
 * inside a traced request) — and returns its handle; otherwise registers nothing.
 */
export async function startTracing(
  processName: string,
  env: NodeJS.ProcessEnv = process.env,
  options: StartTracingOptions = {},
): Promise<Tracing> {
  const settings = readTracingSettings(processName, env);
  if (!settings.endpoint && !options.exporter) return OFF;
  if (tracer) throw new Error('startTracing: tracing is already on in this process');
  // Loaded only now, so a process that does not trace never loads the SDK.
  const [sdk, resources, { UndiciInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation-undici'),
  ]);
  const exporter =
    options.exporter ??
    new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url: otlpTracesUrl(settings.endpoint!) });
  const provider = new sdk.NodeTracerProvider({
    resource: resources.defaultResource().merge(resources.resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName })),
    // A test reads its spans as soon as they end; a process sends them in batches off the request's path.
    spanProcessors: [options.exporter ? new sdk.SimpleSpanProcessor(exporter) : new sdk.BatchSpanProcessor(exporter)],
  });
  provider.register();
  // Fetches outside any traced request (readiness probes) make no trace of their own.
  const undici = new UndiciInstrumentation({ requireParentforSpans: true });
  undici.setTracerProvider(provider);
  undici.enable();
  tracer = provider.getTracer('govcloud');
  return {
    enabled: true,
    async shutdown() {
      undici.disable();
      tracer = undefined;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** trace and span ids of the active span, for log lines (kit/log.ts); nothing when tracing is off. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  if (!tracer) return undefined;
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : undefined;
}

/** Paths that are probed, not used: their requests start no trace. */
const PROBES = new Set(['/health', '/ready', '/metrics']);

/**
 * Serves each request inside a SERVER span that continues the caller's trace (its `traceparent`),
 * ended when the answer is sent. `attributes` name the process (say `govcloud.subgraph`).
 */
export function withServerSpan(listener: RequestListener, attributes: Record<string, string> = {}): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!tracer || PROBES.has(path)) return listener(req, res);
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    // Low cardinality: the first segment (`/graphql`, `/materials`), never an id after it.
    const route = `/${path.split('/')[1] ?? ''}`;
    const method = req.method ?? 'GET';
    const span = tracer.startSpan(
      `${method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { ...attributes, [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: route, [ATTR_URL_PATH]: path },
      },
      parent,
    );
    res.once('close', () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => listener(req, res));
  };
}

/** The longest statement text a span keeps (a batch insert's placeholders can run long). */
const MAX_STATEMENT_CHARS = 4096;

export interface SqlTarget {
  database?: string;
  host?: string;
  port?: number;
}

/**
 * A CLIENT span for one statement, child of the active span; none outside a traced request or job
 * (migrations, health checks), nor when tracing is off. The caller ends it (endSqlSpan).
 */
export function startSqlSpan(text: string, target: SqlTarget): Span | undefined {
  if (!tracer) return undefined;
  const parent = context.active();
  if (!trace.getSpan(parent)) return undefined;
  const operation = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  const attributes: Record<string, string | number> = {
    [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
    [ATTR_DB_OPERATION_NAME]: operation,
    [ATTR_DB_QUERY_TEXT]: text.length > MAX_STATEMENT_CHARS ? `${text.slice(0, MAX_STATEMENT_CHARS)}…` : text,
  };
  if (target.database) attributes[ATTR_DB_NAMESPACE] = target.database;
  if (target.host) attributes[ATTR_SERVER_ADDRESS] = target.host;
  if (target.port) attributes[ATTR_SERVER_PORT] = target.port;
  return tracer.startSpan(target.database ? `${operation} ${target.database}` : operation, { kind: SpanKind.CLIENT, attributes }, parent);
}

/** Ends a statement's span; a failure records its SQLSTATE only (a message may quote a value). */
export function endSqlSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    const code = (error as { code?: unknown } | null)?.code;
    span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? `SQLSTATE ${code}` : 'failed' });
  }
  span.end();
}

/** The active span's `traceparent`, for an effect's payload metadata (kit/jobs.ts); none when off. */
export function activeTraceparent(): string | undefined {
  if (!tracer || !trace.getActiveSpan()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs an effect job inside a CONSUMER span continuing the trace of the request that enqueued it
 * (`traceparent` from its metadata; a scheduled job starts its own trace). Without tracing: `work()`.
 */
export async function withJobSpan<T>(task: string, traceparent: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!tracer) return work();
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const span = tracer.startSpan(`effect ${task}`, { kind: SpanKind.CONSUMER, attributes: { 'govcloud.effect': task } }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
    throw error;
  } finally {
    span.end();
  }
}
