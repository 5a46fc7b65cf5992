import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { DisallowedCharacterError } from './errors';
import { DISALLOWED_CHARACTERS } from './text-input';
import { formatBytes, logRequestFailure } from './material-upload';

/** Handles a request and returns true, or returns false to let the next route try. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** Default largest request body: GraphQL documents are small; bulk inputs (access records) fit. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface GraphQLHttpHandlerOptions<TContext extends BaseContext> {
  /** Builds the request's context from the request and its parsed body; may throw a GraphQLError with `extensions.http.status`. */
  context: (req: IncomingMessage, body?: unknown) => Promise<TContext>;
  /** Path of the GraphQL endpoint. Default `/graphql`. */
  path?: string;
  /** Routes tried before the GraphQL endpoint (health, IDE, uploads…). */
  routes?: Route[];
  /** Largest accepted request body in bytes; a larger one is answered 413 unread. Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

/**
 * A node:http listener in front of an Apollo Server: the small part of an integration we need,
 * without a web framework. Besides passing requests on it
 * - refuses a body over `maxBodyBytes` (413) before reading it into memory;
 * - refuses U+0000 anywhere in the request's strings (BAD_USER_INPUT): PostgreSQL cannot store it,
 *   so letting it through only turns a client's mistake into a server error later;
 * - answers GraphQL request errors (parse, validation, variables) 200 under `application/json`,
 *   as GraphQL-over-HTTP asks; `application/graphql-response+json` keeps Apollo's 400.
 */
export function createGraphQLHttpHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: GraphQLHttpHandlerOptions<TContext>,
): RequestListener {
  const graphqlPath = options.path ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req, res) => {
    void (async () => {
      for (const route of options.routes ?? []) {
        if (await route(req, res)) return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== graphqlPath) return sendJson(res, 404, { error: '未找到 (not found)' });
      const body = await readBody(req, maxBodyBytes);
      if (body === TOO_LARGE) {
        return sendJson(res, 413, {
          errors: [
            {
              message: `请求体超过 ${formatBytes(maxBodyBytes)} 上限 (request body too large)`,
              extensions: { code: 'BAD_REQUEST', maxBytes: maxBodyBytes },
            },
          ],
        });
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const parsedBody = parseBody(body, headers);
      if (jsonDeeperThan(parsedBody, MAX_JSON_DEPTH) || searchDeeperThan(url.searchParams, MAX_JSON_DEPTH)) {
        return sendJson(res, 400, {
          errors: [
            {
              message: `请求的 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层 (request JSON nested too deeply)`,
              extensions: { code: 'BAD_REQUEST', maxDepth: MAX_JSON_DEPTH },
            },
          ],
        });
      }
      // Refused through Apollo's own "context failed" path, so the answer is negotiated (media
      // type, status) like any other request error, and nothing else runs, authentication included.
      const nul = (mayHoldDisallowed(body) && containsDisallowed(parsedBody)) || searchContainsDisallowed(url.searchParams);
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: parsedBody },
        context: nul ? () => Promise.reject(new DisallowedCharacterError()) : () => options.context(req, parsedBody),
      });
      res.statusCode = statusForMediaType(response);
      for (const [name, value] of response.headers) res.setHeader(name, value);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    })().catch((error: unknown) => {
      logRequestFailure(error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: '服务器内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  };
}

const TOO_LARGE = Symbol('too large');

/**
 * The body, or TOO_LARGE as soon as it passes `limit` (a declared Content-Length over it fails
 * before a byte is read). The rest of an oversized body is drained, not kept, so the client gets
 * the 413 rather than a reset connection.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return TOO_LARGE;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return TOO_LARGE;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * How deeply a request's JSON (the body, or GET's variables and extensions) may nest. No input of
 * the schema nests a tenth as deep; past a few thousand levels the code after this (JSON.stringify,
 * variable coercion) recurses out of stack and the request failed as INTERNAL_SERVER_ERROR.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests more than `max` arrays or objects deep. Iterative, stopping at the first too deep. */
export function jsonDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}

function searchDeeperThan(params: URLSearchParams, max: number): boolean {
  for (const name of ['variables', 'extensions']) {
    const text = params.get(name);
    if (text === null) continue;
    try {
      if (jsonDeeperThan(JSON.parse(text), max - 1)) return true;
    } catch {
      // Not JSON: Apollo refuses it with its own message.
    }
  }
  return false;
}

function parseBody(body: string, headers: HeaderMap): unknown {
  if (body === '') return undefined;
  if ((headers.get('content-type') ?? '').includes('application/json')) {
    try {
      return JSON.parse(body);
    } catch {
      return body; // Apollo answers 400 for a body that is not a JSON object.
    }
  }
  return body;
}

/**
 * False when no value decoded from the JSON `text` can hold a disallowed character: JSON writes a
 * control character only as an escape (`\u001b`, `\b`, `\f`; a raw one is not valid JSON, and such
 * a body stays text), and DEL and the bidirectional controls raw or escaped. One native search
 * instead of walking every value of the body (an entity fetch's representations, issue 14); a body
 * that may hold one is walked.
 */
function mayHoldDisallowed(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /\\u00[01]|\\u007f|\\[bf]|\\u20(?:2[a-e]|6[6-9])|[\u0000\u007f\u202a-\u202e\u2066-\u2069]/i.test(text);
}

/**
 * True when any string (or object key) in a decoded JSON value holds a disallowed character.
 * Iterative: a body may nest deeper than the call stack allows.
 */
export function containsDisallowed(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (DISALLOWED_CHARACTERS.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const child of item) pending.push(child); // not push(...item): a long array would overflow the stack
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (DISALLOWED_CHARACTERS.test(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/** GET carries `variables` and `extensions` as JSON text, whose escapes only show once decoded. */
function searchContainsDisallowed(params: URLSearchParams): boolean {
  for (const [name, value] of params) {
    if (DISALLOWED_CHARACTERS.test(value)) return true;
    if (name === 'variables' || name === 'extensions') {
      try {
        if (containsDisallowed(JSON.parse(value))) return true;
      } catch {
        // Not JSON: Apollo refuses it with its own message.
      }
    }
  }
  return false;
}

/**
 * GraphQL-over-HTTP: under `application/json` a well-formed request that fails to parse, validate
 * or coerce its variables is answered 200 (clients of that media type read errors from the body);
 * Apollo answers 400 whatever the media type. A malformed HTTP request (BAD_REQUEST: no query, a
 * body that is not a JSON object) keeps its 4xx, as do 401, 413 and 429.
 */
function statusForMediaType(response: HTTPGraphQLResponse): number {
  const status = response.status ?? 200;
  if (status !== 400 || response.body.kind !== 'complete') return status;
  if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) return status;
  let codes: unknown[];
  try {
    const parsed = JSON.parse(response.body.string) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    codes = (parsed.errors ?? []).map((error) => error.extensions?.code);
  } catch {
    return status;
  }
  return codes.length > 0 && !codes.includes('BAD_REQUEST') ? 200 : status;
}

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}
