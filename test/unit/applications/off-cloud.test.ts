// ON_CLOUD (第三条): the registry's pure rules — an exemption cites its legal basis, a registration
// has a plan or a claim, what counts as overdue, and where a refused claim leaves the system.
import { describe, expect, it } from 'vitest';
import {
  assertClaimable,
  assertPlanOrExemption,
  assertMayReplan,
  assertReplacement,
  assertTargetAhead,
  isOverdue,
  requireLegalBasis,
  statusAfterRefusal,
} from '../../../subgraphs/applications/off-cloud/off-cloud.rules';
import { expectViolation } from '../../setup/rule-assertions';

const TODAY = '2026-11-26';

describe('ON_CLOUD: systems still off the cloud', () => {
  it('an exemption without a cited law or regulation is refused; a cited one is kept trimmed', () => {
    expectViolation(() => requireLegalBasis(''), 'ON_CLOUD', '第三条');
    expectViolation(() => requireLegalBasis(' \n '), 'ON_CLOUD', '第三条');
    expectViolation(() => requireLegalBasis(null), 'ON_CLOUD', '第三条');
    expect(requireLegalBasis(' 《中华人民共和国保守国家秘密法》 ')).toBe('《中华人民共和国保守国家秘密法》');
  });

  it('a registration has a migration plan or an exemption claim', () => {
    expectViolation(() => assertPlanOrExemption(null, null), 'ON_CLOUD', '第三条');
    expect(() => assertPlanOrExemption('2027-01-01', null)).not.toThrow();
    expect(() => assertPlanOrExemption(null, '依据')).not.toThrow();
  });

  it('overdue: the target day has passed and the system has neither moved nor been exempted', () => {
    expect(isOverdue({ status: 'PLANNED', migrationTargetOn: '2026-11-25' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'PLANNED', migrationTargetOn: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'EXEMPTION_CLAIMED', migrationTargetOn: '2026-01-01' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'EXEMPT', migrationTargetOn: '2026-01-01' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'MOVED', migrationTargetOn: '2026-01-01' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'UNPLANNED', migrationTargetOn: null }, TODAY)).toBe(false);
  });

  it('one claim at a time; a refused claim leaves the plan, or no plan', () => {
    for (const status of ['EXEMPTION_CLAIMED', 'EXEMPT', 'MOVED'] as const)
      expectViolation(() => assertClaimable(status), 'ON_CLOUD', '第三条');
    expect(statusAfterRefusal('2027-01-01')).toBe('PLANNED');
    expect(statusAfterRefusal(null)).toBe('UNPLANNED');
  });

  it('a target is today or later and at most three years ahead; an overdue plan is the centre’s to move, not the unit’s', () => {
    expect(() => assertTargetAhead('2026-11-26', '2026-11-26')).not.toThrow();
    expect(() => assertTargetAhead('2029-11-26', '2026-11-26')).not.toThrow();
    expectViolation(() => assertTargetAhead('2029-11-27', '2026-11-26'), 'ON_CLOUD', '第三条');
    expectViolation(() => assertTargetAhead('2026-11-25', '2026-11-26'), 'ON_CLOUD', '第三条');
    const overdue = { status: 'PLANNED' as const, migrationTargetOn: '2026-09-30' };
    expectViolation(() => assertMayReplan(overdue, '2026-11-26', true), 'ON_CLOUD', '第三条');
    expect(() => assertMayReplan(overdue, '2026-11-26', false)).not.toThrow();
    expect(() => assertMayReplan({ ...overdue, migrationTargetOn: '2026-12-31' }, '2026-11-26', true)).not.toThrow();
  });

  it('the replacement is the same unit’s system, live on the cloud and not retired', () => {
    const own = { unitId: 'u1', deploymentMode: 'ON_CLOUD', goLiveOn: '2026-03-01', retiredOn: null };
    expect(() => assertReplacement('u1', own)).not.toThrow();
    expectViolation(() => assertReplacement('u2', own), 'ON_CLOUD', '第三条');
    expectViolation(() => assertReplacement('u1', { ...own, deploymentMode: 'EXEMPT' }), 'ON_CLOUD', '第三条');
    expectViolation(() => assertReplacement('u1', { ...own, retiredOn: '2026-01-01' }), 'ON_CLOUD', '第三条');
    // Accepted but not yet live (procurement, testing): it replaces nothing yet.
    expectViolation(() => assertReplacement('u1', { ...own, deploymentMode: 'MIGRATING', goLiveOn: null }), 'ON_CLOUD', '第三条');
  });
});
