import { describe, expect, it } from 'vitest';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import {
  assertDeadlineAfterInspection,
  assertMayVerify,
  assertRectificationOwner,
  inspectingAuthorityOf,
  isRectificationOverdue,
  nextRectificationStatus,
} from '../../../subgraphs/security/inspections/inspections.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

const UNIT = '11111111-1111-4111-8111-111111111111';
const PROVIDER = '22222222-2222-4222-8222-222222222222';
const unit: Principal = { subject: 'u', role: Role.USER_UNIT, unitId: UNIT, regionCode: '371600' };
const provider: Principal = { subject: 'p', role: Role.PROVIDER, providerId: PROVIDER };

describe('INSPECTION_RECTIFY', () => {
  it('the bureau or the centre and the cybersecurity authority inspect together, each noting the other (第十九条)', () => {
    expect(inspectingAuthorityOf({ subject: 'b', role: Role.BUREAU })).toEqual({ recordedBy: 'BUREAU', jointWith: 'CYBERSEC' });
    expect(inspectingAuthorityOf({ subject: 'm', role: Role.CENTER })).toEqual({ recordedBy: 'CENTER', jointWith: 'CYBERSEC' });
    expect(inspectingAuthorityOf({ subject: 'c', role: Role.CYBERSEC })).toEqual({ recordedBy: 'CYBERSEC', jointWith: 'BUREAU' });
    expect(thrownBy(() => inspectingAuthorityOf(unit)).extensions.code).toBe('FORBIDDEN');
    expect(thrownBy(() => inspectingAuthorityOf({ subject: 'x', role: Role.MONITOR })).extensions.code).toBe('FORBIDDEN');
  });

  it('the inspected party cannot close or send back a rectification: the rule says so, citing 第十九条', () => {
    for (const role of [Role.USER_UNIT, Role.PROVIDER]) {
      const error = expectViolation(() => assertMayVerify(role, 'CLOSE'), 'INSPECTION_RECTIFY', '第十九条');
      expect(error.message).toContain('检查方');
      expectViolation(() => assertMayVerify(role, 'RETURN'), 'INSPECTION_RECTIFY', '第十九条');
    }
  });

  it('only the inspecting side verifies; other roles are simply forbidden', () => {
    expect(() => assertMayVerify(Role.BUREAU, 'CLOSE')).not.toThrow();
    expect(() => assertMayVerify(Role.CYBERSEC, 'RETURN')).not.toThrow();
    expect(() => assertMayVerify(Role.CENTER, 'CLOSE')).not.toThrow();
    for (const role of [Role.AUDITOR, Role.COUNTY_AUTHORITY, Role.FINANCE, Role.MONITOR]) {
      expect(thrownBy(() => assertMayVerify(role, 'CLOSE')).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('the owner submits: the unit for a system, the provider for its platform', () => {
    const systemFinding = { ownerKind: 'UNIT' as const, unitId: UNIT, providerId: PROVIDER };
    const platformFinding = { ownerKind: 'PROVIDER' as const, unitId: null, providerId: PROVIDER };
    expect(() => assertRectificationOwner(unit, systemFinding)).not.toThrow();
    expect(() => assertRectificationOwner(provider, platformFinding)).not.toThrow();
    // The hosting provider does not own a system's rectification, nor a unit a platform's.
    expect(thrownBy(() => assertRectificationOwner(provider, systemFinding)).extensions.code).toBe('FORBIDDEN');
    expect(thrownBy(() => assertRectificationOwner(unit, platformFinding)).extensions.code).toBe('FORBIDDEN');
    const otherUnit = { ...unit, unitId: '33333333-3333-4333-8333-333333333333' };
    expect(thrownBy(() => assertRectificationOwner(otherUnit, systemFinding)).extensions.code).toBe('FORBIDDEN');
  });

  it('OPEN → SUBMITTED → CLOSED, or back to OPEN; nothing closes without a submission', () => {
    expect(nextRectificationStatus('OPEN', 'SUBMIT')).toBe('SUBMITTED');
    expect(nextRectificationStatus('SUBMITTED', 'CLOSE')).toBe('CLOSED');
    expect(nextRectificationStatus('SUBMITTED', 'RETURN')).toBe('OPEN');
    const error = expectViolation(() => nextRectificationStatus('OPEN', 'CLOSE'), 'INSPECTION_RECTIFY', '第十九条');
    expect(error.extensions).toMatchObject({ status: 'OPEN', step: 'CLOSE' });
    expectViolation(() => nextRectificationStatus('CLOSED', 'SUBMIT'), 'INSPECTION_RECTIFY', '第十九条');
    expectViolation(() => nextRectificationStatus('SUBMITTED', 'SUBMIT'), 'INSPECTION_RECTIFY', '第十九条');
    expectViolation(() => nextRectificationStatus('CLOSED', 'RETURN'), 'INSPECTION_RECTIFY', '第十九条');
  });

  it('overdue: past the deadline and not closed (submitted still counts)', () => {
    expect(isRectificationOverdue({ deadline: '2026-11-25', status: 'OPEN' }, '2026-11-26')).toBe(true);
    expect(isRectificationOverdue({ deadline: '2026-11-25', status: 'SUBMITTED' }, '2026-11-26')).toBe(true);
    expect(isRectificationOverdue({ deadline: '2026-11-25', status: 'CLOSED' }, '2026-11-26')).toBe(false);
    expect(isRectificationOverdue({ deadline: '2026-11-26', status: 'OPEN' }, '2026-11-26')).toBe(false);
  });

  it('a deadline before the inspection is bad input', () => {
    expect(() => assertDeadlineAfterInspection('2026-11-26', '2026-11-26', 'd')).not.toThrow();
    const error = thrownBy(() => assertDeadlineAfterInspection('2026-11-25', '2026-11-26', 'findings[0].deadline'));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findings[0].deadline' });
  });

  it('a deadline more than twelve months after the inspection is bad input (a local choice): 9999-12-31 would never be overdue', () => {
    expect(() => assertDeadlineAfterInspection('2027-11-26', '2026-11-26', 'd')).not.toThrow();
    for (const far of ['2027-11-27', '2099-12-31', '9999-12-31']) {
      const error = thrownBy(() => assertDeadlineAfterInspection(far, '2026-11-26', 'findings[1].deadline'));
      expect(error.extensions, far).toMatchObject({ code: 'BAD_USER_INPUT', field: 'findings[1].deadline' });
      expect(error.message).toContain('2027-11-26');
    }
  });
});
