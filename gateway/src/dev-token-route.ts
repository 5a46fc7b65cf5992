// Development only: the IDE's principal picker asks here for a token of the role and scope it
// chose (POST /dev/token {role, region?, unit?, provider?}), signed by the development key the
// gateway verifies with — the same issueDevToken that `npm run token` uses. The gateway adds this
// route only when it verifies user tokens with the development key and NODE_ENV is not production
// (server.ts); in production there is no such path and the IDE keeps only its token field.
import type { IncomingMessage } from 'node:http';
import { sendJson, type Route } from '../../subgraphs/kit/http';
import type { GatewayConfig } from './config';
import { DevTokenError, issueDevToken, type DevTokenClaims } from './dev-token';

export const DEV_TOKEN_PATH = '/dev/token';
const MAX_BODY_BYTES = 4096;
const CLAIMS = ['role', 'region', 'unit', 'provider'] as const;

/** Signs the claims as a user token; throws DevTokenError for claims the gateway would refuse. */
export type DevTokenSigner = (claims: DevTokenClaims) => Promise<string>;

/** The development key's signer when the gateway verifies with that key outside production; else none. */
export function developmentTokenSigner(config: Pick<GatewayConfig, 'jwt' | 'production'>): DevTokenSigner | undefined {
  const { key, issuer, audience } = config.jwt;
  if (config.production || key.kind !== 'dev-jwk') return undefined;
  return (claims) => issueDevToken(claims, { keysDir: key.keysDir, issuer, audience });
}

async function readSmallBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads {role, region, unit, provider} (strings only; nothing else) from the request body. */
function claimsOf(body: string): DevTokenClaims | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.some(([key, value]) => !(CLAIMS as readonly string[]).includes(key) || (value !== null && typeof value !== 'string'))) {
    return undefined;
  }
  const claims = Object.fromEntries(entries.filter(([, value]) => typeof value === 'string' && value !== ''));
  return typeof claims.role === 'string' ? (claims as DevTokenClaims) : undefined;
}

export function devTokenRoute(sign: DevTokenSigner): Route {
  return async (req, res) => {
    if ((req.url ?? '').split('?')[0] !== DEV_TOKEN_PATH) return false;
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { message: '只接受 POST (POST only)' });
      return true;
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, { message: '请求体须为 application/json (JSON only)' });
      return true;
    }
    const body = await readSmallBody(req);
    const claims = body === undefined ? undefined : claimsOf(body);
    if (!claims) {
      sendJson(res, 400, { message: '请求体须为 {"role": …, "region"?, "unit"?, "provider"?} (a JSON object of string claims)' });
      return true;
    }
    try {
      const token = await sign(claims);
      res.setHeader('cache-control', 'no-store');
      sendJson(res, 200, { token });
    } catch (error) {
      if (!(error instanceof DevTokenError)) throw error;
      sendJson(res, 400, { message: error.message });
    }
    return true;
  };
}
