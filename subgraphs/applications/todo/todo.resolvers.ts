import { childPage } from '../../kit/child-connection';
import { pageConnection, pageSize } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { ErrorCode, GovCloudError } from '../../kit/errors';
import type { Principal, Scope } from '../../kit/principal';
import { RULES } from '../../kit/rules';
import { type OverdueFlagResolvers, type QueryResolvers, type Resolvers, type TodoItemResolvers } from '../generated/graphql';
import { alwaysVisible } from '../loaders';
import type { TodoItem as TodoItemValue } from './todo.rules';
import { applicationsOfPage, todoCount, todoPage, type TodoConditions, type TodoRow } from './todo-items.query';
import type { AgreementEndsPortFor, AgreementInForce } from './agreement-ends-port';
import { agreementLevelOf, agreementTodoItems } from './todo-agreements.rules';
import type { DisqualificationProposalsPortFor, PendingDisqualificationProposal } from './disqualification-proposals-port';
import { decidesDisqualification, disqualificationTodoItems } from './todo-disqualifications.rules';
import { todoConditions, todoCursor, todoPageRequest, wantsKind } from './todo-filter';
import { componentLogger } from '../../kit/log';
import { isCountWanted } from '../../kit/total-count';

/** The providers subgraph's answers the to-do list reads: agreements in force, pending disqualification proposals. */
export interface TodoPorts {
  agreementEndsPortFor: AgreementEndsPortFor;
  disqualificationProposalsPortFor: DisqualificationProposalsPortFor;
}

/**
 * The caller's to-do list (待办, 第九条、第十一条–第十五条、第二十六条), filtered, ordered and paged
 * in one SQL statement (todo-items.query.ts), counted in another, beside it, only when totalCount
 * is asked for. Agreements nearing their end (TERM_MAX_3Y) and disqualification proposals awaiting the
 * bureau (PROVIDER_EVALUATION) are asked of the providers subgraph, which owns them, only when the
 * filter can keep them, both at once, and join the statement.
 */
const todoItemsWith =
  (ports: TodoPorts): QueryResolvers['todoItems'] =>
  async (_, args, ctx) => {
    const conditions = todoConditions(args);
    const size = pageSize(args);
    const request = todoPageRequest(args, size);
    const today = todayInChina();
    const external = await externalItems(ports, ctx.principal, ctx.scope, conditions, today);
    const viewer = { role: ctx.principal.role, providerId: ctx.principal.providerId };
    const query = { dataSource: ctx.dataSource, viewer, scope: ctx.scope, today, conditions, external };
    // Asked for (kit/total-count.ts), the count runs beside the page on a connection of its own.
    const count = isCountWanted(args) ? todoCount(query) : null;
    count?.catch(() => undefined);
    const rows = await todoPage(query, request);
    const edges = rows.slice(0, size).map(({ sortValue, ...node }) => ({ cursor: todoCursor(request.order, sortValue, node.id), node }));
    for (const application of await applicationsOfPage(
      ctx.dataSource,
      ctx.scope,
      edges.map((edge) => edge.node),
    )) {
      ctx.loaders.applicationById.prime(application.id, application);
      ctx.loaders.systemById.prime(application.system!.id, application.system!);
    }
    return pageConnection(edges, rows.length, size, Boolean(args.after), () => count ?? todoCount(query));
  };

/** The items from the providers subgraph's answers the filter can keep; the two asked in parallel. */
async function externalItems(
  { agreementEndsPortFor, disqualificationProposalsPortFor }: TodoPorts,
  principal: Principal,
  scope: Scope,
  conditions: TodoConditions,
  today: string,
): Promise<TodoItemValue[]> {
  const level = agreementLevelOf({ role: principal.role, regionCode: scope.kind === 'REGION' ? scope.regionCode : undefined });
  const [agreements, proposals] = await Promise.all([
    level && wantsKind(conditions, 'RENEW_AGREEMENT')
      ? agreementsInForce(agreementEndsPortFor, principal, level).then((found) => agreementTodoItems(found, level, today))
      : [],
    decidesDisqualification(principal) && wantsKind(conditions, 'DECIDE_DISQUALIFICATION')
      ? pendingProposals(disqualificationProposalsPortFor, principal).then(disqualificationTodoItems)
      : [],
  ]);
  return [...agreements, ...proposals];
}

/**
 * A reminder, not a gate: while providers cannot be asked, the rest of the list (the bureau's
 * DECISION_5WD decisions among them) still shows, without the agreement items; the agreements list
 * itself still shows every end date. The designation check (DESIGNATED_PROVIDER) fails closed instead.
 */
async function agreementsInForce(portFor: AgreementEndsPortFor, principal: Principal, level: string): Promise<AgreementInForce[]> {
  try {
    return await portFor(principal).agreementsInForce(level);
  } catch (error) {
    if (!(error instanceof GovCloudError) || error.extensions.code !== ErrorCode.SERVICE_UNAVAILABLE) throw error;
    componentLogger('todo').warn(`agreements at ${level} could not be asked of providers (TERM_MAX_3Y items left out): ${error.message}`);
    return [];
  }
}

/** A reminder too: while providers cannot be asked, the list shows without the proposals; pendingDisqualificationProposals still lists them. */
async function pendingProposals(
  portFor: DisqualificationProposalsPortFor,
  principal: Principal,
): Promise<PendingDisqualificationProposal[]> {
  try {
    return await portFor(principal).pendingProposals();
  } catch (error) {
    if (!(error instanceof GovCloudError) || error.extensions.code !== ErrorCode.SERVICE_UNAVAILABLE) throw error;
    console.warn(
      `[todo] disqualification proposals could not be asked of providers (PROVIDER_EVALUATION items left out): ${error.message}`,
    );
    return [];
  }
}

export type ResolvedTodoItem = TodoRow;

const TodoItem = {
  dueOnEstimated: (item) => item.dueOnEstimated ?? false,
  application: (item, _, ctx) => (item.applicationId ? ctx.loaders.applicationById.load(item.applicationId) : null),
  systemMigration: (item, _, ctx) => (item.migrationId ? ctx.loaders.todoMigrationById.load(item.migrationId) : null),
  agreement: (item) => (item.agreementId ? { id: item.agreementId } : null),
  disqualificationProposal: (item) => (item.proposalId ? { id: item.proposalId } : null),
  system: (item, _, ctx) => (item.systemId ? alwaysVisible(ctx.loaders.systemById.load(item.systemId)) : null),
} satisfies TodoItemResolvers;

const OverdueFlag = {
  article: (flag) => RULES[flag.rule].article,
} satisfies OverdueFlagResolvers;

/** The to-do list and the overdue flags the worker records (DECISION_5WD, TEST_30D, LEGACY_3M). */
export const createTodoResolvers = (ports: TodoPorts) =>
  ({
    Query: { todoItems: todoItemsWith(ports) },
    TodoItem,
    OverdueFlag,
    Application: {
      overdueFlags: (application, args, ctx) => ctx.loaders.overdueFlagPagesByApplicationId.load(childPage(application.id, args)),
    },
  }) satisfies Resolvers;
