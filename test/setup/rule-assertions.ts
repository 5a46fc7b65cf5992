import { expect } from 'vitest';
import { GovCloudError, RuleViolationError } from '../../subgraphs/kit/errors';
import type { RuleId } from '../../subgraphs/kit/rules';

/** Runs `work` and returns the error it threw, failing the test when it throws nothing. */
export function thrownBy(work: () => unknown): GovCloudError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(GovCloudError);
    return error as GovCloudError;
  }
  throw new Error('expected an error, none was thrown');
}

/** Asserts `work` breaks `rule`, citing `article`, and returns the error for further checks. */
export function expectViolation(work: () => unknown, rule: RuleId, article: string): RuleViolationError {
  const error = thrownBy(work);
  expect(error).toBeInstanceOf(RuleViolationError);
  expect(error.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule, article });
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error as RuleViolationError;
}
