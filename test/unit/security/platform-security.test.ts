import { describe, expect, it } from 'vitest';
import {
  article20GapsOf,
  CYBERSECURITY_REVIEW_VALIDITY_YEARS,
  DRILL_INTERVAL_MONTHS,
  drilledWithinInterval,
  lastDrillOn,
  MIN_PLATFORM_MLPS_LEVEL,
  nextDrillDueOn,
  platformLevelMeetsArticle20,
  reviewIsValid,
  reviewValidUntil,
} from '../../../subgraphs/security/platform/platform.rules';
import {
  parseBulletinInput,
  parseCybersecurityReviewInput,
  parseDrillInput,
  parsePlatformMlpsInput,
} from '../../../subgraphs/security/platform/platform.inputs';

const TODAY = '2026-11-26';
const PROVIDER = '7f9c2b1e-4d3a-5b6c-8d7e-9f0a1b2c3d4e';

describe('PROVIDER_QUALIFIED 第二十条: the platform is protected at MLPS level 3 or above', () => {
  it('accepts levels 3, 4 and 5 and flags 1 and 2', () => {
    expect(MIN_PLATFORM_MLPS_LEVEL).toBe(3);
    for (const level of [3, 4, 5]) expect(platformLevelMeetsArticle20(level)).toBe(true);
    for (const level of [1, 2]) expect(platformLevelMeetsArticle20(level)).toBe(false);
  });

  it('lists PLATFORM_LEVEL_BELOW_3 as the reason, alone when the review is valid', () => {
    expect(article20GapsOf({ platformMlpsLevel: 2, cybersecurityReviewPassedOn: '2025-01-10' }, TODAY)).toEqual(['PLATFORM_LEVEL_BELOW_3']);
    expect(article20GapsOf({ platformMlpsLevel: 3, cybersecurityReviewPassedOn: '2025-01-10' }, TODAY)).toEqual([]);
  });
});

describe('PROVIDER_QUALIFIED 第二十条: the central cybersecurity review is passed and still valid', () => {
  it('is valid 3 years from passing when no end date is stated, through the last day', () => {
    expect(CYBERSECURITY_REVIEW_VALIDITY_YEARS).toBe(3);
    expect(reviewValidUntil('2023-11-26', null)).toBe('2026-11-26');
    expect(reviewIsValid('2023-11-26', null, TODAY)).toBe(true);
    expect(reviewIsValid('2023-11-25', null, TODAY)).toBe(false);
  });

  it('follows a stated end date over the default', () => {
    expect(reviewValidUntil('2021-04-28', '2027-12-31')).toBe('2027-12-31');
    expect(reviewIsValid('2021-04-28', '2027-12-31', TODAY)).toBe(true);
    expect(reviewIsValid('2023-11-20', '2026-10-31', TODAY)).toBe(false);
  });

  it('names a missing review and an expired one as different reasons, together with a low level', () => {
    expect(reviewIsValid(null, null, TODAY)).toBe(false);
    expect(article20GapsOf({ platformMlpsLevel: 3, cybersecurityReviewPassedOn: null }, TODAY)).toEqual(['CYBERSECURITY_REVIEW_MISSING']);
    expect(
      article20GapsOf(
        { platformMlpsLevel: 2, cybersecurityReviewPassedOn: '2023-11-20', cybersecurityReviewValidUntil: '2026-10-31' },
        TODAY,
      ),
    ).toEqual(['PLATFORM_LEVEL_BELOW_3', 'CYBERSECURITY_REVIEW_EXPIRED']);
  });
});

describe('第二十条: a disaster-recovery drill at least every 12 months', () => {
  it('counts a drill up to exactly 12 months back, not a day more', () => {
    expect(DRILL_INTERVAL_MONTHS).toBe(12);
    expect(drilledWithinInterval('2025-11-26', TODAY)).toBe(true);
    expect(drilledWithinInterval('2025-11-25', TODAY)).toBe(false);
    expect(drilledWithinInterval(TODAY, TODAY)).toBe(true);
    expect(drilledWithinInterval(null, TODAY)).toBe(false);
  });

  it('takes the latest drill whatever the order, and makes the next due 12 months later', () => {
    const drills = [{ drilledOn: '2026-04-09' }, { drilledOn: '2026-10-15' }, { drilledOn: '2025-08-20' }];
    expect(lastDrillOn(drills)).toBe('2026-10-15');
    expect(lastDrillOn([])).toBeNull();
    expect(nextDrillDueOn('2026-10-15')).toBe('2027-10-15');
    expect(nextDrillDueOn(null)).toBeNull();
  });
});

describe('platform security inputs', () => {
  const badField = (field: string) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });
  const mlps = { providerId: PROVIDER, version: 1, level: 3, certificateNo: '37160099001-26001', filedOn: '2026-03-01' };

  it('refuses a platform filing in the future, an assessment date without its conclusion and a level outside 1–5', () => {
    expect(parsePlatformMlpsInput(mlps, TODAY)).toMatchObject({ level: 3, assessedOn: null, assessmentConclusion: null, note: null });
    expect(() => parsePlatformMlpsInput({ ...mlps, filedOn: '2026-11-27' }, TODAY)).toThrow(badField('filedOn'));
    expect(() => parsePlatformMlpsInput({ ...mlps, assessedOn: '2026-06-01' }, TODAY)).toThrow(badField('assessmentConclusion'));
    expect(() => parsePlatformMlpsInput({ ...mlps, level: 6 }, TODAY)).toThrow(badField('level'));
    expect(() => parsePlatformMlpsInput({ ...mlps, version: 0 }, TODAY)).toThrow(badField('version'));
  });

  it('refuses a review valid until a day not after it passed', () => {
    const review = { providerId: PROVIDER, version: 1, passedOn: '2026-01-10' };
    expect(parseCybersecurityReviewInput({ ...review, validUntil: '2029-01-09' }, TODAY).validUntil).toBe('2029-01-09');
    expect(() => parseCybersecurityReviewInput({ ...review, validUntil: '2026-01-10' }, TODAY)).toThrow(badField('validUntil'));
  });

  it('refuses an empty optional date or provider id instead of reading it as absent', () => {
    expect(() => parsePlatformMlpsInput({ ...mlps, assessedOn: '', assessmentConclusion: 'GOOD' }, TODAY)).toThrow(badField('assessedOn'));
    const review = { providerId: PROVIDER, version: 1, passedOn: '2026-01-10' };
    expect(() => parseCybersecurityReviewInput({ ...review, validUntil: '' }, TODAY)).toThrow(badField('validUntil'));
    const bulletin = { title: '漏洞预警', content: '请及时修补', severity: 'HIGH' as const };
    expect(parseBulletinInput({ ...bulletin, providerId: null }).providerId).toBeNull();
    expect(() => parseBulletinInput({ ...bulletin, providerId: '' })).toThrow(badField('providerId'));
  });

  it('refuses negative or implausible recovery minutes and an empty scenario', () => {
    const drill = { drilledOn: '2026-11-01', scenario: '主数据中心失效切换', rtoMinutes: 30, rpoMinutes: 5, result: 'PASSED' as const };
    expect(parseDrillInput(drill, TODAY)).toMatchObject({ rtoMinutes: 30, notes: null });
    expect(() => parseDrillInput({ ...drill, rtoMinutes: -1 }, TODAY)).toThrow(badField('rtoMinutes'));
    expect(() => parseDrillInput({ ...drill, rpoMinutes: 100_000 }, TODAY)).toThrow(badField('rpoMinutes'));
    expect(() => parseDrillInput({ ...drill, scenario: '  ' }, TODAY)).toThrow(badField('scenario'));
  });
});
