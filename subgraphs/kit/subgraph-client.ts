// Service-to-service GraphQL calls between subgraphs. The caller's principal travels signed, so
// the callee applies the same scope as for the user. Fail safe: anything but a clean answer or
// one of our own errors is SERVICE_UNAVAILABLE, never an empty result a caller could take as a pass.
import { request } from 'undici';
import { ErrorCode, GovCloudError, ServiceUnavailableError } from './errors';
import { PRINCIPAL_HEADER, signInternalToken } from './internal-token';
import { REQUEST_ID_HEADER } from './context';
import { componentLogger, currentRequest } from './log';
import { kitMetrics } from './metrics';
import type { Principal } from './principal';
import type { SubgraphName } from './schema-files';

export const SUBGRAPH_LABELS: Record<SubgraphName, string> = {
  providers: '服务商子图',
  applications: '用云申请子图',
  security: '安全子图',
  supervision: '监督子图',
};

/** Codes the callee raised on purpose; they reach our client as they are. */
const PASSED_THROUGH = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.RULE_VIOLATION,
  ErrorCode.SERVICE_UNAVAILABLE,
]);

export interface SubgraphClientOptions {
  name: SubgraphName;
  /** The callee's GraphQL endpoint (kit/config.ts readSubgraphUrls). */
  url: string;
  internalTokenSecret: string;
  timeoutMs?: number;
  /** Where the reason for an unavailable answer goes (never to the client). Default: the log, at warn. */
  log?: (message: string) => void;
}

export interface SubgraphClient {
  readonly name: SubgraphName;
  /** Runs `query` as `principal` and returns `data`; throws GovCloudError on any failure. */
  request<T>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<T>;
}

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const { name, url, internalTokenSecret, timeoutMs = 3000 } = options;
  const logger = componentLogger('subgraph-client');
  const log = options.log ?? ((message: string) => logger.warn({ callee: name }, message));
  const unavailable = (reason: string) => {
    log(`[subgraph-client] ${name} ${url}: ${reason}`);
    return new ServiceUnavailableError(`${SUBGRAPH_LABELS[name]}暂时不可用，请稍后重试`);
  };

  async function send<T>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<T> {
    const token = await signInternalToken(principal, internalTokenSecret);
    // The request this call serves (a resolver's, or a job's carried from one), so the callee's lines name it too.
    const requestId = currentRequest()?.requestId;
    let body: GraphQLResponseBody<T>;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      // undici's request(), not fetch(): the same client without the WHATWG streams (as the gateway's, issue 14).
      const response = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [PRINCIPAL_HEADER]: token,
          ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw unavailable(`HTTP ${response.statusCode}`);
      }
      body = (await response.body.json()) as GraphQLResponseBody<T>;
    } catch (error) {
      if (error instanceof GovCloudError) throw error;
      throw unavailable(signal.aborted ? `no answer within ${timeoutMs} ms` : String(error));
    }
    const [first] = body.errors ?? [];
    if (first) {
      const { code, ...extensions } = first.extensions ?? {};
      if (typeof code === 'string' && PASSED_THROUGH.has(code) && first.message) {
        throw new GovCloudError(first.message, code as ErrorCode, extensions);
      }
      throw unavailable(`error ${String(code)}: ${first.message}`);
    }
    if (body.data === undefined || body.data === null) throw unavailable('no data');
    return body.data;
  }

  return {
    name,
    async request<T>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<T> {
      const stop = kitMetrics.subgraphCallDuration.startTimer({ callee: name });
      try {
        const data = await send<T>(principal, query, variables);
        stop({ outcome: 'ok' });
        return data;
      } catch (error) {
        stop({ outcome: error instanceof GovCloudError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR' });
        throw error;
      }
    },
  };
}
