// Where material files are kept (第十一条, MATERIALS), from the environment. A missing or malformed
// value stops the start with one line saying what to fix; secrets are never repeated in it.
import { ConfigError } from '../../kit/config';

export type MaterialStoreName = 'postgres' | 's3';

export const MATERIAL_STORE_NAMES: readonly MaterialStoreName[] = ['postgres', 's3'];

export const DEFAULT_MATERIAL_S3_REGION = 'us-east-1';

/** An S3-compatible bucket and how to reach it. */
export interface S3MaterialConfig {
  /** MATERIAL_S3_ENDPOINT as given, for messages. */
  endpoint: string;
  host: string;
  port: number;
  useSSL: boolean;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

/** `<bucket> at <endpoint>`, how logs name the bucket. */
export function bucketLabel(config: Pick<S3MaterialConfig, 'bucket' | 'endpoint'>): string {
  return `bucket ${config.bucket} at ${config.endpoint}`;
}

export interface MaterialStoreConfig {
  /** MATERIAL_STORE: where new uploads go. */
  store: MaterialStoreName;
  /**
   * The bucket: required for `s3`; with `postgres` read only when MATERIAL_S3_ENDPOINT is set, so
   * files uploaded while the store was `s3` still download after switching back.
   */
  s3: S3MaterialConfig | null;
}

export function readMaterialStoreConfig(env: NodeJS.ProcessEnv = process.env): MaterialStoreConfig {
  const raw = env.MATERIAL_STORE?.trim() || 'postgres';
  if (!(MATERIAL_STORE_NAMES as readonly string[]).includes(raw)) {
    throw new ConfigError(`MATERIAL_STORE 只能为 postgres 或 s3 (unknown material store): ${raw}`);
  }
  const store = raw as MaterialStoreName;
  const wantsS3 = store === 's3' || Boolean(env.MATERIAL_S3_ENDPOINT?.trim());
  return { store, s3: wantsS3 ? readS3MaterialConfig(env) : null };
}

/** MATERIAL_S3_ENDPOINT, _BUCKET, _REGION (default us-east-1), _ACCESS_KEY and _SECRET_KEY. */
export function readS3MaterialConfig(env: NodeJS.ProcessEnv): S3MaterialConfig {
  const endpoint = required(env, 'MATERIAL_S3_ENDPOINT', 'S3 兼容存储的地址，如 http://127.0.0.1:9000');
  const { host, port, useSSL } = parseEndpoint(endpoint);
  const bucket = required(env, 'MATERIAL_S3_BUCKET', '存放材料文件的存储桶名称');
  // The S3 naming rules, less the rarely used dotted names (path-style requests would allow them).
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(
      `MATERIAL_S3_BUCKET 须为 3–63 个小写字母、数字或连字符，且以字母或数字开头和结尾 (invalid bucket name): ${bucket}`,
    );
  }
  const region = env.MATERIAL_S3_REGION?.trim() || DEFAULT_MATERIAL_S3_REGION;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(region)) {
    throw new ConfigError(`MATERIAL_S3_REGION 须为小写字母、数字和连字符，如 us-east-1 (invalid region): ${region}`);
  }
  const accessKey = required(env, 'MATERIAL_S3_ACCESS_KEY', '访问密钥标识 (access key id)');
  const secretKey = required(env, 'MATERIAL_S3_SECRET_KEY', '访问密钥 (secret access key)');
  return { endpoint, host, port, useSSL, bucket, region, accessKey, secretKey };
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`未设置 ${name}：S3 兼容的材料存储需要${what} (set ${name})`);
  return value;
}

/** `http(s)://host[:port]`, nothing more: the bucket is named separately and requests are path-style. */
function parseEndpoint(raw: string): { host: string; port: number; useSSL: boolean } {
  // An address with credentials in it is not repeated: the message goes to logs.
  const shown = raw.includes('@') ? '（含账号，已隐去）' : raw;
  const malformed = () =>
    new ConfigError(
      `MATERIAL_S3_ENDPOINT 须为 http(s)://主机[:端口] 形式的地址，不含路径、参数或账号 (must be an http(s) URL without a path): ${shown}`,
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw malformed();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw malformed();
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) throw malformed();
  const useSSL = url.protocol === 'https:';
  // URL keeps IPv6 hosts bracketed; the client wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port ? Number(url.port) : useSSL ? 443 : 80, useSSL };
}
