// Material files on the applications subgraph's own /materials routes (第十一条, MATERIALS), called
// as the gateway calls them, with a signed principal: the owning unit uploads to its draft, the
// graph shows the metadata and hash, and only those whose scope sees the application download.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_HEADER, signInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { BINCHENG, bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';
import { postMaterial, sha256 } from '../../setup/materials';
import { startSubgraphForTest, TEST_INTERNAL_SECRET, type SubgraphForTest } from '../../setup/subgraph';
import { countyCase, mutate } from './lifecycle-helpers';

const MAX_BYTES = 64 * 1024;
const PDF = Buffer.from('%PDF-1.7\n% 建设方案\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'utf8');
const PDF_V2 = Buffer.from('%PDF-1.7\n% 建设方案 第二版\n%%EOF\n', 'utf8');

const { unit, system, provider, otherProvider } = countyCase();
const owner = userUnit(unit);
const otherUnit = userUnit(world.units.find((candidate) => candidate.regionCode === BINCHENG && candidate.id !== unit.id)!);
const otherCounty = countyAuthority('371603');

let subgraph: SubgraphForTest;
let applicationId: string;
let previousLimit: string | undefined;

interface Upload {
  applicationId?: string;
  kind?: string;
  fileName?: string;
  contentType?: string;
  bytes?: Buffer;
}

async function headersFor(principal: Principal | null): Promise<Record<string, string>> {
  return principal ? { [PRINCIPAL_HEADER]: await signInternalToken(principal, TEST_INTERNAL_SECRET) } : {};
}

interface UploadAnswer {
  material?: Record<string, unknown> & { downloadUrl: string };
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function upload(principal: Principal | null, file: Upload = {}): Promise<{ status: number; body: UploadAnswer }> {
  const response = await postMaterial(subgraph.url, principal && { principal }, {
    applicationId: file.applicationId ?? applicationId,
    kind: file.kind ?? 'CONSTRUCTION_PLAN',
    fileName: file.fileName ?? '建设方案.pdf',
    contentType: file.contentType,
    bytes: file.bytes ?? PDF,
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

async function download(principal: Principal | null, path: string): Promise<Response> {
  return fetch(new URL(path, subgraph.url), { headers: await headersFor(principal) });
}

/** What a refused upload must leave as it was: the application's row and its materials and files. */
async function stored(): Promise<unknown> {
  const query = (sql: string) => subgraph.dataSource.query(sql, [applicationId]);
  return {
    version: (await query(`SELECT version FROM "applications"."application" WHERE id = $1`))[0].version,
    events: (await query(`SELECT count(*)::int AS n FROM "applications"."application_event" WHERE application_id = $1`))[0].n,
    materials: await query(
      `SELECT kind, file_id, content_hash FROM "applications"."application_material" WHERE application_id = $1 ORDER BY kind`,
    ),
    files: await query(
      `SELECT id, kind, sha256(content) AS hash FROM "applications"."material_file" WHERE application_id = $1 ORDER BY kind`,
    ),
  };
}

async function materialsInGraph(principal: Principal): Promise<Array<Record<string, unknown>>> {
  const result = await subgraph.query<{ application: { materials: Array<Record<string, unknown>> } }>(
    principal,
    `query ($id: ID!) { application(id: $id) { materials { kind fileName sha256 contentHash sizeBytes contentType downloadUrl uploadedBy } } }`,
    { id: applicationId },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.application.materials;
}

beforeAll(async () => {
  previousLimit = process.env.MATERIAL_MAX_BYTES;
  process.env.MATERIAL_MAX_BYTES = String(MAX_BYTES);
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'] });
  const created = await mutate(subgraph, owner, 'createApplication', 'input: $create', { create: { systemId: system.id, kind: 'NEW' } });
  expect(created.errors).toBeUndefined();
  applicationId = created.data!.createApplication!.id;
});

afterAll(async () => {
  if (previousLimit === undefined) delete process.env.MATERIAL_MAX_BYTES;
  else process.env.MATERIAL_MAX_BYTES = previousLimit;
  await subgraph?.stop();
});

describe('MATERIALS upload and download', () => {
  let downloadUrl: string;

  it('the owning unit uploads a PDF to its draft; the graph shows its metadata, hash and download link', async () => {
    const { status, body } = await upload(owner);
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.material).toMatchObject({
      kind: 'CONSTRUCTION_PLAN',
      fileName: '建设方案.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      uploadedBy: owner.subject,
    });
    downloadUrl = body.material!.downloadUrl;
    expect(downloadUrl).toMatch(/^\/materials\/[0-9a-f-]{36}$/);

    expect(await materialsInGraph(owner)).toEqual([
      {
        kind: 'CONSTRUCTION_PLAN',
        fileName: '建设方案.pdf',
        sha256: sha256(PDF),
        contentHash: sha256(PDF),
        sizeBytes: PDF.length,
        contentType: 'application/pdf',
        downloadUrl,
        uploadedBy: owner.subject,
      },
    ]);
    const events = await subgraph.query<{ application: { version: number; events: { edges: Array<{ node: Record<string, string> }> } } }>(
      owner,
      `query ($id: ID!) { application(id: $id) { version events { edges { node { action actorSubject reason } } } } }`,
      { id: applicationId },
    );
    expect(events.data!.application.version).toBe(2);
    expect(events.data!.application.events.edges.at(-1)!.node).toMatchObject({ action: 'UPDATE_DRAFT', actorSubject: owner.subject });
    expect(events.data!.application.events.edges.at(-1)!.node.reason).toContain(sha256(PDF));
  });

  it.each([
    ['the owning unit', owner],
    ['the bureau', bureau],
    ['the county authority of the unit', countyAuthority(BINCHENG)],
  ])('%s downloads the same bytes with their hash, name and no caching', async (_, principal) => {
    const response = await download(principal, downloadUrl);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-sha256')).toBe(sha256(PDF));
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('建设方案.pdf')}`,
    );
  });

  it('another unit, another county and an unrelated provider get the same 404 as for a file that does not exist', async () => {
    const missing = await download(owner, `/materials/${randomUUID()}`);
    expect(missing.status).toBe(404);
    const missingBody = await missing.json();
    expect(missingBody).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const unrelated = world.providers.find((candidate) => candidate.id !== provider.id && candidate.id !== otherProvider.id)!;
    for (const principal of [otherUnit, otherCounty, providerPrincipal(unrelated)]) {
      const response = await download(principal, downloadUrl);
      expect(response.status, principal.subject).toBe(404);
      expect(await response.json()).toEqual(missingBody);
      expect(response.headers.get('x-content-sha256')).toBeNull();
    }
  });

  it('refuses a file whose content is not its declared type with BAD_USER_INPUT, changing nothing', async () => {
    const before = await stored();
    const html = await upload(owner, { bytes: Buffer.from('<html><body>not a pdf</body></html>') });
    expect(html.status).toBe(400);
    expect(html.body.errors![0]!).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'contentType' } });
    expect(html.body.errors![0]!.message).toMatch(/PDF/);
    const text = await upload(owner, { contentType: 'text/plain', fileName: 'notes.txt', bytes: Buffer.from('hello') });
    expect(text.status).toBe(400);
    expect(text.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(await stored()).toEqual(before);
  });

  it('refuses a file over MATERIAL_MAX_BYTES with 413 and a Chinese message, changing nothing', async () => {
    const before = await stored();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    const { status, body } = await upload(owner, { bytes: big });
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxBytes: MAX_BYTES });
    expect(body.errors![0]!.message).toContain('64 KiB');
    expect(await stored()).toEqual(before);
  });

  it('answers 401 to uploads and downloads without a valid principal', async () => {
    const before = await stored();
    expect((await upload(null)).status).toBe(401);
    const anonymous = await download(null, downloadUrl);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const forged = await fetch(new URL(downloadUrl, subgraph.url), { headers: { [PRINCIPAL_HEADER]: 'not.a.token' } });
    expect(forged.status).toBe(401);
    expect(await stored()).toEqual(before);
  });

  it('only the owning unit uploads, and only to a draft; another unit’s draft is answered like a missing one', async () => {
    const before = await stored();
    const forbidden = [await upload(bureau), await upload(countyAuthority(BINCHENG))];
    expect(forbidden.map((result) => [result.status, result.body.errors![0]!.extensions.code])).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    const missing = await upload(owner, { applicationId: randomUUID() });
    expect([missing.status, missing.body.errors![0]!.extensions.code]).toEqual([404, 'NOT_FOUND']);
    const foreign = await upload(otherUnit);
    expect([foreign.status, foreign.body]).toEqual([404, missing.body]);
    expect(await stored()).toEqual(before);

    const [accepted] = await subgraph.dataSource.query(
      `SELECT id, unit_id, region_code FROM "applications"."application" WHERE status = 'ACCEPTED' ORDER BY number LIMIT 1`,
    );
    const itsUnit: Principal = {
      subject: 'test-accepted-unit',
      role: Role.USER_UNIT,
      unitId: accepted.unit_id,
      regionCode: accepted.region_code,
    };
    const late = await upload(itsUnit, { applicationId: accepted.id });
    expect(late.status).toBe(400);
    expect(late.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'ACCEPTED', action: 'UPDATE_DRAFT' });
  });

  it('a second upload of the same kind replaces its file: one material, new link, the old link gone', async () => {
    const { status, body } = await upload(owner, { fileName: '建设方案（第二版）.pdf', bytes: PDF_V2 });
    expect(status).toBe(201);
    const newUrl = body.material!.downloadUrl;
    expect(newUrl).not.toBe(downloadUrl);

    const materials = await materialsInGraph(owner);
    expect(materials).toHaveLength(1);
    expect(materials[0]).toMatchObject({ fileName: '建设方案（第二版）.pdf', sha256: sha256(PDF_V2), downloadUrl: newUrl });
    expect((await download(bureau, downloadUrl)).status).toBe(404);
    const fresh = await download(bureau, newUrl);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(PDF_V2)).toBe(true);
    expect(await stored()).toMatchObject({ files: [{ kind: 'CONSTRUCTION_PLAN' }] });
  });

  it('keeps the kinds apart: another kind is a second file beside the first', async () => {
    const docx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('word/document.xml', 'latin1')]);
    const { status } = await upload(owner, {
      kind: 'SELF_TEST_REPORT',
      fileName: '性能和安全自测报告.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: docx,
    });
    expect(status).toBe(201);
    expect((await materialsInGraph(bureau)).map((material) => material.kind)).toEqual(['CONSTRUCTION_PLAN', 'SELF_TEST_REPORT']);
  });
});
