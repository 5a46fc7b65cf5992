import { describe, expect, it } from 'vitest';
import {
  GRADING_TABLE,
  HARM_DEGREES,
  HARMED_OBJECTS,
  assertWithinPlatformLevel,
  conclusionOf,
  dimensionLevel,
  gradeOf,
  isAssessmentOverdue,
  nextAssessmentDueOn,
  type HarmAssessment,
} from '../../../subgraphs/security/mlps/mlps.rules';
import { parseAssessmentInput, parseGradeInput } from '../../../subgraphs/security/mlps/mlps.inputs';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

const TODAY = '2026-11-26';
const SYSTEM_ID = '00000000-0000-5000-8000-000000000001';

describe('MLPS grading table (GB/T 22240-2020)', () => {
  it('gives each object harmed × degree of harm its level', () => {
    const expected: Record<string, [number, number, number]> = {
      CITIZENS: [1, 2, 2],
      SOCIETY: [2, 3, 4],
      NATION: [3, 4, 5],
    };
    for (const harmedObject of HARMED_OBJECTS) {
      expect(HARM_DEGREES.map((harmDegree) => dimensionLevel({ harmedObject, harmDegree }))).toEqual(expected[harmedObject]);
    }
    expect(Object.keys(GRADING_TABLE).sort()).toEqual([...HARMED_OBJECTS].sort());
  });

  it('grades the system at the higher of business-information and system-service security, for all 81 pairs', () => {
    const all: HarmAssessment[] = HARMED_OBJECTS.flatMap((harmedObject) =>
      HARM_DEGREES.map((harmDegree) => ({ harmedObject, harmDegree })),
    );
    for (const business of all) {
      for (const service of all) {
        const grading = gradeOf(business, service);
        expect(grading.businessLevel).toBe(dimensionLevel(business));
        expect(grading.serviceLevel).toBe(dimensionLevel(service));
        expect(grading.level).toBe(Math.max(grading.businessLevel, grading.serviceLevel));
      }
    }
    expect(gradeOf({ harmedObject: 'SOCIETY', harmDegree: 'SERIOUS' }, { harmedObject: 'CITIZENS', harmDegree: 'GENERAL' })).toEqual({
      businessLevel: 3,
      serviceLevel: 1,
      level: 3,
    });
  });
});

describe('MLPS_PLATFORM_LEVEL', () => {
  const platform = (platformMlpsLevel: number | null) => ({ providerId: 'p-1', platformMlpsLevel });

  it('allows a grading at or below the hosting platform’s level, and any grading off the cloud', () => {
    expect(() => assertWithinPlatformLevel(3, platform(3))).not.toThrow();
    expect(() => assertWithinPlatformLevel(2, platform(4))).not.toThrow();
    expect(() => assertWithinPlatformLevel(5, null)).not.toThrow();
  });

  it('refuses a grading above the platform’s level, naming both levels (第二十一条)', () => {
    const error = expectViolation(() => assertWithinPlatformLevel(4, platform(3)), 'MLPS_PLATFORM_LEVEL', '第二十一条');
    expect(error.extensions).toMatchObject({ level: 4, platformLevel: 3, providerId: 'p-1' });
    expect(error.message).toContain('第4级');
    expect(error.message).toContain('第3级');
  });

  it('refuses (fail safe) when the platform has no filed level', () => {
    const error = expectViolation(() => assertWithinPlatformLevel(2, platform(null)), 'MLPS_PLATFORM_LEVEL', '第二十一条');
    expect(error.extensions).toMatchObject({ level: 2, platformLevel: null });
  });
});

describe('MLPS_6M', () => {
  const schedule = (overrides: Partial<Parameters<typeof nextAssessmentDueOn>[0]>) =>
    nextAssessmentDueOn({ level: 3, goLiveOn: '2026-03-01', retiredOn: null, lastAssessedOn: null, ...overrides });

  it('a level-3 system live since 2026-03-01 with no assessment was due 2026-09-01 and is overdue on 2026-11-26', () => {
    const dueOn = schedule({});
    expect(dueOn).toBe('2026-09-01');
    expect(isAssessmentOverdue(dueOn, TODAY)).toBe(true);
  });

  it('first assessment is due 6 months after go-live whatever the level, graded or not', () => {
    for (const level of [1, 2, 3, 4, 5, null]) expect(schedule({ level, goLiveOn: '2026-06-15' })).toBe('2026-12-15');
    // Month ends clamp as the calendar does.
    expect(schedule({ goLiveOn: '2026-08-31' })).toBe('2027-02-28');
  });

  it('after an assessment: level 3 yearly, levels 4 and 5 every six months, levels 1–2 no periodic due date', () => {
    const lastAssessedOn = '2026-05-20';
    expect(schedule({ level: 3, lastAssessedOn })).toBe('2027-05-20');
    expect(schedule({ level: 4, lastAssessedOn })).toBe('2026-11-20');
    expect(schedule({ level: 5, lastAssessedOn })).toBe('2026-11-20');
    expect(schedule({ level: 2, lastAssessedOn })).toBeNull();
    expect(schedule({ level: 1, lastAssessedOn })).toBeNull();
  });

  it('nothing is due for a retired system or one not live and never assessed', () => {
    expect(schedule({ retiredOn: '2026-10-01' })).toBeNull();
    expect(schedule({ goLiveOn: null })).toBeNull();
  });

  it('is overdue only after the due day', () => {
    expect(isAssessmentOverdue('2026-11-26', TODAY)).toBe(false);
    expect(isAssessmentOverdue('2026-11-25', TODAY)).toBe(true);
    expect(isAssessmentOverdue(null, TODAY)).toBe(false);
  });
});

describe('MLPS inputs', () => {
  const society = { harmedObject: 'SOCIETY', harmDegree: 'SERIOUS' } as const;
  const citizens = { harmedObject: 'CITIZENS', harmDegree: 'GENERAL' } as const;

  it('requires the expert review for level 2 and above, not for level 1', () => {
    const missing = thrownBy(() => parseGradeInput({ systemId: SYSTEM_ID, businessSecurity: society, serviceSecurity: citizens }, TODAY));
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expertReviewedOn' });
    const levelOne = parseGradeInput({ systemId: SYSTEM_ID, businessSecurity: citizens, serviceSecurity: citizens }, TODAY);
    expect(levelOne.grading.level).toBe(1);
    const future = thrownBy(() =>
      parseGradeInput(
        {
          systemId: SYSTEM_ID,
          businessSecurity: society,
          serviceSecurity: citizens,
          expertReviewedOn: '2026-11-27',
          expertReviewOpinion: '同意',
        },
        TODAY,
      ),
    );
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expertReviewedOn' });
  });

  it('refuses an empty expert review date instead of reading it as no review', () => {
    const empty = thrownBy(() =>
      parseGradeInput({ systemId: SYSTEM_ID, businessSecurity: citizens, serviceSecurity: citizens, expertReviewedOn: '' }, TODAY),
    );
    expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expertReviewedOn' });
  });

  it('takes an assessment whose conclusion matches the report template, and refuses one that does not', () => {
    const input = {
      systemId: SYSTEM_ID,
      agencyName: '山东省网络安全等级保护测评中心',
      agencyLicenceNo: 'DJCP2010370001',
      assessedOn: '2026-11-20',
      score: 86.55,
      conclusion: 'GOOD' as const,
      findings: { highRisk: 0, mediumRisk: 2, lowRisk: 5 },
    };
    expect(parseAssessmentInput(input, TODAY)).toMatchObject({ score: 86.55, conclusion: 'GOOD', mediumRiskFindings: 2 });
    expect(conclusionOf(95, 1)).toBe('POOR');
    const withHighRisk = thrownBy(() => parseAssessmentInput({ ...input, findings: { ...input.findings, highRisk: 1 } }, TODAY));
    expect(withHighRisk.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'conclusion' });
    for (const [field, change] of [
      ['score', { score: 100.5 }],
      ['score', { score: 80.123 }],
      ['assessedOn', { assessedOn: '2026-12-01' }],
      ['assessedOn', { assessedOn: '2018-12-31' }],
      ['agencyName', { agencyName: '  ' }],
      ['findings.lowRisk', { findings: { highRisk: 0, mediumRisk: 0, lowRisk: -1 } }],
    ] as const) {
      expect(thrownBy(() => parseAssessmentInput({ ...input, ...change }, TODAY)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });
});
