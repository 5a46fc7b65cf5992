// The applications subgraph's material routes, behind the gateway's /materials proxy:
//   POST /materials         raw file body; headers content-type, x-file-name, x-application-id, x-material-kind
//   GET  /materials/<id>    the file, to whoever's scope sees its application
// Like the GraphQL endpoint, both need the principal the gateway signed (401 otherwise).
import type { IncomingMessage } from 'node:http';
import type { DataSource } from 'typeorm';
import { requestIdOf } from '../../kit/context';
import { ErrorCode, GovCloudError } from '../../kit/errors';
import type { Route } from '../../kit/http';
import { formatInstant } from '../../kit/instants';
import { principalOfRequest } from '../../kit/internal-token';
import { MATERIAL_HEADERS, MATERIALS_PATH, readBodyWithin, readMaterialMaxBytes, sendErrorJson } from '../../kit/material-upload';
import { scopeOf, type Principal } from '../../kit/principal';
import type { MaterialEntity } from './material.entity';
import { createLoaders, type ApplicationsContext } from '../loaders';
import { rolesOf } from '../lifecycle/lifecycle.rules';
import { contentDisposition } from './file-type';
import { downloadMaterial, downloadPathOf, storeMaterialUpload } from './material-file.service';
import { createMaterialStore, type MaterialStore } from './store';

export interface MaterialRoutesOptions {
  dataSource: DataSource;
  internalTokenSecret: string;
  store: MaterialStore;
  /** MATERIAL_MAX_BYTES. */
  maxBytes: number;
}

/** An upload is a draft edit (第十一条): the owning unit's. */
const UPLOAD_ROLES = rolesOf('UPDATE_DRAFT');

const METHOD_NOT_ALLOWED = '不支持的请求方法：上传材料用 POST /materials，下载用 GET /materials/<文件标识>';

export function createMaterialRoutes(options: MaterialRoutesOptions): Route {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== MATERIALS_PATH && !path.startsWith(`${MATERIALS_PATH}/`)) return false;
    try {
      const principal = await principalOfRequest(req, options.internalTokenSecret);
      if (req.method === 'POST' && path === MATERIALS_PATH) {
        const material = await upload(req, principal, options);
        res.statusCode = 201;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify({ material: materialJson(material) }));
        return true;
      }
      if (req.method === 'GET' && path.startsWith(`${MATERIALS_PATH}/`)) {
        const fileId = path.slice(MATERIALS_PATH.length + 1);
        const file = await downloadMaterial(options.dataSource, options.store, principal, fileId);
        res.statusCode = 200;
        res.setHeader('content-type', file.contentType);
        res.setHeader('content-length', String(file.bytes.length));
        res.setHeader('content-disposition', contentDisposition(file.fileName));
        res.setHeader(MATERIAL_HEADERS.sha256, file.sha256);
        res.setHeader('cache-control', 'private, no-store');
        res.setHeader('x-content-type-options', 'nosniff');
        res.end(file.bytes);
        return true;
      }
      req.resume();
      res.setHeader('allow', path === MATERIALS_PATH ? 'POST' : 'GET');
      sendErrorJson(res, new GovCloudError(METHOD_NOT_ALLOWED, ErrorCode.BAD_USER_INPUT, {}, 405));
    } catch (error) {
      req.resume();
      sendErrorJson(res, error);
    }
    return true;
  };
}

/**
 * The body within the limit, then the pipeline, as `uploadMaterial` in the audit trail: role, the
 * headers and the file's type, the application locked, the writes. The context is built like the
 * GraphQL one (kit/context.ts), from the principal the gateway signed and its request id.
 */
async function upload(req: IncomingMessage, principal: Principal, options: MaterialRoutesOptions): Promise<MaterialEntity> {
  const scope = scopeOf(principal);
  const ctx: ApplicationsContext = {
    principal,
    scope,
    loaders: createLoaders(options.dataSource, principal, scope),
    dataSource: options.dataSource,
    requestId: requestIdOf(req),
  };
  // A role that may not upload is refused without its body being read; the pipeline records it.
  const mayUpload = UPLOAD_ROLES.includes(principal.role);
  const bytes = mayUpload ? await readBodyWithin(req, options.maxBytes) : Buffer.alloc(0);
  return storeMaterialUpload(ctx, options.store, { headers: req.headers, bytes });
}

/** What an upload answers: the metadata the graph's ApplicationMaterial shows. */
export function materialJson(material: MaterialEntity) {
  return {
    id: material.id,
    applicationId: material.applicationId,
    kind: material.kind,
    fileName: material.fileName,
    contentType: material.contentType,
    sizeBytes: material.sizeBytes,
    sha256: material.contentHash,
    downloadUrl: material.fileId ? downloadPathOf(material.fileId) : null,
    uploadedBy: material.uploadedBy,
    uploadedAt: formatInstant(material.uploadedAt),
  };
}

/**
 * The routes as configured by the environment: MATERIAL_STORE (with MATERIAL_S3_*) and
 * MATERIAL_MAX_BYTES. A bad value, or a bucket that is missing or does not answer, stops the start.
 */
export async function materialRoutesFromEnv(
  options: { dataSource: DataSource; internalTokenSecret: string },
  env = process.env,
): Promise<Route> {
  const maxBytes = readMaterialMaxBytes(env);
  const store = createMaterialStore(env);
  await store.verify();
  return createMaterialRoutes({ dataSource: options.dataSource, internalTokenSecret: options.internalTokenSecret, store, maxBytes });
}
