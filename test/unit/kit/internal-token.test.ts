import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { principalFromClaims, readPrincipalClaims, signInternalToken, verifyInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role, scopeOf, type Principal } from '../../../subgraphs/kit/principal';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const UNIT_ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';
const PROVIDER_ID = '5c1f0e8a-3b7d-4c2e-9a61-0f4b2d8e7c13';
const county: Principal = { subject: 'zhang.san', role: Role.COUNTY_AUTHORITY, regionCode: '371602' };

describe('internal principal token', () => {
  it('carries the principal from gateway to subgraph', async () => {
    const token = await signInternalToken(county, secret);
    expect(await verifyInternalToken(token, secret)).toEqual({ ...county, unitId: undefined, providerId: undefined });
  });

  it('is refused when missing, signed with another secret, or expired', async () => {
    expect(await verifyInternalToken(undefined, secret)).toBeNull();
    expect(await verifyInternalToken(await signInternalToken(county, `${secret}-other`), secret)).toBeNull();
    const expired = await new SignJWT({ role: 'BUREAU' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('govcloud-gateway')
      .setAudience('govcloud-subgraphs')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(secret));
    expect(await verifyInternalToken(expired, secret)).toBeNull();
  });

  it('answers a token it verified again from memory, for that secret only, and forgets it when it expires', async () => {
    const token = await signInternalToken(county, secret);
    const first = await verifyInternalToken(token, secret);
    expect(await verifyInternalToken(token, secret)).toBe(first);
    expect(await verifyInternalToken(token, `${secret}-other`)).toBeNull();
    const shortLived = await new SignJWT({ role: 'BUREAU' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('govcloud-gateway')
      .setAudience('govcloud-subgraphs')
      .setSubject('bureau')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 1)
      .sign(new TextEncoder().encode(secret));
    expect(await verifyInternalToken(shortLived, secret)).toMatchObject({ role: 'BUREAU' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await verifyInternalToken(shortLived, secret)).toBeNull();
  });

  it('requires the claims a role needs', () => {
    expect(principalFromClaims({ role: 'COUNTY_AUTHORITY' })).toBeNull();
    expect(principalFromClaims({ role: 'USER_UNIT', region: '371602' })).toBeNull();
    expect(principalFromClaims({ role: 'PROVIDER', provider: PROVIDER_ID })).toMatchObject({
      role: Role.PROVIDER,
      providerId: PROVIDER_ID,
    });
    expect(principalFromClaims({ role: 'MAYOR' })).toBeNull();
    expect(principalFromClaims({ role: 'FINANCE' })).toBeNull();
  });

  it('refuses malformed ids and regions in claims, saying which claim', () => {
    expect(readPrincipalClaims({ role: 'PROVIDER', provider: 'P-INSPUR' }).problem).toMatch(/provider 声明须为有效的标识/);
    expect(readPrincipalClaims({ role: 'USER_UNIT', unit: 'x', region: '371602' }).problem).toMatch(/unit 声明须为有效的标识/);
    expect(readPrincipalClaims({ role: 'USER_UNIT', unit: UNIT_ID, region: "371602' OR 1=1" }).problem).toMatch(/region/);
    expect(readPrincipalClaims({ role: 'FINANCE' }).problem).toMatch(/缺少声明 region/);
  });

  it('lowercases ids and drops the claims a role does not use', () => {
    expect(
      principalFromClaims({ role: 'USER_UNIT', sub: 'u', unit: UNIT_ID.toUpperCase(), region: '371602', provider: PROVIDER_ID }),
    ).toEqual({ subject: 'u', role: Role.USER_UNIT, unitId: UNIT_ID, regionCode: '371602', providerId: undefined });
    expect(principalFromClaims({ role: 'BUREAU', sub: 'b', region: '371602', unit: UNIT_ID })).toEqual({
      subject: 'b',
      role: Role.BUREAU,
      regionCode: undefined,
      unitId: undefined,
      providerId: undefined,
    });
  });
});

describe('scopeOf', () => {
  it('limits a county authority to its county, a unit to itself, a provider to its platform', () => {
    expect(scopeOf(county)).toEqual({ kind: 'REGION', regionCode: '371602' });
    expect(scopeOf({ subject: 'u', role: Role.USER_UNIT, unitId: 'u1', regionCode: '371602' })).toEqual({ kind: 'UNIT', unitId: 'u1' });
    expect(scopeOf({ subject: 'p', role: Role.PROVIDER, providerId: 'p1' })).toEqual({ kind: 'PROVIDER', providerId: 'p1' });
    expect(scopeOf({ subject: 'b', role: Role.BUREAU })).toEqual({ kind: 'CITY' });
    expect(scopeOf({ subject: 'f', role: Role.FINANCE, regionCode: '371681' })).toEqual({ kind: 'REGION', regionCode: '371681' });
    expect(scopeOf({ subject: 'f', role: Role.FINANCE, regionCode: '371600' })).toEqual({ kind: 'CITY' });
  });

  it.each<[string, Principal]>([
    ['finance without a region', { subject: 'f', role: Role.FINANCE }],
    ['finance with an unknown region', { subject: 'f', role: Role.FINANCE, regionCode: '110000' }],
    ['a county authority without a region', { subject: 'c', role: Role.COUNTY_AUTHORITY }],
    ['a county authority for the city', { subject: 'c', role: Role.COUNTY_AUTHORITY, regionCode: '371600' }],
    ['a unit without its unit', { subject: 'u', role: Role.USER_UNIT, regionCode: '371602' }],
    ['a provider without its provider', { subject: 'p', role: Role.PROVIDER }],
  ])('never widens: %s is refused with UNAUTHENTICATED, not given the city', (_label, principal) => {
    expect(() => scopeOf(principal)).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } }));
  });
});
