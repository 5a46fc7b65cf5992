import { describe, expect, it } from 'vitest';
import {
  assertCanBeDesignated,
  assertCanRenewAgreement,
  assertCanSignAgreement,
  isQualified,
  missingQualifications,
  qualificationStatusOf,
  type QualificationFacts,
} from '../../../subgraphs/providers/directory/directory.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

const TODAY = '2026-11-26';

const complete: QualificationFacts = {
  platformMlpsLevel: 3,
  platformMlpsCertificateNo: '37160099001-24003',
  platformMlpsFiledOn: '2024-03-12',
  cybersecurityReviewPassedOn: '2023-11-20',
  platformInBinzhou: true,
  qualificationValidUntil: '2028-06-30',
};

describe('PROVIDER_QUALIFIED', () => {
  it('a complete, unexpired qualification is VALID and may be designated', () => {
    expect(qualificationStatusOf(complete, TODAY)).toBe('VALID');
    expect(isQualified(complete, TODAY)).toBe(true);
    expect(() => assertCanBeDesignated('CANDIDATE', complete, TODAY)).not.toThrow();
  });

  it.each([
    ['an MLPS filing below level 3', { platformMlpsLevel: 2 }],
    ['no MLPS filing level', { platformMlpsLevel: null }],
    ['no MLPS certificate', { platformMlpsCertificateNo: '  ' }],
    ['no MLPS filing date', { platformMlpsFiledOn: null }],
    ['no central cybersecurity review', { cybersecurityReviewPassedOn: null }],
    ['a platform outside Binzhou', { platformInBinzhou: false }],
    ['no validity date', { qualificationValidUntil: null }],
  ] as const)('%s is INCOMPLETE and cannot be designated', (_, change) => {
    const facts = { ...complete, ...change };
    expect(qualificationStatusOf(facts, TODAY)).toBe('INCOMPLETE');
    expect(missingQualifications(facts)).toHaveLength(1);
    const error = expectViolation(() => assertCanBeDesignated('CANDIDATE', facts, TODAY), 'PROVIDER_QUALIFIED', '第七条');
    expect(error.extensions.missing).toEqual(missingQualifications(facts));
  });

  it('level 4 platforms qualify too', () => {
    expect(qualificationStatusOf({ ...complete, platformMlpsLevel: 4 }, TODAY)).toBe('VALID');
  });

  it('valid through its last day, EXPIRED the day after', () => {
    expect(qualificationStatusOf({ ...complete, qualificationValidUntil: TODAY }, TODAY)).toBe('EXPIRING_SOON');
    expect(isQualified({ ...complete, qualificationValidUntil: TODAY }, TODAY)).toBe(true);
    const expired = { ...complete, qualificationValidUntil: '2026-11-25' };
    expect(qualificationStatusOf(expired, TODAY)).toBe('EXPIRED');
    expect(isQualified(expired, TODAY)).toBe(false);
    expectViolation(() => assertCanBeDesignated('CANDIDATE', expired, TODAY), 'PROVIDER_QUALIFIED', '第七条');
  });

  it('EXPIRING_SOON within 60 days, VALID from the 61st', () => {
    expect(qualificationStatusOf({ ...complete, qualificationValidUntil: '2027-01-25' }, TODAY)).toBe('EXPIRING_SOON'); // 60 days
    expect(qualificationStatusOf({ ...complete, qualificationValidUntil: '2027-01-26' }, TODAY)).toBe('VALID'); // 61 days
  });

  it('only a CANDIDATE can be designated', () => {
    expect(thrownBy(() => assertCanBeDesignated('DESIGNATED', complete, TODAY)).extensions.code).toBe('CONFLICT');
    expect(thrownBy(() => assertCanBeDesignated('EXITED', complete, TODAY)).extensions.code).toBe('CONFLICT');
  });

  it('agreements are signed only with a DESIGNATED provider whose qualification holds', () => {
    expect(() => assertCanSignAgreement('DESIGNATED', complete, TODAY)).not.toThrow();
    for (const status of ['CANDIDATE', 'RECTIFYING', 'EXITING', 'EXITED'] as const) {
      expectViolation(() => assertCanSignAgreement(status, complete, TODAY), 'PROVIDER_QUALIFIED', '第七条');
    }
    expectViolation(
      () => assertCanSignAgreement('DESIGNATED', { ...complete, qualificationValidUntil: '2026-10-31' }, TODAY),
      'PROVIDER_QUALIFIED',
      '第七条',
    );
  });

  it('a rectifying provider keeps its agreements: renewed, though no new one is signed (第二十六条 整改, not disqualification)', () => {
    expect(() => assertCanRenewAgreement('RECTIFYING', complete, TODAY)).not.toThrow();
    expect(() => assertCanRenewAgreement('DESIGNATED', complete, TODAY)).not.toThrow();
    for (const status of ['CANDIDATE', 'EXITING', 'EXITED'] as const) {
      expectViolation(() => assertCanRenewAgreement(status, complete, TODAY), 'PROVIDER_QUALIFIED', '第七条');
    }
    expectViolation(
      () => assertCanRenewAgreement('RECTIFYING', { ...complete, qualificationValidUntil: '2026-10-31' }, TODAY),
      'PROVIDER_QUALIFIED',
      '第七条',
    );
  });
});
