import { ForbiddenError } from './errors';
import { requireUuid } from './ids';

/**
 * `Query.<thing>(id)`: the row if the principal may see it, null if there is none, FORBIDDEN (saying
 * nothing more) if it exists outside the principal's scope. `load` goes through the scoped loader;
 * `exists` ignores scope, and is asked only on a miss, so the common case costs one query.
 */
export async function lookupInScope<T>(
  id: string,
  load: (id: string) => Promise<T | null>,
  exists: (id: string) => Promise<boolean>,
): Promise<T | null> {
  requireUuid(id, 'id');
  const row = await load(id);
  if (row) return row;
  if (await exists(id)) throw new ForbiddenError();
  return null;
}
