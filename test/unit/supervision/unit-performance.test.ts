import { describe, expect, it } from 'vitest';
import {
  GRADE_BANDS,
  OFF_CLOUD_DEDUCTIONS,
  SECURITY_DEDUCTIONS,
  UNIT_PERFORMANCE_WEIGHTS,
  evaluationReferenceDate,
  gradeOfUnitScore,
  mlpsScore,
  offCloudDeduction,
  parseAdjustment,
  requireEvaluationYear,
  resourceUseScore,
  scoreUnit,
  securityScore,
  type SecurityFigures,
} from '../../../subgraphs/supervision/unit-performance/unit-performance.rules';
import { summaryReferenceDate } from '../../../subgraphs/security/unit-security-summary/unit-security-summary.rules';
import { thrownBy } from '../../setup/rule-assertions';

const CLEAN: SecurityFigures = {
  liveSystems: 4,
  mlpsOverdueSystems: 0,
  openRectifications: 0,
  overdueRectifications: 0,
  accessViolations: 0,
  incidents: 0,
  seriousIncidents: 0,
};

describe('UNIT_PERFORMANCE', () => {
  it('weights resource use 40%, security 30% and MLPS work 30%', () => {
    expect(UNIT_PERFORMANCE_WEIGHTS.resourceUse + UNIT_PERFORMANCE_WEIGHTS.security + UNIT_PERFORMANCE_WEIGHTS.mlps).toBeCloseTo(1, 10);
    // 50×40% + 80×30% + 75×30% = 66.50
    const scores = scoreUnit(
      { systemDays: 100, idleDays: 50, underUsedDays: 0 },
      { ...CLEAN, overdueRectifications: 2, openRectifications: 2, liveSystems: 4, mlpsOverdueSystems: 1 },
    );
    expect(scores).toEqual({
      resourceUseScore: 50,
      securityScore: 80,
      mlpsScore: 75,
      offCloudDeduction: 0,
      totalScore: 66.5,
      grade: 'FAIR',
    });
  });

  it('scores resource use from idle and under-used system-days, and gives null without monitoring data', () => {
    expect(resourceUseScore({ systemDays: 0, idleDays: 0, underUsedDays: 0 })).toBeNull();
    expect(resourceUseScore({ systemDays: 30, idleDays: 0, underUsedDays: 0 })).toBe(100);
    expect(resourceUseScore({ systemDays: 30, idleDays: 30, underUsedDays: 0 })).toBe(0);
    // 28 under-used of 30 days at half weight: 100 − 50 × 28/30 = 53.33
    expect(resourceUseScore({ systemDays: 30, idleDays: 0, underUsedDays: 28 })).toBe(53.33);
  });

  it('ON_CLOUD: deducts for each system still off the cloud, more for an overdue plan, capped (local choices)', () => {
    const d = OFF_CLOUD_DEDUCTIONS;
    expect(offCloudDeduction({ offCloudSystems: 0, overdueOffCloudSystems: 0 })).toBe(0);
    expect(offCloudDeduction({ offCloudSystems: 2, overdueOffCloudSystems: 1 })).toBe(2 * d.offCloudSystem + d.overdueSystem);
    expect(offCloudDeduction({ offCloudSystems: 30, overdueOffCloudSystems: 30 })).toBe(d.cap);
    // 66.50 weighted (as above) less one overdue system off the cloud: 66.50 − 7 = 59.50, POOR.
    const scores = scoreUnit(
      { systemDays: 100, idleDays: 50, underUsedDays: 0 },
      { ...CLEAN, overdueRectifications: 2, openRectifications: 2, liveSystems: 4, mlpsOverdueSystems: 1 },
      { offCloudSystems: 1, overdueOffCloudSystems: 1 },
    );
    expect(scores).toMatchObject({ offCloudDeduction: d.offCloudSystem + d.overdueSystem, totalScore: 59.5, grade: 'POOR' });
    // A unit with nothing on the cloud yet: no monitoring, nothing live, only its systems off the cloud count against it.
    expect(
      scoreUnit(
        { systemDays: 0, idleDays: 0, underUsedDays: 0 },
        { ...CLEAN, liveSystems: 0 },
        { offCloudSystems: 3, overdueOffCloudSystems: 0 },
      ),
    ).toMatchObject({ totalScore: 100 - 3 * d.offCloudSystem });
  });

  it('without monitoring data the total is security and MLPS work equally weighted', () => {
    const scores = scoreUnit({ systemDays: 0, idleDays: 0, underUsedDays: 0 }, { ...CLEAN, liveSystems: 2, mlpsOverdueSystems: 1 });
    expect(scores).toMatchObject({ resourceUseScore: null, securityScore: 100, mlpsScore: 50, totalScore: 75, grade: 'GOOD' });
  });

  it('deducts for rectifications, incidents and (capped) access violations, never below zero', () => {
    const d = SECURITY_DEDUCTIONS;
    expect(securityScore({ ...CLEAN, openRectifications: 3, overdueRectifications: 1 })).toBe(
      100 - d.overdueRectification - 2 * d.openRectification,
    );
    expect(securityScore({ ...CLEAN, incidents: 3, seriousIncidents: 1 })).toBe(100 - d.seriousIncident - 2 * d.otherIncident);
    expect(securityScore({ ...CLEAN, accessViolations: 50 })).toBe(100 - d.accessViolationCap);
    expect(securityScore({ ...CLEAN, overdueRectifications: 20, openRectifications: 20 })).toBe(0);
  });

  it('scores MLPS work as the share of live systems not overdue; no live system is full marks', () => {
    expect(mlpsScore({ liveSystems: 3, mlpsOverdueSystems: 1 })).toBe(66.67);
    expect(mlpsScore({ liveSystems: 0, mlpsOverdueSystems: 0 })).toBe(100);
    expect(mlpsScore({ liveSystems: 2, mlpsOverdueSystems: 5 })).toBe(0);
  });

  it('grades by bands: EXCELLENT ≥ 90, GOOD ≥ 75, FAIR ≥ 60, POOR below', () => {
    expect(GRADE_BANDS.map((band) => band.atLeast)).toEqual([90, 75, 60, 0]);
    expect([100, 90, 89.99, 75, 74.99, 60, 59.99, 0].map(gradeOfUnitScore)).toEqual([
      'EXCELLENT',
      'EXCELLENT',
      'GOOD',
      'GOOD',
      'FAIR',
      'FAIR',
      'POOR',
      'POOR',
    ]);
  });

  it('takes a year’s figures as of 31 December, or today while the year runs (security alike)', () => {
    expect(evaluationReferenceDate(2025, '2026-11-26')).toBe('2025-12-31');
    expect(evaluationReferenceDate(2026, '2026-11-26')).toBe('2026-11-26');
    for (const [year, today] of [
      [2025, '2026-11-26'],
      [2026, '2026-11-26'],
      [2026, '2026-12-31'],
    ] as const) {
      expect(summaryReferenceDate(year, today)).toBe(evaluationReferenceDate(year, today));
    }
  });

  it('evaluates only years that have begun, from 2019', () => {
    expect(requireEvaluationYear(2026, '2026-11-26')).toBe(2026);
    for (const year of [2018, 2027, 2025.5]) {
      expect(thrownBy(() => requireEvaluationYear(year, '2026-11-26')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    }
  });

  it('an adjustment gives a total (grade by band) or a grade, always with a reason', () => {
    expect(parseAdjustment({ totalScore: 91.23, reason: ' 核实后加分 ' })).toEqual({
      grade: 'EXCELLENT',
      totalScore: 91.23,
      reason: '核实后加分',
    });
    // As a provider's evaluation scores: a third decimal is refused, not rounded away.
    expect(thrownBy(() => parseAdjustment({ totalScore: 91.234, reason: '三位小数' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'totalScore',
    });
    expect(parseAdjustment({ grade: 'FAIR', reason: '通报批评' })).toEqual({ grade: 'FAIR', totalScore: null, reason: '通报批评' });
    expect(thrownBy(() => parseAdjustment({ grade: 'GOOD', reason: '  ' })).extensions).toMatchObject({ field: 'reason' });
    expect(thrownBy(() => parseAdjustment({ reason: '无内容' })).extensions).toMatchObject({ field: 'totalScore' });
    expect(thrownBy(() => parseAdjustment({ totalScore: 101, reason: '超出' })).extensions).toMatchObject({ field: 'totalScore' });
    expect(thrownBy(() => parseAdjustment({ totalScore: 80, grade: 'EXCELLENT', reason: '不符' })).extensions).toMatchObject({
      field: 'grade',
    });
    expect(thrownBy(() => parseAdjustment({ grade: 'SEVERE', reason: '无此等次' })).extensions).toMatchObject({ field: 'grade' });
  });
});
