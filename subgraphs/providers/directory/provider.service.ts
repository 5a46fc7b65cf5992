import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import { ProviderEntity } from './provider.entity';
import { assertCanBeDesignated, type QualificationFacts } from './directory.rules';
import type { ProviderStatus } from '../generated/graphql';

export const PROVIDER = '定点服务商';

/** The provider a mutation's pipeline locks (kit/mutation.ts). */
export const providerTarget = (id: string) => ({ entity: ProviderEntity, id, what: PROVIDER });

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

export function providersByIds(dataSource: DataSource, ids: readonly string[]): Promise<ProviderEntity[]> {
  return fetchByIds(dataSource.getRepository(ProviderEntity).createQueryBuilder('provider'), 'provider.id', ids);
}

/** providerByCode: providers are public to every role, so this is the one provider with the code, or null. */
export function providerByCode(dataSource: DataSource, code: string): Promise<ProviderEntity | null> {
  return dataSource.getRepository(ProviderEntity).findOne({ where: { code } });
}

/** Locks a provider a mutation touches besides its target (the pipeline locks the target itself). */
export function lockProvider(manager: EntityManager, id: string): Promise<ProviderEntity> {
  return lockById(manager, ProviderEntity, id, PROVIDER);
}

/** PROVIDER_QUALIFIED: CANDIDATE → DESIGNATED for a qualified candidate (第六条、第七条); `provider` is locked. */
export async function designateProvider(manager: EntityManager, provider: ProviderEntity, today: string): Promise<ProviderEntity> {
  assertCanBeDesignated(provider.status, provider, today);
  provider.status = 'DESIGNATED';
  provider.designatedOn = today;
  provider.updatedAt = new Date();
  return manager.save(provider);
}

/** Fields the bureau may correct; `undefined` keeps a value, `null` clears a nullable one. */
export type QualificationPatch = Partial<QualificationFacts> & { platformLocation?: string };

export async function updateProviderQualification(
  manager: EntityManager,
  provider: ProviderEntity,
  patch: QualificationPatch,
): Promise<ProviderEntity> {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (provider as unknown as Record<string, unknown>)[key] = value;
  }
  provider.updatedAt = new Date();
  return manager.save(provider);
}

/** Moves a provider along its lifecycle (EXITING, EXITED) inside the caller's transaction. */
export async function setProviderStatus(manager: EntityManager, provider: ProviderEntity, status: ProviderStatus): Promise<ProviderEntity> {
  provider.status = status;
  provider.updatedAt = new Date();
  return manager.save(provider);
}
