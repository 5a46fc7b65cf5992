import { NotFoundError } from './errors';
import { parseId, type ParseIdOptions } from './ids';

export interface LookupOptions extends ParseIdOptions {
  /** The argument's name, for the BAD_USER_INPUT of a malformed id. Default `id`. */
  field?: string;
}

/**
 * `Query.<thing>(id)`: the row if the caller's scope sees it, otherwise null. A row outside the
 * scope answers exactly like one that does not exist, so a lookup never tells anyone that a record
 * they may not see is there. `load` must apply the scope (the scoped DataLoader, which `_entities`
 * uses too, so both answer alike). A malformed id is BAD_USER_INPUT before anything is loaded.
 */
export async function findInScope<T>(
  id: unknown,
  load: (id: string) => Promise<T | null | undefined>,
  options: LookupOptions = {},
): Promise<T | null> {
  const key = parseId(id, options.field ?? 'id', options);
  return (await load(key)) ?? null;
}

/**
 * The same rule for HTTP routes (material downloads, CSV exports): missing and out of scope are one
 * NOT_FOUND naming `what`, with the same body; a malformed id is BAD_USER_INPUT.
 */
export async function requireInScope<T>(
  id: unknown,
  load: (id: string) => Promise<T | null | undefined>,
  what: string,
  options: LookupOptions = {},
): Promise<T> {
  const row = await findInScope(id, load, options);
  if (row === null) throw new NotFoundError(what);
  return row;
}
