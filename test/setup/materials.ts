// Application materials in tests are what they are in the graph: files uploaded to POST /materials
// (第十一条, MATERIALS), at the gateway with a user's token or at the applications subgraph with a
// principal signed as the gateway signs it. One place for the request, so tests differ only in who asks.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { pdfDocument } from '../../subgraphs/applications/materials/materials.seed';
import { PRINCIPAL_HEADER, signInternalToken } from '../../subgraphs/kit/internal-token';
import { MATERIAL_HEADERS, MATERIALS_PATH } from '../../subgraphs/kit/material-upload';
import type { Principal } from '../../subgraphs/kit/principal';
import { TEST_INTERNAL_SECRET } from './subgraph';

export const ALL_MATERIAL_KINDS = ['CONSTRUCTION_PLAN', 'SELF_TEST_REPORT', 'RESOURCE_REQUEST_FORM', 'SECURITY_RESPONSIBILITY_LETTER'];

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small valid one-page PDF naming `kind`, so uploads pass the content check as real files do. */
export function materialPdf(kind: string): Buffer {
  return pdfDocument(`${kind}.pdf`, ['GovCloud Graph test material', `Material kind: ${kind}`]);
}

/** How a caller proves who it is: a user's Bearer token at the gateway, or a signed principal at the subgraph. */
export type MaterialAuth = { token: string } | { principal: Principal } | null;

async function authHeaders(auth: MaterialAuth): Promise<Record<string, string>> {
  if (!auth) return {};
  if ('token' in auth) return { authorization: `Bearer ${auth.token}` };
  return { [PRINCIPAL_HEADER]: await signInternalToken(auth.principal, TEST_INTERNAL_SECRET) };
}

export interface MaterialUpload {
  applicationId: string;
  kind: string;
  /** Default `<kind>.pdf`. */
  fileName?: string;
  /** Default application/pdf. */
  contentType?: string;
  /** Default materialPdf(kind). */
  bytes?: Buffer;
}

/** `POST <origin>/materials` with the file's raw bytes and the upload headers. */
export async function postMaterial(origin: string | URL, auth: MaterialAuth, upload: MaterialUpload): Promise<Response> {
  return fetch(new URL(MATERIALS_PATH, origin), {
    method: 'POST',
    headers: {
      ...(await authHeaders(auth)),
      'content-type': upload.contentType ?? 'application/pdf',
      [MATERIAL_HEADERS.fileName]: encodeURIComponent(upload.fileName ?? `${upload.kind}.pdf`),
      [MATERIAL_HEADERS.applicationId]: upload.applicationId,
      [MATERIAL_HEADERS.kind]: upload.kind,
    },
    body: new Uint8Array(upload.bytes ?? materialPdf(upload.kind)),
  });
}

/** Uploads a PDF for each of `kinds`, one after another (each is a draft edit); every one must be stored. */
export async function uploadMaterials(
  origin: string | URL,
  auth: MaterialAuth,
  applicationId: string,
  kinds: readonly string[],
): Promise<void> {
  for (const kind of kinds) {
    const response = await postMaterial(origin, auth, { applicationId, kind });
    const answer = await response.text();
    expect(response.status, `${kind}: ${answer}`).toBe(201);
  }
}
