// Material files at the gateway's address (第十一条, MATERIALS): `POST /materials` uploads and
// `GET /materials/<fileId>` downloads, authenticated exactly like /graphql (the user's Bearer JWT),
// then passed to the applications subgraph's own /materials routes with the principal signed for
// it. The size limit is enforced here too, so an oversized upload never crosses the network.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ErrorCode, GovCloudError, ServiceUnavailableError, UnauthenticatedError } from '../../subgraphs/kit/errors';
import type { Route } from '../../subgraphs/kit/http';
import { PRINCIPAL_HEADER } from '../../subgraphs/kit/internal-token';
import { MATERIAL_HEADERS, MATERIALS_PATH, readBodyWithin, sendErrorJson } from '../../subgraphs/kit/material-upload';
import { REQUEST_ID_HEADER } from '../../subgraphs/kit/context';
import { componentLogger, currentRequest } from '../../subgraphs/kit/log';
import { internalTokenOf, MESSAGES, type GatewayContext } from './auth';

const log = componentLogger('materials-proxy');

export interface MaterialsProxyOptions {
  /** The applications subgraph's GraphQL URL; its /materials routes are on the same origin. */
  applicationsUrl: string;
  internalTokenSecret: string;
  /** The gateway's request authentication (auth.ts), the same one GraphQL requests get. */
  authenticate: (req: IncomingMessage) => Promise<GatewayContext>;
  /** MATERIAL_MAX_BYTES. */
  maxBytes: number;
}

/** Upload headers passed on to the subgraph; nothing else the client sent is. */
const UPLOAD_HEADERS = ['content-type', MATERIAL_HEADERS.fileName, MATERIAL_HEADERS.applicationId, MATERIAL_HEADERS.kind];
/** Download headers passed back to the client. */
const DOWNLOAD_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  MATERIAL_HEADERS.sha256,
  'cache-control',
  'x-content-type-options',
];
const UPSTREAM_TIMEOUT_MS = 60_000;
/** SETTLEMENT_JAN5 (第十六条): `GET /settlements/<id>.csv` exports a settlement, authenticated and relayed the same way. */
const SETTLEMENTS_PREFIX = '/settlements/';

export function createMaterialsProxy(options: MaterialsProxyOptions): Route {
  const base = new URL(MATERIALS_PATH, options.applicationsUrl);
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const settlementExport = path.startsWith(SETTLEMENTS_PREFIX);
    if (!settlementExport && path !== MATERIALS_PATH && !path.startsWith(`${MATERIALS_PATH}/`)) return false;
    try {
      const context = await options.authenticate(req);
      if (!context.principal) throw new UnauthenticatedError(MESSAGES.required);
      const principalToken = await internalTokenOf(context, options.internalTokenSecret)!;
      if (settlementExport) {
        req.resume(); // no body: the subgraph answers 405 to anything but GET
        const method = req.method === 'GET' ? 'GET' : 'POST';
        await relay(
          res,
          await callSubgraph(new URL(path, base), { method, headers: { [PRINCIPAL_HEADER]: principalToken } }),
          DOWNLOAD_HEADERS,
        );
        return true;
      }
      if (req.method === 'POST' && path === MATERIALS_PATH) {
        const body = await readBodyWithin(req, options.maxBytes);
        const headers: Record<string, string> = { [PRINCIPAL_HEADER]: principalToken };
        for (const name of UPLOAD_HEADERS) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        await relay(res, await callSubgraph(base, { method: 'POST', headers, body }), ['content-type', 'cache-control']);
        return true;
      }
      if (req.method === 'GET' && path.startsWith(`${MATERIALS_PATH}/`)) {
        const target = new URL(`${MATERIALS_PATH}/${encodeURIComponent(path.slice(MATERIALS_PATH.length + 1))}`, base);
        await relay(res, await callSubgraph(target, { method: 'GET', headers: { [PRINCIPAL_HEADER]: principalToken } }), DOWNLOAD_HEADERS);
        return true;
      }
      req.resume();
      res.setHeader('allow', path === MATERIALS_PATH ? 'POST' : 'GET');
      sendErrorJson(
        res,
        new GovCloudError(
          '不支持的请求方法：上传材料用 POST /materials，下载用 GET /materials/<文件标识>',
          ErrorCode.BAD_USER_INPUT,
          {},
          405,
        ),
      );
    } catch (error) {
      req.resume();
      sendErrorJson(res, error);
    }
    return true;
  };
}

async function callSubgraph(url: URL, init: { method: string; headers: Record<string, string>; body?: Uint8Array }): Promise<Response> {
  const request = currentRequest();
  if (request) {
    init.headers[REQUEST_ID_HEADER] = request.requestId;
    request.subgraphs.add('applications');
  }
  try {
    return await fetch(url, { ...init, body: init.body as BodyInit | undefined, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  } catch (error) {
    log.warn({ err: error, subgraph: 'applications' }, 'applications subgraph /materials failed');
    throw new ServiceUnavailableError('子图 applications 暂不可用，请稍后重试 (subgraph unavailable)');
  }
}

/** The subgraph's status, chosen headers and body, streamed (a download is never held whole here). */
async function relay(res: ServerResponse, response: Response, headers: readonly string[]): Promise<void> {
  res.statusCode = response.status;
  for (const name of headers) {
    const value = response.headers.get(name);
    if (value !== null) res.setHeader(name, value);
  }
  if (!response.body) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)
      .on('error', reject)
      .pipe(res)
      .on('finish', resolve)
      .on('error', reject);
  });
}
