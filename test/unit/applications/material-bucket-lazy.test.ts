// The S3 client is loaded on the bucket's first use (lazy-bucket.ts), once, and a process that
// never names a bucket never loads it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyMaterialBucket } from '../../../subgraphs/applications/materials/lazy-bucket';
import type { MaterialBucket } from '../../../subgraphs/applications/materials/s3-bucket';
import { readMaterialStoreConfig } from '../../../subgraphs/applications/materials/store-config';

const CONFIG = readMaterialStoreConfig({
  MATERIAL_STORE: 's3',
  MATERIAL_S3_ENDPOINT: 'http://127.0.0.1:9000',
  MATERIAL_S3_BUCKET: 'govcloud-materials',
  MATERIAL_S3_ACCESS_KEY: 'access-key-id',
  MATERIAL_S3_SECRET_KEY: 'secret-access-key-value',
}).s3!;

function countingLoader() {
  const calls: string[] = [];
  let loads = 0;
  const bucket: MaterialBucket = {
    label: 'stub',
    verify: async () => void calls.push('verify'),
    put: async (key) => void calls.push(`put ${key}`),
    get: async (key) => (calls.push(`get ${key}`), Buffer.from(key)),
    remove: async (key) => void calls.push(`remove ${key}`),
  };
  const load = async () => {
    loads += 1;
    return { createMaterialBucket: () => bucket };
  };
  return { load, calls, loads: () => loads };
}

describe('lazyMaterialBucket', () => {
  it('names the bucket without loading the client, loads it once on first use and passes every call on', async () => {
    const loader = countingLoader();
    const bucket = lazyMaterialBucket(CONFIG, loader.load);
    expect(bucket.label).toBe('bucket govcloud-materials at http://127.0.0.1:9000');
    expect(loader.loads()).toBe(0);

    await Promise.all([bucket.verify(), bucket.put('a/1', Buffer.from('x'), { contentType: 'text/plain', sha256: '0' })]);
    expect((await bucket.get('a/1'))?.toString()).toBe('a/1');
    await bucket.remove('a/1');
    expect(loader.loads()).toBe(1);
    expect(loader.calls).toEqual(['verify', 'put a/1', 'get a/1', 'remove a/1']);
  });

  it('is the only module that imports s3-bucket.ts for more than its types', () => {
    const importers = readdirSync('subgraphs', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        readFileSync(path.join('subgraphs', file), 'utf8')
          .split('\n')
          .filter((line) => /from '[./]*(materials\/)?s3-bucket'/.test(line) && !line.startsWith('import type'))
          .map(() => file),
      );
    expect(importers).toEqual([]);
  });
});
