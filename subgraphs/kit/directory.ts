// The directory the gateway checks identities against (gateway/src/directory.ts): whether a unit or
// a provider named in a token exists, and its region or status. Units live in the applications
// subgraph's schema, providers in the providers subgraph's, and the gateway has no database, so
// each answers on a small internal route that only the gateway's directory token opens.
import type { Route } from './http';
import { sendJson } from './http';
import { BadUserInputError, ErrorCode, GovCloudError } from './errors';
import { isUuid } from './ids';
import { requireDirectoryToken } from './internal-token';
import { sendErrorJson } from './material-upload';

export const DIRECTORY_PATH = '/internal/directory';

/** A user unit as the directory knows it. */
export interface UnitDirectoryEntry {
  id: string;
  code: string;
  regionCode: string;
  active: boolean;
}

/** A provider as the directory knows it. */
export interface ProviderDirectoryEntry {
  id: string;
  code: string;
  status: string;
}

export type DirectoryKind = 'units' | 'providers';

/** The path a directory question asks: `/internal/directory/<kind>/<id>`. */
export function directoryPathOf(kind: DirectoryKind, id: string): string {
  return `${DIRECTORY_PATH}/${kind}/${encodeURIComponent(id)}`;
}

/**
 * `GET /internal/directory/<kind>/<id>` → 200 `{ entry: … }`, or `{ entry: null }` for an id no row
 * has, so the gateway never mistakes a missing route (404) for an unknown unit. 401 without the
 * gateway's directory token; 400 for a malformed id.
 */
export function createDirectoryRoute<T>(options: {
  kind: DirectoryKind;
  internalTokenSecret: string;
  find: (id: string) => Promise<T | null>;
}): Route {
  const prefix = `${DIRECTORY_PATH}/${options.kind}/`;
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(prefix)) return false;
    req.resume();
    try {
      await requireDirectoryToken(req, options.internalTokenSecret);
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        throw new GovCloudError('目录查询只支持 GET (directory questions are GET only)', ErrorCode.BAD_USER_INPUT, {}, 405);
      }
      const id = decodedOrEmpty(path.slice(prefix.length));
      if (!isUuid(id)) throw new BadUserInputError('目录查询的标识须为 UUID (the id must be a UUID)', 'id');
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, { entry: await options.find(id.toLowerCase()) });
    } catch (error) {
      sendErrorJson(res, error);
    }
    return true;
  };
}

function decodedOrEmpty(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return ''; // a broken escape names no row: the malformed-id answer
  }
}
