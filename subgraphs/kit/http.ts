import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Handles a request and returns true, or returns false to let the next route try. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface GraphQLHttpHandlerOptions<TContext extends BaseContext> {
  /** Builds the request's context; may throw a GraphQLError with `extensions.http.status`. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Path of the GraphQL endpoint. Default `/graphql`. */
  path?: string;
  /** Routes tried before the GraphQL endpoint (health, IDE, uploads…). */
  routes?: Route[];
  /** Largest accepted request body. Default 2 MiB. */
  maxBodyBytes?: number;
}

/**
 * A node:http listener in front of an Apollo Server: the small part of an integration we need,
 * without a web framework.
 */
export function createGraphQLHttpHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: GraphQLHttpHandlerOptions<TContext>,
): RequestListener {
  const graphqlPath = options.path ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  return (req, res) => {
    void (async () => {
      for (const route of options.routes ?? []) {
        if (await route(req, res)) return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== graphqlPath) return sendJson(res, 404, { error: '未找到 (not found)' });
      const body = await readBody(req, maxBodyBytes);
      if (body === TOO_LARGE) return sendJson(res, 413, { errors: [{ message: '请求体过大', extensions: { code: 'BAD_REQUEST' } }] });
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: parseBody(body, headers) },
        context: () => options.context(req),
      });
      res.statusCode = response.status ?? 200;
      for (const [name, value] of response.headers) res.setHeader(name, value);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    })().catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: '服务器内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  };
}

const TOO_LARGE = Symbol('too large');

async function readBody(req: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}
