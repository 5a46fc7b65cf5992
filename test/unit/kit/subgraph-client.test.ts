import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, GovCloudError } from '../../../subgraphs/kit/errors';
import { PRINCIPAL_HEADER, verifyInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { createSubgraphClient } from '../../../subgraphs/kit/subgraph-client';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const county: Principal = { subject: 'li.si', role: Role.COUNTY_AUTHORITY, regionCode: '371602' };

// A stand-in callee whose answer each test chooses by the query text.
type Reply = (req: IncomingMessage, res: ServerResponse, body: { query: string; variables?: unknown }) => void | Promise<void>;
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const replies: Record<string, Reply> = {
  ok: async (req, res, body) =>
    json(res, 200, {
      data: { principal: await verifyInternalToken(req.headers[PRINCIPAL_HEADER] as string, secret), variables: body.variables },
    }),
  rule: (_req, res) =>
    json(res, 200, {
      data: null,
      errors: [
        {
          message: '采购成交价超过最高限价（CATALOG_CAP）',
          extensions: { code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' },
        },
      ],
    }),
  forbidden: (_req, res) =>
    json(res, 200, { data: null, errors: [{ message: '无权执行此操作或访问此记录', extensions: { code: 'FORBIDDEN' } }] }),
  internal: (_req, res) =>
    json(res, 200, { data: null, errors: [{ message: '服务器内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
  validation: (_req, res) =>
    json(res, 400, { errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }),
  status500: (_req, res) => json(res, 500, { data: { looksFine: true } }),
  garbage: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('<html>proxy error</html>');
  },
  slow: () => undefined, // never answers
};

let server: Server;
let url: string;
const logged: string[] = [];
const client = (timeoutMs = 3000) =>
  createSubgraphClient({ name: 'providers', url, internalTokenSecret: secret, timeoutMs, log: (line) => logged.push(line) });

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as { query: string; variables?: unknown };
      void replies[body.query]!(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<GovCloudError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GovCloudError);
  return error as GovCloudError;
}

describe('createSubgraphClient', () => {
  it("signs the caller's principal, so the callee applies the same scope, and returns data", async () => {
    const data = await client().request<{ principal: Principal; variables: unknown }>(county, 'ok', { id: 'x' });
    expect(data.principal).toMatchObject({ subject: 'li.si', role: 'COUNTY_AUTHORITY', regionCode: '371602' });
    expect(data.variables).toEqual({ id: 'x' });
  });

  it("re-throws the callee's own errors with their code and extensions", async () => {
    const rule = await failure(client().request(county, 'rule'));
    expect(rule.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'CATALOG_CAP', article: '第八条' });
    expect(rule.message).toContain('CATALOG_CAP');
    expect((await failure(client().request(county, 'forbidden'))).extensions.code).toBe(ErrorCode.FORBIDDEN);
  });

  it.each(['internal', 'validation', 'status500', 'garbage'])(
    'a %s answer is SERVICE_UNAVAILABLE naming the subgraph, never a pass',
    async (reply) => {
      const error = await failure(client().request(county, reply));
      expect(error.extensions.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
      expect(error.message).toBe('服务商子图暂时不可用，请稍后重试');
    },
  );

  it('a callee that does not answer in time is SERVICE_UNAVAILABLE', async () => {
    const started = Date.now();
    const error = await failure(client(200).request(county, 'slow'));
    expect(error.extensions.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logged.at(-1)).toContain('no answer within 200 ms');
  });

  it('an unreachable callee is SERVICE_UNAVAILABLE', async () => {
    const dead = createSubgraphClient({
      name: 'security',
      url: 'http://127.0.0.1:2/graphql',
      internalTokenSecret: secret,
      log: () => undefined,
    });
    const error = await failure(dead.request(county, 'ok'));
    expect(error.extensions.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(error.message).toBe('安全子图暂时不可用，请稍后重试');
  });
});
