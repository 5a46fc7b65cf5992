// CHANGE_APPROVAL (第十五条): the pure rules of a change's resource lines — what may be carried out
// and when, which lines a change may name, and what a utilisation order's change carries.
import { describe, expect, it } from 'vitest';
import {
  assertChangeCarriable,
  assertClosable,
  downsized,
  quantitiesAfterChange,
  targetsOf,
  utilisationOrderLines,
  type LineInForce,
  type ParsedChangeLine,
} from '../../../subgraphs/applications/changes/change-lines.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

const TODAY = '2026-11-26';

const line = (id: string, quantity: number, quantityMax = quantity, effectiveFrom: string | null = null): LineInForce => ({
  id,
  position: Number(id.slice(1)),
  catalogEntryId: `c-${id}`,
  quantity,
  quantityMax,
  effectiveFrom,
});
const resize = (resourceLineId: string, quantity: number): ParsedChangeLine => ({
  kind: 'RESIZE',
  catalogEntryId: null,
  resourceLineId,
  quantity,
  quantityMax: quantity,
  concludedPriceFen: null,
});

describe('CHANGE_APPROVAL: carrying out a change (第十五条)', () => {
  it('carries out only an approved change, on or after its approval day', () => {
    expect(() => assertChangeCarriable({ status: 'APPROVED', approvedOn: '2026-11-26' }, '2026-11-26', TODAY)).not.toThrow();
    expectViolation(
      () => assertChangeCarriable({ status: 'APPROVED', approvedOn: '2026-11-26' }, '2026-11-25', TODAY),
      'CHANGE_APPROVAL',
      '第十五条',
    );
    for (const status of ['PENDING', 'REJECTED', 'CARRIED_OUT'] as const) {
      expectViolation(
        () => assertChangeCarriable({ status, approvedOn: '2026-11-26' }, '2026-12-01', TODAY),
        'CHANGE_APPROVAL',
        '第十五条',
      );
    }
  });

  it('schedules a change at most 90 days ahead (a local choice): 9999-12-31 would end its lines for ever', () => {
    const approved = { status: 'APPROVED' as const, approvedOn: '2026-11-26' };
    expect(() => assertChangeCarriable(approved, '2027-02-24', TODAY)).not.toThrow();
    expect(thrownBy(() => assertChangeCarriable(approved, '2027-02-25', TODAY)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'effectiveOn',
    });
    expect(thrownBy(() => assertChangeCarriable(approved, '9999-12-31', TODAY)).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('closes a version the day before the change, never before the version began', () => {
    expect(assertClosable(line('l1', 2), '2026-12-01')).toBe('2026-11-30');
    expect(assertClosable(line('l1', 2, 2, '2026-11-30'), '2026-12-01')).toBe('2026-11-30');
    expectViolation(() => assertClosable(line('l1', 2, 2, '2026-12-01'), '2026-12-01'), 'CHANGE_APPROVAL', '第十五条');
  });

  it('names only lines in force, once each: BAD_USER_INPUT when requested, CHANGE_APPROVAL when no longer in force at carry-out', () => {
    const inForce = [line('l1', 2), line('l2', 4)];
    expect(targetsOf([resize('l2', 8)], inForce, 'lines')).toEqual([inForce[1]]);
    expect(thrownBy(() => targetsOf([resize('l9', 8)], inForce, 'lines')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'lines.0.resourceLineId',
    });
    expect(thrownBy(() => targetsOf([resize('l1', 8), resize('l1', 9)], inForce, 'lines')).extensions.code).toBe('BAD_USER_INPUT');
    expectViolation(() => targetsOf([resize('l9', 8)], inForce, null), 'CHANGE_APPROVAL', '第十五条');
  });

  it('the quantities after a change: untouched, resized and added lines, removed ones gone', () => {
    const inForce = [line('l1', 2), line('l2', 4, 8)];
    const add: ParsedChangeLine = {
      kind: 'ADD',
      catalogEntryId: 'c',
      resourceLineId: null,
      quantity: 1,
      quantityMax: 3,
      concludedPriceFen: 100,
    };
    const remove: ParsedChangeLine = { ...resize('l1', 1), kind: 'REMOVE', quantity: null, quantityMax: null };
    expect(quantitiesAfterChange([remove, resize('l2', 6), add], inForce)).toEqual([
      { quantity: 6, quantityMax: 6 },
      { quantity: 1, quantityMax: 3 },
    ]);
  });
});

describe('utilisation orders become changes with lines (第十五条、第十六条)', () => {
  it('RECLAIM removes every line in force', () => {
    const lines = utilisationOrderLines('RECLAIM', [line('l1', 2), line('l2', 4, 8)]);
    expect(lines.map((each) => [each.kind, each.resourceLineId, each.quantity])).toEqual([
      ['REMOVE', 'l1', null],
      ['REMOVE', 'l2', null],
    ]);
  });

  it('DOWNSIZE halves each line rounding up (a local choice), leaving lines already at 1', () => {
    expect([1, 2, 3, 7, 700].map(downsized)).toEqual([1, 1, 2, 4, 350]);
    const lines = utilisationOrderLines('DOWNSIZE', [line('l1', 1), line('l2', 5, 9), line('l3', 6)]);
    expect(lines.map((each) => [each.kind, each.resourceLineId, each.quantity, each.quantityMax])).toEqual([
      ['RESIZE', 'l2', 3, 5],
      ['RESIZE', 'l3', 3, 3],
    ]);
  });
});
