// What needs whose action (待办): the lifecycle's next steps and deadlines (第十一条–第十五条),
// stated over one application's rows, so the rules are unit-testable without a database. The list
// itself is computed in SQL by the same rules (todo-items.query.ts, issue 14);
// test/integration/applications/todo-parity.test.ts holds the two equal.
import { addDays } from '../../kit/dates';
import { RULES, type RuleId } from '../../kit/rules';
import { Role } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { isDecisionOverdue, isLegacyOverdue, legacyShutdownDue, testPeriod, TEST_PERIOD_DAYS } from '../lifecycle/deadlines.rules';
import type { ApplicationStatus, ApplicationKind, TerminationStep, TodoKind } from '../generated/graphql';
import { isTestDeliveryOverdue, testDeliveryDeadline } from '../lifecycle/test-delivery.rules';
import { filingDeadline } from '../lifecycle/county-filing.rules';

/** An application as the to-do rules need it, with its system's legacy shutdown and its open children. */
export interface TodoCandidate {
  id: string;
  number: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  regionCode: string;
  systemId: string;
  providerId: string;
  createdOn: string;
  submittedOn: string | null;
  filedOn: string | null;
  decisionDueOn: string | null;
  /** The decision deadline crossed a year without a published working-day calendar (kit/working-days.ts). */
  decisionDueEstimated: boolean;
  /** The bureau's decision (accept or reject). */
  decidedOn: string | null;
  procuredOn: string | null;
  testDeliveryDays: number | null;
  testStartedOn: string | null;
  testEndedOn: string | null;
  testExtensionReason: string | null;
  goLiveOn: string | null;
  terminationReportedOn: string | null;
  /** CATALOG_CAP: the day a concluded price was refused as above the cap in force; null when none is. */
  priceAboveCapSince: string | null;
  legacyShutdownOn: string | null;
  /** LEGACY_3M: the day the unit recorded its old system switched off, while the centre has not confirmed it; else null. */
  legacyShutdownAwaitingConfirmationSince: string | null;
  pendingChanges: ReadonlyArray<{ id: string; requestedOn: string }>;
  /** DESIGNATED_PROVIDER (第九条): the day this subgraph first heard of an exit of its provider reaching it (exit_notice); null if none. */
  providerExitHeardOn: string | null;
  /** CHANGE_APPROVAL: change requests approved and not yet carried out, with the day of approval. */
  approvedChanges: ReadonlyArray<{ id: string; approvedOn: string }>;
  confirmedSteps: readonly TerminationStep[];
}

export interface TodoItem {
  /** Unique per item: the kind and the application (or change request, or system migration) it is about. */
  id: string;
  kind: TodoKind;
  /** Null for an item about a system migration (todo-migrations.rules.ts). */
  applicationId: string | null;
  /** Set for an item about a system migration of a provider's exit. */
  migrationId: string | null;
  /** Set for an item about a designation agreement nearing its end (todo-agreements.rules.ts). */
  agreementId?: string | null;
  /** Set for an item about a pending disqualification proposal (todo-disqualifications.rules.ts). */
  proposalId?: string | null;
  /** The region of an item about an agreement (its level), for the list's filter; an application's or migration's own otherwise. */
  regionCode?: string | null;
  /** The provider an item about an agreement or a proposal concerns, for the list's filter. */
  providerId?: string | null;
  /** Null for an item about an agreement or a proposal, which concerns no one system. */
  systemId: string | null;
  dueOn: string;
  /**
   * `dueOn` was counted in working days across a year China has not published its calendar for, so
   * weekdays were assumed (kit/working-days.ts, the rule the application's own deadline uses). Absent: a calendar day, exact.
   */
  dueOnEstimated?: boolean;
  overdue: boolean;
  action: string;
  rule: RuleId | null;
  article: string;
}

export interface TodoViewer {
  role: Role;
  providerId?: string;
}

type Draft = Omit<TodoItem, 'id' | 'applicationId' | 'migrationId' | 'systemId' | 'article'> & { article?: string; subjectId?: string };

function item(candidate: TodoCandidate, draft: Draft): TodoItem {
  const { subjectId, article, ...rest } = draft;
  return {
    ...rest,
    id: `${draft.kind}:${subjectId ?? candidate.id}`,
    applicationId: candidate.id,
    migrationId: null,
    systemId: candidate.systemId,
    article: article ?? RULES[draft.rule!].article,
  };
}

const isCounty = (candidate: TodoCandidate) => candidate.regionCode !== CITY_REGION_CODE;

/**
 * DESIGNATED_PROVIDER (第九条): once its provider's exit reaches an application not yet live, nothing
 * more is built on it: the unit ends it instead (TERMINATE_APPLICATION), and the steps that would
 * build on it leave the lists. The action before and after the number (todo-items.query.ts says the same).
 */
export const EXITING_PROVIDER_ACTION = ['所选服务商已开始退出：报备终止申请 ', '，另选定点服务商重新申请'] as const;

const NOT_LIVE: readonly ApplicationStatus[] = ['ACCEPTED', 'PROCURED', 'TESTING'];

/** DECISION_5WD: a submitted application awaits the bureau, a county unit's filed or not (COUNTY_FILING). */
function awaitsDecision(candidate: TodoCandidate): boolean {
  return candidate.status === 'SUBMITTED' || candidate.status === 'FILED';
}

function bureauItems(candidate: TodoCandidate, today: string): TodoItem[] {
  const items: TodoItem[] = [];
  if (awaitsDecision(candidate) && candidate.decisionDueOn) {
    const dueOn = candidate.decisionDueOn;
    const overdue = isDecisionOverdue(dueOn, null, today);
    items.push(
      item(candidate, {
        kind: 'DECIDE_APPLICATION',
        dueOn,
        dueOnEstimated: candidate.decisionDueEstimated,
        overdue,
        rule: 'DECISION_5WD',
        action: `受理或不予受理申请 ${candidate.number}`,
      }),
    );
  }
  const abandoned = abandonedItem(candidate);
  if (abandoned) items.push(abandoned);
  if (candidate.priceAboveCapSince) {
    items.push(
      item(candidate, {
        kind: 'NOTE_PRICE_ABOVE_CAP',
        dueOn: candidate.priceAboveCapSince,
        overdue: false,
        rule: 'CATALOG_CAP',
        action: `知悉：申请 ${candidate.number} 的成交价超过现行最高限价，结算按最高限价计费，待使用单位重新议定`,
      }),
    );
  }
  for (const change of candidate.pendingChanges) {
    items.push(
      item(candidate, {
        kind: 'DECIDE_CHANGE',
        subjectId: change.id,
        dueOn: change.requestedOn,
        overdue: false,
        rule: 'CHANGE_APPROVAL',
        action: `核准或驳回申请 ${candidate.number} 的变更申请`,
      }),
    );
  }
  return items;
}

/**
 * 第十五条: an application its unit ended before go-live (from ACCEPTED, PROCURED or TESTING) was
 * reported to the bureau; it stays on the bureau's list while its resources are being released,
 * and leaves it when the termination completes (TERMINATED). Nothing to confirm: the list informs.
 */
function abandonedItem(candidate: TodoCandidate): TodoItem | null {
  if (candidate.status !== 'TERMINATING' || candidate.goLiveOn !== null || !candidate.terminationReportedOn) return null;
  return item(candidate, {
    kind: 'NOTE_ABANDONED_APPLICATION',
    dueOn: candidate.terminationReportedOn,
    overdue: false,
    rule: 'TERMINATION_STEPS',
    action: `知悉：使用单位已在上线前放弃申请 ${candidate.number}，正在释放资源`,
  });
}

function countyItems(candidate: TodoCandidate, today: string): TodoItem[] {
  if (!isCounty(candidate) || candidate.status === 'DRAFT' || !candidate.submittedOn || candidate.filedOn !== null) return [];
  // Its own deadline, from submission: the bureau's decision neither waits for it nor ends it.
  const { date: dueOn, estimated } = filingDeadline(candidate.submittedOn);
  return [
    item(candidate, {
      kind: 'FILE_APPLICATION',
      dueOn,
      dueOnEstimated: estimated,
      overdue: today > dueOn,
      rule: 'COUNTY_FILING',
      action: `为申请 ${candidate.number} 备案`,
    }),
  ];
}

function unitItems(candidate: TodoCandidate, today: string): TodoItem[] {
  const items: TodoItem[] = [];
  if (candidate.priceAboveCapSince) {
    items.push(
      item(candidate, {
        kind: 'RENEGOTIATE_PRICE',
        dueOn: candidate.priceAboveCapSince,
        overdue: false,
        rule: 'CATALOG_CAP',
        action: `重新议定超过现行最高限价的成交价（申请 ${candidate.number}）`,
      }),
    );
  }
  if (candidate.status === 'DRAFT') {
    items.push(
      item(candidate, {
        kind: 'SUBMIT_DRAFT',
        dueOn: candidate.createdOn,
        overdue: false,
        rule: 'MATERIALS',
        action: `补齐材料并提交申请草稿 ${candidate.number}`,
      }),
    );
  }
  const exitHeardOn = candidate.providerExitHeardOn;
  if (exitHeardOn && NOT_LIVE.includes(candidate.status)) {
    items.push(
      item(candidate, {
        kind: 'TERMINATE_APPLICATION',
        dueOn: exitHeardOn,
        overdue: false,
        rule: 'DESIGNATED_PROVIDER',
        action: `${EXITING_PROVIDER_ACTION[0]}${candidate.number}${EXITING_PROVIDER_ACTION[1]}`,
      }),
    );
  }
  if (candidate.status === 'ACCEPTED' && candidate.decidedOn && !exitHeardOn) {
    // 第十条: procurement follows acceptance; the policy sets it no deadline, so it is never overdue.
    items.push(
      item(candidate, {
        kind: 'RECORD_PROCUREMENT',
        dueOn: candidate.decidedOn,
        overdue: false,
        rule: null,
        article: '第十条',
        action: `采购政务云服务并登记成交价（申请 ${candidate.number}）`,
      }),
    );
  }
  if (candidate.status === 'TESTING' && candidate.testStartedOn && candidate.testEndedOn === null && !exitHeardOn) {
    const period = testPeriod(candidate.testStartedOn, null, candidate.testExtensionReason, today);
    if (period.overdue) {
      const dueOn = addDays(candidate.testStartedOn, TEST_PERIOD_DAYS);
      // A recorded reason is shown with the item; it does not take the item off the list.
      const why = candidate.testExtensionReason ? `（已登记延期理由：${candidate.testExtensionReason}）` : '，或登记延期理由';
      const action = `测试已超过 ${TEST_PERIOD_DAYS} 天：申请上线${why}（申请 ${candidate.number}）`;
      items.push(item(candidate, { kind: 'REQUEST_GO_LIVE', dueOn, overdue: true, rule: 'TEST_30D', action }));
    }
  }
  const legacyDue = legacyShutdownDue(candidate.kind, candidate.goLiveOn);
  if (legacyDue && candidate.legacyShutdownOn === null && (candidate.status === 'IN_PRODUCTION' || candidate.status === 'TERMINATING')) {
    const overdue = isLegacyOverdue(legacyDue, null, today);
    items.push(
      item(candidate, {
        kind: 'SHUT_DOWN_LEGACY',
        dueOn: legacyDue,
        overdue,
        rule: 'LEGACY_3M',
        action: `关停迁移前的原系统（申请 ${candidate.number}）`,
      }),
    );
  }
  if (candidate.status === 'TERMINATING' && !candidate.confirmedSteps.includes('SHUTDOWN') && candidate.terminationReportedOn) {
    const dueOn = candidate.terminationReportedOn;
    items.push(
      item(candidate, {
        kind: 'CONFIRM_SHUTDOWN',
        dueOn,
        overdue: false,
        rule: 'TERMINATION_STEPS',
        action: `确认系统已下线关停（申请 ${candidate.number}）`,
      }),
    );
  }
  return items;
}

/** TERMINATION_STEPS: the next step after shutdown, for the provider with the centre. */
function terminationItems(candidate: TodoCandidate): TodoItem[] {
  if (candidate.status !== 'TERMINATING' || !candidate.terminationReportedOn) return [];
  const steps = candidate.confirmedSteps;
  const dueOn = candidate.terminationReportedOn;
  const base = { dueOn, overdue: false, rule: 'TERMINATION_STEPS' as const };
  if (steps.includes('SHUTDOWN') && !steps.includes('DATA_CLEARANCE')) {
    return [item(candidate, { ...base, kind: 'CONFIRM_DATA_CLEARANCE', action: `确认数据已清除（申请 ${candidate.number}）` })];
  }
  if (steps.includes('DATA_CLEARANCE') && !steps.includes('RESOURCE_RECOVERY')) {
    return [item(candidate, { ...base, kind: 'CONFIRM_RESOURCE_RECOVERY', action: `确认云资源已回收（申请 ${candidate.number}）` })];
  }
  return [];
}

/** CHANGE_APPROVAL (第十五条): each approved change, for the chosen provider with the centre, until carried out. */
function carryOutItems(candidate: TodoCandidate): TodoItem[] {
  if (candidate.status !== 'TESTING' && candidate.status !== 'IN_PRODUCTION') return [];
  return candidate.approvedChanges.map((change) =>
    item(candidate, {
      kind: 'CARRY_OUT_CHANGE',
      subjectId: change.id,
      dueOn: change.approvedOn,
      overdue: false,
      rule: 'CHANGE_APPROVAL',
      action: `实施申请 ${candidate.number} 已核准的变更`,
    }),
  );
}

function providerItems(candidate: TodoCandidate, providerId: string | undefined, today: string): TodoItem[] {
  if (candidate.providerId !== providerId) return [];
  return [...deliveryOrTerminationItems(candidate, today), ...carryOutItems(candidate)];
}

function deliveryOrTerminationItems(candidate: TodoCandidate, today: string): TodoItem[] {
  if (candidate.status === 'PROCURED' && candidate.procuredOn && !candidate.providerExitHeardOn) {
    // Due the agreement's delivery days after procurement; without them, at once.
    const deadline = testDeliveryDeadline(candidate.procuredOn, candidate.testDeliveryDays);
    const dueOn = deadline?.date ?? candidate.procuredOn;
    const overdue = isTestDeliveryOverdue(dueOn, null, today);
    const action = `交付测试环境（申请 ${candidate.number}）`;
    const dueOnEstimated = deadline?.estimated ?? false;
    return [item(candidate, { kind: 'DELIVER_TEST_ENVIRONMENT', dueOn, dueOnEstimated, overdue, rule: 'TEST_30D', action })];
  }
  return terminationItems(candidate);
}

/** LEGACY_3M: the centre confirms the unit's record that the old system was switched off. */
function legacyConfirmationItems(candidate: TodoCandidate): TodoItem[] {
  const since = candidate.legacyShutdownAwaitingConfirmationSince;
  const live = candidate.status === 'IN_PRODUCTION' || candidate.status === 'TERMINATING';
  if (!since || candidate.kind !== 'MIGRATION' || !candidate.goLiveOn || !live) return [];
  return [
    item(candidate, {
      kind: 'CONFIRM_LEGACY_SHUTDOWN',
      dueOn: since,
      overdue: false,
      rule: 'LEGACY_3M',
      action: `确认迁移前的原系统已关停（申请 ${candidate.number}）`,
    }),
  ];
}

function centerItems(candidate: TodoCandidate): TodoItem[] {
  const items = [...carryOutItems(candidate), ...legacyConfirmationItems(candidate)];
  if (candidate.status === 'TESTING' && candidate.testEndedOn && !candidate.providerExitHeardOn) {
    const action = `确认系统正式运行（申请 ${candidate.number}）`;
    items.push(
      item(candidate, { kind: 'CONFIRM_GO_LIVE', dueOn: candidate.testEndedOn, overdue: false, rule: null, article: '第十四条', action }),
    );
    return items;
  }
  return [...items, ...terminationItems(candidate)];
}

/** The items needing `viewer`'s action among candidates already in its scope; other roles have none. */
export function todoItemsFor(viewer: TodoViewer, candidates: readonly TodoCandidate[], today: string): TodoItem[] {
  return candidates.flatMap((candidate): TodoItem[] => {
    switch (viewer.role) {
      case Role.BUREAU:
        return bureauItems(candidate, today);
      case Role.COUNTY_AUTHORITY:
        return countyItems(candidate, today);
      case Role.USER_UNIT:
        return unitItems(candidate, today);
      case Role.PROVIDER:
        return providerItems(candidate, viewer.providerId, today);
      case Role.CENTER:
        return centerItems(candidate);
      default:
        return [];
    }
  });
}

/** The statuses whose applications can give `role` something to do, so the query loads only those. */
export function statusesFor(role: Role): readonly ApplicationStatus[] {
  switch (role) {
    case Role.BUREAU:
      return ['SUBMITTED', 'FILED', 'PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING'];
    case Role.COUNTY_AUTHORITY:
      return ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING', 'TERMINATED'];
    case Role.USER_UNIT:
      return ['DRAFT', 'ACCEPTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING'];
    case Role.PROVIDER:
      return ['PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING'];
    case Role.CENTER:
      return ['TESTING', 'IN_PRODUCTION', 'TERMINATING'];
    default:
      return [];
  }
}
