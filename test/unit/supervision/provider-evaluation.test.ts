import { describe, expect, it } from 'vitest';
import { gradeFor } from '../../../seed/world';
import {
  ORDER_RECTIFICATION_TASK,
  PROPOSE_DISQUALIFICATION_TASK,
  consequenceTaskOf,
} from '../../../subgraphs/contracts/evaluation-consequences';
import {
  GRADE_BANDS,
  assertInputsComplete,
  averageRating,
  gradeOf,
  missingInputs,
  requireEvaluationYear,
  requireScore,
  weightedTotalScore,
} from '../../../subgraphs/supervision/provider-evaluation/provider-evaluation.rules';

describe('PROVIDER_EVALUATION', () => {
  it('grades by documented bands: ≥90 EXCELLENT, ≥80 GOOD, ≥70 FAIR, ≥60 POOR, below SEVERE', () => {
    expect(GRADE_BANDS.map((band) => [band.grade, band.minimum])).toEqual([
      ['EXCELLENT', 90],
      ['GOOD', 80],
      ['FAIR', 70],
      ['POOR', 60],
      ['SEVERE', 0],
    ]);
    const cases: Array<[number, string]> = [
      [100, 'EXCELLENT'],
      [90, 'EXCELLENT'],
      [89.99, 'GOOD'],
      [80, 'GOOD'],
      [79.99, 'FAIR'],
      [70, 'FAIR'],
      [69.99, 'POOR'],
      [60, 'POOR'],
      [59.99, 'SEVERE'],
      [0, 'SEVERE'],
    ];
    for (const [total, grade] of cases) expect(gradeOf(total), String(total)).toBe(grade);
  });

  it('uses the same bands as the demo world’s recorded evaluations', () => {
    for (let hundredths = 0; hundredths <= 10_000; hundredths += 7) {
      expect(gradeOf(hundredths / 100)).toBe(gradeFor(hundredths / 100));
    }
  });

  it('weights a severe year below 60 with the 25/25/15/20/15 weights', () => {
    const scores = { platformOperation: 45, security: 40, operationsManagement: 50, serviceLevel: 48, serviceQuality: 52 };
    // 11.25 + 10 + 7.5 + 9.6 + 7.8 = 46.15
    expect(weightedTotalScore(scores)).toBe(46.15);
    expect(gradeOf(weightedTotalScore(scores))).toBe('SEVERE');
  });

  it('names every missing input, and passes when all are there (several unit ratings count once)', () => {
    expect(missingInputs([])).toEqual(['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY']);
    expect(missingInputs(['SECURITY', 'SERVICE_QUALITY', 'SERVICE_QUALITY'])).toEqual(['MONITORING', 'OPERATIONS_MANAGEMENT']);
    expect(missingInputs(['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY'])).toEqual([]);

    expect(() => assertInputsComplete([])).not.toThrow();
    let error: unknown;
    try {
      assertInputsComplete(['SECURITY', 'SERVICE_QUALITY']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      message: expect.stringContaining('网络安全主管部门'),
      extensions: {
        code: 'RULE_VIOLATION',
        rule: 'PROVIDER_EVALUATION',
        article: '第二十六条',
        missingInputs: ['SECURITY', 'SERVICE_QUALITY'],
      },
    });
    expect((error as Error).message).toContain('使用单位');
    expect((error as Error).message).not.toContain('监测机构');
  });

  it('averages the units’ ratings to two decimals', () => {
    expect(averageRating([80])).toBe(80);
    expect(averageRating([80, 85, 90])).toBe(85);
    expect(averageRating([70, 75.5, 81])).toBe(75.5);
    expect(averageRating([90, 90, 91])).toBe(90.33);
    expect(() => averageRating([])).toThrow();
  });

  it('accepts scores 0–100 with at most two decimals and years from 2019 to the current one', () => {
    expect(requireScore(0, 'score', '得分')).toBe(0);
    expect(requireScore(99.75, 'score', '得分')).toBe(99.75);
    for (const bad of [-1, 100.01, 12.345, Number.NaN]) {
      expect(() => requireScore(bad, 'score', '得分')).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'score' }) }),
      );
    }
    expect(requireEvaluationYear(2026, '2026-11-26')).toBe(2026);
    expect(requireEvaluationYear(2019, '2026-11-26')).toBe(2019);
    expect(() => requireEvaluationYear(2027, '2026-11-26')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'year' }) }),
    );
    expect(() => requireEvaluationYear(2018, '2026-11-26')).toThrow();
  });

  it('turns POOR into a rectification order and SEVERE into a disqualification proposal (not a disqualification), other grades into nothing', () => {
    expect(consequenceTaskOf('POOR')).toBe(ORDER_RECTIFICATION_TASK);
    expect(consequenceTaskOf('SEVERE')).toBe(PROPOSE_DISQUALIFICATION_TASK);
    for (const grade of ['EXCELLENT', 'GOOD', 'FAIR']) expect(consequenceTaskOf(grade)).toBeNull();
  });
});
