import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** Where local development keeps its generated keys (git-ignored, survives restarts). */
export const DEFAULT_KEYS_DIR = path.resolve('.data', 'keys');

export interface DevKeys {
  /** Shared by the gateway and the subgraphs to sign and verify the forwarded principal. */
  internalTokenSecret: string;
  /** Signs development user tokens (`npm run token`). */
  jwtPrivateJwk: JWK;
  /** Verifies user tokens at the gateway. */
  jwtPublicJwk: JWK;
}

export const DEV_JWT_ALGORITHM = 'ES256';
export const DEV_JWT_ISSUER = 'govcloud-dev';
export const DEV_JWT_AUDIENCE = 'govcloud-graph';

/**
 * Reads the development keys, generating them on first use. Only for local runs: production
 * configures JWT_PUBLIC_KEY or JWT_JWKS_URL and INTERNAL_TOKEN_SECRET instead.
 */
export async function loadOrCreateDevKeys(dir = DEFAULT_KEYS_DIR): Promise<DevKeys> {
  const file = path.join(dir, 'dev-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  const { privateKey, publicKey } = await generateKeyPair(DEV_JWT_ALGORITHM, { extractable: true });
  const keys: DevKeys = {
    internalTokenSecret: randomBytes(32).toString('base64url'),
    jwtPrivateJwk: { ...(await exportJWK(privateKey)), alg: DEV_JWT_ALGORITHM, kid: 'dev' },
    jwtPublicJwk: { ...(await exportJWK(publicKey)), alg: DEV_JWT_ALGORITHM, kid: 'dev' },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}
