// How the gateway calls a subgraph: over HTTP, carrying the verified principal signed with the
// shared secret, so a subgraph trusts nothing a client could have written itself; and the
// request's id, so every subgraph's log and audit trail name the same request.
//
// A subgraph that is down, slow or broken costs only its own fields: the fetch fails within its
// timeout, the gateway returns the rest of the data, and the request carries one
// SERVICE_UNAVAILABLE error naming that subgraph however many fetches the plan sent it.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// Not re-exported by the package's index.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError, Kind, OperationTypeNode, type GraphQLFormattedError } from 'graphql';
import type { Agent } from 'undici';
import { ErrorCode, ServiceUnavailableError, UnauthenticatedError } from '../../subgraphs/kit/errors';
import { REQUEST_ID_HEADER } from '../../subgraphs/kit/context';
import { PRINCIPAL_HEADER } from '../../subgraphs/kit/internal-token';
import { SUBGRAPH_LABELS } from '../../subgraphs/kit/subgraph-client';
import { componentLogger, currentRequest } from '../../subgraphs/kit/log';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { internalTokenOf, type GatewayContext } from './auth';
import { dedupeRepresentations, fanOutEntities } from './entity-dedupe';
import { SHAREABLE_FETCH_HEADER, type SharedFetches } from './shared-fetches';
import { createSubgraphFetcher, isConnectionReset, SubgraphResponseTooLargeError, SubgraphTimeoutError } from './subgraph-fetch';

export interface PrincipalDataSourceOptions {
  name: string;
  url: string;
  internalTokenSecret: string;
  /** The longest one fetch to this subgraph may take. */
  timeoutMs: number;
  /** The largest answer read from this subgraph. */
  maxResponseBytes: number;
  /** The gateway's shared connection pool (subgraph-fetch.ts createSubgraphAgent). */
  agent: Agent;
  /** The gateway's fetches in flight (shared-fetches.ts): a query request's identical ones are sent once. */
  sharedFetches?: SharedFetches;
  /** Measures each fetch (plugins/metrics.ts): seconds, and the error code when it failed. */
  recordFetch?: (subgraph: string, seconds: number, errorCode?: string) => void;
  /** Where the reason for an unavailable subgraph goes (never to the client). Default: the log, at warn. */
  log?: (message: string) => void;
}

type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** Subgraphs already reported unavailable to a request, keyed by the request's context. */
const reported = new WeakMap<object, Set<string>>();

export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraphName: string;
  private readonly internalTokenSecret: string;
  private readonly log: (message: string) => void;
  private readonly recordFetch: NonNullable<PrincipalDataSourceOptions['recordFetch']>;
  private readonly shares: boolean;

  constructor(options: PrincipalDataSourceOptions) {
    const { timeoutMs, maxResponseBytes, agent, sharedFetches } = options;
    const shared = sharedFetches && { fetches: sharedFetches, subgraph: options.name };
    super({ url: options.url, fetcher: createSubgraphFetcher({ timeoutMs, maxResponseBytes, agent, shared }) });
    this.shares = shared !== undefined;
    this.subgraphName = options.name;
    this.internalTokenSecret = options.internalTokenSecret;
    this.recordFetch = options.recordFetch ?? (() => undefined);
    const log = componentLogger('subgraph-fetch');
    this.log = options.log ?? ((message) => log.warn({ subgraph: options.name }, message));
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = options.request.http?.headers;
    // Health checks and schema loading carry no user; the subgraph refuses them like any anonymous call.
    const query =
      options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION && options.incomingRequestContext.operation?.operation === 'query';
    const token = internalTokenOf(options.context as GatewayContext, this.internalTokenSecret, { query });
    if (token) headers?.set(PRINCIPAL_HEADER, await token);
    // A query request's fetches may share an identical one in flight; a mutation request's never.
    if (token && query && this.shares) headers?.set(SHAREABLE_FETCH_HEADER, '1');
    const requestId = requestIdOf(options);
    if (requestId) headers?.set(REQUEST_ID_HEADER, requestId);
    currentRequest()?.subgraphs.add(this.subgraphName);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ProcessResult> {
    const seen = reportedFor(options);
    // This request already knows the subgraph is away: skip the call rather than wait for it again.
    if (seen?.has(this.subgraphName)) return {};
    let response: ProcessResult;
    const started = performance.now();
    try {
      response = await this.fetchDeduplicated(options);
      const code = response.errors?.find((error) => typeof error.extensions?.code === 'string')?.extensions?.code as string | undefined;
      this.recordFetch(this.subgraphName, (performance.now() - started) / 1000, code);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      this.recordFetch(
        this.subgraphName,
        (performance.now() - started) / 1000,
        typeof code === 'string' ? code : ErrorCode.SERVICE_UNAVAILABLE,
      );
      if (error instanceof GraphQLError && error.extensions.code !== ErrorCode.SERVICE_UNAVAILABLE) throw error;
      this.log(`[gateway] subgraph ${this.subgraphName} unavailable (request ${requestIdOf(options) ?? '-'}): ${reasonOf(error)}`);
      if (seen?.has(this.subgraphName)) return {};
      seen?.add(this.subgraphName);
      throw this.unavailable(error);
    }
    return seen ? this.withOneUnavailableError(response, seen) : response;
  }

  /** Repeated `_entities` representations are sent once and their answers fanned back out (entity-dedupe.ts). */
  private async fetchDeduplicated(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ProcessResult> {
    const representations = options.request.variables?.representations;
    const deduped = Array.isArray(representations) ? dedupeRepresentations(representations) : undefined;
    if (!deduped) return this.fetchOnceMore(options);
    const variables = { ...options.request.variables, representations: deduped.unique };
    const response = await this.fetchOnceMore({ ...options, request: { ...options.request, variables } });
    return fanOutEntities(response, deduped);
  }

  /** A query whose connection was reset before an answer is sent once more; a mutation never is. */
  private async fetchOnceMore(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ProcessResult> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!isConnectionReset(error) || !isQuery(options)) throw error;
      this.log(`[gateway] subgraph ${this.subgraphName}: connection reset, retrying the query once`);
      return await super.process(options);
    }
  }

  private unavailable(error: unknown): ServiceUnavailableError {
    const label = SUBGRAPH_LABELS[this.subgraphName as SubgraphName] ?? '子图';
    const extensions = { serviceName: this.subgraphName };
    if (error instanceof SubgraphResponseTooLargeError) {
      return new ServiceUnavailableError(`${label}（${this.subgraphName}）的响应过大，已拒收 (subgraph answer too large)`, {
        ...extensions,
        retryable: false,
      });
    }
    const why = error instanceof SubgraphTimeoutError ? '未在时限内响应' : '暂不可用';
    return new ServiceUnavailableError(
      `${label}（${this.subgraphName}）${why}，其数据未返回，请稍后重试 (subgraph unavailable)`,
      extensions,
    );
  }

  /**
   * The subgraph answered, but its own dependency (its database) is away: every field it resolved
   * says so. Keep the first such error of the request and drop the repeats.
   */
  private withOneUnavailableError(response: ProcessResult, seen: Set<string>): ProcessResult {
    if (!response.errors?.some(isUnavailable)) return response;
    const errors: GraphQLFormattedError[] = [];
    for (const error of response.errors) {
      if (!isUnavailable(error)) errors.push(error);
      else if (!seen.has(this.subgraphName)) {
        seen.add(this.subgraphName);
        errors.push(error);
      }
    }
    return { ...response, errors: errors.length > 0 ? errors : undefined };
  }

  /** Replaces the default error, which would show the subgraph's URL and raw response to the client. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    this.log(`[gateway] subgraph ${this.subgraphName} answered HTTP ${response.status}`);
    if (response.status === 401)
      return new UnauthenticatedError(`子图 ${this.subgraphName} 拒绝了转发的身份 (subgraph rejected the forwarded principal)`);
    return this.unavailable(new Error(`HTTP ${response.status}`));
  }
}

function isUnavailable(error: GraphQLFormattedError): boolean {
  return error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE;
}

function reportedFor(options: GraphQLDataSourceProcessOptions<GatewayContext>): Set<string> | undefined {
  if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return undefined;
  const key = options.incomingRequestContext as object;
  let seen = reported.get(key);
  if (!seen) reported.set(key, (seen = new Set()));
  return seen;
}

/** The id server.ts put on the incoming request (taken from the client or generated). */
function requestIdOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | undefined {
  if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return undefined;
  return options.incomingRequestContext.request.http?.headers.get(REQUEST_ID_HEADER) ?? undefined;
}

function isQuery(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  const document = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.document : undefined;
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operation?.kind === Kind.OPERATION_DEFINITION) return operation.operation === OperationTypeNode.QUERY;
  return /^\s*(query\b|\{)/.test(options.request.query ?? '');
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
