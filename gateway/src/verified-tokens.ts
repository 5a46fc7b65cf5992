// A user's token is verified once and its principal remembered until the token expires. A front
// end sends the same token with every request for the token's life, and checking its ES256
// signature every time was about a sixth of the gateway's CPU per request (issue 14).
//
// The trade-off: a remembered token stays accepted until its `exp` even if its key leaves the key
// set meanwhile — the window any token already issued has anyway; to shorten it, issue shorter-lived
// tokens. A token that fails verification is never remembered, so it fails every time.
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../subgraphs/kit/principal';

/** A verified token's principal and when the token expires (ms since the epoch; absent: no `exp`). */
export interface VerifiedToken {
  principal: Principal;
  expiresAt?: number;
}

export interface VerifiedTokenOptions {
  /** How many distinct tokens are remembered; the least recently used go first. Default 10,000. */
  max?: number;
  /** The clock, for tests. Default Date.now. */
  now?: () => number;
}

/**
 * `verify`, remembering each token it accepted until that token's expiry. A token without `exp`
 * is verified every time (there is no moment at which forgetting it would be right).
 */
export function rememberVerifiedTokens(
  verify: (token: string) => Promise<VerifiedToken>,
  { max = 10_000, now = Date.now }: VerifiedTokenOptions = {},
): (token: string) => Promise<Principal> {
  const remembered = new LRUCache<string, Required<VerifiedToken>>({ max });
  return async (token) => {
    const known = remembered.get(token);
    if (known && known.expiresAt > now()) return known.principal;
    if (known) remembered.delete(token);
    const { principal, expiresAt } = await verify(token);
    // Shared by every request that presents this token: nobody may change it.
    Object.freeze(principal);
    if (expiresAt !== undefined && expiresAt > now()) remembered.set(token, { principal, expiresAt });
    return principal;
  };
}
