// The gateway's /materials proxy against a small fake applications subgraph over real HTTP (no
// database): what it passes on and back, and what it answers itself — 401 before the subgraph is
// asked, 413 before the body crosses the network, 503 when the subgraph is down.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../../gateway/src/auth';
import { createMaterialsProxy } from '../../../gateway/src/materials-proxy';
import { UnauthenticatedError } from '../../../subgraphs/kit/errors';
import { sendJson, type Route } from '../../../subgraphs/kit/http';
import { PRINCIPAL_HEADER, verifyInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role } from '../../../subgraphs/kit/principal';

const UNIT_ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';

const SECRET = 'unit-test-internal-secret-0123456789abcdef';
const MAX_BYTES = 1024;

/** A request the fake subgraph received. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const seen: Seen[] = [];
let subgraph: Server;
let gateway: Server;
let gatewayUrl: string;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Bearer "good" is a unit; "bad" is refused as auth.ts refuses an invalid token; none is anonymous. */
async function authenticate(req: IncomingMessage): Promise<GatewayContext> {
  const header = req.headers.authorization;
  if (header === 'Bearer bad') throw new UnauthenticatedError('访问令牌无效');
  return { principal: header === 'Bearer good' ? { subject: 'u1', role: Role.USER_UNIT, unitId: UNIT_ID, regionCode: '371602' } : null };
}

function gatewayWith(applicationsUrl: string): Server {
  const proxy: Route = createMaterialsProxy({ applicationsUrl, internalTokenSecret: SECRET, authenticate, maxBytes: MAX_BYTES });
  return createServer((req, res) => {
    void (async () => {
      if (!(await proxy(req, res))) sendJson(res, 404, {});
    })();
  });
}

beforeAll(async () => {
  subgraph = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      if (req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'application/pdf',
          'content-disposition': 'attachment; filename="a.pdf"',
          'x-content-sha256': 'ab'.repeat(32),
          'cache-control': 'private, no-store',
          'set-cookie': 'leak=1',
        });
        res.end('%PDF-bytes');
      } else sendJson(res, 201, { material: { id: 'm1' } });
    });
  });
  const subgraphUrl = await listen(subgraph);
  gateway = gatewayWith(`${subgraphUrl}/graphql`);
  gatewayUrl = await listen(gateway);
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => subgraph.close(resolve));
});

function post(headers: Record<string, string>, body: Uint8Array = Buffer.from('%PDF-1.7')): Promise<Response> {
  return fetch(`${gatewayUrl}/materials`, {
    method: 'POST',
    headers: {
      'content-type': 'application/pdf',
      'x-file-name': 'a.pdf',
      'x-application-id': 'app-1',
      'x-material-kind': 'CONSTRUCTION_PLAN',
      ...headers,
    },
    body: new Uint8Array(body),
  });
}

describe('gateway /materials', () => {
  it('passes an upload on with the upload headers and the signed principal, and nothing else', async () => {
    seen.length = 0;
    const response = await post({ authorization: 'Bearer good', cookie: 'session=1', [PRINCIPAL_HEADER]: 'forged' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ material: { id: 'm1' } });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: '/materials' });
    expect(request!.body.toString()).toBe('%PDF-1.7');
    expect(request!.headers).toMatchObject({ 'x-file-name': 'a.pdf', 'x-application-id': 'app-1', 'x-material-kind': 'CONSTRUCTION_PLAN' });
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.headers.cookie).toBeUndefined();
    const principal = await verifyInternalToken(request!.headers[PRINCIPAL_HEADER] as string, SECRET);
    expect(principal).toMatchObject({ subject: 'u1', role: 'USER_UNIT', unitId: UNIT_ID });
  });

  it('passes a download back with its file headers only', async () => {
    const response = await fetch(`${gatewayUrl}/materials/3f1c2a4e-0000-4000-8000-000000000001`, {
      headers: { authorization: 'Bearer good' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-bytes');
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/materials/3f1c2a4e-0000-4000-8000-000000000001' });
    expect(response.headers.get('x-content-sha256')).toBe('ab'.repeat(32));
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('answers 401 UNAUTHENTICATED itself without a token or with a bad one', async () => {
    seen.length = 0;
    for (const response of [await post({}), await post({ authorization: 'Bearer bad' }), await fetch(`${gatewayUrl}/materials/x`)]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(seen).toEqual([]);
  });

  it('answers 413 in Chinese for a body over the limit, declared or streamed, without passing it on', async () => {
    seen.length = 0;
    const response = await post({ authorization: 'Bearer good' }, Buffer.alloc(MAX_BYTES + 1));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toContain('1 KiB');
    const streamed = await fetch(`${gatewayUrl}/materials`, {
      method: 'POST',
      headers: { authorization: 'Bearer good', 'content-type': 'application/pdf' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(MAX_BYTES));
          controller.enqueue(new Uint8Array(1));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('answers 405 to other methods and 503 when the applications subgraph is down', async () => {
    const put = await fetch(`${gatewayUrl}/materials`, { method: 'PUT', headers: { authorization: 'Bearer good' } });
    expect(put.status).toBe(405);
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const down = gatewayWith(`${closedUrl}/graphql`);
    const downUrl = await listen(down);
    try {
      const response = await fetch(`${downUrl}/materials/x`, { headers: { authorization: 'Bearer good' } });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
