// Keyset paging of one to-do branch (issue 14): each kind of item is read in the list's order
// after the cursor, at most a page and one row more, so a partial index matching the branch's WHERE
// and ORDER BY (migration 1796301900000) is walked for those rows alone; the branches' rows are then
// merged in the list's order (todo-items.query.ts).
//
// Within a branch the kind is constant, so the item id (`KIND:<subject>`) orders as its subject's
// uuid does (a uuid's text is its bytes in hex, ordered alike), and the cursor's id turns into a
// comparison on the subject column the index holds.
import type { TodoKind } from '../generated/graphql';

export type TodoOrderKey = 'DUE_ON' | 'KIND';

export interface TodoPageRequest {
  order: { field: TodoOrderKey; direction: 'ASC' | 'DESC' };
  /** The last row seen: its sort value and id. */
  after: { value: string; id: string } | null;
  /** Rows to fetch (a page and one more); null for every row (the overdue job). */
  limit: number | null;
}

/** How a branch's rows are keyed: by one kind and a uuid subject (indexed), or by their own id (the providers' items). */
export type BranchKey = { kind: TodoKind } | null;

/** Adds a typed parameter and gives its placeholder. */
export type AddParameter = (value: unknown, type: string) => string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ID = 'b.id COLLATE "C"';
const KIND = 'b.kind COLLATE "C"';

/** A branch's ORDER BY over its columns (`b`): the index's for a keyed branch. */
export function branchOrder(key: BranchKey, order: TodoPageRequest['order']): string {
  const dir = order.direction;
  if (order.field === 'DUE_ON') return key ? `b.due_on ${dir}, b.subject ${dir}` : `b.due_on ${dir}, ${ID} ${dir}`;
  return key ? `b.subject ${dir}` : `${KIND} ${dir}, ${ID} ${dir}`;
}

/**
 * The branch's rows after the cursor, as one condition over its columns (`b`): '' for all of
 * them, null for none (the branch is not read).
 */
export function branchAfter(key: BranchKey, page: TodoPageRequest, add: AddParameter): string | null {
  const { after, order } = page;
  if (!after) return '';
  const op = order.direction === 'ASC' ? '>' : '<';
  const sortType = order.field === 'DUE_ON' ? 'date' : 'text';
  const sort = order.field === 'DUE_ON' ? 'b.due_on' : KIND;
  const afterSort = () => add(after.value, sortType) + (order.field === 'KIND' ? ' COLLATE "C"' : '');
  const generic = () => `(${sort}, ${ID}) ${op} (${afterSort()}, ${add(after.id, 'text')} COLLATE "C")`;
  if (!key) return generic();
  const prefix = `${key.kind}:`;
  const head = after.id.slice(0, prefix.length);
  const subject = after.id.slice(prefix.length);
  // Whether this branch's ids come after the cursor's id when their sort values are equal.
  const idsAfter = head === prefix ? null : op === '>' ? prefix > head : prefix < head;
  if (order.field === 'KIND') {
    if (key.kind !== after.value) return (op === '>' ? key.kind > after.value : key.kind < after.value) ? '' : null;
    if (idsAfter !== null) return idsAfter ? '' : null;
    return UUID.test(subject) ? `b.subject ${op} ${add(subject, 'uuid')}` : `${ID} ${op} ${add(after.id, 'text')} COLLATE "C"`;
  }
  if (idsAfter !== null) return `b.due_on ${op}${idsAfter ? '=' : ''} ${afterSort()}`;
  return UUID.test(subject) ? `(b.due_on, b.subject) ${op} (${afterSort()}, ${add(subject, 'uuid')})` : generic();
}
