// The token bucket behind the gateway's rate limit, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitKey } from '../../../gateway/src/plugins/rate-limit';
import { ErrorCode, RateLimitedError } from '../../../subgraphs/kit/errors';
import { Role } from '../../../subgraphs/kit/principal';

function clock() {
  let ms = 1_000_000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

function refusal(take: () => void): RateLimitedError {
  try {
    take();
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
  throw new Error('expected a RateLimitedError');
}

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with 429, a Retry-After in whole seconds and RATE_LIMITED', () => {
    const time = clock();
    const limiter = createRateLimiter({ burst: 3, perSecond: 0.5, now: time.now });
    for (let i = 0; i < 3; i++) limiter.take('a');
    const error = refusal(() => limiter.take('a'));
    expect(error.extensions.code).toBe(ErrorCode.RATE_LIMITED);
    // One token at 0.5 per second: two seconds.
    expect(error.extensions.http).toEqual({ status: 429, headers: new Map([['retry-after', '2']]) });
    expect(error.extensions.retryAfterSeconds).toBe(2);
    expect(error.message).toMatch(/请求过于频繁，请 2 秒后重试/);
  });

  it('refills at the configured rate, never above the burst', () => {
    const time = clock();
    const limiter = createRateLimiter({ burst: 2, perSecond: 10, now: time.now });
    limiter.take('a');
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow(RateLimitedError);
    time.advance(100); // one token back
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow(RateLimitedError);
    time.advance(60_000); // a minute idle refills to the burst (2), not to 600
    limiter.take('a');
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow(RateLimitedError);
  });

  it('says how long until the next token, rounded up to at least a second', () => {
    const time = clock();
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.1, now: time.now });
    limiter.take('a');
    expect(refusal(() => limiter.take('a')).extensions.retryAfterSeconds).toBe(10);
    time.advance(7_500);
    expect(refusal(() => limiter.take('a')).extensions.retryAfterSeconds).toBe(3);
    const fast = createRateLimiter({ burst: 1, perSecond: 100, now: time.now });
    fast.take('a');
    expect(refusal(() => fast.take('a')).extensions.retryAfterSeconds).toBe(1);
  });

  it('keeps a bucket per key', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1, now: clock().now });
    limiter.take('a');
    expect(() => limiter.take('a')).toThrow(RateLimitedError);
    limiter.take('b');
  });

  it('remembers at most maxKeys buckets, forgetting refilled ones first', () => {
    const time = clock();
    const limiter = createRateLimiter({ burst: 2, perSecond: 1, maxKeys: 3, now: time.now });
    limiter.take('busy');
    limiter.take('busy');
    limiter.take('idle-1');
    time.advance(5_000); // idle-1 and busy refill
    limiter.take('busy');
    limiter.take('busy');
    limiter.take('idle-2');
    limiter.take('new'); // full: idle-1 (refilled) goes, busy (empty) stays
    expect(limiter.size).toBeLessThanOrEqual(3);
    expect(() => limiter.take('busy')).toThrow(RateLimitedError);
  });
});

describe('rateLimitKey', () => {
  const req = { socket: { remoteAddress: '10.1.2.3' } } as never;

  it('keys a principal by role and subject, so one person in two roles has two buckets', () => {
    expect(rateLimitKey({ subject: 'li.si', role: Role.BUREAU }, req)).toBe('principal:BUREAU:li.si');
    expect(rateLimitKey({ subject: 'li.si', role: Role.AUDITOR }, req)).toBe('principal:AUDITOR:li.si');
  });

  it('keys an anonymous request by its address', () => {
    expect(rateLimitKey(null, req)).toBe('address:10.1.2.3');
  });
});
