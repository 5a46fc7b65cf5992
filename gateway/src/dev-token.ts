// Development user tokens, signed like the city's identity provider would sign them, so the
// gateway's real verification path runs locally and in tests.
import type { KeyObject } from 'node:crypto';
import { SignJWT, type CryptoKey, type JWK } from 'jose';
import { DEFAULT_KEYS_DIR, DEV_JWT_ALGORITHM, DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, loadOrCreateDevKeys } from '../../subgraphs/kit/dev-keys';
import { ROLES, Role, requiredClaims } from '../../subgraphs/kit/principal';
import { isUuid } from '../../subgraphs/kit/ids';
import { isCountyCode, regionByCode } from '../../subgraphs/kit/regions';

/** The claims a user token carries (the names principalFromClaims reads). */
export type DevTokenClaims = {
  role: string;
  /** Subject; defaults to `dev-<role>`. */
  sub?: string;
  region?: string;
  unit?: string;
  provider?: string;
  /** `analyst: true`: may run ad-hoc read-only queries where trusted documents are enforced (`npm run token -- --analyst`). */
  analyst?: boolean;
};

export interface DevTokenOptions {
  /** A jose time span: `12h`, `30m`, `7d`; `-1m` makes an already expired token (tests). Default 12h. */
  expiresIn?: string;
  /** Signing key; defaults to the development private key in `.data/keys`. */
  privateKey?: CryptoKey | KeyObject | JWK;
  /** Default ES256, the development key's algorithm. */
  algorithm?: string;
  issuer?: string;
  audience?: string;
  keysDir?: string;
}

/** A token request that makes no sense: unknown role, a claim missing or malformed. */
export class DevTokenError extends Error {
  override name = 'DevTokenError';
}

const CLAIM_NAMES = new Set(['role', 'sub', 'region', 'unit', 'provider', 'analyst']);

/** Checks the claims against the role's needs (kit/principal.ts) and returns them cleaned up. */
export function validateDevTokenClaims(claims: DevTokenClaims | Record<string, string | undefined>): DevTokenClaims {
  const unknown = Object.keys(claims).filter((name) => !CLAIM_NAMES.has(name));
  if (unknown.length > 0)
    throw new DevTokenError(`未知的声明 ${unknown.join(', ')} (unknown claims; use role, sub, region, unit, provider, analyst)`);
  const { analyst: analystClaim, ...strings } = claims;
  const analyst = analystClaim === true || analystClaim === 'true';
  const present = Object.fromEntries(
    Object.entries(strings).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  ) as Partial<DevTokenClaims>;
  const role = present.role?.trim().toUpperCase();
  if (!role || !ROLES.includes(role as Role)) {
    throw new DevTokenError(`角色无效：${present.role ?? '(未提供)'} (invalid role; one of ${ROLES.join(', ')})`);
  }
  const missing = requiredClaims(role as Role).filter((claim) => !present[claim]);
  if (missing.length > 0) {
    throw new DevTokenError(
      `角色 ${role} 需要声明 ${missing.join(', ')} (role ${role} requires ${missing.map((c) => `--${c}`).join(', ')})`,
    );
  }
  for (const claim of ['unit', 'provider'] as const) {
    const value = present[claim];
    if (value !== undefined && !isUuid(value)) {
      throw new DevTokenError(
        `--${claim} 须为标识 (UUID)：${value} (the ${claim} claim must be a UUID; npm run token -- --list shows them)`,
      );
    }
  }
  if (present.region !== undefined) {
    if (!regionByCode(present.region))
      throw new DevTokenError(`未知的区划代码 ${present.region} (unknown region code; e.g. 371600, 371602)`);
    if (role === Role.COUNTY_AUTHORITY && !isCountyCode(present.region)) {
      throw new DevTokenError(
        `县级主管部门须使用县(市、区)区划代码，不能是 ${present.region} (COUNTY_AUTHORITY needs a county code such as 371602)`,
      );
    }
  }
  return { ...present, role, sub: present.sub ?? `dev-${role.toLowerCase()}`, ...(analyst ? { analyst: true } : {}) };
}

/** Signs a user token for development and tests; throws DevTokenError for claims the gateway would refuse. */
export async function issueDevToken(
  claims: DevTokenClaims | Record<string, string | undefined>,
  options: DevTokenOptions = {},
): Promise<string> {
  const { sub, ...payload } = validateDevTokenClaims(claims);
  const algorithm = options.algorithm ?? DEV_JWT_ALGORITHM;
  const privateKey = options.privateKey ?? (await loadOrCreateDevKeys(options.keysDir ?? DEFAULT_KEYS_DIR)).jwtPrivateJwk;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: algorithm, ...(options.privateKey ? {} : { kid: 'dev' }) })
    .setIssuer(options.issuer ?? DEV_JWT_ISSUER)
    .setAudience(options.audience ?? DEV_JWT_AUDIENCE)
    .setSubject(sub!)
    .setIssuedAt();
  try {
    jwt.setExpirationTime(options.expiresIn ?? '12h');
  } catch {
    throw new DevTokenError(`有效期格式无效：${options.expiresIn} (invalid --expires; e.g. 30m, 12h, 7d)`);
  }
  return jwt.sign(privateKey);
}
