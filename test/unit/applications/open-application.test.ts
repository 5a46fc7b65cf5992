// One application at a time for a system (open-application.rules.ts), by the open one's status.
import { describe, expect, it } from 'vitest';
import { assertNoOpenApplication } from '../../../subgraphs/applications/lifecycle/open-application.rules';
import type { ApplicationStatus } from '../../../subgraphs/applications/generated/graphql';
import { GovCloudError } from '../../../subgraphs/kit/errors';
import { expectViolation } from '../../setup/rule-assertions';

const open = (status: ApplicationStatus) => ({ id: 'a1', number: 'A-2026-0042', status });

function refusal(status: ApplicationStatus): Record<string, unknown> {
  try {
    assertNoOpenApplication(open(status));
  } catch (error) {
    expect(error).toBeInstanceOf(GovCloudError);
    expect((error as GovCloudError).message).toContain('A-2026-0042');
    return (error as GovCloudError).extensions;
  }
  throw new Error(`${status}: expected a refusal`);
}

describe('assertNoOpenApplication', () => {
  it('lets a system without an application, or whose last was rejected, discarded or terminated, be applied for', () => {
    expect(() => assertNoOpenApplication(null)).not.toThrow();
    for (const status of ['REJECTED', 'DISCARDED', 'TERMINATED'] as const)
      expect(() => assertNoOpenApplication(open(status))).not.toThrow();
  });

  it('sends a system in testing or production to a change request (CHANGE_APPROVAL)', () => {
    for (const status of ['TESTING', 'IN_PRODUCTION'] as const) {
      expectViolation(() => assertNoOpenApplication(open(status)), 'CHANGE_APPROVAL', '第十五条');
    }
  });

  it('refuses on systemId while the application is drafted, decided, procured or being terminated', () => {
    for (const status of ['DRAFT', 'SUBMITTED', 'FILED', 'ACCEPTED', 'PROCURED', 'TERMINATING'] as const) {
      expect(refusal(status)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemId' });
    }
  });
});
