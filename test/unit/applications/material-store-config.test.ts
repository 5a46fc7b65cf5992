// Where material files are kept (第十一条, MATERIALS): MATERIAL_STORE and the S3-compatible bucket's
// MATERIAL_S3_* settings. A bad value stops the start with one line naming the variable to fix.
import { describe, expect, it } from 'vitest';
import { createMaterialStore } from '../../../subgraphs/applications/materials/store';
import { readMaterialStoreConfig } from '../../../subgraphs/applications/materials/store-config';
import { ConfigError } from '../../../subgraphs/kit/config';

const S3 = {
  MATERIAL_STORE: 's3',
  MATERIAL_S3_ENDPOINT: 'http://127.0.0.1:9000',
  MATERIAL_S3_BUCKET: 'govcloud-materials',
  MATERIAL_S3_ACCESS_KEY: 'access-key-id',
  MATERIAL_S3_SECRET_KEY: 'secret-access-key-value',
};

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readMaterialStoreConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('MATERIAL_STORE', () => {
  it('is postgres by default, with no bucket', () => {
    expect(readMaterialStoreConfig({})).toEqual({ store: 'postgres', s3: null });
    expect(readMaterialStoreConfig({ MATERIAL_STORE: ' postgres ' })).toEqual({ store: 'postgres', s3: null });
    // Stray S3 settings without an endpoint are not read.
    expect(readMaterialStoreConfig({ MATERIAL_S3_BUCKET: 'UPPER' })).toEqual({ store: 'postgres', s3: null });
  });

  it('refuses any other store, naming both it knows', () => {
    const error = refusal({ MATERIAL_STORE: 'disk' });
    expect(error.message).toMatch(/^MATERIAL_STORE 只能为 postgres 或 s3/);
    expect(error.message).toContain('disk');
  });

  it('s3 reads the endpoint, bucket, region (default us-east-1) and keys', () => {
    expect(readMaterialStoreConfig(S3)).toEqual({
      store: 's3',
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        host: '127.0.0.1',
        port: 9000,
        useSSL: false,
        bucket: 'govcloud-materials',
        region: 'us-east-1',
        accessKey: 'access-key-id',
        secretKey: 'secret-access-key-value',
      },
    });
    expect(
      readMaterialStoreConfig({ ...S3, MATERIAL_S3_ENDPOINT: 'https://oss.binzhou.gov.cn', MATERIAL_S3_REGION: 'cn-east-1' }).s3,
    ).toMatchObject({ host: 'oss.binzhou.gov.cn', port: 443, useSSL: true, region: 'cn-east-1' });
    expect(readMaterialStoreConfig({ ...S3, MATERIAL_S3_ENDPOINT: 'http://[::1]:9000/' }).s3).toMatchObject({ host: '::1', port: 9000 });
    expect(readMaterialStoreConfig({ ...S3, MATERIAL_S3_ENDPOINT: 'http://minio' }).s3).toMatchObject({ port: 80 });
  });

  it('with postgres and an endpoint, still reads the bucket, so files uploaded to it earlier download', () => {
    const config = readMaterialStoreConfig({ ...S3, MATERIAL_STORE: 'postgres' });
    expect(config.store).toBe('postgres');
    expect(config.s3).toMatchObject({ bucket: 'govcloud-materials' });
    expect(() => readMaterialStoreConfig({ MATERIAL_STORE: 'postgres', MATERIAL_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      /MATERIAL_S3_BUCKET/,
    );
  });

  it.each([
    ['MATERIAL_S3_ENDPOINT', { MATERIAL_S3_ENDPOINT: '' }],
    ['MATERIAL_S3_BUCKET', { MATERIAL_S3_BUCKET: ' ' }],
    ['MATERIAL_S3_ACCESS_KEY', { MATERIAL_S3_ACCESS_KEY: undefined }],
    ['MATERIAL_S3_SECRET_KEY', { MATERIAL_S3_SECRET_KEY: '' }],
  ])('s3 without %s says to set it', (variable, change) => {
    const error = refusal({ ...S3, ...change });
    expect(error.message).toMatch(new RegExp(`^未设置 ${variable}：`));
    expect(error.message).toContain(`(set ${variable})`);
  });

  it.each(['127.0.0.1:9000', 'ftp://127.0.0.1', 'http://127.0.0.1:9000/govcloud-materials', 'http://host?x=1', 'not a url'])(
    'refuses the endpoint %j: an http(s) address without a path',
    (endpoint) => {
      expect(refusal({ ...S3, MATERIAL_S3_ENDPOINT: endpoint }).message).toMatch(/^MATERIAL_S3_ENDPOINT 须为 http\(s\):\/\/主机\[:端口\]/);
    },
  );

  it('does not repeat credentials written into the endpoint, nor the secret key in any message', () => {
    const error = refusal({ ...S3, MATERIAL_S3_ENDPOINT: 'http://admin:hunter2@127.0.0.1:9000' });
    expect(error.message).not.toContain('hunter2');
    for (const env of [
      { ...S3, MATERIAL_S3_BUCKET: 'Bad_Bucket' },
      { ...S3, MATERIAL_S3_REGION: 'US East' },
    ]) {
      expect(refusal(env).message).not.toContain(S3.MATERIAL_S3_SECRET_KEY);
    }
  });

  it.each(['ab', 'Govcloud', 'gov_cloud', '-govcloud', 'govcloud-', 'x'.repeat(64)])('refuses the bucket name %j', (bucket) => {
    expect(refusal({ ...S3, MATERIAL_S3_BUCKET: bucket }).message).toMatch(/^MATERIAL_S3_BUCKET 须为 3–63 个小写字母/);
  });

  it('refuses a malformed region', () => {
    expect(refusal({ ...S3, MATERIAL_S3_REGION: 'US East' }).message).toMatch(/^MATERIAL_S3_REGION/);
  });

  it('createMaterialStore builds the s3 store without contacting it (verify() does, at start)', () => {
    expect(createMaterialStore(S3).name).toBe('s3');
    expect(() => createMaterialStore({ ...S3, MATERIAL_S3_BUCKET: '' })).toThrow(ConfigError);
  });
});
