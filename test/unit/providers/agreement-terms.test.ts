import { describe, expect, it } from 'vitest';
import {
  assertAgreementTerm,
  assertCountyRenewalMatchesCity,
  assertRenewal,
  countyTermsFromCity,
  effectiveAgreementStatus,
  isAgreementActive,
  latestEndOfTerm,
  type CityAgreementFacts,
} from '../../../subgraphs/providers/agreements/agreements.rules';
import { expectViolation } from '../../setup/rule-assertions';

const TODAY = '2026-11-26';

describe('TERM_MAX_3Y', () => {
  it('exactly three years less a day is the longest term', () => {
    expect(latestEndOfTerm('2024-07-01')).toBe('2027-06-30');
    expect(() => assertAgreementTerm('2024-07-01', '2027-06-30')).not.toThrow();
  });

  it('one day over is refused, naming the latest allowed end', () => {
    const error = expectViolation(() => assertAgreementTerm('2024-07-01', '2027-07-01'), 'TERM_MAX_3Y', '第九条');
    expect(error.extensions.latestEndsOn).toBe('2027-06-30');
  });

  it('a leap day start ends on the 27th of February three years on', () => {
    expect(latestEndOfTerm('2024-02-29')).toBe('2027-02-27');
    expect(() => assertAgreementTerm('2024-02-29', '2027-02-27')).not.toThrow();
    expectViolation(() => assertAgreementTerm('2024-02-29', '2027-02-28'), 'TERM_MAX_3Y', '第九条');
  });

  it('the end must come after the start', () => {
    expectViolation(() => assertAgreementTerm('2025-01-01', '2025-01-01'), 'TERM_MAX_3Y', '第九条');
    expectViolation(() => assertAgreementTerm('2025-01-01', '2024-12-31'), 'TERM_MAX_3Y', '第九条');
    expect(() => assertAgreementTerm('2025-01-01', '2025-01-02')).not.toThrow();
  });

  it('an ACTIVE agreement past its last day counts as EXPIRED and inactive', () => {
    expect(effectiveAgreementStatus('ACTIVE', '2026-11-26', TODAY)).toBe('ACTIVE');
    expect(effectiveAgreementStatus('ACTIVE', '2026-11-25', TODAY)).toBe('EXPIRED');
    expect(isAgreementActive('ACTIVE', '2024-07-01', '2026-11-26', TODAY)).toBe(true);
    expect(isAgreementActive('ACTIVE', '2026-11-27', '2028-11-26', TODAY)).toBe(false);
    expect(isAgreementActive('TERMINATED', '2024-07-01', '2027-06-30', TODAY)).toBe(false);
  });
});

describe('COUNTY_MATCHES_CITY', () => {
  const city: CityAgreementFacts = {
    regionCode: '371600',
    status: 'ACTIVE',
    providerStatus: 'DESIGNATED',
    startsOn: '2024-07-01',
    endsOn: '2027-06-30',
    renewalTerms: '期满前3个月决定延续或重新采购',
    exitTerms: '不少于3个月过渡期',
    testEnvironmentDeliveryDays: 5,
  };

  it("copies the city's term, renewal and exit terms when the county states none", () => {
    expect(countyTermsFromCity(city, {}, TODAY)).toEqual({
      startsOn: '2024-07-01',
      endsOn: '2027-06-30',
      renewalTerms: city.renewalTerms,
      exitTerms: city.exitTerms,
      testEnvironmentDeliveryDays: 5,
    });
  });

  it('accepts stated terms equal to the city agreement', () => {
    expect(() =>
      countyTermsFromCity(
        city,
        { startsOn: city.startsOn, endsOn: city.endsOn, renewalTerms: city.renewalTerms, exitTerms: city.exitTerms },
        TODAY,
      ),
    ).not.toThrow();
  });

  it.each([
    ['startsOn', { startsOn: '2024-08-01' }],
    ['endsOn', { endsOn: '2027-06-29' }],
    ['renewalTerms', { renewalTerms: '自动续期' }],
    ['exitTerms', { exitTerms: '1个月过渡期' }],
    ['testEnvironmentDeliveryDays', { testEnvironmentDeliveryDays: 10 }],
  ] as const)('refuses a %s that differs from the city agreement', (field, requested) => {
    const error = expectViolation(() => countyTermsFromCity(city, requested, TODAY), 'COUNTY_MATCHES_CITY', '第九条');
    expect(error.extensions.mismatchedFields).toEqual([field]);
  });

  it('refuses a city agreement that has expired, even if still marked ACTIVE', () => {
    expectViolation(() => countyTermsFromCity({ ...city, endsOn: '2026-11-25' }, {}, TODAY), 'COUNTY_MATCHES_CITY', '第九条');
    expectViolation(() => countyTermsFromCity({ ...city, status: 'TERMINATED' }, {}, TODAY), 'COUNTY_MATCHES_CITY', '第九条');
    expect(() => countyTermsFromCity({ ...city, endsOn: TODAY }, {}, TODAY)).not.toThrow();
  });

  it('refuses a provider the city no longer designates, and a county agreement as the basis', () => {
    expectViolation(() => countyTermsFromCity({ ...city, providerStatus: 'EXITING' }, {}, TODAY), 'COUNTY_MATCHES_CITY', '第九条');
    expectViolation(() => countyTermsFromCity({ ...city, regionCode: '371602' }, {}, TODAY), 'COUNTY_MATCHES_CITY', '第九条');
  });
});

describe('TERM_MAX_3Y: renewal (延续)', () => {
  const inForce = { status: 'ACTIVE' as const, endsOn: '2027-06-30', termStartsOn: '2024-07-01' };

  it('a renewal runs at most three years from the day after the current end', () => {
    expect(assertRenewal(inForce, '2030-06-30', TODAY)).toEqual({ termStartsOn: '2027-07-01' });
    const error = expectViolation(() => assertRenewal(inForce, '2030-07-01', TODAY), 'TERM_MAX_3Y', '第九条');
    expect(error.extensions.latestEndsOn).toBe('2030-06-30');
    expectViolation(() => assertRenewal(inForce, '2027-06-30', TODAY), 'TERM_MAX_3Y', '第九条');
  });

  it('an expired or terminated agreement is not renewed but procured again', () => {
    expectViolation(() => assertRenewal(inForce, '2030-06-30', '2027-07-01'), 'TERM_MAX_3Y', '第九条');
    expectViolation(() => assertRenewal({ ...inForce, status: 'TERMINATED' }, '2030-06-30', TODAY), 'TERM_MAX_3Y', '第九条');
  });

  it('one term at a time: a renewal whose term has not begun is not renewed again, so terms cannot stack', () => {
    const renewed = { status: 'ACTIVE' as const, endsOn: '2030-06-30', termStartsOn: '2027-07-01' };
    const error = expectViolation(() => assertRenewal(renewed, '2033-06-30', TODAY), 'TERM_MAX_3Y', '第九条');
    expect(error.message).toContain('自 2027-07-01 开始');
    expect(assertRenewal(renewed, '2033-06-30', '2027-07-01')).toEqual({ termStartsOn: '2030-07-01' });
  });

  it('a county renews only to its city agreement’s end (COUNTY_MATCHES_CITY)', () => {
    expectViolation(() => assertCountyRenewalMatchesCity(inForce, '2030-06-30', TODAY), 'COUNTY_MATCHES_CITY', '第九条');
    expect(() => assertCountyRenewalMatchesCity({ ...inForce, endsOn: '2030-06-30' }, '2030-06-30', TODAY)).not.toThrow();
  });
});
