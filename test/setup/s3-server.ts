// A real S3-compatible server in the test's process (s3rver, files in a temporary directory), for
// the applications subgraph's MATERIAL_STORE=s3, and a client to look into its bucket as an
// operator would.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import S3rver from 's3rver';

export const S3_TEST_BUCKET = 'govcloud-materials';

export interface S3ServerForTest {
  endpoint: string;
  /** The MATERIAL_STORE=s3 settings for this server and bucket. */
  env: Record<string, string>;
  client: Client;
  /** Every key in the bucket, sorted. */
  keys(): Promise<string[]>;
  object(key: string): Promise<{ bytes: Buffer; metaData: Record<string, unknown> } | null>;
  /** Stops the server (idempotent); its port then refuses connections. */
  stop(): Promise<void>;
}

export async function startS3ServerForTest(): Promise<S3ServerForTest> {
  const directory = await mkdtemp(join(tmpdir(), 'govcloud-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: S3_TEST_BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials.
  const client = new Client({ endPoint: '127.0.0.1', port, useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER', pathStyle: true });
  let stopped = false;
  return {
    endpoint,
    env: {
      MATERIAL_STORE: 's3',
      MATERIAL_S3_ENDPOINT: endpoint,
      MATERIAL_S3_BUCKET: S3_TEST_BUCKET,
      MATERIAL_S3_ACCESS_KEY: 'S3RVER',
      MATERIAL_S3_SECRET_KEY: 'S3RVER',
    },
    client,
    async keys() {
      const keys: string[] = [];
      for await (const item of client.listObjectsV2(S3_TEST_BUCKET, '', true)) if (item.name) keys.push(item.name);
      return keys.sort();
    },
    async object(key) {
      try {
        const { metaData } = await client.statObject(S3_TEST_BUCKET, key);
        const bytes = Buffer.concat((await (await client.getObject(S3_TEST_BUCKET, key)).toArray()) as Buffer[]);
        return { bytes, metaData };
      } catch (error) {
        if ((error as { code?: string }).code === 'NotFound' || (error as { code?: string }).code === 'NoSuchKey') return null;
        throw error;
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Sets `values` in process.env (undefined removes one) and returns what puts the previous values back. */
export function withEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (next: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(next)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}
