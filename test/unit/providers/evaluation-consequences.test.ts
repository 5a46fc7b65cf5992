import { describe, expect, it } from 'vitest';
import {
  assertCanConfirmRectification,
  assertCanDisqualify,
  assertCanOrderRectification,
  disqualificationExitPlan,
  isRectificationOverdue,
} from '../../../subgraphs/providers/evaluation-consequences/evaluation-consequences.rules';
import { acceptsNewApplications } from '../../../subgraphs/providers/exits/exits.rules';

const violation = expect.objectContaining({ extensions: expect.objectContaining({ code: 'RULE_VIOLATION', rule: 'PROVIDER_EVALUATION' }) });

describe('PROVIDER_EVALUATION', () => {
  it('orders rectification only of a designated provider, which then takes no new applications', () => {
    expect(() => assertCanOrderRectification('DESIGNATED')).not.toThrow();
    for (const status of ['RECTIFYING', 'EXITING', 'EXITED', 'CANDIDATE'] as const) {
      expect(() => assertCanOrderRectification(status), status).toThrow(violation);
    }
    expect(acceptsNewApplications('RECTIFYING')).toBe(false);
  });

  it('disqualifies a designated or rectifying provider, never a candidate or one that has left', () => {
    expect(() => assertCanDisqualify('DESIGNATED')).not.toThrow();
    expect(() => assertCanDisqualify('RECTIFYING')).not.toThrow();
    for (const status of ['CANDIDATE', 'EXITED'] as const) expect(() => assertCanDisqualify(status), status).toThrow(violation);
  });

  it('gives a disqualified provider’s exit a transition of at least three months from the finalization (EXIT_TRANSITION_3M)', () => {
    expect(disqualificationExitPlan('2026-11-26', '2026-11-26')).toEqual({ startedOn: '2026-11-26', transitionEndsOn: '2027-02-26' });
    // Handled days later (the providers subgraph was down): starts then, still three full months.
    expect(disqualificationExitPlan('2026-11-26', '2026-12-03')).toEqual({ startedOn: '2026-12-03', transitionEndsOn: '2027-03-03' });
    // Never before the finalization, whatever the clock says.
    expect(disqualificationExitPlan('2026-11-30', '2026-11-26')).toEqual({ startedOn: '2026-11-30', transitionEndsOn: '2027-02-28' });
  });

  it('confirms a rectification only while the provider rectifies, and flags it overdue after its deadline', () => {
    expect(() => assertCanConfirmRectification('RECTIFYING')).not.toThrow();
    expect(() => assertCanConfirmRectification('EXITING')).toThrow(violation);
    expect(isRectificationOverdue({ status: 'ORDERED', dueOn: '2026-11-25' }, '2026-11-26')).toBe(true);
    expect(isRectificationOverdue({ status: 'ORDERED', dueOn: '2026-11-26' }, '2026-11-26')).toBe(false);
    expect(isRectificationOverdue({ status: 'CONFIRMED', dueOn: '2026-01-01' }, '2026-11-26')).toBe(false);
  });
});
