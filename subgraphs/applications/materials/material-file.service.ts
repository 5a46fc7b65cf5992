// Uploading and downloading material files (第十一条, MATERIALS). An upload is a draft edit by the
// owning unit: the file, its metadata row and the audit event commit in one transaction. A download
// is open to whoever's scope sees the application, and to nobody else, who learns nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { requireInScope } from '../../kit/lookup';
import { MATERIALS_PATH } from '../../kit/material-upload';
import { scopeOf, type Principal } from '../../kit/principal';
import { ApplicationEntity } from '../entities/application.entity';
import { MaterialEntity } from '../entities/material.entity';
import { assertRoleMay, nextStatus } from '../rules/lifecycle';
import { MATERIAL_LABELS, type MaterialKind } from '../rules/materials';
import { lockApplication, recordStep } from '../services/application-write';
import { scopeApplications } from '../services/scope';
import type { MaterialStore, StoredMaterial } from './store';

export interface MaterialUpload {
  applicationId: string;
  kind: MaterialKind;
  fileName: string;
  /** Already checked against the content (file-type.ts). */
  contentType: string;
  bytes: Buffer;
}

/** The relative download path at the gateway (and at the subgraph) for a stored file. */
export function downloadPathOf(fileId: string): string {
  return `${MATERIALS_PATH}/${fileId}`;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The whole upload: one transaction, then what the store has left to do once it is known whether
 * the transaction committed (an object store cleans up what the rollback or the replacement left).
 */
export async function storeMaterialUpload(
  dataSource: DataSource,
  store: MaterialStore,
  principal: Principal,
  upload: MaterialUpload,
): Promise<MaterialEntity> {
  const stored: StoredMaterial[] = [];
  let material: MaterialEntity;
  try {
    material = await inTransaction(dataSource, (manager) => uploadMaterial(manager, store, principal, upload, stored));
  } catch (error) {
    for (const file of stored) await file.afterRollback();
    throw error;
  }
  for (const file of stored) await file.afterCommit();
  return material;
}

/**
 * Stores the file and upserts the application's material of that kind; the draft's version moves
 * on and the audit trail records the upload, as any draft edit does (UPDATE_DRAFT). What the store
 * leaves for after the transaction goes into `stored` (storeMaterialUpload runs it).
 */
export async function uploadMaterial(
  manager: EntityManager,
  store: MaterialStore,
  principal: Principal,
  upload: MaterialUpload,
  stored: StoredMaterial[],
): Promise<MaterialEntity> {
  assertRoleMay(principal.role, 'UPDATE_DRAFT');
  const application = await lockApplication(manager, upload.applicationId, principal, await currentVersion(manager, upload.applicationId));
  // The unit's own drafts only: lockApplication's scope check already holds for a USER_UNIT.
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
  await recordStep(manager, application, principal, {
    action: 'UPDATE_DRAFT',
    to,
    reason: `上传申请材料：${MATERIAL_LABELS[upload.kind]}（${upload.fileName}，SHA-256 ${sha256}）`,
  });
  return manager.getRepository(MaterialEntity).findOneByOrFail({ applicationId: application.id, kind: upload.kind });
}

/** Uploads carry no version: the row lock orders concurrent edits, so the current one is expected. */
async function currentVersion(manager: EntityManager, applicationId: string): Promise<number> {
  if (!isUuid(applicationId)) throw new NotFoundError('上云申请');
  const row = await manager.getRepository(ApplicationEntity).findOne({ where: { id: applicationId }, select: { id: true, version: true } });
  if (!row) throw new NotFoundError('上云申请');
  return row.version;
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
