import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { principalFromClaims, signInternalToken, verifyInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role, scopeOf, type Principal } from '../../../subgraphs/kit/principal';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
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

  it('requires the claims a role needs', () => {
    expect(principalFromClaims({ role: 'COUNTY_AUTHORITY' })).toBeNull();
    expect(principalFromClaims({ role: 'USER_UNIT', region: '371602' })).toBeNull();
    expect(principalFromClaims({ role: 'PROVIDER', provider: 'p1' })).toMatchObject({ role: Role.PROVIDER, providerId: 'p1' });
    expect(principalFromClaims({ role: 'MAYOR' })).toBeNull();
  });
});

describe('scopeOf', () => {
  it('limits a county authority to its county, a unit to itself, a provider to its platform', () => {
    expect(scopeOf(county)).toEqual({ kind: 'REGION', regionCode: '371602' });
    expect(scopeOf({ subject: 'u', role: Role.USER_UNIT, unitId: 'u1', regionCode: '371602' })).toEqual({ kind: 'UNIT', unitId: 'u1' });
    expect(scopeOf({ subject: 'p', role: Role.PROVIDER, providerId: 'p1' })).toEqual({ kind: 'PROVIDER', providerId: 'p1' });
    expect(scopeOf({ subject: 'b', role: Role.BUREAU })).toEqual({ kind: 'CITY' });
    expect(scopeOf({ subject: 'f', role: Role.FINANCE, regionCode: '371681' })).toEqual({ kind: 'REGION', regionCode: '371681' });
  });
});
