import { describe, expect, it } from 'vitest';
import {
  acceptsNewApplications,
  assertExitCompletable,
  assertExitDates,
  assertExitTransition,
  canStartExit,
  minimumTransitionEnd,
} from '../../../subgraphs/providers/exits/exits.rules';
import { takesNewApplications } from '../../../subgraphs/providers/exits/takes-new-applications.rules';
import { expectViolation, thrownBy } from '../../setup/rule-assertions';

describe('EXIT_TRANSITION_3M', () => {
  it('exactly three months is a full transition', () => {
    expect(minimumTransitionEnd('2026-12-01')).toBe('2027-03-01');
    expect(assertExitTransition({ startedOn: '2026-12-01', transitionEndsOn: '2027-03-01' })).toEqual({ short: false });
  });

  it('one day short needs a reason', () => {
    const error = expectViolation(
      () => assertExitTransition({ startedOn: '2026-12-01', transitionEndsOn: '2027-02-28' }),
      'EXIT_TRANSITION_3M',
      '第九条',
    );
    expect(error.extensions.minimumTransitionEndsOn).toBe('2027-03-01');
    expectViolation(
      () => assertExitTransition({ startedOn: '2026-12-01', transitionEndsOn: '2027-02-28', shortTransitionReason: '   ' }),
      'EXIT_TRANSITION_3M',
      '第九条',
    );
  });

  it('a short transition with a reason is allowed and marked short', () => {
    expect(
      assertExitTransition({
        startedOn: '2026-12-01',
        transitionEndsOn: '2027-01-15',
        shortTransitionReason: '平台重大安全事故，须尽快迁移',
      }),
    ).toEqual({ short: true });
  });

  it('three months from the 30th of November ends on the last day of February', () => {
    expect(minimumTransitionEnd('2026-11-30')).toBe('2027-02-28');
    expect(assertExitTransition({ startedOn: '2026-11-30', transitionEndsOn: '2027-02-28' })).toEqual({ short: false });
  });

  it('a transition must end after it starts (bad input)', () => {
    expect(
      thrownBy(() => assertExitTransition({ startedOn: '2026-12-01', transitionEndsOn: '2026-12-01', shortTransitionReason: 'x' }))
        .extensions.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('an exit recorded late is taken while its transition runs, not once it is over or before the policy', () => {
    expect(() => assertExitDates({ startedOn: '2026-11-01', transitionEndsOn: '2027-02-01' }, '2026-11-26')).not.toThrow();
    expect(
      thrownBy(() => assertExitDates({ startedOn: '2026-08-26', transitionEndsOn: '2026-11-26' }, '2026-11-26')).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'transitionEndsOn',
    });
    expect(
      thrownBy(() => assertExitDates({ startedOn: '2018-12-31', transitionEndsOn: '2027-03-01' }, '2026-11-26')).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startedOn',
    });
  });

  it('completes only when no migration is pending', () => {
    expect(() => assertExitCompletable({ opened: true, total: 3, pending: 0 })).not.toThrow();
    expect(() => assertExitCompletable({ opened: true, total: 0, pending: 0 })).not.toThrow();
    const error = expectViolation(() => assertExitCompletable({ opened: true, total: 3, pending: 2 }), 'EXIT_TRANSITION_3M', '第九条');
    expect(error.extensions.pendingMigrationCount).toBe(2);
  });

  it('does not complete before the migrations are opened, even with none counted yet', () => {
    const error = expectViolation(() => assertExitCompletable({ opened: false, total: 0, pending: 0 }), 'EXIT_TRANSITION_3M', '第九条');
    expect(error.extensions.migrationsOpened).toBe(false);
  });

  it('an exiting or exited provider takes no new applications', () => {
    expect(acceptsNewApplications('DESIGNATED')).toBe(true);
    for (const status of ['CANDIDATE', 'RECTIFYING', 'EXITING', 'EXITED'] as const) expect(acceptsNewApplications(status)).toBe(false);
  });

  it('only a designated provider (or one rectifying) can start an exit', () => {
    expect(canStartExit('DESIGNATED')).toBe(true);
    expect(canStartExit('RECTIFYING')).toBe(true);
    for (const status of ['CANDIDATE', 'EXITING', 'EXITED'] as const) expect(canStartExit(status)).toBe(false);
  });
});

describe('EXIT_TRANSITION_3M: a provider exiting one county (第九条、第十一条)', () => {
  const designated = {
    status: 'DESIGNATED' as const,
    platformMlpsLevel: 3,
    platformMlpsCertificateNo: '37160099001-24003',
    platformMlpsFiledOn: '2024-03-12',
    cybersecurityReviewPassedOn: '2023-11-20',
    platformInBinzhou: true,
    qualificationValidUntil: '2030-06-30',
  };
  const countyExit = [{ regionCode: '371625', status: 'IN_TRANSITION' as const }];

  it('takes no new application from that county, and still takes the city’s and other counties’', () => {
    expect(takesNewApplications(designated, '2027-07-01', '371625', countyExit)).toBe(false);
    expect(takesNewApplications(designated, '2027-07-01', '371622', countyExit)).toBe(true);
    expect(takesNewApplications(designated, '2027-07-01', '371600', countyExit)).toBe(true);
    expect(takesNewApplications(designated, '2027-07-01', null, countyExit)).toBe(true);
  });

  it('takes them again once that exit is completed and the county signs anew', () => {
    expect(takesNewApplications(designated, '2027-07-01', '371625', [{ regionCode: '371625', status: 'COMPLETED' }])).toBe(true);
  });
});
