// Per-principal rate limit for /graphql: a token bucket per key — the principal's role and
// subject, or the client address for anonymous requests and rejected tokens. Checked while the
// request's context is built (the one place Apollo lets us refuse with our own HTTP status before
// parsing), so a refused request costs a map lookup. In memory, per gateway process: with N
// gateway replicas a principal gets N times the rate.
import type { IncomingMessage } from 'node:http';
import { RateLimitedError } from '../../../subgraphs/kit/errors';
import type { Principal } from '../../../subgraphs/kit/principal';

export interface RateLimitOptions {
  /** Requests a key may make at once (the bucket's size). RATE_LIMIT_BURST. */
  burst: number;
  /** Requests per second a key regains, up to `burst`. RATE_LIMIT_PER_SECOND. */
  perSecond: number;
  /** Keys remembered at most; past this, full buckets are forgotten first. Default 100,000. */
  maxKeys?: number;
  /** Milliseconds clock; tests pass their own. Default Date.now. */
  now?: () => number;
}

/** A person clicking through the IDE or a script polling stays well below; a flood does not. */
export const DEFAULT_RATE_LIMIT = { burst: 100, perSecond: 10 } as const;

export interface RateLimiter {
  /** Takes one token for `key`, or throws RateLimitedError (429, Retry-After). */
  take(key: string): void;
  /** Keys currently remembered (for tests). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { burst, perSecond } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = at;
  };

  /** Forgets buckets that have refilled (they behave like new ones); if none, the oldest. */
  const evict = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    while (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
  };

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) evict(at);
        bucket = { tokens: burst, updatedAt: at };
        buckets.set(key, bucket);
      }
      refill(bucket, at);
      if (bucket.tokens < 1) throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
      bucket.tokens -= 1;
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The /graphql context factory with the rate limit in front: a request draws from its principal's
 * bucket once authenticated; a rejected token draws from its address's, so guessing tokens is
 * limited too. `onRefused` is told of each refusal (metrics). A null limiter changes nothing.
 */
export function withRateLimit<C extends { principal: Principal | null }>(
  authenticate: (req: IncomingMessage) => Promise<C>,
  limiter: RateLimiter | null,
  onRefused: () => void,
): (req: IncomingMessage) => Promise<C> {
  if (!limiter) return authenticate;
  const take = (key: string) => {
    try {
      limiter.take(key);
    } catch (error) {
      onRefused();
      throw error;
    }
  };
  return async (req) => {
    let context: C;
    try {
      context = await authenticate(req);
    } catch (error) {
      take(rateLimitKey(null, req));
      throw error;
    }
    take(rateLimitKey(context.principal, req));
    return context;
  };
}

/** The bucket a request draws from: who is asking, or from where when nobody (yet) is. */
export function rateLimitKey(principal: Principal | null, req: Pick<IncomingMessage, 'socket'>): string {
  if (principal) return `principal:${principal.role}:${principal.subject}`;
  return `address:${req.socket.remoteAddress ?? 'unknown'}`;
}
