// The one way a subgraph mutates. Every mutation of every subgraph is declared with `mutation()`,
// which runs the same steps in the same order, so none can skip one:
//
//   1. role       — the caller's role may run it at all (FORBIDDEN);
//   2. input      — the arguments are read and checked before anything is written (BAD_USER_INPUT);
//   3. scope      — the arguments stay inside the caller's scope (FORBIDDEN / NOT_FOUND);
//   4. one transaction:
//      a. lock    — the record acted on, FOR UPDATE (a malformed id is BAD_USER_INPUT); a row outside the caller's scope answers
//                   NOT_FOUND exactly like a missing one; a stale `version` is CONFLICT;
//      b. work    — the rules and the writes;
//      c. audit   — the trail's entry, committed with the work;
//   5. a refusal or failure is recorded in a transaction of its own, then rethrown.
import type { GraphQLResolveInfo } from 'graphql';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { appendAuditEntry, outcomeOfError, type AuditRecord } from './audit-trail';
import type { SubgraphContext } from './context';
import { inTransaction } from './data-source';
import { todayInChina } from './dates';
import { ConflictError, ForbiddenError, NotFoundError } from './errors';
import { parseId } from './ids';
import { componentLogger } from './log';
import type { Principal, Role, Scope } from './principal';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContext = SubgraphContext<any>;

/** What the work of a mutation runs with, inside its transaction. */
export interface MutationTransaction {
  readonly manager: EntityManager;
  readonly principal: Principal;
  readonly scope: Scope;
  /** Today in China (GOVCLOUD_TODAY in tests and the demo), fixed for the whole mutation. */
  readonly today: string;
  readonly requestId: string;
  /** Names more records this mutation touched, for its audit entry. */
  touched(...ids: Array<string | null | undefined>): void;
}

/** The record a mutation acts on: locked before the work, checked for scope and version. */
export interface LockTarget<Row> {
  entity: EntityTarget<Row>;
  id: string;
  /** Chinese name of the record, for NOT_FOUND (e.g. 上云申请). */
  what: string;
  /** The version the caller saw; a different current version is CONFLICT. Omit for unversioned records. */
  version?: number;
  /** Whether the caller's scope reaches the row; one it does not answers NOT_FOUND, like a missing row. */
  visible?: (row: Row) => boolean;
  /** The CONFLICT message when the version differs; the default names the two versions. */
  conflictMessage?: string;
  /** The argument that carries the id, for BAD_USER_INPUT when it is malformed. Default `id`. */
  field?: string;
}

export interface MutationDefinition<Ctx extends AnyContext, Args, Input, Row, Result> {
  /** Who may run it (第五条 and the article of the step). */
  roles: readonly Role[];
  /** Reads and checks the arguments; no database. Defaults to the arguments as they are. */
  input?: (args: Args, ctx: Ctx) => Input;
  /** Checks the input against the caller's scope (e.g. a county acts only for its own region). */
  authorize?: (input: Input, ctx: Ctx) => void;
  /** The record to lock at the caller's version, if the mutation acts on one. */
  lock?: (input: Input, ctx: Ctx) => LockTarget<Row>;
  /** The rules and writes, in the mutation's one transaction. `row` is the locked record. */
  run: (tx: MutationTransaction, input: Input, row: Row, ctx: Ctx) => Promise<Result>;
  /** Record ids of the input the trail names even when the mutation is refused. */
  targets?: (input: Input) => Array<string | null | undefined>;
}

export type MutationResolver<Ctx, Args, Result> = (parent: unknown, args: Args, ctx: Ctx, info: GraphQLResolveInfo) => Promise<Result>;

/** Declares a mutation; the returned resolver runs the pipeline above. */
export function mutation<Ctx extends AnyContext, Args, Input = Args, Row = undefined, Result = unknown>(
  definition: MutationDefinition<Ctx, Args, Input, Row, Result>,
): MutationResolver<Ctx, Args, Result> {
  const resolver: MutationResolver<Ctx, Args, Result> = (_parent, args, ctx, info) => runMutation(definition, args, ctx, info.fieldName);
  return Object.assign(resolver, { [THROUGH_PIPELINE]: true });
}

const THROUGH_PIPELINE = Symbol('govcloud.mutation-pipeline');

/** Whether a resolver was declared with `mutation()`; a test holds every Mutation field to it. */
export function isPipelineMutation(resolver: unknown): boolean {
  return typeof resolver === 'function' && (resolver as unknown as Record<symbol, unknown>)[THROUGH_PIPELINE] === true;
}

/**
 * Runs the pipeline for a mutation that does not arrive as a GraphQL field (an upload over HTTP):
 * `operation` names it in the audit trail.
 */
export async function runMutation<Ctx extends AnyContext, Args, Input, Row, Result>(
  definition: MutationDefinition<Ctx, Args, Input, Row, Result>,
  args: Args,
  ctx: Ctx,
  operation: string,
): Promise<Result> {
  const targets = new Set<string>();
  const audit = (outcome: Pick<AuditRecord, 'outcome' | 'errorCode' | 'rule'>): AuditRecord => ({
    requestId: ctx.requestId,
    principal: ctx.principal,
    scope: ctx.scope,
    operation,
    targetIds: [...targets],
    ...outcome,
  });
  try {
    if (!definition.roles.includes(ctx.principal.role)) {
      namedTargets(definition, args, ctx).forEach((id) => targets.add(id));
      throw new ForbiddenError(forbiddenMessage(operation, definition.roles));
    }
    const input = definition.input ? definition.input(args, ctx) : (args as unknown as Input);
    for (const id of definition.targets?.(input) ?? []) if (id) targets.add(id);
    definition.authorize?.(input, ctx);
    const lockTarget = definition.lock?.(input, ctx);
    if (lockTarget) targets.add(lockTarget.id);
    return await inTransaction(ctx.dataSource, async (manager) => {
      const row = lockTarget ? await lockRow(manager, lockTarget) : (undefined as Row);
      const tx: MutationTransaction = {
        manager,
        principal: ctx.principal,
        scope: ctx.scope,
        today: todayInChina(),
        requestId: ctx.requestId,
        touched: (...ids) => ids.forEach((id) => id && targets.add(id)),
      };
      const result = await definition.run(tx, input, row, ctx);
      for (const id of idsOf(result)) targets.add(id);
      await appendAuditEntry(manager, audit({ outcome: 'SUCCEEDED' }));
      return result;
    });
  } catch (error) {
    await recordRefusal(ctx, audit(outcomeOfError(error)));
    throw error;
  }
}

/** The records a refused caller named, for the trail only: whatever cannot be read is left out. */
function namedTargets<Ctx extends AnyContext, Args, Input, Row, Result>(
  definition: MutationDefinition<Ctx, Args, Input, Row, Result>,
  args: Args,
  ctx: Ctx,
): string[] {
  try {
    const input = definition.input ? definition.input(args, ctx) : (args as unknown as Input);
    return [...(definition.targets?.(input) ?? []), definition.lock?.(input, ctx).id].filter((id): id is string => Boolean(id));
  } catch {
    return [];
  }
}

async function lockRow<Row>(manager: EntityManager, target: LockTarget<Row>): Promise<Row> {
  parseId(target.id, target.field ?? 'id');
  const repository = manager.getRepository(target.entity as EntityTarget<ObjectLiteral>);
  // By the primary column, whatever it is called: a replica row is keyed by system_id, a profile by provider_id.
  const key = repository.metadata.primaryColumns[0]!.propertyName;
  const row = (await repository.findOne({ where: { [key]: target.id }, lock: { mode: 'pessimistic_write' } })) as Row | null;
  if (!row || (target.visible && !target.visible(row))) throw new NotFoundError(target.what);
  const current = (row as { version?: number }).version;
  if (target.version !== undefined && current !== target.version) {
    throw new ConflictError(
      target.conflictMessage ?? `${target.what}已被他人修改（您看到的版本为 ${target.version}，当前版本为 ${current}），请刷新后重试`,
    );
  }
  return row;
}

/** A refusal's entry, in its own transaction; if even that fails, the log has it and the caller the first error. */
async function recordRefusal(ctx: AnyContext, record: AuditRecord): Promise<void> {
  try {
    await inTransaction(ctx.dataSource, (manager) => appendAuditEntry(manager, record));
  } catch (error) {
    componentLogger('audit').error({ err: error, operation: record.operation }, 'could not record the refusal');
  }
}

/** The ids a mutation's result names: its own `id`, or each item's in a list or payload. */
function idsOf(result: unknown): string[] {
  if (Array.isArray(result)) return result.flatMap(idsOf);
  if (result && typeof result === 'object' && typeof (result as { id?: unknown }).id === 'string') {
    return [(result as { id: string }).id];
  }
  return [];
}

function forbiddenMessage(operation: string, roles: readonly Role[]): string {
  return `无权执行 ${operation}：仅限 ${roles.join('、')} (only ${roles.join(', ')} may run ${operation})`;
}
