import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { DevTokenError, issueDevToken, validateDevTokenClaims } from '../../../gateway/src/dev-token';
import { DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, loadOrCreateDevKeys } from '../../../subgraphs/kit/dev-keys';

const UNIT_ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';

describe('issueDevToken', () => {
  it('signs with the development key so the gateway verifies it with the development public key', async () => {
    const keysDir = mkdtempSync(path.join(os.tmpdir(), 'dev-token-'));
    const token = await issueDevToken({ role: 'USER_UNIT', unit: UNIT_ID, region: '371602' }, { keysDir, expiresIn: '1h' });
    const { jwtPublicJwk } = await loadOrCreateDevKeys(keysDir);
    const { payload } = await jwtVerify(token, jwtPublicJwk, { issuer: DEV_JWT_ISSUER, audience: DEV_JWT_AUDIENCE, algorithms: ['ES256'] });
    expect(payload).toMatchObject({ role: 'USER_UNIT', unit: UNIT_ID, region: '371602', sub: 'dev-user_unit' });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'dev' });
  });

  it('normalises the role and keeps an explicit subject', async () => {
    const keysDir = mkdtempSync(path.join(os.tmpdir(), 'dev-token-'));
    expect(decodeJwt(await issueDevToken({ role: 'bureau', sub: 'wang.wu' }, { keysDir }))).toMatchObject({
      role: 'BUREAU',
      sub: 'wang.wu',
    });
  });

  it('refuses a bad expiry', async () => {
    await expect(
      issueDevToken({ role: 'BUREAU' }, { expiresIn: 'soon', keysDir: mkdtempSync(path.join(os.tmpdir(), 'dev-token-')) }),
    ).rejects.toBeInstanceOf(DevTokenError);
  });
});

describe('validateDevTokenClaims', () => {
  it.each([
    ['no role', {}, /角色无效/],
    ['an unknown role', { role: 'MAYOR' }, /角色无效/],
    ['COUNTY_AUTHORITY without region', { role: 'COUNTY_AUTHORITY' }, /--region/],
    ['COUNTY_AUTHORITY for the city', { role: 'COUNTY_AUTHORITY', region: '371600' }, /县/],
    ['USER_UNIT without unit', { role: 'USER_UNIT', region: '371602' }, /--unit/],
    ['USER_UNIT without region', { role: 'USER_UNIT', unit: 'u' }, /--region/],
    ['USER_UNIT with a unit code for its id', { role: 'USER_UNIT', unit: 'U-371602-001', region: '371602' }, /--unit 须为标识/],
    ['PROVIDER with a provider code for its id', { role: 'PROVIDER', provider: 'P-INSPUR' }, /--provider 须为标识/],
    ['FINANCE without region', { role: 'FINANCE' }, /--region/],
    ['PROVIDER without provider', { role: 'PROVIDER' }, /--provider/],
    ['an unknown region', { role: 'FINANCE', region: '110000' }, /区划代码/],
    ['a misspelt claim', { role: 'BUREAU', regionCode: '371602' }, /未知的声明/],
  ])('refuses %s', (_label, claims, message) => {
    expect(() => validateDevTokenClaims(claims as Record<string, string>)).toThrow(message);
  });

  it('accepts what each role needs', () => {
    expect(validateDevTokenClaims({ role: 'FINANCE', region: '371600' })).toMatchObject({ role: 'FINANCE', region: '371600' });
    const provider = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';
    expect(validateDevTokenClaims({ role: 'PROVIDER', provider })).toMatchObject({ provider });
  });
});
