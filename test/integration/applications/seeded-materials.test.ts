// The demo world's materials are real files (第十一条, MATERIALS), stored as an upload stores them:
// every seeded material names its own file, whose bytes are its SHA-256, size and type, and a
// sample downloads through the subgraph's GET /materials/<id> as those very bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMaterialFile } from '../../../subgraphs/applications/materials/file-type';
import { PRINCIPAL_HEADER, signInternalToken } from '../../../subgraphs/kit/internal-token';
import { ALL_MATERIAL_KINDS, sha256 } from '../../setup/materials';
import { bureau, world } from '../../setup/principals';
import { startSubgraphForTest, TEST_INTERNAL_SECRET, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

async function download(path: string): Promise<Response> {
  return fetch(new URL(path, subgraph.url), { headers: { [PRINCIPAL_HEADER]: await signInternalToken(bureau, TEST_INTERNAL_SECRET) } });
}

describe('MATERIALS of the seeded demo world are real files', () => {
  const seeded = world.applications.filter((application) => application.materials.length > 0);

  it('every seeded material names its own stored file, whose SHA-256, size and type are what the row says', async () => {
    const rows: Array<{
      kind: string;
      file_name: string;
      content_type: string;
      content_hash: string;
      size_bytes: string;
      content: Buffer | null;
      actual_hash: string | null;
      same_owner: boolean | null;
    }> = await subgraph.dataSource.query(
      `SELECT material.kind, material.file_name, material.content_type, material.content_hash, material.size_bytes,
              file.content, encode(sha256(file.content), 'hex') AS actual_hash,
              file.application_id = material.application_id AND file.kind = material.kind AS same_owner
         FROM "applications"."application_material" material
         LEFT JOIN "applications"."material_file" file ON file.id = material.file_id
        WHERE material.application_id = ANY($1)`,
      [seeded.map((application) => application.id)],
    );
    expect(rows).toHaveLength(world.applications.reduce((sum, application) => sum + application.materials.length, 0));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(row.content, row.file_name).not.toBeNull();
      expect(row.actual_hash, row.file_name).toBe(row.content_hash);
      expect(Number(row.size_bytes), row.file_name).toBe(row.content!.length);
      expect(row.same_owner, row.file_name).toBe(true);
      expect(checkMaterialFile({ declaredType: row.content_type, fileName: row.file_name, bytes: row.content! })).toBe(row.content_type);
    }
  });

  it('a sample of 8 seeded materials downloads as the bytes its contentHash names', async () => {
    const sample = Array.from({ length: 8 }, (_, index) => seeded[Math.floor((index * seeded.length) / 8)]!);
    const fetched = new Set<string>();
    for (const [index, application] of sample.entries()) {
      const result = await subgraph.query<{
        application: {
          materials: Array<{ kind: string; contentHash: string; sizeBytes: number; contentType: string; downloadUrl: string }>;
        };
      }>(bureau, `query ($id: ID!) { application(id: $id) { materials { kind contentHash sizeBytes contentType downloadUrl } } }`, {
        id: application.id,
      });
      expect(result.errors).toBeUndefined();
      const materials = result.data!.application.materials;
      expect(materials.map((material) => material.kind).sort()).toEqual(application.materials.map((material) => material.kind).sort());
      // One file per application, at a different position each time, so the sample spans the kinds.
      const material = materials[index % materials.length]!;
      fetched.add(material.kind);
      const response = await download(material.downloadUrl);
      expect(response.status, application.code).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(sha256(bytes), `${application.code} ${material.kind}`).toBe(material.contentHash);
      expect(bytes.length).toBe(material.sizeBytes);
      expect(response.headers.get('content-type')).toBe(material.contentType);
      expect(response.headers.get('x-content-sha256')).toBe(material.contentHash);
    }
    expect([...fetched].sort()).toEqual([...ALL_MATERIAL_KINDS].sort());
  });
});
