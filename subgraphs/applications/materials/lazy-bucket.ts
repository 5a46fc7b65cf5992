// The S3 client (the `minio` package: about 0.2 s and 40 MB to load) is loaded on the bucket's
// first use, so a process with no MATERIAL_S3_ENDPOINT never loads it. Import s3-bucket.ts only
// here, and only this way; elsewhere take its types.
import type { MaterialBucket } from './s3-bucket';
import { bucketLabel, type S3MaterialConfig } from './store-config';

type LoadBucketModule = () => Promise<Pick<typeof import('./s3-bucket'), 'createMaterialBucket'>>;

/** The bucket `config` names, its client created when a method is first called. */
export function lazyMaterialBucket(config: S3MaterialConfig, load: LoadBucketModule = () => import('./s3-bucket')): MaterialBucket {
  let bucket: Promise<MaterialBucket> | undefined;
  const loaded = () => (bucket ??= load().then((module) => module.createMaterialBucket(config)));
  return {
    label: bucketLabel(config),
    verify: async () => (await loaded()).verify(),
    put: async (key, bytes, meta) => (await loaded()).put(key, bytes, meta),
    get: async (key) => (await loaded()).get(key),
    remove: async (key) => (await loaded()).remove(key),
  };
}
