// todoItems(filter:) (第十一条至第十五条): the to-do list is derived from the caller's records in one
// load, so its filter is a predicate over the derived items, applied before paging.
import { BadUserInputError } from '../../kit/errors';
import type { QueryTodoItemsArgs, TodoKind } from '../generated/graphql';

interface Filterable {
  kind: TodoKind;
  dueOn?: string;
  overdue?: boolean;
}

/**
 * The items `args` asks for: the deprecated `kind` and the filter's kinds, due range and overdue
 * flag together. An item known only by its kind (to decide whether to ask for it at all) passes
 * the checks it has fields for.
 */
export function todoFilter(args: QueryTodoItemsArgs): (item: Filterable) => boolean {
  const filter = args.filter ?? {};
  if (filter.dueFrom != null && filter.dueTo != null && filter.dueFrom > filter.dueTo) {
    throw new BadUserInputError('dueFrom 不能晚于 dueTo', 'dueFrom');
  }
  const kinds = filter.kind != null && filter.kind.length > 0 ? new Set<string>(filter.kind) : null;
  return (item) =>
    (args.kind == null || item.kind === args.kind) &&
    (kinds === null || kinds.has(item.kind)) &&
    (filter.dueFrom == null || item.dueOn === undefined || item.dueOn >= filter.dueFrom) &&
    (filter.dueTo == null || item.dueOn === undefined || item.dueOn <= filter.dueTo) &&
    (filter.overdue == null || item.overdue === undefined || item.overdue === filter.overdue);
}
