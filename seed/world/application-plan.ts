// The scripted applications: four in each lifecycle state, with the dates that put them there.
// Several are deliberately off-rule (late decision, long test, late delivery) so the flags have data.
import { CITY_REGION_CODE } from '../../subgraphs/kit/regions';
import type { ApplicationKind, ApplicationState, MaterialKind } from './types-lifecycle';
import { addDays, addWorkdays } from './util';

export interface ApplicationPlanRow {
  state: ApplicationState;
  regionCode: string;
  kind: ApplicationKind;
  /** createdOn for a DRAFT, submittedOn for every other state. */
  start: string;
  /** Decide after 8 working days instead of 3 (DECISION_5WD flag). */
  lateDecision?: boolean;
  rejectionReason?: string;
  /** Overrides the usual procurement date (12 working days after acceptance). */
  procuredOn?: string;
  /** Calendar days of testing for applications past TESTING (default 24). */
  testDays?: number;
  testExtensionReason?: string;
  terminationReportedOn?: string;
  terminationReason?: string;
  /** Termination steps confirmed so far: 0 none, 1 shutdown, 2 + data clearance, 3 all (TERMINATED). */
  terminationSteps?: 0 | 1 | 2 | 3;
  /** Materials not yet uploaded (drafts only: MATERIALS blocks submission). */
  missing?: MaterialKind[];
  /** No cloud security agreement signed yet, so it cannot be accepted (SECURITY_AGREEMENT). */
  noSecurityAgreement?: boolean;
  /** A migration whose old system still runs past three months after go-live (LEGACY_3M flag). */
  legacyKeptRunning?: boolean;
}

const CITY = CITY_REGION_CODE;

export const APPLICATION_PLAN: readonly ApplicationPlanRow[] = [
  { state: 'DRAFT', regionCode: CITY, kind: 'NEW', start: '2026-11-18' },
  { state: 'DRAFT', regionCode: '371625', kind: 'NEW', start: '2026-11-20', missing: ['SELF_TEST_REPORT'] },
  {
    state: 'DRAFT',
    regionCode: CITY,
    kind: 'MIGRATION',
    start: '2026-11-24',
    missing: ['SELF_TEST_REPORT', 'RESOURCE_REQUEST_FORM'],
  },
  {
    state: 'DRAFT',
    regionCode: '371681',
    kind: 'MIGRATION',
    start: '2026-10-29',
    missing: ['SECURITY_RESPONSIBILITY_LETTER'],
  },

  { state: 'SUBMITTED', regionCode: CITY, kind: 'NEW', start: '2026-11-24' },
  // Ten working days without a decision: flagged late.
  { state: 'SUBMITTED', regionCode: CITY, kind: 'MIGRATION', start: '2026-11-12' },
  { state: 'SUBMITTED', regionCode: '371602', kind: 'NEW', start: '2026-11-25' },
  { state: 'SUBMITTED', regionCode: CITY, kind: 'NEW', start: '2026-11-23', noSecurityAgreement: true },

  { state: 'FILED', regionCode: '371603', kind: 'NEW', start: '2026-11-20' },
  { state: 'FILED', regionCode: '371621', kind: 'NEW', start: '2026-11-23' },
  { state: 'FILED', regionCode: '371681', kind: 'MIGRATION', start: '2026-11-19' },
  { state: 'FILED', regionCode: '371623', kind: 'NEW', start: '2026-11-24' },

  { state: 'ACCEPTED', regionCode: CITY, kind: 'NEW', start: '2026-11-09' },
  { state: 'ACCEPTED', regionCode: '371625', kind: 'NEW', start: '2026-11-03' },
  { state: 'ACCEPTED', regionCode: CITY, kind: 'NEW', start: '2026-10-27', lateDecision: true },
  { state: 'ACCEPTED', regionCode: '371602', kind: 'MIGRATION', start: '2026-11-13' },

  {
    state: 'REJECTED',
    regionCode: CITY,
    kind: 'NEW',
    start: '2026-09-15',
    rejectionReason: '云服务资源申请表中云主机数量与建设方案部署架构不一致，请核实后重新申请。',
  },
  {
    state: 'REJECTED',
    regionCode: '371622',
    kind: 'NEW',
    start: '2026-10-20',
    rejectionReason: '申请的计算与存储资源明显超出建设方案测算的业务需求，请按实际业务量重新测算。',
  },
  {
    state: 'REJECTED',
    regionCode: CITY,
    kind: 'NEW',
    start: '2025-12-08',
    rejectionReason: '拟建功能与已建“政务数据共享交换平台”重复，应复用现有平台能力，不予受理。',
  },
  {
    state: 'REJECTED',
    regionCode: '371681',
    kind: 'MIGRATION',
    start: '2026-06-10',
    rejectionReason: '建设方案未明确等级保护定级及数据安全保护措施，请补充完善后重新申请。',
  },

  { state: 'PROCURED', regionCode: CITY, kind: 'NEW', start: '2026-10-26', procuredOn: '2026-11-23' },
  { state: 'PROCURED', regionCode: '371602', kind: 'NEW', start: '2026-10-29', procuredOn: '2026-11-24' },
  { state: 'PROCURED', regionCode: CITY, kind: 'MIGRATION', start: '2026-10-19', procuredOn: '2026-11-25' },
  // Procured in September and still no test environment: delivery is late.
  { state: 'PROCURED', regionCode: '371625', kind: 'NEW', start: '2026-09-01' },

  { state: 'TESTING', regionCode: CITY, kind: 'NEW', start: '2026-10-09' },
  { state: 'TESTING', regionCode: '371681', kind: 'NEW', start: '2026-10-09' },
  {
    state: 'TESTING',
    regionCode: CITY,
    kind: 'MIGRATION',
    start: '2026-08-24',
    testExtensionReason: '迁移涉及十年历史数据清洗及与省级平台接口联调，经市大数据局同意测试期延长至90天。',
  },
  // Over 30 days of testing with no recorded reason: flagged.
  { state: 'TESTING', regionCode: '371602', kind: 'NEW', start: '2026-09-07' },

  { state: 'IN_PRODUCTION', regionCode: CITY, kind: 'NEW', start: '2025-03-10' },
  { state: 'IN_PRODUCTION', regionCode: '371621', kind: 'MIGRATION', start: '2025-06-16' },
  // Live since 2025-12-30 and its old system still runs: LEGACY_3M overdue since 2026-03-30.
  { state: 'IN_PRODUCTION', regionCode: CITY, kind: 'MIGRATION', start: '2025-11-03', testDays: 28, legacyKeptRunning: true },
  { state: 'IN_PRODUCTION', regionCode: '371623', kind: 'NEW', start: '2026-04-13' },

  {
    state: 'TERMINATING',
    regionCode: CITY,
    kind: 'NEW',
    start: '2025-02-17',
    terminationReportedOn: '2026-11-05',
    terminationReason: '系统功能已整合至“一网通办”综合受理平台，停止使用。',
    terminationSteps: 0,
  },
  {
    state: 'TERMINATING',
    regionCode: CITY,
    kind: 'MIGRATION',
    start: '2025-04-14',
    terminationReportedOn: '2026-10-20',
    terminationReason: '业务由省级统建系统承接，市级系统停止使用。',
    terminationSteps: 1,
  },
  {
    state: 'TERMINATING',
    regionCode: CITY,
    kind: 'NEW',
    start: '2025-05-19',
    terminationReportedOn: '2026-09-28',
    terminationReason: '专项工作结束，系统停止使用。',
    terminationSteps: 2,
  },
  {
    state: 'TERMINATING',
    regionCode: '371602',
    kind: 'NEW',
    start: '2025-07-07',
    terminationReportedOn: '2026-11-16',
    terminationReason: '机构改革后职能划转，系统由承接单位统一建设。',
    terminationSteps: 0,
  },

  {
    state: 'TERMINATED',
    regionCode: CITY,
    kind: 'NEW',
    start: '2025-01-13',
    terminationReportedOn: '2026-03-02',
    terminationReason: '系统功能已整合至市级统一平台。',
    terminationSteps: 3,
  },
  {
    state: 'TERMINATED',
    regionCode: '371625',
    kind: 'MIGRATION',
    start: '2025-04-07',
    terminationReportedOn: '2026-06-15',
    terminationReason: '业务量萎缩，经评估停止使用。',
    terminationSteps: 3,
  },
  {
    state: 'TERMINATED',
    regionCode: CITY,
    kind: 'NEW',
    start: '2025-05-12',
    terminationReportedOn: '2026-08-10',
    terminationReason: '临时性专项系统，任务完成后下线。',
    terminationSteps: 3,
  },
  {
    state: 'TERMINATED',
    regionCode: '371603',
    kind: 'NEW',
    start: '2025-03-03',
    terminationReportedOn: '2025-12-01',
    terminationReason: '系统迁入区级统一平台，原云资源释放。',
    terminationSteps: 3,
  },
];

/** Dates of one application, derived from its row; null where the state has not reached that step. */
export interface PlanTimeline {
  createdOn: string;
  submittedOn: string | null;
  filedOn: string | null;
  decidedOn: string | null;
  procuredOn: string | null;
  testEnvironmentDeliveredOn: string | null;
  testStartedOn: string | null;
  testEndedOn: string | null;
  goLiveOn: string | null;
  terminationReportedOn: string | null;
  shutdownConfirmedOn: string | null;
  dataClearedOn: string | null;
  resourcesRecoveredOn: string | null;
  terminatedOn: string | null;
}

const ORDER: readonly ApplicationState[] = [
  'DRAFT',
  'SUBMITTED',
  'FILED',
  'ACCEPTED',
  'PROCURED',
  'TESTING',
  'IN_PRODUCTION',
  'TERMINATING',
  'TERMINATED',
];

/** Usual pace: filing next working day, decision in 3, procurement in 12, test environment in 3. */
export function planTimeline(row: ApplicationPlanRow): PlanTimeline {
  const reached = (state: ApplicationState): boolean => {
    if (row.state === 'REJECTED') return ['DRAFT', 'SUBMITTED', 'FILED'].includes(state);
    return ORDER.indexOf(row.state) >= ORDER.indexOf(state);
  };
  const isCounty = row.regionCode !== CITY_REGION_CODE;
  const t: PlanTimeline = {
    createdOn: row.state === 'DRAFT' ? row.start : addDays(row.start, -6),
    submittedOn: null,
    filedOn: null,
    decidedOn: null,
    procuredOn: null,
    testEnvironmentDeliveredOn: null,
    testStartedOn: null,
    testEndedOn: null,
    goLiveOn: null,
    terminationReportedOn: null,
    shutdownConfirmedOn: null,
    dataClearedOn: null,
    resourcesRecoveredOn: null,
    terminatedOn: null,
  };
  if (row.state === 'DRAFT') return t;
  t.submittedOn = row.start;
  if (isCounty && reached('FILED')) t.filedOn = addWorkdays(row.start, 1);
  if (row.state === 'REJECTED' || reached('ACCEPTED')) t.decidedOn = addWorkdays(row.start, row.lateDecision ? 8 : 3);
  if (!reached('PROCURED')) return t;
  t.procuredOn = row.procuredOn ?? addWorkdays(t.decidedOn!, 12);
  if (!reached('TESTING')) return t;
  t.testEnvironmentDeliveredOn = addWorkdays(t.procuredOn, 3);
  t.testStartedOn = addWorkdays(t.testEnvironmentDeliveredOn, 1);
  if (!reached('IN_PRODUCTION')) return t;
  t.testEndedOn = addDays(t.testStartedOn, row.testDays ?? 24);
  t.goLiveOn = addWorkdays(t.testEndedOn, 2);
  if (!reached('TERMINATING')) return t;
  t.terminationReportedOn = row.terminationReportedOn!;
  const steps = row.terminationSteps ?? 0;
  if (steps >= 1) t.shutdownConfirmedOn = addWorkdays(t.terminationReportedOn, 3);
  if (steps >= 2) t.dataClearedOn = addWorkdays(t.shutdownConfirmedOn!, 5);
  if (steps >= 3) {
    t.resourcesRecoveredOn = addWorkdays(t.dataClearedOn!, 2);
    t.terminatedOn = t.resourcesRecoveredOn;
  }
  return t;
}
