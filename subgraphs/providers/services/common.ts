import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';

/** Who did it and when, for the audit columns. */
export interface Actor {
  /** The principal's subject. */
  subject: string;
}

/**
 * Loads a row for update, locking it until the transaction ends, so two concurrent mutations of
 * the same record run one after the other. A missing row is NOT_FOUND (`what` names it in Chinese).
 */
export async function lockById<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  what: string,
): Promise<T> {
  if (!isUuid(id)) throw new NotFoundError(what);
  const row = await manager.getRepository(target).findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new NotFoundError(what);
  return row;
}
