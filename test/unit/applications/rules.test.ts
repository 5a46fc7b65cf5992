import { describe, expect, it } from 'vitest';
import {
  assertChangeDecidable,
  assertChangeRequestable,
  assertResourcesEditable,
} from '../../../subgraphs/applications/changes/changes.rules';
import {
  decisionDeadline,
  isDecisionOverdue,
  isLegacyOverdue,
  legacyShutdownDaysLate,
  legacyShutdownDue,
  testPeriod,
} from '../../../subgraphs/applications/lifecycle/deadlines.rules';
import { isTestDeliveryOverdue, testDeliveryDue } from '../../../subgraphs/applications/lifecycle/test-delivery.rules';
import {
  assertLineQuantities,
  assertMaterialsComplete,
  assertResourceRequest,
} from '../../../subgraphs/applications/materials/materials.rules';
import { assertStepConfirmable } from '../../../subgraphs/applications/lifecycle/termination.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

describe('MATERIALS', () => {
  it('accepts the four materials and names the missing ones', () => {
    assertMaterialsComplete(['CONSTRUCTION_PLAN', 'SELF_TEST_REPORT', 'RESOURCE_REQUEST_FORM', 'SECURITY_RESPONSIBILITY_LETTER']);
    const error = expectViolation(() => assertMaterialsComplete(['CONSTRUCTION_PLAN', 'RESOURCE_REQUEST_FORM']), 'MATERIALS', '第十一条');
    expect(error.extensions.missingMaterials).toEqual(['SELF_TEST_REPORT', 'SECURITY_RESPONSIBILITY_LETTER']);
    expect(error.message).toContain('性能和安全自测报告');
    expect(error.message).toContain('云服务安全责任书');
  });

  it('needs at least one resource line', () => {
    expectViolation(() => assertResourceRequest([], false), 'MATERIALS', '第十一条');
  });
});

describe('ELASTIC_RESOURCES', () => {
  it('a system whose load varies widely states at least one range', () => {
    expectViolation(() => assertResourceRequest([{ quantity: 4, quantityMax: 4 }], true), 'ELASTIC_RESOURCES', '第十一条');
    assertResourceRequest(
      [
        { quantity: 4, quantityMax: 4 },
        { quantity: 2, quantityMax: 8 },
      ],
      true,
    );
    assertResourceRequest([{ quantity: 4, quantityMax: 4 }], false);
  });

  it('refuses a range whose upper end is below its lower end', () => {
    expect(thrownBy(() => assertLineQuantities({ quantity: 4, quantityMax: 2 }, 'resourceLines.0')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'resourceLines.0.quantityMax',
    });
    expect(thrownBy(() => assertLineQuantities({ quantity: 0, quantityMax: 2 }, 'resourceLines.0')).extensions.code).toBe('BAD_USER_INPUT');
    // At most a million of an entry's billing unit per line (a local choice): 2,147,483,647 is a slip.
    expect(() => assertLineQuantities({ quantity: 1_000_000, quantityMax: 1_000_000 }, 'resourceLines.0')).not.toThrow();
    const slip = thrownBy(() => assertLineQuantities({ quantity: 2_147_483_647, quantityMax: 2_147_483_647 }, 'resourceLines.1'));
    expect(slip.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resourceLines.1.quantity' });
    expect(slip.message).toContain('每行最多 1,000,000（本地选择）');
    expect(thrownBy(() => assertLineQuantities({ quantity: 5, quantityMax: 1_000_001 }, 'resourceLines.2')).extensions).toMatchObject({
      field: 'resourceLines.2.quantityMax',
    });
  });
});

describe('DECISION_5WD', () => {
  it('submitted 2026-09-30: the deadline is 2026-10-13, after National Day and the adjusted Saturday', () => {
    expect(decisionDeadline('2026-09-30')).toEqual({ date: '2026-10-13', estimated: false });
  });

  it('marks a deadline in an unpublished year as estimated', () => {
    expect(decisionDeadline('2027-03-01').estimated).toBe(true);
  });

  it('is overdue when undecided past the deadline or decided after it', () => {
    expect(isDecisionOverdue('2026-11-19', null, '2026-11-26')).toBe(true);
    expect(isDecisionOverdue('2026-11-26', null, '2026-11-26')).toBe(false);
    expect(isDecisionOverdue('2026-10-13', '2026-10-13', '2026-11-26')).toBe(false);
    expect(isDecisionOverdue('2026-10-13', '2026-10-14', '2026-11-26')).toBe(true);
  });
});

describe('TEST_30D', () => {
  it('counts from the test environment’s delivery until the go-live request or today', () => {
    expect(testPeriod('2026-10-27', null, null, '2026-11-26')).toMatchObject({ daysElapsed: 30, overdue: false });
    expect(testPeriod('2026-10-26', null, null, '2026-11-26')).toMatchObject({ daysElapsed: 31, overdue: true });
    expect(testPeriod('2026-09-01', '2026-09-20', null, '2026-11-26')).toMatchObject({ daysElapsed: 19, overdue: false });
  });

  it('a longer test with a recorded reason stays overdue: the reason is shown, not a pass', () => {
    expect(testPeriod('2026-08-01', null, '历史数据清洗', '2026-11-26')).toMatchObject({
      daysElapsed: 117,
      overdue: true,
      extensionReason: '历史数据清洗',
    });
  });

  it('the test environment is due the agreement’s working days after procurement, and late after that day', () => {
    // 2026-11-20 is a Friday: five working days run to the next Friday.
    expect(testDeliveryDue('2026-11-20', 5)).toBe('2026-11-27');
    // Working days on China's calendar: the National Day holiday is skipped, its adjusted Saturday counts.
    expect(testDeliveryDue('2026-09-30', 3)).toBe('2026-10-10');
    expect(testDeliveryDue(null, 5)).toBeNull();
    expect(isTestDeliveryOverdue('2026-11-27', null, '2026-11-27')).toBe(false);
    expect(isTestDeliveryOverdue('2026-11-27', null, '2026-11-28')).toBe(true);
    expect(isTestDeliveryOverdue('2026-11-27', '2026-11-30', '2026-12-10')).toBe(true);
    expect(isTestDeliveryOverdue('2026-11-27', '2026-11-25', '2026-12-10')).toBe(false);
  });
});

describe('LEGACY_3M', () => {
  it('a migrated system’s old system is due for shutdown three months after go-live', () => {
    expect(legacyShutdownDue('MIGRATION', '2025-12-30')).toBe('2026-03-30');
    expect(legacyShutdownDue('MIGRATION', '2026-11-30')).toBe('2027-02-28');
    expect(legacyShutdownDue('NEW', '2025-12-30')).toBeNull();
    expect(legacyShutdownDue('MIGRATION', null)).toBeNull();
  });

  it('is overdue when still running past the due date, or shut down after it', () => {
    expect(isLegacyOverdue('2026-03-30', null, '2026-11-26')).toBe(true);
    expect(isLegacyOverdue('2026-03-30', '2026-02-28', '2026-11-26')).toBe(false);
    expect(isLegacyOverdue('2026-03-30', '2026-04-02', '2026-11-26')).toBe(true);
    expect(isLegacyOverdue('2026-12-30', null, '2026-11-26')).toBe(false);
    expect(isLegacyOverdue(null, null, '2026-11-26')).toBe(false);
    expect(legacyShutdownDaysLate('2026-03-30', '2026-04-10')).toBe(11);
    expect(legacyShutdownDaysLate('2026-03-30', '2026-03-20')).toBe(0);
    expect(legacyShutdownDaysLate('2026-03-30', null)).toBeNull();
    expect(legacyShutdownDaysLate(null, '2026-03-20')).toBeNull();
  });
});

describe('CHANGE_APPROVAL', () => {
  it('a change request is made only in testing or production', () => {
    assertChangeRequestable('TESTING');
    assertChangeRequestable('IN_PRODUCTION');
    expectViolation(() => assertChangeRequestable('PROCURED'), 'CHANGE_APPROVAL', '第十五条');
    expectViolation(() => assertChangeRequestable('TERMINATING'), 'CHANGE_APPROVAL', '第十五条');
  });

  it('is decided once, and resources in testing or production change only through it', () => {
    assertChangeDecidable('PENDING');
    expectViolation(() => assertChangeDecidable('APPROVED'), 'CHANGE_APPROVAL', '第十五条');
    expectViolation(() => assertResourcesEditable('IN_PRODUCTION'), 'CHANGE_APPROVAL', '第十五条');
    assertResourcesEditable('DRAFT');
  });
});

describe('TERMINATION_STEPS', () => {
  it('confirms shutdown, data clearance and resource recovery in order; the last one completes', () => {
    expect(assertStepConfirmable('SHUTDOWN', [])).toEqual({ completes: false });
    expect(assertStepConfirmable('DATA_CLEARANCE', ['SHUTDOWN'])).toEqual({ completes: false });
    expect(assertStepConfirmable('RESOURCE_RECOVERY', ['SHUTDOWN', 'DATA_CLEARANCE'])).toEqual({ completes: true });
  });

  it('refuses a step out of order or twice', () => {
    const error = expectViolation(() => assertStepConfirmable('RESOURCE_RECOVERY', ['SHUTDOWN']), 'TERMINATION_STEPS', '第十五条');
    expect(error.extensions.pendingSteps).toEqual(['DATA_CLEARANCE']);
    expectViolation(() => assertStepConfirmable('SHUTDOWN', ['SHUTDOWN']), 'TERMINATION_STEPS', '第十五条');
  });
});
