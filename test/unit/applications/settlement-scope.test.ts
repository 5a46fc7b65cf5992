import { describe, expect, it } from 'vitest';
import { settlementScopeOf } from '../../../subgraphs/applications/settlement/settlement-scope';
import { Role } from '../../../subgraphs/kit/principal';

describe('settlementScopeOf', () => {
  it('gives finance its own level, and nothing at all without one (never the city’s)', () => {
    expect(settlementScopeOf({ subject: 'f', role: Role.FINANCE, regionCode: '371600' })).toEqual({ kind: 'LEVEL', regionCode: '371600' });
    expect(settlementScopeOf({ subject: 'f', role: Role.FINANCE, regionCode: '371602' })).toEqual({ kind: 'LEVEL', regionCode: '371602' });
    expect(settlementScopeOf({ subject: 'f', role: Role.FINANCE })).toEqual({ kind: 'NONE' });
  });
});
