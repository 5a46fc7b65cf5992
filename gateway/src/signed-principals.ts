// The principal token the subgraphs receive (kit/internal-token.ts, valid 60 s) is signed once per
// principal and reused for up to REUSE_MS of its life: a user's requests carry the same token, so
// the gateway signs once per user every 20 s rather than once per request, and each subgraph, which
// remembers the tokens it verified, checks it once too (issue 14). A request keeps the token its
// first fetch took (auth.ts internalTokenOf), so its last fetch may start up to 40 s later and still
// be accepted: 20 s less than when every request signed its own, and still four default timeouts.
import { LRUCache } from 'lru-cache';
import { signInternalToken } from '../../subgraphs/kit/internal-token';
import type { Principal } from '../../subgraphs/kit/principal';

export const REUSE_MS = 20_000;

interface Signed {
  token: Promise<string>;
  signedAt: number;
}

const signed = new LRUCache<string, Signed>({ max: 10_000 });

/** Every claim the token carries, and the secret: two principals differing in any share nothing. */
function keyOf(principal: Principal, secret: string): string {
  const { subject, role, regionCode, unitId, providerId, analyst } = principal;
  return JSON.stringify([secret, subject, role, regionCode ?? null, unitId ?? null, providerId ?? null, analyst === true]);
}

/** The token for `principal`: the one signed within the last REUSE_MS, or a new one. */
export function signedPrincipalToken(principal: Principal, secret: string, now: () => number = Date.now): Promise<string> {
  const key = keyOf(principal, secret);
  const known = signed.get(key);
  if (known && now() - known.signedAt < REUSE_MS) return known.token;
  const token = signInternalToken(principal, secret);
  signed.set(key, { token, signedAt: now() });
  // A failed signing is not reused: the next request tries again.
  token.catch(() => signed.delete(key));
  return token;
}
