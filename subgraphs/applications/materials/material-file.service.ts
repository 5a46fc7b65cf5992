// Uploading and downloading material files (第十一条, MATERIALS). An upload is a draft edit by the
// owning unit, through the mutation pipeline: the file, its metadata row, the history event and the
// audit entry commit in one transaction. A download is open to whoever's scope sees the
// application, and to nobody else, who learns nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../kit/errors';
import { requireInScope } from '../../kit/lookup';
import { MATERIALS_PATH } from '../../kit/material-upload';
import { runMutation, type MutationDefinition, type MutationTransaction } from '../../kit/mutation';
import { scopeOf, type Principal } from '../../kit/principal';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { MaterialEntity } from './material.entity';
import type { ApplicationsContext } from '../loaders';
import { nextStatus, rolesOf } from '../lifecycle/lifecycle.rules';
import { MATERIAL_LABELS } from './materials.rules';
import { applicationTarget, recordStep } from '../lifecycle/application-write.service';
import { scopeApplications } from '../lifecycle/application.scope';
import type { MaterialStore, StoredMaterial } from './store';
import { parseUploadRequest, type MaterialUpload, type UploadRequest } from './upload-request';

/** The relative download path at the gateway (and at the subgraph) for a stored file. */
export function downloadPathOf(fileId: string): string {
  return `${MATERIALS_PATH}/${fileId}`;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The upload as a mutation of the pipeline: the roles of a draft edit (FORBIDDEN), the request's
 * headers and bytes checked (BAD_USER_INPUT), the application locked with no version — an
 * upload carries none, the lock orders concurrent edits — and NOT_FOUND for another unit's
 * application, like a missing one. What the store leaves for after the transaction goes into
 * `stored` (storeMaterialUpload runs it).
 */
export function uploadMaterialMutation(
  store: MaterialStore,
  stored: StoredMaterial[],
): MutationDefinition<ApplicationsContext, UploadRequest, MaterialUpload, ApplicationEntity, MaterialEntity> {
  return {
    roles: rolesOf('UPDATE_DRAFT'),
    input: parseUploadRequest,
    targets: (upload) => [upload.applicationId],
    lock: (upload, ctx) => applicationTarget({ id: upload.applicationId }, ctx.scope),
    run: (tx, upload, application) => uploadMaterial(tx, application, store, upload, stored),
  };
}

/**
 * The whole upload, `uploadMaterial` in the audit trail: the pipeline's one transaction, then what
 * the store has left to do once it is known whether it committed (an object store cleans up what
 * the rollback or the replacement left).
 */
export async function storeMaterialUpload(ctx: ApplicationsContext, store: MaterialStore, request: UploadRequest): Promise<MaterialEntity> {
  const stored: StoredMaterial[] = [];
  let material: MaterialEntity;
  try {
    material = await runMutation(uploadMaterialMutation(store, stored), request, ctx, 'uploadMaterial');
  } catch (error) {
    for (const file of stored) await file.afterRollback();
    throw error;
  }
  for (const file of stored) await file.afterCommit();
  return material;
}

/**
 * Stores the file and upserts the application's material of that kind; the draft's version moves
 * on and the application's history records the upload, as any draft edit does (UPDATE_DRAFT).
 */
export async function uploadMaterial(
  tx: MutationTransaction,
  application: ApplicationEntity,
  store: MaterialStore,
  upload: MaterialUpload,
  stored: StoredMaterial[],
): Promise<MaterialEntity> {
  const { manager, principal } = tx;
  const to = nextStatus(application, 'UPDATE_DRAFT');
  const fileId = randomUUID();
  const sha256 = sha256Of(upload.bytes);
  const file = await store.put(manager, {
    id: fileId,
    applicationId: application.id,
    kind: upload.kind,
    contentType: upload.contentType,
    sha256,
    bytes: upload.bytes,
  });
  stored.push(file);
  const metadata = {
    fileName: upload.fileName,
    contentHash: sha256,
    sizeBytes: upload.bytes.length,
    contentType: upload.contentType,
    fileId,
    uploadedBy: principal.subject,
    uploadedAt: new Date(),
  };
  await manager
    .createQueryBuilder()
    .insert()
    .into(MaterialEntity)
    .values({ id: randomUUID(), applicationId: application.id, kind: upload.kind, ...metadata })
    .orUpdate(
      ['file_name', 'content_hash', 'size_bytes', 'content_type', 'file_id', 'uploaded_by', 'uploaded_at'],
      ['application_id', 'kind'],
    )
    .execute();
  tx.touched(fileId);
  await recordStep(manager, application, principal, {
    action: 'UPDATE_DRAFT',
    to,
    reason: `上传申请材料：${MATERIAL_LABELS[upload.kind]}（${upload.fileName}，SHA-256 ${sha256}）`,
  });
  return manager.getRepository(MaterialEntity).findOneByOrFail({ applicationId: application.id, kind: upload.kind });
}

export interface MaterialDownload {
  fileName: string;
  contentType: string;
  sha256: string;
  bytes: Buffer;
}

const FILE = '材料文件';

/**
 * The file, when it is the current file of a material whose application the caller's scope sees
 * (the same filter as the graph's lists). Missing, replaced and out-of-scope files are all the
 * same NOT_FOUND, so a caller learns nothing about what it may not see; a malformed id is
 * BAD_USER_INPUT (kit/lookup.ts).
 */
export async function downloadMaterial(
  dataSource: DataSource,
  store: MaterialStore,
  principal: Principal,
  fileId: string,
): Promise<MaterialDownload> {
  const scope = scopeOf(principal);
  const material = await requireInScope(
    fileId,
    (id) =>
      scopeApplications(
        dataSource
          .getRepository(MaterialEntity)
          .createQueryBuilder('material')
          .innerJoin(ApplicationEntity, 'application', 'application.id = material.application_id')
          .where('material.file_id = :fileId', { fileId: id }),
        scope,
        'application',
      ).getOne(),
    FILE,
    { field: 'fileId' },
  );
  if (!material.fileId || !material.contentType) throw new NotFoundError(FILE);
  const bytes = await store.get(dataSource.manager, material.fileId);
  if (!bytes) throw new NotFoundError(FILE);
  if (sha256Of(bytes) !== material.contentHash) {
    // Never hand out bytes that are not what the graph says they are.
    throw new Error(`material file ${material.fileId} does not match its recorded SHA-256`);
  }
  return { fileName: material.fileName, contentType: material.contentType, sha256: material.contentHash, bytes };
}
