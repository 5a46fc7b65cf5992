// The application lifecycle (第十条–第十五条): which action moves an application from which state
// to which, and which role may take it. Pure: the mutation pipeline takes each step's roles from
// here (rolesOf), the services ask nextStatus of the locked row, then write.
//
// Withdrawal returns a SUBMITTED or FILED application to DRAFT rather than to an end state: the
// unit fixes what it withdrew for and submits again, and the audit trail keeps the withdrawal.
//
// A draft the unit no longer wants is discarded (DISCARDED), an end state that keeps the row and its
// history rather than deleting them: the audit trail and the application's events name it.
//
// No state is a dead end: an application the unit abandons once accepted, procured or in testing is
// reported to the bureau as terminated like a live one (第十五条), and its resources are released
// through the same three termination steps (TERMINATION_STEPS).
import { ErrorCode, GovCloudError, RuleViolationError } from '../../kit/errors';
import { CITY_REGION_CODE } from '../../kit/regions';
import { Role } from '../../kit/principal';
import type { ApplicationStatus, LifecycleAction } from '../generated/graphql';

export interface TransitionRule {
  /** States the action may be taken in. */
  from: readonly ApplicationStatus[];
  /** The state afterwards; `null` keeps the state (the action is recorded, the state stays). */
  to: ApplicationStatus | null;
  /** Roles that may take it (第十一条–第十五条, docs/domain.md "The application's lifecycle"). */
  roles: readonly Role[];
  /** Chinese name of the action, for messages and the audit trail. */
  label: string;
}

const CHANGEABLE: readonly ApplicationStatus[] = ['TESTING', 'IN_PRODUCTION'];
const TERMINABLE: readonly ApplicationStatus[] = ['ACCEPTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION'];
// COUNTY_FILING runs in parallel with the bureau's decision: the county files whenever after submission.
const FILEABLE: readonly ApplicationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PROCURED',
  'TESTING',
  'IN_PRODUCTION',
  'TERMINATING',
  'TERMINATED',
];

export const TRANSITIONS: Readonly<Record<LifecycleAction, TransitionRule>> = {
  CREATE: { from: [], to: 'DRAFT', roles: [Role.USER_UNIT], label: '创建申请草稿' },
  UPDATE_DRAFT: { from: ['DRAFT'], to: null, roles: [Role.USER_UNIT], label: '修改申请草稿' },
  SUBMIT: { from: ['DRAFT'], to: 'SUBMITTED', roles: [Role.USER_UNIT], label: '提交申请' },
  WITHDRAW: { from: ['SUBMITTED', 'FILED'], to: 'DRAFT', roles: [Role.USER_UNIT], label: '撤回申请' },
  DISCARD_DRAFT: { from: ['DRAFT'], to: 'DISCARDED', roles: [Role.USER_UNIT], label: '放弃申请草稿' },
  FILE: { from: FILEABLE, to: null, roles: [Role.COUNTY_AUTHORITY], label: '县级备案' },
  ACCEPT: { from: ['SUBMITTED', 'FILED'], to: 'ACCEPTED', roles: [Role.BUREAU], label: '受理' },
  REJECT: { from: ['SUBMITTED', 'FILED'], to: 'REJECTED', roles: [Role.BUREAU], label: '不予受理' },
  RECORD_PROCUREMENT: { from: ['ACCEPTED'], to: 'PROCURED', roles: [Role.USER_UNIT], label: '登记采购结果' },
  DELIVER_TEST_ENVIRONMENT: { from: ['PROCURED'], to: 'TESTING', roles: [Role.PROVIDER], label: '交付测试环境' },
  RECORD_TEST_EXTENSION: { from: ['TESTING'], to: null, roles: [Role.USER_UNIT, Role.CENTER], label: '登记测试延期理由' },
  REQUEST_GO_LIVE: { from: ['TESTING'], to: null, roles: [Role.USER_UNIT], label: '申请上线' },
  CONFIRM_GO_LIVE: { from: ['TESTING'], to: 'IN_PRODUCTION', roles: [Role.CENTER], label: '确认上线' },
  REQUEST_CHANGE: { from: CHANGEABLE, to: null, roles: [Role.USER_UNIT], label: '提出变更申请' },
  APPROVE_CHANGE: { from: CHANGEABLE, to: null, roles: [Role.BUREAU], label: '核准变更' },
  REJECT_CHANGE: { from: CHANGEABLE, to: null, roles: [Role.BUREAU], label: '驳回变更' },
  CARRY_OUT_CHANGE: { from: CHANGEABLE, to: null, roles: [Role.PROVIDER, Role.CENTER], label: '实施变更' },
  WITHDRAW_CHANGE: { from: CHANGEABLE, to: null, roles: [Role.USER_UNIT, Role.BUREAU], label: '撤回变更' },
  REPORT_TERMINATION: { from: TERMINABLE, to: 'TERMINATING', roles: [Role.USER_UNIT], label: '报备终止' },
  CONFIRM_SHUTDOWN: { from: ['TERMINATING'], to: null, roles: [Role.USER_UNIT], label: '确认下线关停' },
  CONFIRM_DATA_CLEARANCE: { from: ['TERMINATING'], to: null, roles: [Role.PROVIDER, Role.CENTER], label: '确认数据清除' },
  CONFIRM_RESOURCE_RECOVERY: { from: ['TERMINATING'], to: null, roles: [Role.PROVIDER, Role.CENTER], label: '确认资源回收' },
  // CATALOG_CAP (第八条): a price refused as above the cap in force, renegotiated while the resources run.
  RENEGOTIATE_PRICE: {
    from: ['PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING'],
    to: null,
    roles: [Role.USER_UNIT],
    label: '重新议定成交价',
  },
};

export const STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  DRAFT: '草稿',
  SUBMITTED: '已提交',
  FILED: '已备案',
  ACCEPTED: '已受理',
  REJECTED: '不予受理',
  PROCURED: '已采购',
  TESTING: '测试中',
  IN_PRODUCTION: '正式运行',
  TERMINATING: '终止中',
  TERMINATED: '已终止',
  DISCARDED: '已放弃',
};

/**
 * An action the application's current state does not allow: the caller asked for the wrong step
 * (BAD_USER_INPUT, not CONFLICT, so a client can tell it from a stale `version`). The message names
 * the current state and the action; `extensions` carry both for programs.
 */
export class IllegalTransitionError extends GovCloudError {
  constructor(status: ApplicationStatus, action: LifecycleAction) {
    const rule = TRANSITIONS[action];
    const allowed = rule.from.map((state) => `${STATUS_LABELS[state]} (${state})`).join('、');
    super(
      `申请当前状态为${STATUS_LABELS[status]} (${status})，不能${rule.label} (${action})；只有${allowed}状态的申请可以${rule.label}（第十条）`,
      ErrorCode.BAD_USER_INPUT,
      { status, action, allowedFrom: rule.from },
    );
    this.name = 'IllegalTransitionError';
  }
}

/** Who may take the action at all: the first check of its mutation (FORBIDDEN for anyone else). */
export function rolesOf(action: LifecycleAction): readonly Role[] {
  return TRANSITIONS[action].roles;
}

export function isCountyApplication(application: { regionCode: string }): boolean {
  return application.regionCode !== CITY_REGION_CODE;
}

/**
 * The state after `action`, or the error that says why not. COUNTY_FILING (第十一条): only a county
 * unit's application is filed, and the bureau decides whether or not it is filed yet; filed before
 * the decision it shows as FILED, filed after it keeps its state.
 */
export function nextStatus(application: { status: ApplicationStatus; regionCode: string }, action: LifecycleAction): ApplicationStatus {
  const rule = TRANSITIONS[action];
  const county = isCountyApplication(application);
  if (action === 'FILE' && !county) {
    throw new RuleViolationError('COUNTY_FILING', '市级单位的申请直接报市大数据局，无需县级备案', { status: application.status });
  }
  if (!rule.from.includes(application.status)) throw new IllegalTransitionError(application.status, action);
  if (action === 'FILE' && application.status === 'SUBMITTED') return 'FILED';
  return rule.to ?? application.status;
}
