import { describe, expect, it } from 'vitest';
import { Role, scopeOf, type Principal } from '../../../subgraphs/kit/principal';
import { requireMlpsLevel } from '../../../subgraphs/security/mlps/mlps-record.service';
import { securityScopeOf } from '../../../subgraphs/security/security-scope';

describe('MLPS level argument', () => {
  it('accepts levels 1–5 (GB/T 22239-2019) and rejects others as bad input on `level`', () => {
    for (const level of [1, 2, 3, 4, 5]) expect(requireMlpsLevel(level)).toBe(level);
    for (const level of [0, 6, -1, 2.5]) {
      expect(() => requireMlpsLevel(level)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'level' }) }),
      );
    }
  });
});

describe('security visibility', () => {
  const scopeFor = (principal: Principal) => securityScopeOf(principal, scopeOf(principal));

  it('gives the city-wide roles the whole city and a county authority its county', () => {
    for (const role of [Role.BUREAU, Role.CENTER, Role.CYBERSEC, Role.AUDITOR, Role.MONITOR])
      expect(scopeFor({ subject: 't', role })).toEqual({ kind: 'CITY' });
    expect(scopeFor({ subject: 't', role: Role.COUNTY_AUTHORITY, regionCode: '371602' })).toEqual({ kind: 'REGION', regionCode: '371602' });
  });

  it('shows finance bureaus, city or county, no security records', () => {
    expect(scopeFor({ subject: 't', role: Role.FINANCE, regionCode: '371600' })).toBeNull();
    expect(scopeFor({ subject: 't', role: Role.FINANCE, regionCode: '371602' })).toBeNull();
  });
});
