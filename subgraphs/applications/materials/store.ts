// Where a material's bytes live. The metadata (name, type, size, hash, who, when) is always the
// `application_material` row, and every file has its `material_file` row in the same transaction;
// the row says which store holds the bytes: PostgreSQL (`content`) or an S3-compatible bucket
// (`object_key`). MATERIAL_STORE chooses where new uploads go; reads follow the row, so switching
// the setting leaves earlier download links working.
import type { EntityManager } from 'typeorm';
import { ServiceUnavailableError } from '../../kit/errors';
import { lazyMaterialBucket } from './lazy-bucket';
import type { MaterialBucket } from './s3-bucket';
import { readMaterialStoreConfig, type MaterialStoreName } from './store-config';
import type { MaterialKind } from '../generated/graphql';
import { componentLogger } from '../../kit/log';

export type { MaterialStoreName } from './store-config';

export interface MaterialObject {
  /** The file id, new for every upload (download URLs name it). */
  id: string;
  applicationId: string;
  /** A store keeps one file per application and kind: putting one replaces the previous. */
  kind: MaterialKind;
  contentType: string;
  /** SHA-256, lowercase hex (kept as the object's metadata in a bucket). */
  sha256: string;
  bytes: Buffer;
}

/**
 * What is left to do once the upload's transaction has ended. A bucket is not part of the
 * transaction: after a commit the replaced object goes, after a rollback the new one does.
 * Both are best effort and logged; an object left behind is named by no row, so nobody reaches it.
 */
export interface StoredMaterial {
  afterCommit(): Promise<void>;
  afterRollback(): Promise<void>;
}

export interface MaterialStore {
  /** Where new uploads go. */
  readonly name: MaterialStoreName;
  /** At start: the store is there and answers (a ConfigError saying what to fix otherwise). */
  verify(): Promise<void>;
  /**
   * Stores the file within `manager`'s transaction, replacing the application's previous file of
   * that kind; the caller runs the answer's afterCommit or afterRollback once the transaction ends.
   */
  put(manager: EntityManager, object: MaterialObject): Promise<StoredMaterial>;
  /** The file's bytes, or null when there is none by that id. The caller has checked the caller may read it. */
  get(manager: EntityManager, fileId: string): Promise<Buffer | null>;
}

const FILES = '"applications"."material_file"';

interface FileRow {
  id: string;
  store: MaterialStoreName;
  object_key: string | null;
}

/** The object key of a file in the bucket: the application's files side by side. */
export function objectKeyOf(object: Pick<MaterialObject, 'applicationId' | 'id'>): string {
  return `${object.applicationId}/${object.id}`;
}

/**
 * A store writing new files to `writeTo`, reading each file from where its row says. `bucket` is
 * needed for `s3`, and with `postgres` to read (and clean up after) files written to one earlier.
 */
export function materialStore(writeTo: MaterialStoreName, bucket: MaterialBucket | null): MaterialStore {
  if (writeTo === 's3' && !bucket) throw new Error('the s3 material store needs a bucket');

  /** Best effort: a failure leaves an object no row names, which the log reports for the sweep. */
  const discard = async (key: string, why: string) => {
    try {
      await bucket!.remove(key);
    } catch {
      componentLogger('materials').error(
        `could not remove material object ${key} (${why}) from ${bucket!.label}; if it is there, no file names it`,
      );
    }
  };

  return {
    name: writeTo,
    async verify() {
      await bucket?.verify();
    },
    async put(manager, object) {
      // The application row is locked by the caller, so no other upload of this kind interleaves.
      const [replaced] = (await manager.query(`SELECT id, store, object_key FROM ${FILES} WHERE application_id = $1 AND kind = $2`, [
        object.applicationId,
        object.kind,
      ])) as FileRow[];
      if (replaced) await manager.query(`DELETE FROM ${FILES} WHERE id = $1`, [replaced.id]);
      const written = writeTo === 's3' ? await putObject(manager, bucket!, object, discard) : await putContent(manager, object);
      return {
        async afterCommit() {
          if (replaced?.store !== 's3' || !replaced.object_key) return;
          if (bucket) await discard(replaced.object_key, 'replaced');
          else
            componentLogger('materials').warn(
              `replaced material object ${replaced.object_key} stays in the S3 bucket: no MATERIAL_S3_ENDPOINT`,
            );
        },
        async afterRollback() {
          if (written) await discard(written, 'upload rolled back');
        },
      };
    },
    async get(manager, fileId) {
      const [row] = (await manager.query(`SELECT store, content, object_key FROM ${FILES} WHERE id = $1`, [fileId])) as Array<
        FileRow & { content: Buffer | null }
      >;
      if (!row) return null;
      if (row.store === 'postgres') return row.content;
      if (!bucket) {
        throw new ServiceUnavailableError('该材料文件存于 S3 兼容存储，但本服务未配置 MATERIAL_S3_ENDPOINT 等设置，暂时无法下载');
      }
      const bytes = await bucket.get(row.object_key!);
      // A download racing the upload that replaces it may find the old object just gone: 404 then is right.
      if (!bytes) componentLogger('materials').warn(`material object ${row.object_key} of file ${fileId} is not in ${bucket.label}`);
      return bytes;
    },
  };
}

/** The bytes in `material_file.content`, committing with their metadata. Nothing to do afterwards. */
async function putContent(manager: EntityManager, object: MaterialObject): Promise<null> {
  await manager.query(
    `INSERT INTO ${FILES} (id, application_id, kind, store, content, created_at) VALUES ($1, $2, $3, 'postgres', $4, now())`,
    [object.id, object.applicationId, object.kind, object.bytes],
  );
  return null;
}

/** The object first, then the row naming it; returns the key written, for a rollback to remove. */
async function putObject(
  manager: EntityManager,
  bucket: MaterialBucket,
  object: MaterialObject,
  discard: (key: string, why: string) => Promise<void>,
): Promise<string> {
  const key = objectKeyOf(object);
  try {
    await bucket.put(key, object.bytes, { contentType: object.contentType, sha256: object.sha256 });
  } catch (error) {
    // A put that timed out may still land; try to remove it without keeping the client waiting.
    void discard(key, 'upload failed');
    throw error;
  }
  try {
    await manager.query(
      `INSERT INTO ${FILES} (id, application_id, kind, store, object_key, created_at) VALUES ($1, $2, $3, 's3', $4, now())`,
      [object.id, object.applicationId, object.kind, key],
    );
  } catch (error) {
    await discard(key, 'upload failed');
    throw error;
  }
  return key;
}

/** Files as `bytea` rows in `applications.material_file`, in the same transaction as their metadata. */
export const postgresMaterialStore: MaterialStore = materialStore('postgres', null);

/**
 * The store MATERIAL_STORE and MATERIAL_S3_* describe (store-config.ts); a bad value is a
 * ConfigError. Nothing is contacted yet: `verify()` does that at start.
 */
export function createMaterialStore(env: NodeJS.ProcessEnv = process.env): MaterialStore {
  const config = readMaterialStoreConfig(env);
  return materialStore(config.store, config.s3 ? lazyMaterialBucket(config.s3) : null);
}
