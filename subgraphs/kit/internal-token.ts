import type { IncomingMessage } from 'node:http';
import { SignJWT, jwtVerify } from 'jose';
import { UnauthenticatedError } from './errors';
import { ROLES, requiredClaims, type Principal, type Role } from './principal';

/** The header the gateway uses to pass the verified principal to subgraphs. */
export const PRINCIPAL_HEADER = 'x-govcloud-principal';

const ISSUER = 'govcloud-gateway';
const AUDIENCE = 'govcloud-subgraphs';
const ALGORITHM = 'HS256';
/** Short: a token caught in transit is useless soon after. */
const LIFETIME = '60s';

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('INTERNAL_TOKEN_SECRET must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/** Gateway side: wraps a principal in a token only holders of the shared secret can make. */
export async function signInternalToken(principal: Principal, secret: string): Promise<string> {
  return new SignJWT({
    role: principal.role,
    region: principal.regionCode,
    unit: principal.unitId,
    provider: principal.providerId,
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(principal.subject)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(keyOf(secret));
}

/** Subgraph side: returns the principal, or null when the token is missing, forged or expired. */
export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Principal | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
    });
    return principalFromClaims(payload);
  } catch {
    return null;
  }
}

/** Builds a principal from JWT claims (`role`, `region`, `unit`, `provider`), or null if invalid. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const role = claims.role;
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) return null;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const principal: Principal = {
    subject: text(claims.sub) ?? 'unknown',
    role: role as Role,
    regionCode: text(claims.region),
    unitId: text(claims.unit),
    providerId: text(claims.provider),
  };
  const claimValue = { region: principal.regionCode, unit: principal.unitId, provider: principal.providerId };
  return requiredClaims(principal.role).every((claim) => claimValue[claim]) ? principal : null;
}

/** The principal of a request to a subgraph's own HTTP route (materials, CSV exports); 401 without a valid one. */
export async function principalOfRequest(req: IncomingMessage, secret: string): Promise<Principal> {
  const header = req.headers[PRINCIPAL_HEADER];
  const principal = await verifyInternalToken(Array.isArray(header) ? header[0] : header, secret);
  if (!principal) throw new UnauthenticatedError('未认证：子图只接受经网关转发并签名的请求');
  return principal;
}
