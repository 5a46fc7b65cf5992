// Material files in an S3-compatible store (第十一条, MATERIALS, MATERIAL_STORE=s3): the applications
// subgraph, configured by the environment, against a real S3 server (s3rver). The metadata row
// commits in PostgreSQL; the bytes are an object named `<application id>/<file id>`; what does not
// commit leaves no object, and a store that is missing or silent is a clear error, never a stack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialRoutesFromEnv } from '../../../subgraphs/applications/materials/http';
import { createService } from '../../../subgraphs/applications/server';
import { ConfigError } from '../../../subgraphs/kit/config';
import { PRINCIPAL_HEADER, signInternalToken } from '../../../subgraphs/kit/internal-token';
import type { Principal } from '../../../subgraphs/kit/principal';
import { freePort } from '../../setup/free-port';
import { materialPdf, postMaterial, sha256 } from '../../setup/materials';
import { BINCHENG, bureau, countyAuthority, userUnit, world } from '../../setup/principals';
import { startS3ServerForTest, withEnv, type S3ServerForTest } from '../../setup/s3-server';
import { startSubgraphForTest, TEST_INTERNAL_SECRET, type SubgraphForTest } from '../../setup/subgraph';
import { countyCase, mutate } from './lifecycle-helpers';

const { unit, system } = countyCase();
const owner = userUnit(unit);
const otherUnit = userUnit(world.units.find((candidate) => candidate.regionCode === BINCHENG && candidate.id !== unit.id)!);
const PLAN = materialPdf('CONSTRUCTION_PLAN');
const PLAN_V2 = Buffer.concat([PLAN, Buffer.from('% second edition\n', 'latin1')]);

let s3: S3ServerForTest;
let subgraph: SubgraphForTest;
let restoreEnv: () => void;
let applicationId: string;

interface UploadAnswer {
  material: { downloadUrl: string } & Record<string, unknown>;
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function upload(principal: Principal, file: { kind?: string; bytes?: Buffer; contentType?: string; fileName?: string } = {}) {
  const response = await postMaterial(subgraph.url, { principal }, { applicationId, kind: 'CONSTRUCTION_PLAN', ...file });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

async function download(path: string, principal: Principal = bureau): Promise<Response> {
  return fetch(new URL(path, subgraph.url), { headers: { [PRINCIPAL_HEADER]: await signInternalToken(principal, TEST_INTERNAL_SECRET) } });
}

/** The draft's material rows and file rows, and the whole bucket: what a refused upload must leave as it was. */
async function everything(): Promise<unknown> {
  const query = (sql: string) => subgraph.dataSource.query(sql, [applicationId]);
  return {
    version: (await query(`SELECT version FROM "applications"."application" WHERE id = $1`))[0].version,
    materials: await query(`SELECT kind, file_id, content_hash FROM "applications"."application_material" WHERE application_id = $1`),
    files: await query(`SELECT id, store, object_key FROM "applications"."material_file" WHERE application_id = $1 ORDER BY kind`),
    objects: await s3.keys(),
  };
}

beforeAll(async () => {
  s3 = await startS3ServerForTest();
  restoreEnv = withEnv(s3.env);
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'] });
  const created = await mutate(subgraph, owner, 'createApplication', 'input: $create', { create: { systemId: system.id, kind: 'NEW' } });
  expect(created.errors).toBeUndefined();
  applicationId = created.data!.createApplication!.id;
});

afterAll(async () => {
  restoreEnv?.();
  await subgraph?.stop();
  await s3?.stop();
});

describe('MATERIALS in an S3-compatible store', () => {
  let firstUrl: string;
  let firstKey: string;

  it('an upload puts the bytes in the bucket under <application id>/<file id>; the row names the object', async () => {
    expect(await s3.keys()).toEqual([]); // the seed keeps the demo files in PostgreSQL
    const { status, body } = await upload(owner, { fileName: '建设方案.pdf', bytes: PLAN });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.material).toMatchObject({ sha256: sha256(PLAN), sizeBytes: PLAN.length, contentType: 'application/pdf' });
    firstUrl = body.material.downloadUrl;
    const fileId = firstUrl.split('/').at(-1)!;
    firstKey = `${applicationId}/${fileId}`;

    const [file] = await subgraph.dataSource.query(`SELECT store, content, object_key FROM "applications"."material_file" WHERE id = $1`, [
      fileId,
    ]);
    expect(file).toEqual({ store: 's3', content: null, object_key: firstKey });
    expect(await s3.keys()).toEqual([firstKey]);
    const object = (await s3.object(firstKey))!;
    expect(object.bytes.equals(PLAN)).toBe(true);
    expect(object.metaData).toMatchObject({ 'content-type': 'application/pdf', sha256: sha256(PLAN) });
  });

  it.each([
    ['the owning unit', owner],
    ['the county authority', countyAuthority(BINCHENG)],
  ])('%s downloads the same bytes with their SHA-256', async (_, principal) => {
    const response = await download(firstUrl, principal);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(PLAN)).toBe(true);
    expect(sha256(bytes)).toBe(sha256(PLAN));
    expect(response.headers.get('x-content-sha256')).toBe(sha256(PLAN));
  });

  it('files kept in PostgreSQL before the switch still download: reads follow the row, not the setting', async () => {
    const [seeded] = await subgraph.dataSource.query(
      `SELECT material.file_id, material.content_hash FROM "applications"."application_material" material
         JOIN "applications"."material_file" file ON file.id = material.file_id AND file.store = 'postgres' LIMIT 1`,
    );
    const response = await download(`/materials/${seeded.file_id}`);
    expect(response.status).toBe(200);
    expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(seeded.content_hash);
  });

  it('refused uploads (bad type, wrong role, another unit, wrong kind) write nothing to the bucket or the database', async () => {
    const before = await everything();
    const refused = [
      await upload(owner, { bytes: Buffer.from('<html>not a pdf</html>') }),
      await upload(owner, { contentType: 'text/plain', fileName: 'a.txt', bytes: Buffer.from('hello') }),
      await upload(bureau),
      await upload(otherUnit),
      await upload(owner, { kind: 'PHOTO' }),
    ];
    expect(refused.map(({ status, body }) => [status, body.errors[0]!.extensions.code])).toEqual([
      [400, 'BAD_USER_INPUT'],
      [400, 'BAD_USER_INPUT'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [400, 'BAD_USER_INPUT'],
    ]);
    expect(await everything()).toEqual(before);
  });

  it('an upload whose transaction rolls back after the object was written leaves no object, and the old file stands', async () => {
    const before = await everything();
    // A real failure after the put: the audit trail refuses the draft edit's event.
    // Set up as the owner: the subgraph's own role may create no function or trigger.
    await subgraph.asOwner(`
      CREATE FUNCTION "applications".refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit trail unavailable (test)'; END $$;
      CREATE TRIGGER refuse_event BEFORE INSERT ON "applications"."application_event"
        FOR EACH ROW EXECUTE FUNCTION "applications".refuse_event();`);
    try {
      const { status, body } = await upload(owner, { bytes: PLAN_V2 });
      expect(status).toBe(500);
      expect(body.errors[0]!).toEqual({ message: '服务器内部错误', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await subgraph.asOwner(`DROP TRIGGER refuse_event ON "applications"."application_event";
        DROP FUNCTION "applications".refuse_event();`);
    }
    expect(await everything()).toEqual(before);
    expect((await download(firstUrl)).status).toBe(200);
  });

  it('a second upload of a kind replaces its object: the new one under its own key, the old one deleted, its link 404', async () => {
    const { status, body } = await upload(owner, { fileName: '建设方案（第二版）.pdf', bytes: PLAN_V2 });
    expect(status).toBe(201);
    const secondKey = `${applicationId}/${body.material.downloadUrl.split('/').at(-1)}`;
    expect(secondKey).not.toBe(firstKey);
    expect(await s3.keys()).toEqual([secondKey]);
    expect(await s3.object(firstKey)).toBeNull();
    expect((await download(firstUrl)).status).toBe(404);
    const fresh = await download(body.material.downloadUrl);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(PLAN_V2)).toBe(true);

    const kinds = await upload(owner, { kind: 'SELF_TEST_REPORT', fileName: '自测报告.pdf', bytes: materialPdf('SELF_TEST_REPORT') });
    expect(kinds.status).toBe(201);
    expect(await s3.keys()).toHaveLength(2);
  });
});

describe('MATERIAL_STORE=s3 at start', () => {
  const routes = (env: Record<string, string>) =>
    materialRoutesFromEnv({ dataSource: subgraph.dataSource, internalTokenSecret: TEST_INTERNAL_SECRET }, { ...s3.env, ...env });

  it('a missing bucket stops the start with one line naming MATERIAL_S3_BUCKET', async () => {
    const started = routes({ MATERIAL_S3_BUCKET: 'no-such-bucket' });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/^存储桶 MATERIAL_S3_BUCKET=no-such-bucket 在 http:\/\/127\.0\.0\.1:\d+ 上不存在/);
  });

  it('an endpoint nobody answers at, or refused credentials, stop the start saying which setting to check', async () => {
    const closed = routes({ MATERIAL_S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
    await expect(closed).rejects.toBeInstanceOf(ConfigError);
    await expect(closed).rejects.toThrow(/^无法连接 MATERIAL_S3_ENDPOINT=http:\/\/127\.0\.0\.1:\d+ \(cannot reach/);
    await expect(routes({ MATERIAL_S3_ACCESS_KEY: 'NOT-S3RVER' })).rejects.toThrow(
      /拒绝了 MATERIAL_S3_ACCESS_KEY \/ MATERIAL_S3_SECRET_KEY/,
    );
  });

  it('the subgraph service itself does not start against a missing bucket', async () => {
    const restore = withEnv({ MATERIAL_S3_BUCKET: 'no-such-bucket' });
    try {
      const urls = { providers: subgraph.url, applications: subgraph.url, security: subgraph.url, supervision: subgraph.url };
      await expect(
        createService({ dataSource: subgraph.dataSource, internalTokenSecret: TEST_INTERNAL_SECRET, subgraphUrls: urls }),
      ).rejects.toThrow(/MATERIAL_S3_BUCKET=no-such-bucket/);
    } finally {
      restore();
    }
  });
});

describe('MATERIALS when the S3-compatible store stops answering', () => {
  it('uploads and downloads of its files answer 503 SERVICE_UNAVAILABLE in JSON, changing nothing; PostgreSQL files still download', async () => {
    const [current] = await subgraph.dataSource.query(
      `SELECT file_id FROM "applications"."application_material" WHERE application_id = $1 AND kind = 'CONSTRUCTION_PLAN'`,
      [applicationId],
    );
    const rows = async () => subgraph.dataSource.query(`SELECT id, store, object_key FROM "applications"."material_file" ORDER BY id`);
    const before = await rows();
    await s3.stop();

    const refused = await upload(owner, { bytes: PLAN });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^材料文件存储（S3 兼容）暂时无法访问/),
          extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
        },
      ],
    });
    expect(await rows()).toEqual(before);

    const unavailable = await download(`/materials/${current.file_id}`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await unavailable.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });

    const [seeded] = await subgraph.dataSource.query(
      `SELECT file_id FROM "applications"."application_material" material
         JOIN "applications"."material_file" file ON file.id = material.file_id AND file.store = 'postgres' LIMIT 1`,
    );
    expect((await download(`/materials/${seeded.file_id}`)).status).toBe(200);
  });
});
