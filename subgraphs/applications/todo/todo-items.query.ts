// The to-do list in SQL (todoItems, 第九条、第十一条–第十五条、第二十六条; issue 14): one statement
// derives the caller's items from this subgraph's own tables, filters, orders and pages them by
// keyset, each kind of item (a branch) read in the list's order along its own partial index for at
// most a page and one row more (todo-keyset.ts), whatever their number; another counts them when
// totalCount is asked for.
//
// Why a query and not a `todo_item` table: every item here is a function of rows this subgraph
// already owns (an application's status and dates, its pending changes and termination steps, a
// system migration), so a UNION over them cannot drift from the state the verbs change, needs no
// write in each of the twenty-odd mutations, and no backfill. The two items whose facts belong to
// the providers subgraph (agreements nearing their end, disqualification proposals) stay asked of
// it when the list is read, as before, so a renewal or a decision shows at once; their answer is a
// few rows bounded by the agreements at one level and the proposals pending, and joins the union
// as parameters, so ordering, paging and counting are SQL's for every item alike. The deadlines
// counted in working days are fixed on the application when they start (decision_due_on at
// submission, test_delivery_due_on at procurement) and read here, never recounted.
//
// The rules each branch encodes are stated in todo.rules.ts and todo-migrations.rules.ts;
// test/integration/applications/todo-parity.test.ts holds the two equal on the demo world.
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Role, type Scope } from '../../kit/principal';
import { CITY_REGION_CODE } from '../../kit/regions';
import { RULES, type RuleId } from '../../kit/rules';
import type { TodoKind } from '../generated/graphql';
import { ApplicationEntity } from '../lifecycle/application.entity';
import { LEGACY_RETENTION_MONTHS, TEST_PERIOD_DAYS } from '../lifecycle/deadlines.rules';
import { scopeApplications } from '../lifecycle/application.scope';
import { SystemMigrationEntity } from '../system-migrations/system-migration.entity';
import { scopeMigrations } from '../system-migrations/system-migration.service';
import type { TodoItem, TodoViewer } from './todo.rules';
import { EXITING_PROVIDER_ACTION, statusesFor } from './todo.rules';
import { migrationStatusesFor } from './todo-migrations.rules';
import { branchAfter, branchOrder, type BranchKey, type TodoOrderKey, type TodoPageRequest } from './todo-keyset';

/** Positional parameters of the one statement, the embedded query builders' renumbered after the ones before. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }

  text(value: string): string {
    return this.add(value, 'text');
  }

  embed(query: SelectQueryBuilder<ObjectLiteral>): string {
    const [sql, values] = query.getQueryAndParameters();
    const offset = this.values.length;
    this.values.push(...values);
    return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  }
}

/** What one item row carries; every branch of the union selects these columns in this order. */
interface Columns {
  id: string;
  /** The uuid after the id's `KIND:` prefix, which the branch's index orders (todo-keyset.ts); null for the providers' items. */
  subject: string;
  kind: string;
  applicationId: string;
  migrationId: string;
  agreementId: string;
  proposalId: string;
  systemId: string;
  regionCode: string;
  unitId: string;
  providerId: string;
  dueOn: string;
  dueOnEstimated: string;
  overdue: string;
  action: string;
  rule: string;
  article: string;
}

const COLUMN_NAMES: Record<keyof Columns, string> = {
  id: 'id',
  subject: 'subject',
  kind: 'kind',
  applicationId: 'application_id',
  migrationId: 'migration_id',
  agreementId: 'agreement_id',
  proposalId: 'proposal_id',
  systemId: 'system_id',
  regionCode: 'region_code',
  unitId: 'unit_id',
  providerId: 'provider_id',
  dueOn: 'due_on',
  dueOnEstimated: 'due_on_estimated',
  overdue: 'overdue',
  action: 'action',
  rule: 'rule',
  article: 'article',
};

function select(columns: Columns): string {
  return (Object.keys(COLUMN_NAMES) as Array<keyof Columns>).map((key) => `${columns[key]} AS ${COLUMN_NAMES[key]}`).join(', ');
}

/** The instant's calendar day in Binzhou, as kit/dates.ts todayInChina(instant) gives it. */
const chinaDay = (instant: string) => `((${instant}) AT TIME ZONE 'Asia/Shanghai')::date`;

interface Branch {
  kind: TodoKind;
  /** Which candidates the branch reads: applications (`c`) or system migrations (`m`). */
  source: 'application' | 'migration';
  /** `candidates` is the candidate subquery, in parentheses. */
  sql: (p: Parameters, today: () => string, candidates: string) => string;
}

interface AppItem {
  /** The item's subject when it is not the application (a change request). */
  subject?: string;
  dueOn: string;
  dueOnEstimated?: string;
  overdue: string;
  /** The action's text: literal parts and SQL expressions, joined. */
  action: ReadonlyArray<string | { sql: string }>;
  rule: RuleId | null;
  article?: string;
  from?: string;
  where: string;
}

function concat(p: Parameters, parts: AppItem['action']): string {
  return `concat(${parts.map((part) => (typeof part === 'string' ? p.text(part) : part.sql)).join(', ')})`;
}

const number = { sql: 'c.number' };

/** A branch over the candidate applications (`c`), one item per row that meets `where`. */
function appBranch(kind: TodoKind, item: (p: Parameters, today: () => string) => AppItem): Branch {
  return {
    kind,
    source: 'application',
    sql: (p, today, candidates) => {
      const it = item(p, today);
      const subject = it.subject ?? 'c.id';
      const columns = select({
        id: `${p.text(`${kind}:`)} || ${subject}`,
        subject,
        kind: p.text(kind),
        applicationId: 'c.id',
        migrationId: 'NULL::uuid',
        agreementId: 'NULL::text',
        proposalId: 'NULL::text',
        systemId: 'c.system_id',
        regionCode: 'c.region_code::text',
        unitId: 'c.unit_id',
        providerId: 'c.provider_id',
        dueOn: it.dueOn,
        dueOnEstimated: it.dueOnEstimated ?? 'false',
        overdue: it.overdue,
        action: concat(p, it.action),
        rule: it.rule ? p.text(it.rule) : 'NULL::text',
        article: p.text(it.article ?? RULES[it.rule!].article),
      });
      return `SELECT ${columns} FROM ${candidates} c ${it.from ?? ''} WHERE ${it.where}`;
    },
  };
}

const step = (name: string) =>
  `EXISTS (SELECT 1 FROM "applications"."termination_step" s WHERE s.application_id = c.id AND s.step = '${name}')`;
const terminating = `c.status = 'TERMINATING' AND c.termination_reported_on IS NOT NULL`;

// 第十二条 DECISION_5WD: a submitted application awaits the bureau, a county unit's filed or not (COUNTY_FILING).
const decideApplication = appBranch('DECIDE_APPLICATION', (_, today) => ({
  dueOn: 'c.decision_due_on',
  dueOnEstimated: 'c.decision_due_estimated',
  overdue: `${today()} > c.decision_due_on`,
  action: ['受理或不予受理申请 ', number],
  rule: 'DECISION_5WD',
  where: `c.status IN ('SUBMITTED', 'FILED') AND c.decision_due_on IS NOT NULL`,
}));

// 第十五条: ended before go-live and reported; the bureau is informed until the termination completes.
const noteAbandoned = appBranch('NOTE_ABANDONED_APPLICATION', () => ({
  dueOn: 'c.termination_reported_on',
  overdue: 'false',
  action: ['知悉：使用单位已在上线前放弃申请 ', number, '，正在释放资源'],
  rule: 'TERMINATION_STEPS',
  where: `${terminating} AND c.go_live_on IS NULL`,
}));

const notePriceAboveCap = appBranch('NOTE_PRICE_ABOVE_CAP', () => ({
  dueOn: 'c.price_above_cap_since',
  overdue: 'false',
  action: ['知悉：申请 ', number, ' 的成交价超过现行最高限价，结算按最高限价计费，待使用单位重新议定'],
  rule: 'CATALOG_CAP',
  where: 'c.price_above_cap_since IS NOT NULL',
}));

const decideChange = appBranch('DECIDE_CHANGE', () => ({
  subject: 'change.id',
  dueOn: chinaDay('change.requested_at'),
  overdue: 'false',
  action: ['核准或驳回申请 ', number, ' 的变更申请'],
  rule: 'CHANGE_APPROVAL',
  from: `JOIN "applications"."change_request" change ON change.application_id = c.id AND change.status = 'PENDING'`,
  where: `c.status IN ('TESTING', 'IN_PRODUCTION')`,
}));

// CHANGE_APPROVAL (第十五条): an approved change awaits the chosen provider or the centre; no deadline.
const carryOutChange = appBranch('CARRY_OUT_CHANGE', () => ({
  subject: 'change.id',
  // The approval day as carryOutChange reads it (change-request.service.ts approvalDay).
  dueOn: `coalesce(change.decided_on, ${chinaDay('change.decided_at')})`,
  overdue: 'false',
  action: ['实施申请 ', number, ' 已核准的变更'],
  rule: 'CHANGE_APPROVAL',
  from: `JOIN "applications"."change_request" change ON change.application_id = c.id AND change.status = 'APPROVED'`,
  where: `c.status IN ('TESTING', 'IN_PRODUCTION')`,
}));

/**
 * DESIGNATED_PROVIDER (第九条): the application's provider is exiting where it applies, as this
 * subgraph heard of it (exit_notice): nothing more is built on it, so its next steps are not listed
 * and its unit is told to end it instead (lifecycle/operation.service.ts assertProviderStays).
 */
const exitNotices = `FROM "applications"."exit_notice" x
  WHERE x.provider_id = c.provider_id AND (x.region_code IS NULL OR x.region_code = c.region_code)`;
const exitHeard = `EXISTS (SELECT 1 ${exitNotices})`;

// 第十条: procurement follows acceptance; the policy sets it no deadline.
const recordProcurement = appBranch('RECORD_PROCUREMENT', () => ({
  dueOn: 'c.decided_on',
  overdue: 'false',
  action: ['采购政务云服务并登记成交价（申请 ', number, '）'],
  rule: null,
  article: '第十条',
  where: `c.status = 'ACCEPTED' AND c.decided_on IS NOT NULL AND NOT ${exitHeard}`,
}));

// DESIGNATED_PROVIDER (第九条): an application not yet live on a provider now exiting is ended by its unit; due the day the exit was heard of.
const terminateApplication = appBranch('TERMINATE_APPLICATION', () => ({
  dueOn: `(SELECT min(${chinaDay('x.received_at')}) ${exitNotices})`,
  overdue: 'false',
  action: [EXITING_PROVIDER_ACTION[0], number, EXITING_PROVIDER_ACTION[1]],
  rule: 'DESIGNATED_PROVIDER',
  where: `c.status IN ('ACCEPTED', 'PROCURED', 'TESTING') AND ${exitHeard}`,
}));

// COUNTY_FILING: its own five working days from submission, the same count as the decision's
// (COUNTY_FILING_WORKING_DAYS = DECISION_WORKING_DAYS, both from submitted_on), so decision_due_on is its day.
const fileApplication = appBranch('FILE_APPLICATION', (p, today) => ({
  dueOn: 'c.decision_due_on',
  dueOnEstimated: 'c.decision_due_estimated',
  overdue: `${today()} > c.decision_due_on`,
  action: ['为申请 ', number, ' 备案'],
  rule: 'COUNTY_FILING',
  where: `c.region_code <> ${p.text(CITY_REGION_CODE)} AND c.status <> 'DRAFT' AND c.submitted_on IS NOT NULL AND c.filed_on IS NULL`,
}));

const renegotiatePrice = appBranch('RENEGOTIATE_PRICE', () => ({
  dueOn: 'c.price_above_cap_since',
  overdue: 'false',
  action: ['重新议定超过现行最高限价的成交价（申请 ', number, '）'],
  rule: 'CATALOG_CAP',
  where: 'c.price_above_cap_since IS NOT NULL',
}));

const submitDraft = appBranch('SUBMIT_DRAFT', () => ({
  dueOn: chinaDay('c.created_at'),
  overdue: 'false',
  action: ['补齐材料并提交申请草稿 ', number],
  rule: 'MATERIALS',
  where: `c.status = 'DRAFT'`,
}));

// TEST_30D: past 30 days of testing; a recorded reason is shown with the item, it does not take it off.
const requestGoLive = appBranch('REQUEST_GO_LIVE', (p, today) => ({
  dueOn: `c.test_started_on + ${TEST_PERIOD_DAYS}`,
  overdue: 'true',
  action: [
    `测试已超过 ${TEST_PERIOD_DAYS} 天：申请上线`,
    {
      sql: `CASE WHEN coalesce(c.test_extension_reason, '') <> '' THEN concat(${p.text('（已登记延期理由：')}, c.test_extension_reason, ${p.text('）')}) ELSE ${p.text('，或登记延期理由')} END`,
    },
    '（申请 ',
    number,
    '）',
  ],
  rule: 'TEST_30D',
  where: `c.status = 'TESTING' AND c.test_started_on IS NOT NULL AND c.test_ended_on IS NULL AND ${today()} - c.test_started_on > ${TEST_PERIOD_DAYS} AND NOT ${exitHeard}`,
}));

// LEGACY_3M: three calendar months after go-live, clamped to the month's last day as kit/dates.ts addMonths.
const legacyDue = `(c.go_live_on + interval '${LEGACY_RETENTION_MONTHS} months')::date`;
const shutDownLegacy = appBranch('SHUT_DOWN_LEGACY', (_, today) => ({
  dueOn: legacyDue,
  overdue: `${today()} > ${legacyDue}`,
  action: ['关停迁移前的原系统（申请 ', number, '）'],
  rule: 'LEGACY_3M',
  where: `c.kind = 'MIGRATION' AND c.go_live_on IS NOT NULL AND c.legacy_shutdown_on IS NULL AND c.status IN ('IN_PRODUCTION', 'TERMINATING')`,
}));

// LEGACY_3M: the unit's record of the old system switched off awaits the centre's confirmation; no deadline.
const confirmLegacyShutdown = appBranch('CONFIRM_LEGACY_SHUTDOWN', () => ({
  dueOn: chinaDay('legacy.recorded_at'),
  overdue: 'false',
  action: ['确认迁移前的原系统已关停（申请 ', number, '）'],
  rule: 'LEGACY_3M',
  from: `JOIN "applications"."legacy_shutdown" legacy ON legacy.system_id = c.system_id AND legacy.confirmed_at IS NULL`,
  where: `c.kind = 'MIGRATION' AND c.go_live_on IS NOT NULL AND c.status IN ('IN_PRODUCTION', 'TERMINATING')`,
}));

const confirmShutdown = appBranch('CONFIRM_SHUTDOWN', () => ({
  dueOn: 'c.termination_reported_on',
  overdue: 'false',
  action: ['确认系统已下线关停（申请 ', number, '）'],
  rule: 'TERMINATION_STEPS',
  where: `${terminating} AND NOT ${step('SHUTDOWN')}`,
}));

// TEST_30D: due the agreement's delivery days after procurement (fixed then); without them, at once.
const deliverTestEnvironment = appBranch('DELIVER_TEST_ENVIRONMENT', (_, today) => ({
  dueOn: 'coalesce(c.test_delivery_due_on, c.procured_on)',
  dueOnEstimated: 'c.test_delivery_due_on IS NOT NULL AND c.test_delivery_due_estimated',
  overdue: `${today()} > coalesce(c.test_delivery_due_on, c.procured_on)`,
  action: ['交付测试环境（申请 ', number, '）'],
  rule: 'TEST_30D',
  where: `c.status = 'PROCURED' AND c.procured_on IS NOT NULL AND NOT ${exitHeard}`,
}));

/** TERMINATION_STEPS: the step after `done`, for the provider with the centre, until `next` is confirmed. */
const nextTerminationStep = (kind: TodoKind, done: string, next: string, what: string) =>
  appBranch(kind, () => ({
    dueOn: 'c.termination_reported_on',
    overdue: 'false',
    action: [`${what}（申请 `, number, '）'],
    rule: 'TERMINATION_STEPS',
    where: `${terminating} AND ${step(done)} AND NOT ${step(next)}`,
  }));
const confirmDataClearance = nextTerminationStep('CONFIRM_DATA_CLEARANCE', 'SHUTDOWN', 'DATA_CLEARANCE', '确认数据已清除');
const confirmResourceRecovery = nextTerminationStep('CONFIRM_RESOURCE_RECOVERY', 'DATA_CLEARANCE', 'RESOURCE_RECOVERY', '确认云资源已回收');

const confirmGoLive = appBranch('CONFIRM_GO_LIVE', () => ({
  dueOn: 'c.test_ended_on',
  overdue: 'false',
  action: ['确认系统正式运行（申请 ', number, '）'],
  rule: null,
  article: '第十四条',
  where: `c.status = 'TESTING' AND c.test_ended_on IS NOT NULL AND NOT ${exitHeard}`,
}));

/** EXIT_TRANSITION_3M (第九条): one item per candidate migration (`m`) in `status`. */
function migrationBranch(kind: 'MIGRATE_SYSTEM' | 'CLEAR_MIGRATED_DATA', status: 'PENDING' | 'MIGRATED', action: [string, string]): Branch {
  return {
    kind,
    source: 'migration',
    sql: (p, today, candidates) =>
      `SELECT ${select({
        id: `${p.text(`${kind}:`)} || m.id`,
        subject: 'm.id',
        kind: p.text(kind),
        applicationId: 'NULL::uuid',
        migrationId: 'm.id',
        agreementId: 'NULL::text',
        proposalId: 'NULL::text',
        systemId: 'm.system_id',
        regionCode: 'm.region_code::text',
        unitId: 'm.unit_id',
        providerId: 'm.provider_id',
        dueOn: 'm.due_on',
        dueOnEstimated: 'false',
        overdue: `m.status <> 'CLEARED' AND m.due_on < ${today()}`,
        action: `concat(${p.text(action[0])}, m.system_name, ${p.text(action[1])})`,
        rule: p.text('EXIT_TRANSITION_3M'),
        article: p.text(RULES.EXIT_TRANSITION_3M.article),
      })} FROM ${candidates} m WHERE m.status = '${status}'`,
  };
}

const migrateSystem = migrationBranch('MIGRATE_SYSTEM', 'PENDING', ['服务商退出：将系统「', '」迁移至其他定点服务商']);
const clearMigratedData = migrationBranch('CLEAR_MIGRATED_DATA', 'MIGRATED', ['服务商退出：确认系统「', '」的数据已从原平台清除']);

/** Which branches each role's list is made of (todo.rules.ts todoItemsFor, todo-migrations.rules.ts). */
const APPLICATION_BRANCHES: Partial<Record<Role, Branch[]>> = {
  [Role.BUREAU]: [decideApplication, noteAbandoned, notePriceAboveCap, decideChange],
  [Role.COUNTY_AUTHORITY]: [fileApplication],
  [Role.USER_UNIT]: [
    renegotiatePrice,
    submitDraft,
    recordProcurement,
    terminateApplication,
    requestGoLive,
    shutDownLegacy,
    confirmShutdown,
  ],
  [Role.PROVIDER]: [deliverTestEnvironment, carryOutChange, confirmDataClearance, confirmResourceRecovery],
  [Role.CENTER]: [confirmGoLive, carryOutChange, confirmLegacyShutdown, confirmDataClearance, confirmResourceRecovery],
};

const MIGRATION_BRANCHES: Partial<Record<Role, Branch[]>> = {
  [Role.USER_UNIT]: [migrateSystem],
  [Role.PROVIDER]: [clearMigratedData],
  [Role.CENTER]: [migrateSystem, clearMigratedData],
};

/** Every kind a role's list can hold from this subgraph's own tables. */
export function localKindsFor(role: Role): TodoKind[] {
  return [...(APPLICATION_BRANCHES[role] ?? []), ...(MIGRATION_BRANCHES[role] ?? [])].map((branch) => branch.kind);
}

/** The filter as SQL sees it; each field null when not asked. */
export interface TodoConditions {
  kinds: ReadonlySet<TodoKind> | null;
  dueFrom: string | null;
  dueTo: string | null;
  overdue: boolean | null;
  dueOnEstimated: boolean | null;
  regionCode: string | null;
  unitId: string | null;
  providerId: string | null;
}

/** No condition: every item of the caller's. */
export const NO_TODO_CONDITIONS: TodoConditions = {
  kinds: null,
  dueFrom: null,
  dueTo: null,
  overdue: null,
  dueOnEstimated: null,
  regionCode: null,
  unitId: null,
  providerId: null,
};

export type { TodoOrderKey, TodoPageRequest };

export interface TodoRow extends TodoItem {
  agreementId: string | null;
  proposalId: string | null;
}

export interface TodoQuery {
  dataSource: DataSource;
  viewer: TodoViewer;
  scope: Scope;
  today: string;
  conditions: TodoConditions;
  /** Items computed from the providers subgraph's answers (agreements, proposals), joined as parameters. */
  external: readonly TodoItem[];
}

/** Each order's sort expression, the type its cursor value compares in, and that value as text. */
const SORT_COLUMNS: Record<TodoOrderKey, { column: string; type: string; value: string }> = {
  DUE_ON: { column: 'due_on', type: 'date', value: 'due_on::text' },
  KIND: { column: 'kind COLLATE "C"', type: 'text', value: 'kind' },
};

/**
 * The columns the branches read of an application candidate (`c.…`) and of a migration one (`m.…`).
 * Only these, not `app.*`: PostgreSQL analyses the subquery once per branch, and with every column
 * of the table in each the bureau's page took 5.9 ms to parse, plan and run on the demo world (2.2
 * ms with these), most of a to-do request's time in PostgreSQL.
 */
const APPLICATION_COLUMNS = [
  'id',
  'number',
  'kind',
  'status',
  'system_id',
  'unit_id',
  'provider_id',
  'region_code',
  'created_at',
  'submitted_on',
  'filed_on',
  'decision_due_on',
  'decision_due_estimated',
  'decided_on',
  'procured_on',
  'test_delivery_due_on',
  'test_delivery_due_estimated',
  'test_started_on',
  'test_ended_on',
  'test_extension_reason',
  'go_live_on',
  'termination_reported_on',
  'price_above_cap_since',
] as const;
const MIGRATION_COLUMNS = ['id', 'status', 'system_id', 'unit_id', 'provider_id', 'region_code', 'due_on'] as const;

const columnsOf = (alias: string, columns: readonly string[]) => columns.map((column) => `${alias}.${column}`).join(', ');

/** The application candidates of the caller, as a subquery a branch reads (`c`); PostgreSQL folds it into the branch. */
function candidates(query: TodoQuery, p: Parameters): string {
  const statuses = statusesFor(query.viewer.role);
  const builder = query.dataSource
    .createQueryBuilder()
    .from(ApplicationEntity, 'app')
    .innerJoin('app.system', 'sys')
    .select(columnsOf('app', APPLICATION_COLUMNS))
    .addSelect('sys.legacy_shutdown_on', 'legacy_shutdown_on');
  scopeApplications(builder, query.scope, 'app').andWhere('app.status IN (:...statuses)', { statuses });
  // A provider acts on the applications that chose it, not on those of systems it merely hosts.
  if (query.viewer.role === Role.PROVIDER) builder.andWhere('app.provider_id = :me', { me: query.viewer.providerId });
  return `(${p.embed(builder)})`;
}

function migrationCandidates(query: TodoQuery, p: Parameters): string {
  const builder = query.dataSource
    .createQueryBuilder()
    .from(SystemMigrationEntity, 'migration')
    .innerJoin('migration.system', 'sys')
    .select(columnsOf('migration', MIGRATION_COLUMNS))
    .addSelect('sys.name', 'system_name');
  scopeMigrations(builder, query.scope, 'migration').andWhere('migration.status IN (:...statuses)', {
    statuses: migrationStatusesFor(query.viewer.role),
  });
  // A provider clears only the data left on its own platform, not on the one a system moved to.
  if (query.viewer.role === Role.PROVIDER) builder.andWhere('migration.provider_id = :me', { me: query.viewer.providerId });
  return `(${p.embed(builder)})`;
}

function externalBranch(items: readonly TodoItem[], p: Parameters): string {
  const rows = items as readonly TodoRow[];
  const column = <T>(read: (item: TodoRow) => T, type: string) => p.add(rows.map(read), `${type}[]`);
  return `SELECT ${select({
    id: 'e.id',
    subject: 'NULL::uuid',
    kind: 'e.kind',
    applicationId: 'NULL::uuid',
    migrationId: 'NULL::uuid',
    agreementId: 'e.agreement_id',
    proposalId: 'e.proposal_id',
    systemId: 'NULL::uuid',
    regionCode: 'e.region_code',
    unitId: 'NULL::uuid',
    providerId: 'e.provider_id',
    dueOn: 'e.due_on',
    dueOnEstimated: 'false',
    overdue: 'e.overdue',
    action: 'e.action',
    rule: 'e.rule',
    article: 'e.article',
  })} FROM unnest(${[
    column((item) => item.id, 'text'),
    column((item) => item.kind, 'text'),
    column((item) => item.agreementId ?? null, 'text'),
    column((item) => item.proposalId ?? null, 'text'),
    column((item) => item.regionCode ?? null, 'text'),
    column((item) => item.providerId ?? null, 'uuid'),
    column((item) => item.dueOn, 'date'),
    column((item) => item.overdue, 'boolean'),
    column((item) => item.action, 'text'),
    column((item) => item.rule, 'text'),
    column((item) => item.article, 'text'),
  ].join(', ')}) AS e(id, kind, agreement_id, proposal_id, region_code, provider_id, due_on, overdue, action, rule, article)`;
}

function conditionsSql(conditions: TodoConditions, p: Parameters): string[] {
  const where: string[] = [];
  if (conditions.dueFrom !== null) where.push(`due_on >= ${p.add(conditions.dueFrom, 'date')}`);
  if (conditions.dueTo !== null) where.push(`due_on <= ${p.add(conditions.dueTo, 'date')}`);
  if (conditions.overdue !== null) where.push(`overdue = ${p.add(conditions.overdue, 'boolean')}`);
  if (conditions.dueOnEstimated !== null) where.push(`due_on_estimated = ${p.add(conditions.dueOnEstimated, 'boolean')}`);
  if (conditions.regionCode !== null) where.push(`region_code = ${p.text(conditions.regionCode)}`);
  if (conditions.unitId !== null) where.push(`unit_id = ${p.add(conditions.unitId, 'uuid')}`);
  if (conditions.providerId !== null) where.push(`provider_id = ${p.add(conditions.providerId, 'uuid')}`);
  return where;
}

/**
 * One branch's read: its key for paging (todo-keyset.ts) and its SELECT of the item columns,
 * written (its parameters added) only for a branch the statement reads: an unread parameter would
 * have no type PostgreSQL can infer.
 */
interface BranchRead {
  key: BranchKey;
  sql: () => string;
}

/** The branches of the caller's list the filter's kinds can keep, each a SELECT of the item columns. */
function branchReads(query: TodoQuery, p: Parameters): BranchRead[] {
  const wanted = (kind: TodoKind) => query.conditions.kinds === null || query.conditions.kinds.has(kind);
  const branches = [...(APPLICATION_BRANCHES[query.viewer.role] ?? []), ...(MIGRATION_BRANCHES[query.viewer.role] ?? [])];
  const external = query.external.filter((item) => wanted(item.kind));
  // Added at its first use: a parameter no branch reads would have no type PostgreSQL can infer.
  let todayParameter: string | undefined;
  const today = () => (todayParameter ??= p.add(query.today, 'date'));
  const reads: BranchRead[] = branches
    .filter((branch) => wanted(branch.kind))
    .map((branch) => ({
      key: { kind: branch.kind },
      sql: () => branch.sql(p, today, branch.source === 'application' ? candidates(query, p) : migrationCandidates(query, p)),
    }));
  if (external.length > 0) reads.push({ key: null, sql: () => externalBranch(external, p) });
  return reads;
}

/** A branch's rows meeting the filter and `extra`, as `b`. */
function filtered(read: BranchRead, where: readonly string[], extra = ''): string {
  const all = extra ? [...where, extra] : where;
  return `SELECT * FROM (${read.sql()}) b${all.length ? ` WHERE ${all.join(' AND ')}` : ''}`;
}

interface RawRow {
  id: string;
  kind: TodoKind;
  application_id: string | null;
  migration_id: string | null;
  agreement_id: string | null;
  proposal_id: string | null;
  system_id: string | null;
  due_on_text: string;
  due_on_estimated: boolean;
  overdue: boolean;
  action: string;
  rule: RuleId | null;
  article: string;
  sort_value: string;
}

/**
 * One page of the caller's items in the chosen order after the cursor, in one statement (none
 * when no branch applies): each branch read in that order after the cursor, at most `limit` rows
 * of it (its index walked for those alone), and the branches' rows merged.
 */
export async function todoPage(query: TodoQuery, page: TodoPageRequest): Promise<Array<TodoRow & { sortValue: string }>> {
  const p = new Parameters();
  const where = conditionsSql(query.conditions, p);
  const limit = page.limit === null ? '' : ` LIMIT ${p.add(page.limit, 'int')}`;
  const add = (value: unknown, type: string) => p.add(value, type);
  const parts = branchReads(query, p).flatMap((read) => {
    const after = branchAfter(read.key, page, add);
    return after === null ? [] : [`(${filtered(read, where, after)} ORDER BY ${branchOrder(read.key, page.order)}${limit})`];
  });
  if (parts.length === 0) return [];
  const sort = SORT_COLUMNS[page.order.field];
  const direction = page.order.direction;
  const sql = `SELECT u.*, due_on::text AS due_on_text, ${sort.value} AS sort_value FROM (${parts.join('\nUNION ALL\n')}) u
    ORDER BY ${sort.column} ${direction}, id COLLATE "C" ${direction}${limit}`;
  const raw: RawRow[] = await query.dataSource.query(sql, p.values);
  return raw.map(toRow);
}

/** How many items meet `query`'s filter: one statement, run only when totalCount is asked for. */
export async function todoCount(query: TodoQuery): Promise<number> {
  const p = new Parameters();
  const where = conditionsSql(query.conditions, p);
  const reads = branchReads(query, p);
  if (reads.length === 0) return 0;
  const sql = `SELECT count(*)::int AS total FROM (${reads.map((read) => filtered(read, where)).join('\nUNION ALL\n')}) u`;
  const [row]: Array<{ total: number }> = await query.dataSource.query(sql, p.values);
  return row!.total;
}

/** The items meeting `query`'s filter, unpaged: for the overdue job, which records each. */
export async function allTodoItems(query: TodoQuery): Promise<TodoRow[]> {
  return todoPage(query, { order: { field: 'DUE_ON', direction: 'ASC' }, after: null, limit: null });
}

/**
 * The applications a page's items are about, with their systems, in one statement, so the request's
 * loaders answer `application` and `system` without another.
 */
export function applicationsOfPage(dataSource: DataSource, scope: Scope, rows: readonly TodoRow[]): Promise<ApplicationEntity[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.applicationId ? [row.applicationId] : [])))];
  if (ids.length === 0) return Promise.resolve([]);
  const query = dataSource.getRepository(ApplicationEntity).createQueryBuilder('app').innerJoinAndSelect('app.system', 'sys');
  return scopeApplications(query, scope, 'app').andWhere('app.id = ANY(:ids)', { ids }).getMany();
}

function toRow(row: RawRow): TodoRow & { sortValue: string } {
  return {
    id: row.id,
    kind: row.kind,
    applicationId: row.application_id,
    migrationId: row.migration_id,
    agreementId: row.agreement_id,
    proposalId: row.proposal_id,
    systemId: row.system_id,
    dueOn: row.due_on_text,
    dueOnEstimated: row.due_on_estimated,
    overdue: row.overdue,
    action: row.action,
    rule: row.rule,
    article: row.article,
    sortValue: row.sort_value,
  };
}
