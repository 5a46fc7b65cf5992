// The principal token is signed once per principal and reused for REUSE_MS
// (gateway/src/signed-principals.ts): never across principals, never past the reuse window.
import { describe, expect, it } from 'vitest';
import { REUSE_MS, signedPrincipalToken } from '../../../gateway/src/signed-principals';
import { verifyInternalToken } from '../../../subgraphs/kit/internal-token';
import { Role, type Principal } from '../../../subgraphs/kit/principal';

const SECRET = 'a-test-internal-secret-of-32-characters!';
const OTHER_SECRET = 'another-internal-secret-of-32-characters';

describe('signedPrincipalToken', () => {
  it("reuses a principal's token within the window, and signs a new one after it", async () => {
    let clock = 5_000_000;
    const now = () => clock;
    const principal: Principal = { subject: 'reuse', role: Role.COUNTY_AUTHORITY, regionCode: '371602' };
    const first = signedPrincipalToken(principal, SECRET, now);
    clock += REUSE_MS - 1;
    expect(signedPrincipalToken({ ...principal }, SECRET, now)).toBe(first);
    clock += 1;
    const renewed = signedPrincipalToken(principal, SECRET, now);
    expect(renewed).not.toBe(first);
    await expect(verifyInternalToken(await renewed, SECRET)).resolves.toMatchObject({ role: Role.COUNTY_AUTHORITY, regionCode: '371602' });
  });

  it('shares nothing between principals that differ in any claim, or between secrets', async () => {
    const base: Principal = { subject: 'differ', role: Role.COUNTY_AUTHORITY, regionCode: '371602' };
    const variants: Principal[] = [
      base,
      { ...base, regionCode: '371621' },
      { ...base, subject: 'someone.else' },
      { ...base, analyst: true },
      { subject: 'differ', role: Role.BUREAU },
    ];
    const tokens = await Promise.all(variants.map((principal) => signedPrincipalToken(principal, SECRET)));
    expect(new Set(tokens).size).toBe(variants.length);
    for (const [index, token] of tokens.entries()) {
      const { analyst, ...claims } = variants[index]!;
      const verified = await verifyInternalToken(token, SECRET);
      expect(verified).toMatchObject(claims);
      expect(verified?.analyst).toBe(analyst);
    }
    expect(await signedPrincipalToken(base, OTHER_SECRET)).not.toBe(tokens[0]);
  });

  it('does not reuse a failed signing', async () => {
    const principal: Principal = { subject: 'short-secret', role: Role.BUREAU };
    const failed = signedPrincipalToken(principal, 'too short');
    await expect(failed).rejects.toThrow(/32 characters/);
    const again = signedPrincipalToken(principal, 'too short');
    expect(again).not.toBe(failed);
    await expect(again).rejects.toThrow(/32 characters/);
  });
});
