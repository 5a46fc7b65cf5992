// An upload as it arrives at POST /materials — its headers and its raw body — and the check that
// turns it into a MaterialUpload: the mutation pipeline's input step, run after the role check.
import type { IncomingHttpHeaders } from 'node:http';
import { BadUserInputError } from '../../kit/errors';
import { MATERIAL_HEADERS } from '../../kit/material-upload';
import { checkMaterialFile, parseFileName, parseMaterialKind } from './file-type';
import type { MaterialKind } from '../generated/graphql';

export interface MaterialUpload {
  applicationId: string;
  kind: MaterialKind;
  fileName: string;
  /** Already checked against the content (checkMaterialFile). */
  contentType: string;
  bytes: Buffer;
}

export interface UploadRequest {
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** Headers, then the bytes against the declared type (BAD_USER_INPUT naming what is wrong). */
export function parseUploadRequest(request: UploadRequest): MaterialUpload {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const kind = parseMaterialKind(header(MATERIAL_HEADERS.kind));
  const fileName = parseFileName(header(MATERIAL_HEADERS.fileName));
  const applicationId = (header(MATERIAL_HEADERS.applicationId) ?? '').trim();
  if (!applicationId) throw new BadUserInputError('缺少申请标识：请在 x-application-id 请求头中提供', 'applicationId');
  const contentType = checkMaterialFile({ declaredType: header('content-type'), fileName, bytes: request.bytes });
  return { applicationId, kind, fileName, contentType, bytes: request.bytes };
}
