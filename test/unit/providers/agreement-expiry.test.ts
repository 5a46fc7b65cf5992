// 第九条: an agreement left to expire starts the provider's exit (EXIT_TRANSITION_3M) once it holds no
// city agreement any more; a renewed or newly procured one keeps it designated.
import { describe, expect, it } from 'vitest';
import { countyExitPlan, expiryExitPlan } from '../../../subgraphs/providers/agreements/agreement-expiry.rules';

const TODAY = '2027-07-01';
const ended = { status: 'EXPIRED' as const, endsOn: '2027-06-30' };

describe('EXIT_TRANSITION_3M on expiry', () => {
  it('starts a full three-month exit when the last city agreement has ended', () => {
    expect(expiryExitPlan({ providerStatus: 'DESIGNATED', exitOpen: false, cityAgreements: [ended] }, TODAY)).toEqual({
      startedOn: '2027-07-01',
      transitionEndsOn: '2027-10-01',
    });
  });

  it('none while a renewed or newly procured city agreement holds, an exit is open, or the provider is out', () => {
    const renewed = { status: 'ACTIVE' as const, endsOn: '2030-06-30' };
    expect(expiryExitPlan({ providerStatus: 'DESIGNATED', exitOpen: false, cityAgreements: [ended, renewed] }, TODAY)).toBeNull();
    expect(expiryExitPlan({ providerStatus: 'DESIGNATED', exitOpen: true, cityAgreements: [ended] }, TODAY)).toBeNull();
    expect(expiryExitPlan({ providerStatus: 'EXITED', exitOpen: false, cityAgreements: [ended] }, TODAY)).toBeNull();
  });
});

describe('EXIT_TRANSITION_3M when only a county agreement expires (第九条)', () => {
  const BOXING = '371625';
  const renewedCity = { status: 'ACTIVE' as const, endsOn: '2030-06-30' };
  const facts = {
    providerStatus: 'DESIGNATED' as const,
    cityAgreements: [renewedCity],
    countyAgreements: [{ status: 'EXPIRED' as const, endsOn: '2027-06-30' }],
    openExitRegions: [] as string[],
  };

  it('starts a full three-month exit from that county while the city agreement goes on', () => {
    expect(countyExitPlan(facts, BOXING, TODAY)).toEqual({ regionCode: BOXING, startedOn: '2027-07-01', transitionEndsOn: '2027-10-01' });
  });

  it('none when the county renewed or procured again, the city agreement ended too, or an exit covers the county already', () => {
    const renewedCounty = { ...facts, countyAgreements: [...facts.countyAgreements, { status: 'ACTIVE' as const, endsOn: '2030-06-30' }] };
    expect(countyExitPlan(renewedCounty, BOXING, TODAY)).toBeNull();
    expect(countyExitPlan({ ...facts, cityAgreements: [ended] }, BOXING, TODAY)).toBeNull();
    expect(countyExitPlan({ ...facts, openExitRegions: [BOXING] }, BOXING, TODAY)).toBeNull();
    expect(countyExitPlan({ ...facts, openExitRegions: ['371600'] }, BOXING, TODAY)).toBeNull();
    expect(countyExitPlan({ ...facts, providerStatus: 'EXITING' }, BOXING, TODAY)).toBeNull();
  });
});
