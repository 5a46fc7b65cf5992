import { describe, expect, it } from 'vitest';
import { buildWorld, gradeFor } from '../../../seed/world';
import { EVALUATION_WEIGHTS, weightedTotalScore } from '../../../subgraphs/supervision/provider-evaluation/provider-evaluation.rules';

describe('PROVIDER_EVALUATION', () => {
  it('weighs the five aspects of 第二十五条 25/25/15/20/15, summing to 100%', () => {
    expect(EVALUATION_WEIGHTS).toEqual({
      platformOperation: 0.25,
      security: 0.25,
      operationsManagement: 0.15,
      serviceLevel: 0.2,
      serviceQuality: 0.15,
    });
    const sum = Object.values(EVALUATION_WEIGHTS).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
  });

  it('totals the weighted scores to two decimals', () => {
    expect(
      weightedTotalScore({ platformOperation: 68, security: 62, operationsManagement: 66, serviceLevel: 70, serviceQuality: 64 }),
    ).toBe(66);
    expect(
      weightedTotalScore({ platformOperation: 92, security: 90, operationsManagement: 91, serviceLevel: 93, serviceQuality: 90 }),
    ).toBe(91.25);
    expect(weightedTotalScore({ platformOperation: 100, security: 0, operationsManagement: 0, serviceLevel: 0, serviceQuality: 0 })).toBe(
      25,
    );
    expect(
      weightedTotalScore({
        platformOperation: 87.33,
        security: 81.5,
        operationsManagement: 90.01,
        serviceLevel: 77.77,
        serviceQuality: 85,
      }),
    ).toBe(84.01); // 84.013
  });

  it('rejects a score outside 0–100 as bad input', () => {
    expect(() =>
      weightedTotalScore({ platformOperation: 101, security: 90, operationsManagement: 90, serviceLevel: 90, serviceQuality: 90 }),
    ).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'platformOperation' }) }));
    expect(() =>
      weightedTotalScore({ platformOperation: 90, security: Number.NaN, operationsManagement: 90, serviceLevel: 90, serviceQuality: 90 }),
    ).toThrow();
  });

  it('puts every seeded evaluation in the grade band the world recorded for it', () => {
    for (const evaluation of buildWorld().providerEvaluations) {
      expect(gradeFor(weightedTotalScore(evaluation)), `${evaluation.providerId} ${evaluation.year}`).toBe(evaluation.grade);
    }
  });
});
