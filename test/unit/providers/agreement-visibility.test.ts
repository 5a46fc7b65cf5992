import { describe, expect, it } from 'vitest';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { agreementVisibility, canSeeAgreement } from '../../../subgraphs/providers/agreements/agreement-visibility.service';

const P1 = '11111111-1111-5111-8111-111111111111';
const P2 = '22222222-2222-5222-8222-222222222222';
const city = { providerId: P1, regionCode: '371600' };
const binCheng = { providerId: P1, regionCode: '371602' };
const zouPing = { providerId: P2, regionCode: '371681' };

function sees(principal: Principal) {
  const visibility = agreementVisibility(principal);
  return [city, binCheng, zouPing].map((agreement) => canSeeAgreement(visibility, agreement));
}

describe('agreement visibility', () => {
  it('a county authority and a county unit see the city and their own county', () => {
    expect(sees({ subject: 'c', role: Role.COUNTY_AUTHORITY, regionCode: '371602' })).toEqual([true, true, false]);
    expect(sees({ subject: 'u', role: Role.USER_UNIT, regionCode: '371602', unitId: 'u1' })).toEqual([true, true, false]);
  });

  it('a city unit sees the city agreements only', () => {
    expect(sees({ subject: 'u', role: Role.USER_UNIT, regionCode: '371600', unitId: 'u1' })).toEqual([true, false, false]);
  });

  it('a provider sees its own only', () => {
    expect(sees({ subject: 'p', role: Role.PROVIDER, providerId: P2 })).toEqual([false, false, true]);
  });

  it("county finance sees the city and its county; city finance and the city's roles everything", () => {
    expect(sees({ subject: 'f', role: Role.FINANCE, regionCode: '371681' })).toEqual([true, false, true]);
    expect(sees({ subject: 'f', role: Role.FINANCE, regionCode: '371600' })).toEqual([true, true, true]);
    for (const role of [Role.BUREAU, Role.CENTER, Role.AUDITOR, Role.CYBERSEC, Role.MONITOR]) {
      expect(sees({ subject: 'x', role })).toEqual([true, true, true]);
    }
  });

  it('finance without its level gets the narrowest view, never every agreement', () => {
    expect(sees({ subject: 'f', role: Role.FINANCE })).toEqual([true, false, false]);
  });
});
