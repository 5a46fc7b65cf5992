// What the gateway and the applications subgraph share about material files (第十一条, MATERIALS):
// the HTTP path and headers of an upload, the size limit, and JSON errors shaped like GraphQL's so a
// client handles both alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from './config';
import { ErrorCode, GovCloudError } from './errors';
import { componentLogger } from './log';

/** `POST /materials` uploads; `GET /materials/<fileId>` downloads. Same path at the gateway and the subgraph. */
export const MATERIALS_PATH = '/materials';

/** Upload headers: the body is the file's raw bytes. */
export const MATERIAL_HEADERS = {
  /** The file's name, URI-encoded UTF-8 (`encodeURIComponent`), so Chinese names survive HTTP headers. */
  fileName: 'x-file-name',
  applicationId: 'x-application-id',
  /** One of the four kinds of MaterialKind. */
  kind: 'x-material-kind',
  /** Set on downloads: the file's SHA-256, lowercase hex. */
  sha256: 'x-content-sha256',
} as const;

export const DEFAULT_MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

/** `MATERIAL_MAX_BYTES`: the largest material file accepted, in bytes (default 20 MiB). */
export function readMaterialMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MATERIAL_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_MATERIAL_MAX_BYTES;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(`MATERIAL_MAX_BYTES 须为正整数字节数 (must be a positive whole number of bytes): ${raw}`);
  }
  return value;
}

/** "20 MiB", "512 KiB": the limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} 字节`;
}

export class PayloadTooLargeError extends GovCloudError {
  constructor(maxBytes: number) {
    super(`材料文件过大：不得超过 ${formatBytes(maxBytes)}（MATERIAL_MAX_BYTES）`, ErrorCode.BAD_USER_INPUT, { maxBytes }, 413);
    this.name = 'PayloadTooLargeError';
  }
}

/** How long an upload may send nothing before its connection is closed. */
export const UPLOAD_IDLE_MS = 30_000;

export class UploadStalledError extends GovCloudError {
  constructor(idleMs: number) {
    super(`材料上传中断：${idleMs / 1000} 秒内未收到数据，连接已关闭，请重新上传`, ErrorCode.BAD_USER_INPUT, { idleMs }, 408);
    this.name = 'UploadStalledError';
  }
}

/**
 * The request's body, or PayloadTooLargeError as soon as it passes `maxBytes` (a declared
 * Content-Length over the limit fails before a byte is read). The rest of an oversized body is
 * drained, not read into memory, so the client receives the 413 instead of a reset connection.
 * A client that sends nothing for `idleMs` has its connection closed (UploadStalledError), rather
 * than holding it until the server's request timeout, minutes later.
 */
export async function readBodyWithin(req: IncomingMessage, maxBytes: number, idleMs = UPLOAD_IDLE_MS): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new PayloadTooLargeError(maxBytes);
  }
  const stalled = () => req.destroy(new UploadStalledError(idleMs));
  req.setTimeout(idleMs, stalled);
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        req.resume();
        throw new PayloadTooLargeError(maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } finally {
    // The socket outlives the request on a kept-alive connection: its idle limit goes with the upload.
    req.off('timeout', stalled);
    req.socket?.setTimeout(0);
  }
}

const STATUS_OF_CODE: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RULE_VIOLATION]: 422,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * Logs a request that failed outside GraphQL's own error handling: at error level, unless the
 * client went away mid-request (Node's `aborted`, ECONNRESET), which is the client's doing and
 * only noise in the error log and its alerts.
 */
export function logRequestFailure(error: unknown): void {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNRESET' && message === 'aborted') componentLogger('http').info('client closed the request before it was read');
  else componentLogger('http').error({ err: error }, 'request failed');
}

/**
 * Answers `{ errors: [{ message, extensions }] }` with the HTTP status the error's code implies.
 * Anything that is not one of our own errors is logged and masked, as GraphQL responses are.
 */
export function sendErrorJson(res: ServerResponse, error: unknown): void {
  if (!(error instanceof GovCloudError)) {
    logRequestFailure(error);
    error = new GovCloudError('服务器内部错误', ErrorCode.INTERNAL_SERVER_ERROR);
  }
  const { message, extensions } = error as GovCloudError;
  const { http, ...rest } = extensions as { http?: { status?: number }; code?: string };
  const status = http?.status ?? STATUS_OF_CODE[String(rest.code)] ?? 500;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ errors: [{ message, extensions: rest }] }));
}
