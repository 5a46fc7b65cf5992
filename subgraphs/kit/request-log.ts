// The access line of every process that serves HTTP: one line per request once it is answered,
// with the request's id (kit/log.ts), path, status, duration and, for GraphQL, the operation; the
// gateway adds the principal's role and scope kind, the error codes and the subgraphs it touched.
// Never the document, its variables or a token. Probes (/health, /ready, /metrics) only at debug.
import type { RequestListener, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { REQUEST_ID_HEADER, requestIdOf } from './context';
import { componentLogger, currentRequest, withRequestLog, type RequestLogContext } from './log';
import { withServerSpan } from './tracing';

const log = componentLogger('access');
const PROBES = new Set(['/health', '/ready', '/metrics']);

/**
 * Runs `listener` as part of the request named by its `x-request-id` (kept when well-formed,
 * otherwise new; written back on the request and the answer) and logs its access line. With
 * tracing on, the request is a SERVER span continuing the caller's trace (kit/tracing.ts).
 */
export function withRequestLogging(listener: RequestListener, fields: Record<string, unknown> = {}): RequestListener {
  return withServerSpan((req, res) => {
    const requestId = requestIdOf(req);
    // Rewritten on the request itself, so everything after (Apollo's headers, the data sources) reads the same id.
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    withRequestLog(requestId, () => {
      logAccessOnFinish(req.method, req.url, res, currentRequest()!, fields);
      listener(req, res);
    });
  }, spanAttributesOf(fields));
}

/** `{ subgraph: 'providers' }` becomes the span attribute `govcloud.subgraph`. */
function spanAttributesOf(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`govcloud.${key}`, String(value)]));
}

function logAccessOnFinish(
  method: string | undefined,
  url: string | undefined,
  res: ServerResponse,
  request: RequestLogContext,
  fields: Record<string, unknown>,
): void {
  const started = process.hrtime.bigint();
  const path = (url ?? '/').split('?')[0]!;
  res.once('close', () => {
    const line = {
      ...fields,
      method,
      path,
      status: res.statusCode,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      operation: request.operationName,
      role: request.role,
      scopeKind: request.scopeKind,
      outcome: request.errorCodes.size > 0 ? [...request.errorCodes].join(',') : res.statusCode < 400 ? 'ok' : `HTTP_${res.statusCode}`,
      subgraphs: request.subgraphs.size > 0 ? [...request.subgraphs] : undefined,
    };
    if (PROBES.has(path)) log.debug(line, 'access');
    else log.info(line, 'access');
  });
}

/** Names the request's GraphQL operation on its access line. */
export const operationNamePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ operation, operationName, request }) {
        const current = currentRequest();
        if (current) current.operationName = operationName ?? operation?.name?.value ?? request.operationName ?? undefined;
      },
    };
  },
};
