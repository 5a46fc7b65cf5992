import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { getOperationAST, parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { UnauthenticatedError } from './errors';
import { PRINCIPAL_HEADER, verifyInternalToken } from './internal-token';
import { scopeOf, type Principal, type Scope } from './principal';

/** What every resolver of a subgraph receives. Built anew for each request. */
export interface SubgraphContext<Loaders> {
  readonly principal: Principal;
  readonly scope: Scope;
  /** Fresh per request, so one request's cache never serves another's. */
  readonly loaders: Loaders;
  /** The primary; or DATABASE_READ_URL's read replica for an analyst's query (readDataSourceFor). */
  readonly dataSource: DataSource;
  /** The gateway's request id (`x-request-id`), so the audit trail and logs name one request. */
  readonly requestId: string;
}

/** The header that carries one request's id from the gateway to every subgraph fetch. */
export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is well-formed; otherwise a new one. */
export function requestIdOf(req: Pick<IncomingMessage, 'headers'>): string {
  const header = req.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export interface ContextFactoryOptions<Loaders> {
  dataSource: DataSource;
  /** DATABASE_READ_URL's DataSource, for analysts' queries; unset: every request uses `dataSource`. */
  readDataSource?: DataSource;
  internalTokenSecret: string;
  createLoaders: (dataSource: DataSource, principal: Principal, scope: Scope) => Loaders;
}

/**
 * Verifies the principal the gateway forwarded; a request without a valid one, on any operation
 * including `_entities`, is refused with 401 before anything runs.
 */
export function createContextFactory<Loaders>(options: ContextFactoryOptions<Loaders>) {
  return async (req: IncomingMessage, body?: unknown): Promise<SubgraphContext<Loaders>> => {
    const header = req.headers[PRINCIPAL_HEADER];
    const principal = await verifyInternalToken(Array.isArray(header) ? header[0] : header, options.internalTokenSecret);
    if (!principal) throw new UnauthenticatedError('未认证：子图只接受经网关转发并签名的请求');
    const scope = scopeOf(principal);
    const dataSource = readDataSourceFor(options, principal, req, body) ?? options.dataSource;
    return {
      principal,
      scope,
      loaders: options.createLoaders(dataSource, principal, scope),
      dataSource,
      requestId: requestIdOf(req),
    };
  };
}

/**
 * The read replica (DATABASE_READ_URL) for an analyst's query: set, the principal an analyst (the
 * gateway forwards the claim on query operations only), and this request a query — a GET, or a
 * POSTed document whose operation is one. Anything else, or a document that does not parse
 * (Apollo answers it), gets undefined: the primary.
 */
export function readDataSourceFor(
  options: Pick<ContextFactoryOptions<unknown>, 'readDataSource'>,
  principal: Principal,
  req: Pick<IncomingMessage, 'method'>,
  body: unknown,
): DataSource | undefined {
  if (!options.readDataSource || !principal.analyst) return undefined;
  if ((req.method ?? 'GET').toUpperCase() === 'GET') return options.readDataSource;
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return undefined;
  try {
    const operation = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined);
    return operation?.operation === 'query' ? options.readDataSource : undefined;
  } catch {
    return undefined;
  }
}
