import { childPage } from '../../kit/child-connection';
import { connectionFromArray } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { BadUserInputError, ErrorCode, GovCloudError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import { RULES } from '../../kit/rules';
import { TodoKind, type OverdueFlagResolvers, type QueryResolvers, type Resolvers, type TodoItemResolvers } from '../generated/graphql';
import { alwaysVisible } from '../loaders';
import type { SystemMigrationEntity } from '../system-migrations/system-migration.entity';
import type { TodoItem as TodoItemValue } from './todo.rules';
import { TodoService } from './todo.service';
import type { AgreementEndsPortFor, AgreementInForce } from './agreement-ends-port';
import { agreementLevelOf, agreementTodoItems } from './todo-agreements.rules';
import type { DisqualificationProposalsPortFor, PendingDisqualificationProposal } from './disqualification-proposals-port';
import { decidesDisqualification, disqualificationTodoItems } from './todo-disqualifications.rules';
import { todoFilter } from './todo-filter';
import { componentLogger } from '../../kit/log';

const TODO_KINDS: readonly string[] = Object.values(TodoKind);

/** The providers subgraph's answers the to-do list reads: agreements in force, pending disqualification proposals. */
export interface TodoPorts {
  agreementEndsPortFor: AgreementEndsPortFor;
  disqualificationProposalsPortFor: DisqualificationProposalsPortFor;
}

/**
 * The caller's to-do list, ordered by due date then id (待办, 第九条、第十一条–第十五条、第二十六条).
 * Agreements nearing their end (TERM_MAX_3Y) and disqualification proposals awaiting the bureau
 * (PROVIDER_EVALUATION) are asked of the providers subgraph, which owns them.
 */
const todoItemsWith =
  ({ agreementEndsPortFor, disqualificationProposalsPortFor }: TodoPorts): QueryResolvers['todoItems'] =>
  async (_, args, ctx) => {
    if (args.kind != null && !TODO_KINDS.includes(args.kind)) throw new BadUserInputError('待办类型 kind 无效', 'kind');
    const today = todayInChina();
    const load = await new TodoService(ctx.dataSource, ctx.principal, ctx.scope).load(today);
    const level = agreementLevelOf({
      role: ctx.principal.role,
      regionCode: ctx.scope.kind === 'REGION' ? ctx.scope.regionCode : undefined,
    });
    const wanted = todoFilter(args);
    if (level && wanted({ kind: 'RENEW_AGREEMENT' })) {
      load.items.push(...agreementTodoItems(await agreementsInForce(agreementEndsPortFor, ctx.principal, level), level, today));
    }
    if (decidesDisqualification(ctx.principal) && wanted({ kind: 'DECIDE_DISQUALIFICATION' })) {
      load.items.push(...disqualificationTodoItems(await pendingProposals(disqualificationProposalsPortFor, ctx.principal)));
    }
    // The items' applications and systems are already loaded: their fields need no further query.
    for (const application of load.applications) ctx.loaders.applicationById.prime(application.id, application);
    for (const system of load.systems) ctx.loaders.systemById.prime(system.id, system);
    const migrations = new Map(load.migrations.map((migration) => [migration.id, migration]));
    const all = load.items.map((item) => ({ ...item, migration: item.migrationId ? migrations.get(item.migrationId) : undefined }));
    const items = all.filter(wanted);
    return connectionFromArray(items, args, (item) => item.dueOn);
  };

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

export type ResolvedTodoItem = TodoItemValue & { migration?: SystemMigrationEntity };

const TodoItem = {
  dueOnEstimated: (item) => item.dueOnEstimated ?? false,
  application: (item, _, ctx) => (item.applicationId ? ctx.loaders.applicationById.load(item.applicationId) : null),
  systemMigration: (item) => item.migration ?? null,
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
