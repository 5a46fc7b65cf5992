// todoItems(filter:, orderBy:) (第九条、第十一条至第十五条、第二十六条; issues 12 and 14): the
// arguments read and checked once, as the conditions, order and cursor the SQL takes
// (todo-items.query.ts).
import { cursorList, decodeCursor, encodeCursor } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { requireRegionCode, requireUuid } from '../../kit/ids';
import { TodoKind, type QueryTodoItemsArgs } from '../generated/graphql';
import type { TodoConditions } from './todo-items.query';
import type { TodoOrderKey, TodoPageRequest } from './todo-keyset';

const TODO_KINDS: readonly string[] = Object.values(TodoKind);
const BAD_CURSOR = '分页游标 after 无效或不属于当前排序 (orderBy)，请使用同一排序上一页返回的 endCursor';

/** The deprecated `kind` and the filter together; a kind asked by both must be in both. */
export function todoConditions(args: QueryTodoItemsArgs): TodoConditions {
  const filter = args.filter ?? {};
  if (args.kind != null && !TODO_KINDS.includes(args.kind)) throw new BadUserInputError('待办类型 kind 无效', 'kind');
  if (filter.dueFrom != null && filter.dueTo != null && filter.dueFrom > filter.dueTo) {
    throw new BadUserInputError('dueFrom 不能晚于 dueTo', 'dueFrom');
  }
  let kinds: Set<TodoKind> | null = filter.kind != null && filter.kind.length > 0 ? new Set(filter.kind) : null;
  if (args.kind != null) kinds = new Set(kinds === null || kinds.has(args.kind) ? [args.kind] : []);
  return {
    kinds,
    dueFrom: filter.dueFrom ?? null,
    dueTo: filter.dueTo ?? null,
    overdue: filter.overdue ?? null,
    dueOnEstimated: filter.dueOnEstimated ?? null,
    regionCode: filter.regionCode != null ? requireRegionCode(filter.regionCode, 'filter.regionCode') : null,
    unitId: filter.unitId != null ? requireUuid(filter.unitId, 'filter.unitId') : null,
    providerId: filter.providerId != null ? requireUuid(filter.providerId, 'filter.providerId') : null,
  };
}

/** Whether the conditions can keep an item of `kind`, so a branch or a port answer need not be asked for. */
export function wantsKind(conditions: TodoConditions, kind: TodoKind): boolean {
  return conditions.kinds === null || conditions.kinds.has(kind);
}

/** The tag of the list in `order` (connection.ts cursorList): a cursor of another order is BAD_USER_INPUT rather than a wrong page. */
function todoList(order: TodoPageRequest['order']): string {
  return cursorList(`todo|${order.field}|${order.direction}`);
}

export function todoCursor(order: TodoPageRequest['order'], sortValue: string, id: string): string {
  return encodeCursor([sortValue, id], todoList(order));
}

/** The order asked for (due date ascending by default) and the row after which the page starts. */
export function todoPageRequest(args: QueryTodoItemsArgs, size: number): TodoPageRequest {
  const order = { field: (args.orderBy?.field ?? 'DUE_ON') as TodoOrderKey, direction: args.orderBy?.direction ?? 'ASC' };
  let after: TodoPageRequest['after'] = null;
  if (args.after) {
    const [value, id] = decodeCursor(args.after, todoList(order));
    const valid =
      id.length > 0 &&
      (order.field === 'KIND' ? TODO_KINDS.includes(value) : /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)));
    if (!valid) throw new BadUserInputError(BAD_CURSOR, 'after');
    after = { value, id };
  }
  return { order, after, limit: size + 1 };
}
