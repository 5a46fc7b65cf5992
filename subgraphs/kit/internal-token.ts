import type { IncomingMessage } from 'node:http';
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from './errors';
import { isUuid } from './ids';
import { ROLES, requiredClaims, scopeOf, type Principal, type Role } from './principal';

/** The header the gateway uses to pass the verified principal to subgraphs. */
export const PRINCIPAL_HEADER = 'x-govcloud-principal';

const ISSUER = 'govcloud-gateway';
const AUDIENCE = 'govcloud-subgraphs';
const ALGORITHM = 'HS256';
/** Short: a token caught in transit is useless soon after. */
const LIFETIME = '60s';

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The secret as an HMAC key, imported once: given the raw bytes, jose imported them again for every
 * token signed or verified, a twentieth of a subgraph's CPU per request (issue 14).
 */
function keyOf(secret: string): Promise<CryptoKey> {
  if (secret.length < 32) throw new Error('INTERNAL_TOKEN_SECRET must be at least 32 characters');
  let key = keys.get(secret);
  if (!key) {
    const bytes = new TextEncoder().encode(secret);
    key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, key);
  }
  return key;
}

/** Gateway side: wraps a principal in a token only holders of the shared secret can make. */
export async function signInternalToken(principal: Principal, secret: string): Promise<string> {
  return new SignJWT({
    role: principal.role,
    region: principal.regionCode,
    unit: principal.unitId,
    provider: principal.providerId,
    ...(principal.analyst ? { analyst: true } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.subject)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(await keyOf(secret));
}

/**
 * Tokens already verified, until they expire: the gateway signs one per request, and a request's
 * fetches to one subgraph (its root fields, then `_entities` once or more) carry the same one.
 */
const verified = new LRUCache<string, { secret: string; principal: Principal }>({ max: 2000 });

/** Subgraph side: returns the principal, or null when the token is missing, forged or expired. */
export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Principal | null> {
  if (!token) return null;
  const known = verified.get(token);
  if (known && known.secret === secret) return known.principal;
  try {
    const { payload } = await jwtVerify(token, await keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
    });
    const principal = principalFromClaims(payload);
    const ttl = (payload.exp ?? 0) * 1000 - Date.now();
    if (principal && ttl > 0) verified.set(token, { secret, principal }, { ttl });
    return principal;
  } catch {
    return null;
  }
}

/** Why claims make no principal, in Chinese with an English gloss, for the 401 the gateway answers. */
export type ClaimsReading = { principal: Principal; problem?: undefined } | { principal?: undefined; problem: string };

const REGION_CODE = /^\d{6}$/;

/**
 * Reads a principal from JWT claims (`role`, `region`, `unit`, `provider`, `analyst`). The role must be known,
 * the claims it needs present and well-formed — unit and provider ids are uuids (lowercased, as the
 * database returns them), a region six digits — so nothing malformed ever reaches SQL. Claims the
 * role does not use are dropped, so no code can read a scope from them. Whether the claimed unit,
 * provider or region fits the directory is the gateway's next check (gateway/src/directory.ts).
 */
export function readPrincipalClaims(claims: Record<string, unknown>): ClaimsReading {
  const role = claims.role;
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    return { problem: `令牌的角色无效或缺失 (unknown role; one of ${ROLES.join(', ')})` };
  }
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const needed = requiredClaims(role as Role);
  const missing = needed.filter((claim) => !text(claims[claim]));
  if (missing.length > 0) {
    return { problem: `角色 ${role} 的令牌缺少声明 ${missing.join(', ')} (role ${role} requires the claims ${missing.join(', ')})` };
  }
  const region = needed.includes('region') ? text(claims.region) : undefined;
  const unit = needed.includes('unit') ? text(claims.unit) : undefined;
  const provider = needed.includes('provider') ? text(claims.provider) : undefined;
  if (region !== undefined && !REGION_CODE.test(region)) {
    return { problem: `令牌的 region 声明须为 6 位行政区划代码 (the region claim must be a six-digit code)` };
  }
  for (const [claim, value] of [
    ['unit', unit],
    ['provider', provider],
  ] as const) {
    if (value !== undefined && !isUuid(value)) {
      return { problem: `令牌的 ${claim} 声明须为有效的标识 (UUID)，不能是编码或名称 (the ${claim} claim must be a UUID)` };
    }
  }
  return {
    principal: {
      subject: text(claims.sub) ?? 'unknown',
      role: role as Role,
      regionCode: region,
      unitId: unit?.toLowerCase(),
      providerId: provider?.toLowerCase(),
      ...(claims.analyst === true ? { analyst: true } : {}),
    },
  };
}

/** Builds a principal from JWT claims, or null if they make none (readPrincipalClaims says why). */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  return readPrincipalClaims(claims).principal ?? null;
}

/** The principal of a request to a subgraph's own HTTP route (materials, CSV exports); 401 without a valid one. */
export async function principalOfRequest(req: IncomingMessage, secret: string): Promise<Principal> {
  const header = req.headers[PRINCIPAL_HEADER];
  const principal = await verifyInternalToken(Array.isArray(header) ? header[0] : header, secret);
  if (!principal) throw new UnauthenticatedError('未认证：子图只接受经网关转发并签名的请求');
  scopeOf(principal); // a principal that gives no scope is refused here (401), before the route reads anything
  return principal;
}

/** The header that carries the gateway's token on its directory questions (kit/directory.ts). */
export const DIRECTORY_TOKEN_HEADER = 'x-govcloud-directory';
/**
 * A directory question is asked before any principal is known, so its token names no principal.
 * Its own audience keeps it from opening any GraphQL endpoint or route that wants a principal.
 */
const DIRECTORY_AUDIENCE = 'govcloud-directory';
const DIRECTORY_SUBJECT = 'govcloud-gateway';

/** Gateway side: a short-lived token for the subgraphs' internal directory routes. */
export async function signDirectoryToken(secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(DIRECTORY_AUDIENCE)
    .setSubject(DIRECTORY_SUBJECT)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(await keyOf(secret));
}

/** Subgraph side: a directory route answers only the gateway (401 otherwise). */
export async function requireDirectoryToken(req: IncomingMessage, secret: string): Promise<void> {
  const header = req.headers[DIRECTORY_TOKEN_HEADER];
  const token = Array.isArray(header) ? header[0] : header;
  try {
    if (!token) throw new Error('missing');
    await jwtVerify(token, await keyOf(secret), {
      issuer: ISSUER,
      audience: DIRECTORY_AUDIENCE,
      subject: DIRECTORY_SUBJECT,
      algorithms: [ALGORITHM],
    });
  } catch {
    throw new UnauthenticatedError('未认证：目录查询只接受网关签名的请求 (directory routes answer the gateway only)');
  }
}
