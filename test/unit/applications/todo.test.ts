import { describe, expect, it } from 'vitest';
import { Role } from '../../../subgraphs/kit/principal';
import { todoItemsFor, type TodoCandidate } from '../../../subgraphs/applications/todo/todo.rules';

const TODAY = '2026-11-26';
const PROVIDER = '00000000-0000-4000-8000-0000000000a1';

function candidate(overrides: Partial<TodoCandidate>): TodoCandidate {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    number: 'A-2026-0001',
    kind: 'NEW',
    status: 'DRAFT',
    regionCode: '371600',
    systemId: '00000000-0000-4000-8000-000000000051',
    providerId: PROVIDER,
    createdOn: '2026-11-01',
    submittedOn: null,
    filedOn: null,
    decisionDueOn: null,
    decisionDueEstimated: false,
    decidedOn: null,
    procuredOn: null,
    testDeliveryDays: null,
    testStartedOn: null,
    testEndedOn: null,
    testExtensionReason: null,
    goLiveOn: null,
    terminationReportedOn: null,
    priceAboveCapSince: null,
    legacyShutdownOn: null,
    pendingChanges: [],
    approvedChanges: [],
    providerExitHeardOn: null,
    legacyShutdownAwaitingConfirmationSince: null,
    confirmedSteps: [],
    ...overrides,
  };
}

const bureau = { role: Role.BUREAU };
const county = { role: Role.COUNTY_AUTHORITY };
const unit = { role: Role.USER_UNIT };
const provider = { role: Role.PROVIDER, providerId: PROVIDER };
const center = { role: Role.CENTER };

describe('DECISION_5WD', () => {
  const submittedCity = candidate({ status: 'SUBMITTED', submittedOn: '2026-11-16', decisionDueOn: '2026-11-23' });

  it('gives the bureau a city unit’s submitted application, overdue past its deadline', () => {
    const [item] = todoItemsFor(bureau, [submittedCity], TODAY);
    expect(item).toMatchObject({
      kind: 'DECIDE_APPLICATION',
      dueOn: '2026-11-23',
      overdue: true,
      rule: 'DECISION_5WD',
      article: '第十二条',
    });
  });

  it('is not overdue on the deadline itself', () => {
    expect(todoItemsFor(bureau, [submittedCity], '2026-11-23')[0]!.overdue).toBe(false);
  });

  it('does not wait for the county’s filing: the bureau decides a county application from submission (COUNTY_FILING)', () => {
    const countySubmitted = candidate({ status: 'SUBMITTED', regionCode: '371602', decisionDueOn: '2026-11-30' });
    expect(todoItemsFor(bureau, [countySubmitted], TODAY)).toMatchObject([
      { kind: 'DECIDE_APPLICATION', dueOn: '2026-11-30', overdue: false, rule: 'DECISION_5WD' },
    ]);
    const filed = { ...countySubmitted, status: 'FILED' as const };
    expect(todoItemsFor(bureau, [filed], TODAY)).toMatchObject([{ kind: 'DECIDE_APPLICATION', overdue: false }]);
  });

  it('gives no other role the decision', () => {
    for (const viewer of [county, unit, provider, center, { role: Role.AUDITOR }]) {
      expect(todoItemsFor(viewer, [submittedCity], TODAY)).toEqual([]);
    }
  });
});

describe('COUNTY_FILING', () => {
  it('gives the county authority its county’s unfiled applications, due five working days after submission', () => {
    const submitted = candidate({ status: 'SUBMITTED', regionCode: '371602', submittedOn: '2026-11-23', decisionDueOn: '2026-11-30' });
    expect(todoItemsFor(county, [submitted], TODAY)).toMatchObject([
      { kind: 'FILE_APPLICATION', dueOn: '2026-11-30', overdue: false, rule: 'COUNTY_FILING', article: '第十一条' },
    ]);
  });

  it('keeps the filing on its own list after the bureau has decided, flagged once its own deadline passed', () => {
    const accepted = candidate({ status: 'ACCEPTED', regionCode: '371602', submittedOn: '2026-11-02' });
    expect(todoItemsFor(county, [accepted], TODAY)).toMatchObject([
      { kind: 'FILE_APPLICATION', dueOn: '2026-11-09', overdue: true, rule: 'COUNTY_FILING' },
    ]);
  });

  it('has nothing to file for a city unit or an application already filed', () => {
    const city = candidate({ status: 'SUBMITTED', submittedOn: '2026-11-23', decisionDueOn: '2026-11-30' });
    const filed = candidate({ status: 'FILED', regionCode: '371602', submittedOn: '2026-11-23', filedOn: '2026-11-24' });
    const filedLater = candidate({ status: 'ACCEPTED', regionCode: '371602', submittedOn: '2026-11-02', filedOn: '2026-11-20' });
    expect(todoItemsFor(county, [city, filed, filedLater], TODAY)).toEqual([]);
  });
});

describe('TEST_30D', () => {
  it('asks the unit to request go-live once testing passes 30 days without a reason', () => {
    const testing = candidate({ status: 'TESTING', testStartedOn: '2026-10-09' });
    expect(todoItemsFor(unit, [testing], TODAY)).toMatchObject([
      { kind: 'REQUEST_GO_LIVE', dueOn: '2026-11-08', overdue: true, rule: 'TEST_30D', article: '第十三条' },
    ]);
  });

  it('asks nothing while testing is within 30 days or go-live was requested', () => {
    const recent = candidate({ status: 'TESTING', testStartedOn: '2026-11-04' });
    const requested = candidate({ status: 'TESTING', testStartedOn: '2026-09-18', testEndedOn: '2026-11-20' });
    expect(todoItemsFor(unit, [recent, requested], TODAY)).toEqual([]);
  });

  it('keeps a test past 30 days on the list, flagged, with its recorded reason shown', () => {
    const extended = candidate({ status: 'TESTING', testStartedOn: '2026-09-18', testExtensionReason: '历史数据清洗' });
    const [item] = todoItemsFor(unit, [extended], TODAY);
    expect(item).toMatchObject({ kind: 'REQUEST_GO_LIVE', dueOn: '2026-10-18', overdue: true, rule: 'TEST_30D' });
    expect(item!.action).toContain('历史数据清洗');
  });

  it('gives the provider the test environment due the agreement’s working days after procurement, flagged when late', () => {
    const onTime = candidate({ status: 'PROCURED', procuredOn: '2026-11-20', testDeliveryDays: 5 });
    const late = candidate({
      id: '00000000-0000-4000-8000-000000000002',
      status: 'PROCURED',
      procuredOn: '2026-11-02',
      testDeliveryDays: 5,
    });
    expect(todoItemsFor(provider, [onTime, late], TODAY)).toMatchObject([
      { kind: 'DELIVER_TEST_ENVIRONMENT', dueOn: '2026-11-27', overdue: false, rule: 'TEST_30D', article: '第十三条' },
      { kind: 'DELIVER_TEST_ENVIRONMENT', dueOn: '2026-11-09', overdue: true, rule: 'TEST_30D', article: '第十三条' },
    ]);
  });

  it('gives the chosen provider a procured application’s test environment to deliver, and no other provider', () => {
    const procured = candidate({ status: 'PROCURED', procuredOn: '2026-11-20' });
    expect(todoItemsFor(provider, [procured], TODAY)).toMatchObject([{ kind: 'DELIVER_TEST_ENVIRONMENT', dueOn: '2026-11-20' }]);
    expect(todoItemsFor({ role: Role.PROVIDER, providerId: 'other' }, [procured], TODAY)).toEqual([]);
  });

  it('gives the centre a requested go-live to confirm', () => {
    const requested = candidate({ status: 'TESTING', testStartedOn: '2026-10-01', testEndedOn: '2026-11-20' });
    expect(todoItemsFor(center, [requested], TODAY)).toMatchObject([
      { kind: 'CONFIRM_GO_LIVE', dueOn: '2026-11-20', rule: null, article: '第十四条' },
    ]);
  });
});

describe('LEGACY_3M', () => {
  const live = candidate({ kind: 'MIGRATION', status: 'IN_PRODUCTION', goLiveOn: '2026-06-30' });

  it('asks the unit to shut the old system down within three months of go-live, overdue after', () => {
    expect(todoItemsFor(unit, [live], TODAY)).toMatchObject([
      { kind: 'SHUT_DOWN_LEGACY', dueOn: '2026-09-30', overdue: true, rule: 'LEGACY_3M', article: '第十四条' },
    ]);
    expect(todoItemsFor(unit, [{ ...live, goLiveOn: '2026-10-01' }], TODAY)).toMatchObject([{ dueOn: '2027-01-01', overdue: false }]);
  });

  it('asks nothing once the old system is shut down, or for a new system', () => {
    expect(
      todoItemsFor(
        unit,
        [
          { ...live, legacyShutdownOn: '2026-09-01' },
          { ...live, kind: 'NEW' },
        ],
        TODAY,
      ),
    ).toEqual([]);
  });
});

describe('CHANGE_APPROVAL', () => {
  it('gives the bureau each pending change request, one item each', () => {
    const changing = candidate({
      status: 'IN_PRODUCTION',
      pendingChanges: [
        { id: 'c1', requestedOn: '2026-11-02' },
        { id: 'c2', requestedOn: '2026-11-03' },
      ],
    });
    const items = todoItemsFor(bureau, [changing], TODAY);
    expect(items.map((item) => [item.id, item.kind, item.rule])).toEqual([
      ['DECIDE_CHANGE:c1', 'DECIDE_CHANGE', 'CHANGE_APPROVAL'],
      ['DECIDE_CHANGE:c2', 'DECIDE_CHANGE', 'CHANGE_APPROVAL'],
    ]);
  });
});

describe('TERMINATION_STEPS', () => {
  const terminating = candidate({ status: 'TERMINATING', terminationReportedOn: '2026-10-20' });

  it('asks the unit for the shutdown first, and the provider and centre for nothing yet', () => {
    expect(todoItemsFor(unit, [terminating], TODAY)).toMatchObject([{ kind: 'CONFIRM_SHUTDOWN', dueOn: '2026-10-20' }]);
    expect(todoItemsFor(provider, [terminating], TODAY)).toEqual([]);
    expect(todoItemsFor(center, [terminating], TODAY)).toEqual([]);
  });

  it('then asks the provider and the centre for data clearance, then resource recovery', () => {
    const shut = { ...terminating, confirmedSteps: ['SHUTDOWN' as const] };
    const cleared = { ...terminating, confirmedSteps: ['SHUTDOWN' as const, 'DATA_CLEARANCE' as const] };
    for (const viewer of [provider, center]) {
      expect(todoItemsFor(viewer, [shut], TODAY).map((item) => item.kind)).toEqual(['CONFIRM_DATA_CLEARANCE']);
      expect(todoItemsFor(viewer, [cleared], TODAY).map((item) => item.kind)).toEqual(['CONFIRM_RESOURCE_RECOVERY']);
    }
    expect(todoItemsFor(unit, [shut], TODAY)).toEqual([]);
  });
});

describe('an abandoned application informs the bureau (第十五条)', () => {
  const abandoned = candidate({ status: 'TERMINATING', terminationReportedOn: '2026-10-20', procuredOn: '2026-10-01' });

  it('shows the bureau an application its unit ended before go-live, until the termination completes', () => {
    expect(todoItemsFor(bureau, [abandoned], TODAY)).toMatchObject([
      { kind: 'NOTE_ABANDONED_APPLICATION', dueOn: '2026-10-20', overdue: false, rule: 'TERMINATION_STEPS', article: '第十五条' },
    ]);
    const done = { ...abandoned, confirmedSteps: ['SHUTDOWN' as const, 'DATA_CLEARANCE' as const] };
    expect(todoItemsFor(bureau, [done], TODAY).map((item) => item.kind)).toEqual(['NOTE_ABANDONED_APPLICATION']);
  });

  it('leaves a live system’s ordinary termination to its steps, and nothing once terminated', () => {
    expect(todoItemsFor(bureau, [{ ...abandoned, goLiveOn: '2026-05-01' }], TODAY)).toEqual([]);
    expect(todoItemsFor(bureau, [{ ...abandoned, status: 'TERMINATED' }], TODAY)).toEqual([]);
  });
});

describe('CATALOG_CAP: a price the providers subgraph refused above the cap in force (第八条)', () => {
  const marked = candidate({ status: 'PROCURED', procuredOn: '2026-11-10', priceAboveCapSince: '2026-11-11' });

  it('asks the unit to renegotiate and shows the bureau, each from the day it was marked', () => {
    expect(todoItemsFor(unit, [marked], TODAY)).toMatchObject([
      { kind: 'RENEGOTIATE_PRICE', dueOn: '2026-11-11', overdue: false, rule: 'CATALOG_CAP', article: '第八条' },
    ]);
    expect(todoItemsFor(bureau, [marked], TODAY)).toMatchObject([
      { kind: 'NOTE_PRICE_ABOVE_CAP', dueOn: '2026-11-11', overdue: false, rule: 'CATALOG_CAP', article: '第八条' },
    ]);
  });

  it('asks nothing once the price is renegotiated', () => {
    const cleared = { ...marked, priceAboveCapSince: null };
    expect(todoItemsFor(unit, [cleared], TODAY)).toEqual([]);
    expect(todoItemsFor(bureau, [cleared], TODAY)).toEqual([]);
  });
});

describe('to-do of other roles', () => {
  it('is empty for roles that act on no application', () => {
    const all = [candidate({}), candidate({ status: 'SUBMITTED', decisionDueOn: '2026-11-20' })];
    for (const role of [Role.AUDITOR, Role.CYBERSEC, Role.FINANCE, Role.MONITOR]) expect(todoItemsFor({ role }, all, TODAY)).toEqual([]);
  });
});

describe('an estimated due date (a year without a published working-day calendar, kit/working-days.ts)', () => {
  // 2026's calendar is published; 2027's is not: five working days from 2026-12-28 reach into 2027.
  const lateDecember = { submittedOn: '2026-12-28', decisionDueOn: '2027-01-04', decisionDueEstimated: true };

  it('marks the bureau’s decision as estimated exactly when the application’s own deadline is (DECISION_5WD)', () => {
    const [estimated] = todoItemsFor(bureau, [candidate({ status: 'SUBMITTED', ...lateDecember })], TODAY);
    expect(estimated).toMatchObject({ kind: 'DECIDE_APPLICATION', dueOn: '2027-01-04', dueOnEstimated: true });
    const [exact] = todoItemsFor(
      bureau,
      [candidate({ status: 'SUBMITTED', submittedOn: '2026-11-16', decisionDueOn: '2026-11-23' })],
      TODAY,
    );
    expect(exact!.dueOnEstimated).toBe(false);
  });

  it('marks the county’s filing counted into 2027 as estimated, and one within 2026 as exact (COUNTY_FILING)', () => {
    const county371602 = { regionCode: '371602', status: 'SUBMITTED' as const };
    const [estimated] = todoItemsFor(county, [candidate({ ...county371602, ...lateDecember })], TODAY);
    expect(estimated).toMatchObject({ kind: 'FILE_APPLICATION', dueOn: '2027-01-04', dueOnEstimated: true });
    const [exact] = todoItemsFor(county, [candidate({ ...county371602, submittedOn: '2026-11-16', decisionDueOn: '2026-11-23' })], TODAY);
    expect(exact).toMatchObject({ kind: 'FILE_APPLICATION', dueOnEstimated: false });
  });

  it('marks a test environment due in 2027 as estimated (TEST_30D)', () => {
    const procured = candidate({ status: 'PROCURED', procuredOn: '2026-12-29', testDeliveryDays: 5 });
    expect(todoItemsFor(provider, [procured], TODAY)[0]).toMatchObject({ kind: 'DELIVER_TEST_ENVIRONMENT', dueOnEstimated: true });
  });
});

describe('the steps after a decision: procurement (第十条) and an approved change (CHANGE_APPROVAL)', () => {
  it('gives the unit an accepted application to procure, due the day of acceptance, never overdue', () => {
    const accepted = candidate({ status: 'ACCEPTED', decidedOn: '2026-11-10' });
    expect(todoItemsFor(unit, [accepted], TODAY)).toEqual([
      expect.objectContaining({
        kind: 'RECORD_PROCUREMENT',
        dueOn: '2026-11-10',
        overdue: false,
        rule: null,
        article: '第十条',
        action: '采购政务云服务并登记成交价（申请 A-2026-0001）',
      }),
    ]);
    expect(todoItemsFor(unit, [candidate({ status: 'PROCURED', decidedOn: '2026-11-10', procuredOn: '2026-11-20' })], TODAY)).toEqual([]);
    expect(todoItemsFor(bureau, [accepted], TODAY)).toEqual([]);
  });

  it('DESIGNATED_PROVIDER (第九条): once the provider’s exit is heard of, the unit is told to end the application; the steps that build on it leave the lists', () => {
    const heard = { providerExitHeardOn: '2026-11-20' };
    for (const status of ['ACCEPTED', 'PROCURED', 'TESTING'] as const) {
      const items = todoItemsFor(
        unit,
        [candidate({ status, decidedOn: '2026-11-10', procuredOn: '2026-11-12', testStartedOn: '2026-09-01', ...heard })],
        TODAY,
      );
      expect(items, status).toEqual([
        expect.objectContaining({
          kind: 'TERMINATE_APPLICATION',
          dueOn: '2026-11-20',
          overdue: false,
          rule: 'DESIGNATED_PROVIDER',
          action: '所选服务商已开始退出：报备终止申请 A-2026-0001，另选定点服务商重新申请',
        }),
      ]);
    }
    // Not heard of: the usual next step, and no termination asked.
    expect(todoItemsFor(unit, [candidate({ status: 'ACCEPTED', decidedOn: '2026-11-10' })], TODAY).map((item) => item.kind)).toEqual([
      'RECORD_PROCUREMENT',
    ]);
    const procured = candidate({ status: 'PROCURED', procuredOn: '2026-11-20', ...heard });
    expect(todoItemsFor(provider, [procured], TODAY)).toEqual([]);
    expect(todoItemsFor(provider, [{ ...procured, providerExitHeardOn: null }], TODAY)).toHaveLength(1);
    const awaitingGoLive = candidate({ status: 'TESTING', testStartedOn: '2026-11-01', testEndedOn: '2026-11-20', ...heard });
    expect(todoItemsFor(center, [awaitingGoLive], TODAY)).toEqual([]);
    expect(todoItemsFor(center, [{ ...awaitingGoLive, providerExitHeardOn: null }], TODAY)).toHaveLength(1);
  });

  it('LEGACY_3M: gives the centre a migrated system’s recorded shutdown to confirm, due the day it was recorded', () => {
    const live = candidate({ kind: 'MIGRATION', status: 'IN_PRODUCTION', goLiveOn: '2026-06-01', legacyShutdownOn: '2026-08-01' });
    expect(todoItemsFor(center, [{ ...live, legacyShutdownAwaitingConfirmationSince: '2026-08-02' }], TODAY)).toEqual([
      expect.objectContaining({ kind: 'CONFIRM_LEGACY_SHUTDOWN', dueOn: '2026-08-02', overdue: false, rule: 'LEGACY_3M' }),
    ]);
    expect(todoItemsFor(center, [live], TODAY)).toEqual([]);
    expect(todoItemsFor(unit, [{ ...live, legacyShutdownAwaitingConfirmationSince: '2026-08-02' }], TODAY)).toEqual([]);
  });

  it('gives the chosen provider and the centre one item per approved change, due the day of approval', () => {
    const changes = [
      { id: '00000000-0000-4000-8000-0000000000c1', approvedOn: '2026-11-20' },
      { id: '00000000-0000-4000-8000-0000000000c2', approvedOn: '2026-11-24' },
    ];
    const live = candidate({ status: 'IN_PRODUCTION', goLiveOn: '2026-06-01', approvedChanges: changes });
    for (const viewer of [provider, center]) {
      const items = todoItemsFor(viewer, [live], TODAY);
      expect(items.map((item) => [item.id, item.dueOn, item.overdue, item.rule])).toEqual([
        ['CARRY_OUT_CHANGE:00000000-0000-4000-8000-0000000000c1', '2026-11-20', false, 'CHANGE_APPROVAL'],
        ['CARRY_OUT_CHANGE:00000000-0000-4000-8000-0000000000c2', '2026-11-24', false, 'CHANGE_APPROVAL'],
      ]);
    }
    expect(todoItemsFor({ role: Role.PROVIDER, providerId: '00000000-0000-4000-8000-0000000000a2' }, [live], TODAY)).toEqual([]);
    expect(todoItemsFor(unit, [live], TODAY).filter((item) => item.kind === 'CARRY_OUT_CHANGE')).toEqual([]);
  });
});
