// Where a material's bytes live. The metadata (name, type, size, hash, who, when) is always the
// `application_material` row; the store keeps only the content, by file id. PostgreSQL is the one
// store implemented; `MATERIAL_STORE` chooses it, and names an S3-compatible store once one exists.
import type { EntityManager } from 'typeorm';
import { ConfigError } from '../../kit/config';
import type { MaterialKind } from '../rules/materials';

export interface MaterialObject {
  /** The file id, new for every upload (download URLs name it). */
  id: string;
  applicationId: string;
  /** A store keeps one file per application and kind: putting one replaces the previous. */
  kind: MaterialKind;
  contentType: string;
  /** SHA-256, lowercase hex (an object store may use it as an integrity check). */
  sha256: string;
  bytes: Buffer;
}

export interface MaterialStore {
  readonly name: MaterialStoreName;
  /**
   * Stores the file within `manager`'s transaction, replacing the application's previous file of
   * that kind, so the file and its metadata commit or roll back together.
   */
  put(manager: EntityManager, object: MaterialObject): Promise<void>;
  /** The file's bytes, or null when there is none by that id. The caller has checked the caller may read it. */
  get(manager: EntityManager, fileId: string): Promise<Buffer | null>;
}

export type MaterialStoreName = 'postgres';

const FILES = '"applications"."material_file"';

/** Files as `bytea` rows in `applications.material_file`, in the same transaction as their metadata. */
export const postgresMaterialStore: MaterialStore = {
  name: 'postgres',
  async put(manager, object) {
    await manager.query(`DELETE FROM ${FILES} WHERE application_id = $1 AND kind = $2`, [object.applicationId, object.kind]);
    await manager.query(`INSERT INTO ${FILES} (id, application_id, kind, content, created_at) VALUES ($1, $2, $3, $4, now())`, [
      object.id,
      object.applicationId,
      object.kind,
      object.bytes,
    ]);
  },
  async get(manager, fileId) {
    const rows = (await manager.query(`SELECT content FROM ${FILES} WHERE id = $1`, [fileId])) as Array<{ content: Buffer }>;
    return rows[0]?.content ?? null;
  },
};

/** `MATERIAL_STORE`: `postgres` (the default). An S3-compatible store is planned, not implemented. */
export function createMaterialStore(env: NodeJS.ProcessEnv = process.env): MaterialStore {
  const name = env.MATERIAL_STORE?.trim() || 'postgres';
  if (name === 'postgres') return postgresMaterialStore;
  if (name === 's3') {
    throw new ConfigError('MATERIAL_STORE=s3 尚未实现：目前只支持 postgres (the S3-compatible material store is not implemented yet)');
  }
  throw new ConfigError(`MATERIAL_STORE 只能为 postgres (unknown material store): ${name}`);
}
