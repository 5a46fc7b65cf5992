import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUSTED_DOCUMENTS_PATH, readGatewayConfig } from '../../../gateway/src/config';
import { validateDevTokenClaims } from '../../../gateway/src/dev-token';
import { DEFAULT_ANALYST_MAX_COST, loadTrustedDocuments } from '../../../gateway/src/plugins/trusted-documents';
import { documentId } from '../../../scripts/codegen';
import { ConfigError } from '../../../subgraphs/kit/config';
import { readPrincipalClaims } from '../../../subgraphs/kit/internal-token';

const dir = mkdtempSync(path.join(os.tmpdir(), 'trusted-documents-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const read = (env: NodeJS.ProcessEnv) => readGatewayConfig(env, { devKeysDir: dir });

describe('the trusted-document manifest', () => {
  it('loads the committed operations/manifest.json, each id the SHA-256 of its document', () => {
    const documents = loadTrustedDocuments(DEFAULT_TRUSTED_DOCUMENTS_PATH);
    expect(documents.size).toBeGreaterThanOrEqual(30);
    for (const [id, text] of documents) expect(documentId(text)).toBe(id);
  });

  it('refuses a missing file, bad JSON, and a document whose id is not its hash (an edited manifest)', () => {
    expect(() => loadTrustedDocuments(path.join(dir, 'missing.json'))).toThrow(ConfigError);
    expect(() => loadTrustedDocuments(write('bad.json', '{'))).toThrow(/不是有效的 JSON/);
    const text = 'query A { regions { code } }';
    expect(loadTrustedDocuments(write('good.json', JSON.stringify({ [documentId(text)]: text }))).get(documentId(text))).toBe(text);
    const edited = JSON.stringify({ [documentId(text)]: 'mutation B { designateProvider(id: "x") { id } }' });
    expect(() => loadTrustedDocuments(write('edited.json', edited))).toThrow(/不是其文档的 SHA-256/);
  });
});

describe('TRUSTED_DOCUMENTS, TRUSTED_DOCUMENTS_PATH and GRAPHQL_ANALYST_MAX_COST', () => {
  it('are off locally and enforced in production by default, with the analysts’ lower cap', async () => {
    expect((await read({})).trustedDocuments).toEqual({
      enforce: false,
      path: DEFAULT_TRUSTED_DOCUMENTS_PATH,
      analystMaxCost: DEFAULT_ANALYST_MAX_COST,
    });
    const pem = await exportSPKI((await generateKeyPair('ES256')).publicKey);
    const production = {
      NODE_ENV: 'production',
      INTERNAL_TOKEN_SECRET: 'trusted-documents-internal-secret-0123456789',
      JWT_PUBLIC_KEY: pem,
      JWT_ISSUER: 'idp',
      JWT_AUDIENCE: 'graph',
    };
    expect((await read(production)).trustedDocuments.enforce).toBe(true);
    expect((await read({ ...production, TRUSTED_DOCUMENTS: 'off' })).trustedDocuments.enforce).toBe(false);
    expect((await read({ TRUSTED_DOCUMENTS: 'ENFORCE', TRUSTED_DOCUMENTS_PATH: '/tmp/m.json' })).trustedDocuments).toMatchObject({
      enforce: true,
      path: '/tmp/m.json',
    });
  });

  it('refuses a mode other than enforce or off, and an analysts’ cap above GRAPHQL_MAX_COST', async () => {
    await expect(read({ TRUSTED_DOCUMENTS: 'strict' })).rejects.toThrow(/TRUSTED_DOCUMENTS 须为 enforce 或 off/);
    await expect(read({ GRAPHQL_ANALYST_MAX_COST: '200000' })).rejects.toThrow(
      /GRAPHQL_ANALYST_MAX_COST \(200000\) 不得高于 GRAPHQL_MAX_COST/,
    );
    expect((await read({ GRAPHQL_ANALYST_MAX_COST: '5000' })).trustedDocuments.analystMaxCost).toBe(5000);
  });
});

describe('the analyst claim', () => {
  it('npm run token -- --analyst signs analyst: true; the gateway reads only a boolean true', () => {
    expect(validateDevTokenClaims({ role: 'COUNTY_AUTHORITY', region: '371602', analyst: 'true' })).toMatchObject({ analyst: true });
    expect(validateDevTokenClaims({ role: 'BUREAU' })).not.toHaveProperty('analyst');
    expect(readPrincipalClaims({ role: 'AUDITOR', sub: 'a', analyst: true }).principal).toMatchObject({ role: 'AUDITOR', analyst: true });
    expect(readPrincipalClaims({ role: 'AUDITOR', sub: 'a', analyst: 'true' }).principal).not.toHaveProperty('analyst');
  });

  it('does not change the scope: a county analyst still needs and keeps its region', () => {
    expect(readPrincipalClaims({ role: 'COUNTY_AUTHORITY', sub: 'c', analyst: true }).problem).toMatch(/region/);
    expect(readPrincipalClaims({ role: 'COUNTY_AUTHORITY', region: '371602', sub: 'c', analyst: true }).principal).toEqual({
      subject: 'c',
      role: 'COUNTY_AUTHORITY',
      regionCode: '371602',
      unitId: undefined,
      providerId: undefined,
      analyst: true,
    });
  });
});
