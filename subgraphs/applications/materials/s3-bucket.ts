// The S3-compatible bucket behind MATERIAL_STORE=s3, through the `minio` client with path-style
// requests (MinIO, Ceph RGW and the cloud object stores all take them). At start a bucket that is
// missing, unreachable or refuses the credentials is a ConfigError; afterwards a store that does
// not answer is SERVICE_UNAVAILABLE for the request, with the cause logged here, never sent.
import { Client } from 'minio';
import { ConfigError } from '../../kit/config';
import { ServiceUnavailableError } from '../../kit/errors';
import { bucketLabel, type S3MaterialConfig } from './store-config';
import { componentLogger } from '../../kit/log';

export interface MaterialBucket {
  /** `<bucket> at <endpoint>`, for logs. */
  readonly label: string;
  /** At start: the bucket exists and takes the credentials; otherwise a ConfigError saying what to fix. */
  verify(): Promise<void>;
  put(key: string, bytes: Buffer, meta: { contentType: string; sha256: string }): Promise<void>;
  /** The object's bytes, or null when the bucket has none by that key. */
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

// The client retries 5xx answers with a growing back-off and sets no socket timeout: bound every
// call, so a store that hangs cannot hold an application's row lock or a request for long.
const START_DEADLINE_MS = 10_000;
const REQUEST_DEADLINE_MS = 60_000;

const REFUSED_CREDENTIALS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied']);
const NO_SUCH_OBJECT = new Set(['NoSuchKey', 'NotFound']);

const UNAVAILABLE = '材料文件存储（S3 兼容）暂时无法访问，请稍后重试 (the material file store is unavailable)';

export function createMaterialBucket(config: S3MaterialConfig): MaterialBucket {
  const { bucket, endpoint } = config;
  const label = bucketLabel(config);
  let client: Client;
  try {
    client = new Client({
      endPoint: config.host,
      port: config.port,
      useSSL: config.useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      region: config.region,
      pathStyle: true,
    });
  } catch (error) {
    throw new ConfigError(`MATERIAL_S3_ENDPOINT 不是 S3 客户端可用的地址 (invalid endpoint) ${endpoint}: ${(error as Error).message}`);
  }

  const unavailable = (operation: string, key: string, error: unknown) => {
    componentLogger('materials').error({ err: error, store: label, operation, key }, 'material store call failed');
    return new ServiceUnavailableError(UNAVAILABLE);
  };

  return {
    label,
    async verify() {
      let exists: boolean;
      try {
        exists = await within(START_DEADLINE_MS, client.bucketExists(bucket));
      } catch (error) {
        const code = codeOf(error);
        if (code && REFUSED_CREDENTIALS.has(code)) {
          throw new ConfigError(
            `S3 兼容存储 ${endpoint} 拒绝了 MATERIAL_S3_ACCESS_KEY / MATERIAL_S3_SECRET_KEY（${code}）：请检查凭据及其对存储桶 ${bucket} 的权限 (credentials refused)`,
          );
        }
        throw new ConfigError(
          `无法连接 MATERIAL_S3_ENDPOINT=${endpoint} (cannot reach the S3-compatible material store): ${(error as Error).message}`,
        );
      }
      if (!exists) {
        throw new ConfigError(`存储桶 MATERIAL_S3_BUCKET=${bucket} 在 ${endpoint} 上不存在：请先创建该存储桶 (the bucket does not exist)`);
      }
    },
    async put(key, bytes, meta) {
      try {
        await within(
          REQUEST_DEADLINE_MS,
          client.putObject(bucket, key, bytes, bytes.length, { 'Content-Type': meta.contentType, 'x-amz-meta-sha256': meta.sha256 }),
        );
      } catch (error) {
        throw unavailable('put', key, error);
      }
    },
    async get(key) {
      try {
        const stream = await within(REQUEST_DEADLINE_MS, client.getObject(bucket, key));
        try {
          return Buffer.concat((await within(REQUEST_DEADLINE_MS, stream.toArray())) as Buffer[]);
        } finally {
          stream.destroy();
        }
      } catch (error) {
        if (NO_SUCH_OBJECT.has(codeOf(error) ?? '')) return null;
        throw unavailable('get', key, error);
      }
    },
    async remove(key) {
      try {
        await within(REQUEST_DEADLINE_MS, client.removeObject(bucket, key));
      } catch (error) {
        throw unavailable('remove', key, error);
      }
    },
  };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `work`, or a rejection once `ms` have passed without an answer. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
