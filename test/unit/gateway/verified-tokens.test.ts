// A user's token is verified once and remembered until it expires (gateway/src/verified-tokens.ts);
// one that fails is never remembered, and an expired one is checked again (and refused).
import { describe, expect, it } from 'vitest';
import { rememberVerifiedTokens, type VerifiedToken } from '../../../gateway/src/verified-tokens';
import { UnauthenticatedError } from '../../../subgraphs/kit/errors';
import { Role } from '../../../subgraphs/kit/principal';

function countingVerifier(answers: Record<string, VerifiedToken | Error>) {
  const verified: string[] = [];
  const verify = async (token: string) => {
    verified.push(token);
    const answer = answers[token];
    if (answer instanceof Error) throw answer;
    return { ...answer!, principal: { ...answer!.principal } };
  };
  return { verify, verified };
}

const COUNTY = { subject: 'zhang.san', role: Role.COUNTY_AUTHORITY, regionCode: '371602' };

describe('rememberVerifiedTokens', () => {
  it('verifies a token once while it is valid, and again once it has expired', async () => {
    let clock = 1_000_000;
    const { verify, verified } = countingVerifier({
      a: { principal: COUNTY, expiresAt: clock + 60_000 },
      b: { principal: COUNTY, expiresAt: clock + 60_000 },
    });
    const remembered = rememberVerifiedTokens(verify, { now: () => clock });

    const first = await remembered('a');
    expect(await remembered('a')).toBe(first);
    expect(first).toEqual(COUNTY);
    expect(Object.isFrozen(first)).toBe(true);
    await remembered('b');
    expect(verified).toEqual(['a', 'b']);

    clock += 60_000;
    await remembered('a');
    expect(verified).toEqual(['a', 'b', 'a']);
  });

  it('never remembers a refused token, nor one without an expiry', async () => {
    const refusal = new UnauthenticatedError('访问令牌无效');
    const { verify, verified } = countingVerifier({ bad: refusal, forever: { principal: COUNTY } });
    const remembered = rememberVerifiedTokens(verify);
    await expect(remembered('bad')).rejects.toBe(refusal);
    await expect(remembered('bad')).rejects.toBe(refusal);
    await remembered('forever');
    await remembered('forever');
    expect(verified).toEqual(['bad', 'bad', 'forever', 'forever']);
  });

  it('keeps at most `max` tokens, forgetting the least recently used', async () => {
    const expiresAt = Date.now() + 60_000;
    const { verify, verified } = countingVerifier({
      a: { principal: COUNTY, expiresAt },
      b: { principal: COUNTY, expiresAt },
      c: { principal: COUNTY, expiresAt },
    });
    const remembered = rememberVerifiedTokens(verify, { max: 2 });
    for (const token of ['a', 'b', 'a', 'c', 'a', 'b']) await remembered(token);
    expect(verified).toEqual(['a', 'b', 'c', 'b']);
  });
});
