// Verifies the user's token at the edge and turns it into the Principal that every subgraph
// receives, signed, in the x-govcloud-principal header.
import type { IncomingMessage } from 'node:http';
import { createRemoteJWKSet, errors as joseErrors, importJWK, jwtVerify, type CryptoKey, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { UnauthenticatedError } from '../../subgraphs/kit/errors';
import { readPrincipalClaims } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';
import type { JwtConfig } from './config';
import { signedPrincipalToken } from './signed-principals';
import { rememberVerifiedTokens, type VerifiedTokenOptions } from './verified-tokens';

/** The context of one gateway request; `principal` is null for an anonymous (introspection-only) request. */
export interface GatewayContext {
  readonly principal: Principal | null;
  /** The signed principal, created on the first subgraph fetch and reused by the others. */
  internalToken?: Promise<string>;
}

export const MESSAGES = {
  expired: '访问令牌已过期，请重新获取 (token expired)',
  invalid: '访问令牌无效：签名、签发者或受众不符 (invalid token)',
  malformedHeader: 'Authorization 请求头格式应为 "Bearer <令牌>" (expected "Authorization: Bearer <token>")',
  missingClaims: '访问令牌缺少有效的角色或该角色所需的声明 region/unit/provider (token lacks a valid role or the claims it requires)',
  required: '未认证：请在 Authorization 请求头中提供访问令牌 (Authorization: Bearer …)；未登录时只能查询架构 (introspection)',
} as const;

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Builds the verifier for user tokens: signature, issuer, audience, expiry, algorithm, and the role
 * claims' presence and form, each token checked once until it expires (verified-tokens.ts). Whether
 * they fit the directory is directory.ts's check, after this, on every request.
 */
export function createTokenVerifier(config: JwtConfig, options: VerifiedTokenOptions = {}): TokenVerifier {
  const key = verificationKey(config);
  // Awaited per token below, where a bad key fails that token; not an unhandled rejection meanwhile.
  key.catch(() => undefined);
  const verifyOptions = { issuer: config.issuer, audience: config.audience, algorithms: config.algorithms, clockTolerance: 30 };
  return rememberVerifiedTokens(async (token) => {
    let claims: Record<string, unknown>;
    try {
      const resolved = await key;
      // The overloads differ only by key kind; both accept these options.
      ({ payload: claims } =
        typeof resolved === 'function' ? await jwtVerify(token, resolved, verifyOptions) : await jwtVerify(token, resolved, verifyOptions));
    } catch (error) {
      throw new UnauthenticatedError(error instanceof joseErrors.JWTExpired ? MESSAGES.expired : MESSAGES.invalid);
    }
    const { principal, problem } = readPrincipalClaims(claims);
    if (!principal) throw new UnauthenticatedError(`${MESSAGES.missingClaims}：${problem}`);
    return { principal, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined };
  }, options);
}

/** The key, imported once: given as a JWK, jose would import it again for every token. */
async function verificationKey(config: JwtConfig): Promise<KeyObject | CryptoKey | JWTVerifyGetKey> {
  switch (config.key.kind) {
    case 'public-key':
      return config.key.key;
    case 'dev-jwk':
      return (await importJWK(config.key.jwk, config.algorithms[0])) as CryptoKey;
    case 'jwks':
      // Caches the key set and refetches it when a token names an unknown key id.
      return createRemoteJWKSet(config.key.url, { timeoutDuration: 5000 });
  }
}

/** The bearer token of a request; undefined when there is none; a malformed header is rejected. */
export function bearerTokenOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError(MESSAGES.malformedHeader);
  return match[1];
}

/** The context factory: a present token must be valid; an absent one yields an anonymous context. */
export function createGatewayContext(verify: TokenVerifier) {
  return async (req: Pick<IncomingMessage, 'headers'>): Promise<GatewayContext> => {
    const token = bearerTokenOf(req);
    return { principal: token === undefined ? null : await verify(token) };
  };
}

/**
 * The signed principal for subgraph fetches: one token for all of a request's fetches, itself
 * shared by the principal's requests for half a minute (signed-principals.ts).
 * The analyst claim goes along only when the request's operation is a query (`query: true`), so the
 * subgraphs answer it from DATABASE_READ_URL; a mutation's fetches, its follow-up `_entities` ones
 * too, read the primary.
 */
export function internalTokenOf(
  context: GatewayContext,
  secret: string,
  { query = false }: { query?: boolean } = {},
): Promise<string> | undefined {
  if (!context.principal) return undefined;
  const { analyst, ...principal } = context.principal;
  context.internalToken ??= signedPrincipalToken(analyst && query ? context.principal : principal, secret);
  return context.internalToken;
}
