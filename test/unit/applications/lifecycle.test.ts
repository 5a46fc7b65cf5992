import { describe, expect, it } from 'vitest';
import { Role } from '../../../subgraphs/kit/principal';
import { IllegalTransitionError, TRANSITIONS, nextStatus, rolesOf } from '../../../subgraphs/applications/lifecycle/lifecycle.rules';
import { assertNotFiled } from '../../../subgraphs/applications/lifecycle/county-filing.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';
import type { ApplicationStatus, LifecycleAction } from '../../../subgraphs/applications/generated/graphql';

const CITY = '371600';
const COUNTY = '371602';

describe('application lifecycle (第十条)', () => {
  it('walks a county application from draft to terminating', () => {
    const steps: Array<[LifecycleAction, ApplicationStatus]> = [
      ['SUBMIT', 'SUBMITTED'],
      ['FILE', 'FILED'],
      ['ACCEPT', 'ACCEPTED'],
      ['RECORD_PROCUREMENT', 'PROCURED'],
      ['DELIVER_TEST_ENVIRONMENT', 'TESTING'],
      ['REQUEST_GO_LIVE', 'TESTING'],
      ['CONFIRM_GO_LIVE', 'IN_PRODUCTION'],
      ['REQUEST_CHANGE', 'IN_PRODUCTION'],
      ['REPORT_TERMINATION', 'TERMINATING'],
    ];
    let status: ApplicationStatus = 'DRAFT';
    for (const [action, expected] of steps) {
      status = nextStatus({ status, regionCode: COUNTY }, action);
      expect(status).toBe(expected);
    }
  });

  it('lets the unit end an application it abandons once accepted, procured or in testing (第十五条)', () => {
    for (const status of ['ACCEPTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION'] as const) {
      expect(nextStatus({ status, regionCode: COUNTY }, 'REPORT_TERMINATION'), status).toBe('TERMINATING');
    }
    expect(rolesOf('REPORT_TERMINATION')).toEqual([Role.USER_UNIT]);
  });

  it('leaves no state a dead end: from each, some step leads on, until REJECTED or TERMINATED', () => {
    // TERMINATING ends through its three confirmed steps (TERMINATION_STEPS), not a transition of its own.
    const ends: readonly ApplicationStatus[] = ['REJECTED', 'TERMINATING', 'TERMINATED'];
    const reachesEnd = (status: ApplicationStatus, seen: Set<ApplicationStatus>): boolean => {
      if (ends.includes(status)) return true;
      seen.add(status);
      return Object.values(TRANSITIONS).some(
        (rule) => rule.from.includes(status) && rule.to !== null && !seen.has(rule.to) && reachesEnd(rule.to, seen),
      );
    };
    for (const status of ['DRAFT', 'SUBMITTED', 'FILED', 'ACCEPTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION'] as const) {
      expect(reachesEnd(status, new Set()), status).toBe(true);
    }
    // Abandoning is the unit's to do, without the bureau's or provider's next step: each may reach TERMINATING by itself.
    for (const status of ['ACCEPTED', 'PROCURED', 'TESTING'] as const) {
      const unitSteps = Object.values(TRANSITIONS).filter((rule) => rule.from.includes(status) && rule.roles.includes(Role.USER_UNIT));
      expect(
        unitSteps.some((rule) => rule.to === 'TERMINATING'),
        status,
      ).toBe(true);
    }
  });

  it('lets the unit discard its own draft, which ends there (DISCARDED)', () => {
    expect(nextStatus({ status: 'DRAFT', regionCode: CITY }, 'DISCARD_DRAFT')).toBe('DISCARDED');
    expect(rolesOf('DISCARD_DRAFT')).toEqual([Role.USER_UNIT]);
    for (const status of ['SUBMITTED', 'ACCEPTED', 'TERMINATED'] as const) {
      expect(() => nextStatus({ status, regionCode: CITY }, 'DISCARD_DRAFT'), status).toThrow(IllegalTransitionError);
    }
    for (const action of Object.keys(TRANSITIONS) as LifecycleAction[]) {
      if (action === 'CREATE') continue;
      expect(() => nextStatus({ status: 'DISCARDED', regionCode: COUNTY }, action), action).toThrow(IllegalTransitionError);
    }
  });

  it('lets the unit renegotiate a procured line’s price while the application runs, keeping its state (CATALOG_CAP)', () => {
    for (const status of ['PROCURED', 'TESTING', 'IN_PRODUCTION'] as const) {
      expect(nextStatus({ status, regionCode: CITY }, 'RENEGOTIATE_PRICE'), status).toBe(status);
    }
    expect(rolesOf('RENEGOTIATE_PRICE')).toEqual([Role.USER_UNIT]);
    expect(() => nextStatus({ status: 'ACCEPTED', regionCode: CITY }, 'RENEGOTIATE_PRICE')).toThrow(IllegalTransitionError);
  });

  it('lets a city application go to the bureau without filing', () => {
    expect(nextStatus({ status: 'SUBMITTED', regionCode: CITY }, 'ACCEPT')).toBe('ACCEPTED');
    expect(nextStatus({ status: 'SUBMITTED', regionCode: CITY }, 'REJECT')).toBe('REJECTED');
  });

  it('withdraws a submitted or filed application back to draft', () => {
    expect(nextStatus({ status: 'SUBMITTED', regionCode: CITY }, 'WITHDRAW')).toBe('DRAFT');
    expect(nextStatus({ status: 'FILED', regionCode: COUNTY }, 'WITHDRAW')).toBe('DRAFT');
  });

  it('refuses an out-of-order step with BAD_USER_INPUT naming the current state and the step', () => {
    const error = thrownBy(() => nextStatus({ status: 'DRAFT', regionCode: CITY }, 'ACCEPT'));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'DRAFT', action: 'ACCEPT' });
    expect(error.message).toContain('草稿 (DRAFT)');
    expect(error.message).toContain('受理');
    for (const status of ['REJECTED', 'TERMINATED'] as const) {
      for (const action of Object.keys(TRANSITIONS) as LifecycleAction[]) {
        if (action === 'CREATE' || action === 'FILE') continue;
        expect(() => nextStatus({ status, regionCode: CITY }, action)).toThrow(IllegalTransitionError);
      }
    }
  });

  it('names the roles of docs/domain.md for each step, the roles its mutation admits', () => {
    for (const [role, action] of [
      [Role.USER_UNIT, 'SUBMIT'],
      [Role.COUNTY_AUTHORITY, 'FILE'],
      [Role.BUREAU, 'ACCEPT'],
      [Role.PROVIDER, 'DELIVER_TEST_ENVIRONMENT'],
      [Role.CENTER, 'CONFIRM_GO_LIVE'],
      [Role.CENTER, 'CONFIRM_DATA_CLEARANCE'],
      [Role.PROVIDER, 'CONFIRM_RESOURCE_RECOVERY'],
    ] as const) {
      expect(rolesOf(action), action).toContain(role);
    }
    for (const [role, action] of [
      [Role.BUREAU, 'SUBMIT'],
      [Role.USER_UNIT, 'ACCEPT'],
      [Role.CENTER, 'FILE'],
      [Role.USER_UNIT, 'CONFIRM_GO_LIVE'],
      [Role.BUREAU, 'DELIVER_TEST_ENVIRONMENT'],
      [Role.AUDITOR, 'REJECT'],
      [Role.USER_UNIT, 'APPROVE_CHANGE'],
      [Role.USER_UNIT, 'CONFIRM_DATA_CLEARANCE'],
    ] as const) {
      expect(rolesOf(action), action).not.toContain(role);
    }
  });
});

describe('COUNTY_FILING', () => {
  it('the bureau decides a county unit’s application whether or not it is filed yet (同时, not before)', () => {
    expect(nextStatus({ status: 'SUBMITTED', regionCode: COUNTY }, 'ACCEPT')).toBe('ACCEPTED');
    expect(nextStatus({ status: 'SUBMITTED', regionCode: COUNTY }, 'REJECT')).toBe('REJECTED');
    expect(nextStatus({ status: 'FILED', regionCode: COUNTY }, 'ACCEPT')).toBe('ACCEPTED');
  });

  it('the county files in parallel: before the decision it shows as FILED, after it the state stays', () => {
    expect(nextStatus({ status: 'SUBMITTED', regionCode: COUNTY }, 'FILE')).toBe('FILED');
    for (const status of ['ACCEPTED', 'REJECTED', 'PROCURED', 'TESTING'] as const) {
      expect(nextStatus({ status, regionCode: COUNTY }, 'FILE')).toBe(status);
    }
    expect(() => nextStatus({ status: 'DRAFT', regionCode: COUNTY }, 'FILE')).toThrow(IllegalTransitionError);
    expectViolation(() => assertNotFiled('2026-11-20'), 'COUNTY_FILING', '第十一条');
  });

  it('a city unit’s application is not filed with a county', () => {
    expectViolation(() => nextStatus({ status: 'SUBMITTED', regionCode: CITY }, 'FILE'), 'COUNTY_FILING', '第十一条');
  });
});
