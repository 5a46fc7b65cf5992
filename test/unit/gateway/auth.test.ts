import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bearerTokenOf,
  createGatewayContext,
  createTokenVerifier,
  internalTokenOf,
  MESSAGES,
  type GatewayContext,
} from '../../../gateway/src/auth';
import type { JwtConfig } from '../../../gateway/src/config';
import { issueDevToken } from '../../../gateway/src/dev-token';
import { ErrorCode, UnauthenticatedError } from '../../../subgraphs/kit/errors';
import { verifyInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role } from '../../../subgraphs/kit/principal';

const ISSUER = 'test-issuer';
const AUDIENCE = 'test-audience';
const UNIT_ID = 'd74fa9bf-85e0-5b5b-ad06-f8ad8d988ccf';
const SECRET = 'a-test-internal-secret-of-32-characters!';

let privateKey: CryptoKey;
let otherPrivateKey: CryptoKey;
let jwt: JwtConfig;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  otherPrivateKey = (await generateKeyPair('ES256')).privateKey;
  const key = createPublicKey(await exportSPKI(pair.publicKey));
  jwt = { key: { kind: 'public-key', key }, issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'] };
});

const sign = (
  claims: Record<string, string | undefined>,
  options: { expiresIn?: string; issuer?: string; audience?: string; key?: CryptoKey } = {},
) =>
  issueDevToken(claims, {
    privateKey: options.key ?? privateKey,
    issuer: options.issuer ?? ISSUER,
    audience: options.audience ?? AUDIENCE,
    expiresIn: options.expiresIn,
  });

async function rejection(token: string): Promise<UnauthenticatedError> {
  const error = await createTokenVerifier(jwt)(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  const unauthenticated = error as UnauthenticatedError;
  expect(unauthenticated.extensions.code).toBe(ErrorCode.UNAUTHENTICATED);
  expect(unauthenticated.extensions.http).toEqual({ status: 401 });
  return unauthenticated;
}

describe('createTokenVerifier', () => {
  it('turns a valid token into the principal with its scope claims', async () => {
    const token = await sign({ role: 'COUNTY_AUTHORITY', region: '371602', sub: 'zhang.san' });
    await expect(createTokenVerifier(jwt)(token)).resolves.toEqual({
      subject: 'zhang.san',
      role: Role.COUNTY_AUTHORITY,
      regionCode: '371602',
      unitId: undefined,
      providerId: undefined,
    });
  });

  it('rejects an expired token and says so', async () => {
    const error = await rejection(await sign({ role: 'BUREAU' }, { expiresIn: '-5m' }));
    expect(error.message).toBe(MESSAGES.expired);
  });

  it('rejects a token from another issuer', async () => {
    expect((await rejection(await sign({ role: 'BUREAU' }, { issuer: 'someone-else' }))).message).toBe(MESSAGES.invalid);
  });

  it('rejects a token for another audience', async () => {
    await rejection(await sign({ role: 'BUREAU' }, { audience: 'another-api' }));
  });

  it('rejects a token signed with another key', async () => {
    expect((await rejection(await sign({ role: 'BUREAU' }, { key: otherPrivateKey }))).message).toBe(MESSAGES.invalid);
  });

  it('rejects an unsigned (alg none) token and an HMAC token', async () => {
    const unsigned = new UnsecuredJWT({ role: 'BUREAU' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').encode();
    await rejection(unsigned);
    const hmac = await new SignJWT({ role: 'BUREAU' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    await rejection(hmac);
  });

  it('rejects garbage', async () => {
    await rejection('not-a-jwt');
  });

  it.each([
    ['no role', {}],
    ['an unknown role', { role: 'MAYOR' }],
    ['COUNTY_AUTHORITY without region', { role: 'COUNTY_AUTHORITY' }],
    ['USER_UNIT without unit', { role: 'USER_UNIT', region: '371602' }],
    ['PROVIDER without provider', { role: 'PROVIDER' }],
    ['FINANCE without region', { role: 'FINANCE' }],
    ['a provider code for the provider id', { role: 'PROVIDER', provider: 'P-INSPUR' }],
    ['a malformed unit id', { role: 'USER_UNIT', unit: 'x', region: '371602' }],
  ])('rejects a validly signed token with %s', async (_label, claims) => {
    // Signed directly: issueDevToken itself refuses such claims.
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await rejection(token)).message).toContain(MESSAGES.missingClaims);
  });
});

describe('bearerTokenOf', () => {
  it('reads a bearer token, treats a missing header as anonymous and rejects other schemes', () => {
    expect(bearerTokenOf({ headers: { authorization: 'Bearer abc.def.ghi' } })).toBe('abc.def.ghi');
    expect(bearerTokenOf({ headers: { authorization: 'bearer   abc ' } })).toBe('abc');
    expect(bearerTokenOf({ headers: {} })).toBeUndefined();
    expect(() => bearerTokenOf({ headers: { authorization: 'Basic dXNlcjpwYXNz' } })).toThrow(UnauthenticatedError);
    expect(() => bearerTokenOf({ headers: { authorization: 'Bearer a b' } })).toThrow(UnauthenticatedError);
  });
});

describe('createGatewayContext', () => {
  it('is anonymous without a token and fails with 401 for a bad one', async () => {
    const context = createGatewayContext(createTokenVerifier(jwt));
    await expect(context({ headers: {} })).resolves.toEqual({ principal: null });
    await expect(context({ headers: { authorization: 'Bearer nope' } })).rejects.toBeInstanceOf(UnauthenticatedError);
    const ok = await context({ headers: { authorization: `Bearer ${await sign({ role: 'AUDITOR' })}` } });
    expect(ok.principal?.role).toBe(Role.AUDITOR);
  });
});

describe('createTokenVerifier remembers', () => {
  it('a valid token until it expires: the same principal without checking the signature again', async () => {
    const token = await sign({ role: 'AUDITOR', sub: 'remembered' });
    const verify = createTokenVerifier(jwt);
    const first = await verify(token);
    expect(await verify(token)).toBe(first);
    // A different verifier (another gateway process) has its own memory.
    expect(await createTokenVerifier(jwt)(token)).not.toBe(first);
  });

  it('a JWK key (the development keys) imported once, verifying like a PEM key', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const verify = createTokenVerifier({ ...jwt, key: { kind: 'dev-jwk', jwk: await exportJWK(pair.publicKey), keysDir: '.' } });
    const token = await sign({ role: 'BUREAU', sub: 'dev' }, { key: pair.privateKey });
    await expect(verify(token)).resolves.toMatchObject({ role: Role.BUREAU, subject: 'dev' });
    await expect(verify(await sign({ role: 'BUREAU' }))).rejects.toThrow(MESSAGES.invalid);
  });
});

describe('internalTokenOf', () => {
  it('signs the principal once per request context, verifiable by the subgraphs', async () => {
    const context: GatewayContext = { principal: { subject: 's', role: Role.USER_UNIT, unitId: UNIT_ID, regionCode: '371602' } };
    const first = internalTokenOf(context, SECRET);
    expect(internalTokenOf(context, SECRET)).toBe(first);
    await expect(verifyInternalToken(await first, SECRET)).resolves.toMatchObject({
      role: Role.USER_UNIT,
      unitId: UNIT_ID,
      regionCode: '371602',
    });
    expect(internalTokenOf({ principal: null }, SECRET)).toBeUndefined();
  });

  it("forwards an analyst's claim on a query only, so a mutation's fetches read the primary (DATABASE_READ_URL)", async () => {
    const analyst = { subject: 'a', role: Role.BUREAU, analyst: true };
    const onQuery = await internalTokenOf({ principal: analyst }, SECRET, { query: true });
    const onMutation = await internalTokenOf({ principal: analyst }, SECRET, { query: false });
    expect(await verifyInternalToken(onQuery, SECRET)).toMatchObject({ role: Role.BUREAU, analyst: true });
    expect((await verifyInternalToken(onMutation, SECRET))?.analyst).toBeUndefined();
  });
});
