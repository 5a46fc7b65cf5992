// Material files through the gateway (第十一条, MATERIALS): a county unit uploads a PDF to its draft
// at the gateway's /materials with its own token, the graph shows the file's name, hash and link,
// the bureau downloads the very bytes, another county cannot, and nobody without a token can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MATERIAL_MAX_BYTES } from '../../subgraphs/kit/material-upload';
import { postMaterial, sha256 } from '../setup/materials';
import { startStack, type Stack } from '../setup/stack';

const COUNTY = '371602';
const PDF = Buffer.from('%PDF-1.4\n% 云服务安全责任书\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'utf8');

let stack: Stack;
let materialsUrl: URL;
let applicationId: string;
const tokens: Record<'unit' | 'bureau' | 'otherCounty', string> = {} as never;

interface Material {
  kind: string;
  fileName: string;
  sha256: string;
  downloadUrl: string | null;
}

function upload(token: string | null, bytes: Buffer = PDF): Promise<Response> {
  return postMaterial(stack.gatewayUrl, token === null ? null : { token }, {
    applicationId,
    kind: 'SECURITY_RESPONSIBILITY_LETTER',
    fileName: '云服务安全责任书.pdf',
    bytes,
  });
}

function download(token: string | null, path: string): Promise<Response> {
  return fetch(new URL(path, materialsUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function materials(): Promise<Material[]> {
  const body = await stack.query<{ application: { materials: Material[] } }>(
    tokens.unit,
    `query($id: ID!) { application(id: $id) { materials { kind fileName sha256 downloadUrl } } }`,
    { id: applicationId },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.application.materials;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  materialsUrl = new URL('/materials', stack.gatewayUrl);
  // A unit whose host's qualification holds: the seed's 天翼云 lapsed and takes no new applications (PROVIDER_QUALIFIED).
  const unit = stack.world.units.find((candidate) => candidate.code === 'U-371602-005')!;
  const system = stack.world.systems.find((candidate) => candidate.unitId === unit.id && candidate.deploymentMode === 'ON_CLOUD')!;
  tokens.unit = await stack.token({ role: 'USER_UNIT', unit: unit.id, region: COUNTY });
  tokens.bureau = await stack.token({ role: 'BUREAU' });
  tokens.otherCounty = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371603' });
  const body = await stack.query<{ createApplication: { id: string } }>(
    tokens.unit,
    `mutation($input: CreateApplicationInput!) { createApplication(input: $input) { id } }`,
    { input: { systemId: system.id, kind: 'NEW' } },
  );
  expect(body.errors).toBeUndefined();
  applicationId = body.data!.createApplication.id;
});

afterAll(async () => {
  await stack?.stop();
});

describe('MATERIALS through the gateway', () => {
  let downloadUrl: string;

  it('a unit uploads a PDF with its token and sees its name, hash and download link on the application', async () => {
    const response = await upload(tokens.unit);
    expect(response.status).toBe(201);
    const { material } = (await response.json()) as { material: Material };
    expect(material).toMatchObject({ kind: 'SECURITY_RESPONSIBILITY_LETTER', sha256: sha256(PDF) });
    expect(await materials()).toEqual([
      { kind: 'SECURITY_RESPONSIBILITY_LETTER', fileName: '云服务安全责任书.pdf', sha256: sha256(PDF), downloadUrl: material.downloadUrl },
    ]);
    downloadUrl = material.downloadUrl!;
    expect(downloadUrl).toMatch(/^\/materials\/[0-9a-f-]{36}$/);
  });

  it('the bureau downloads the same bytes, with their hash and no caching', async () => {
    const response = await download(tokens.bureau, downloadUrl);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes).equals(PDF)).toBe(true);
    expect(response.headers.get('x-content-sha256')).toBe(sha256(bytes));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('云服务安全责任书.pdf')}`);
  });

  it("another county's authority cannot download it and learns nothing", async () => {
    const response = await download(tokens.otherCounty, downloadUrl);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('without a token, or with a bad one, both routes answer 401 UNAUTHENTICATED', async () => {
    for (const response of [await download(null, downloadUrl), await upload(null), await download('not-a-jwt', downloadUrl)]) {
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a file over MATERIAL_MAX_BYTES (20 MiB by default) at the gateway with 413, keeping the stored file', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(DEFAULT_MATERIAL_MAX_BYTES)]);
    const response = await upload(tokens.unit, big);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toContain('20 MiB');
    expect((await materials())[0]!.downloadUrl).toBe(downloadUrl);
  });
});
