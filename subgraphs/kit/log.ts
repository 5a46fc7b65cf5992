// One structured logger per process (pino): JSON lines for the log collector, pino-pretty's
// readable lines on a terminal or with LOG_FORMAT=pretty. Every line written while a request is
// handled carries its id (`requestId`), taken from an AsyncLocalStorage the HTTP entry sets, so
// gateway, subgraphs and the jobs they enqueue name one request alike; with tracing on, also its
// `traceId` and `spanId`. Errors are logged without
// the SQL or parameters a driver error carries: those appear at `debug` only.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, stdSerializers, stdTimeFunctions, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { readLogSettings, type LogFormat, type LogLevelName } from './log-settings';
import { activeTraceIds } from './tracing';

/** What the access line of one request reports; filled in as the request goes. */
export interface RequestLogContext {
  readonly requestId: string;
  operationName?: string;
  role?: string;
  scopeKind?: string;
  /** Error codes the client received. */
  readonly errorCodes: Set<string>;
  /** Subgraphs the gateway fetched from for this request. */
  readonly subgraphs: Set<string>;
}

const requests = new AsyncLocalStorage<RequestLogContext>();

interface Sink {
  write(line: string): void;
}

let service = 'govcloud';
let sink: Sink = sinkFor(readLogSettingsOrDefault().format);

export const logger: Logger = pino(
  {
    level: readLogSettingsOrDefault().level,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    base: undefined,
    mixin() {
      const request = requests.getStore();
      // With tracing on (kit/tracing.ts), the line's trace and span, to find it from the trace and back.
      const ids = activeTraceIds();
      return request ? { service, requestId: request.requestId, ...ids } : { service, ...ids };
    },
    serializers: { err: serializeError, error: serializeError },
  },
  { write: (line: string) => sink.write(line) },
);

/**
 * At a process's start: names the service on every line and applies LOG_LEVEL / LOG_FORMAT
 * (a bad value throws ConfigError, so the start stops with one line).
 */
export function configureLogging(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  const settings = readLogSettings(env);
  service = serviceName;
  logger.level = settings.level;
  sink = sinkFor(settings.format);
}

/** A child logger for one component: `component` on each of its lines. */
export function componentLogger(component: string): Logger {
  return logger.child({ component });
}

/** Runs `work` as part of request `requestId`: every line logged meanwhile carries it. */
export function withRequestLog<T>(requestId: string, work: () => T): T {
  return requests.run({ requestId, errorCodes: new Set(), subgraphs: new Set() }, work);
}

/** The request being handled, if any. */
export function currentRequest(): RequestLogContext | undefined {
  return requests.getStore();
}

export interface CapturedLogs {
  /** Every line written since the capture began, parsed. */
  readonly lines: Array<Record<string, unknown>>;
  restore(): void;
}

/** For tests: the lines this process writes, parsed, at `level` and above, until restore(). */
export function captureLogs(level: LogLevelName = 'debug'): CapturedLogs {
  const previous = { sink, level: logger.level };
  const lines: Array<Record<string, unknown>> = [];
  sink = { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  logger.level = level;
  return {
    lines,
    restore() {
      sink = previous.sink;
      logger.level = previous.level;
    },
  };
}

function sinkFor(format: LogFormat): Sink {
  if (format === 'pretty') {
    const pretty = PinoPretty({
      sync: true,
      colorize: Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service',
      singleLine: true,
    });
    pretty.pipe(process.stdout);
    return pretty;
  }
  return { write: (line) => process.stdout.write(line) };
}

/**
 * Before configureLogging: a process's entry point calls it first thing; a test that builds
 * services in its own process never does, and its lines stay out of the output unless captured
 * (captureLogs) or LOG_LEVEL asks for them.
 */
function readLogSettingsOrDefault(): { level: LogLevelName; format: LogFormat } {
  const env = process.env;
  const test = env.NODE_ENV === 'test' || env.VITEST !== undefined;
  try {
    const settings = readLogSettings(env);
    return test && !env.LOG_LEVEL ? { ...settings, level: 'silent' } : settings;
  } catch {
    return { level: test ? 'silent' : 'info', format: 'json' };
  }
}

/** Properties of driver and TypeORM errors that quote SQL or the values bound to it. */
const SQL_PROPERTIES = new Set(['query', 'parameters', 'driverError', 'where', 'internalQuery', 'detail']);

/** pino's error serializer, without the statement, its parameters or the row a database error quotes. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const key of Object.keys(serialized)) if (SQL_PROPERTIES.has(key)) delete serialized[key];
  return serialized;
}
