// Provider exits (服务商退出, 第九条, EXIT_TRANSITION_3M).
import { childConnectionLoader } from '../../kit/child-connection';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { ConflictError } from '../../kit/errors';
import { CITY_REGION_CODE } from '../../kit/regions';
import { enqueueExitMigrations, type ExitMigrationProgress } from '../../contracts/exit-migrations';
import { fetchByIds } from '../../kit/loader-helpers';
import { ProviderExitEntity } from './provider-exit.entity';
import { filterProviderExits } from './provider-exit-list';
import type { ProviderEntity } from '../directory/provider.entity';
import { assertExitCompletable, assertExitTransition, canStartExit } from './exits.rules';
import type { Actor } from '../loaders';
import { terminateActiveAgreements } from '../agreements/agreement.service';
import { lockProvider, setProviderStatus } from '../directory/provider.service';
import type { ProviderExitFilter, ProviderExitReason, ProviderExitStatus } from '../generated/graphql';

export const PROVIDER_EXIT = '服务商退出记录';

export async function listProviderExits(
  dataSource: DataSource,
  args: ConnectionArgs & { status?: ProviderExitStatus | null; filter?: ProviderExitFilter | null },
): Promise<Connection<ProviderExitEntity>> {
  const query = dataSource.getRepository(ProviderExitEntity).createQueryBuilder('exit');
  if (args.status) query.andWhere('exit.status = :status', { status: args.status });
  if (args.filter != null) filterProviderExits(query, args.filter);
  return paginateQuery(query, args, { alias: 'exit', sortColumn: 'started_on', sortValueOf: (exit) => exit.startedOn });
}

export function exitsByIds(dataSource: DataSource, ids: readonly string[]): Promise<ProviderExitEntity[]> {
  return fetchByIds(dataSource.getRepository(ProviderExitEntity).createQueryBuilder('exit'), 'exit.id', ids);
}

export function exitsByProviderIds(dataSource: DataSource, providerIds: readonly string[]): Promise<ProviderExitEntity[]> {
  return fetchByIds(dataSource.getRepository(ProviderExitEntity).createQueryBuilder('exit'), 'exit.provider_id', providerIds);
}

/** Pages of many providers' exits by start day: one statement a batch (kit/child-connection.ts). */
export function exitPagesByProvider(dataSource: DataSource) {
  return childConnectionLoader({
    query: () => dataSource.getRepository(ProviderExitEntity).createQueryBuilder('exit'),
    alias: 'exit',
    parentColumn: 'provider_id',
    parentOf: (exit) => exit.providerId,
    sortExpression: 'exit.started_on::text',
    sortValueOf: (exit) => exit.startedOn,
  });
}

export interface ExitInput {
  providerId: string;
  reason: ProviderExitReason;
  startedOn: string;
  transitionEndsOn: string;
  shortTransitionReason: string | null;
  /** A county's code for an exit from that county only (its agreement expired, the city's goes on); the city's by default. */
  regionCode?: string;
}

/**
 * EXIT_TRANSITION_3M: at least three months, or a recorded reason. A city-wide exit makes the provider
 * (locked by the caller) EXITING; an exit from one county leaves it designated, and only that county's
 * systems migrate and only that county's new applications stop (takes-new-applications.rules.ts).
 */
export async function startProviderExit(
  manager: EntityManager,
  provider: ProviderEntity,
  input: Omit<ExitInput, 'providerId'>,
  actor: Actor,
): Promise<ProviderExitEntity> {
  const regionCode = input.regionCode ?? CITY_REGION_CODE;
  const countyOnly = regionCode !== CITY_REGION_CODE;
  const open = await manager
    .getRepository(ProviderExitEntity)
    .exists({ where: { providerId: provider.id, status: 'IN_TRANSITION', regionCode } });
  if (open) throw new ConflictError('该服务商已有进行中的退出，不能重复发起');
  if (!canStartExit(provider.status)) throw new ConflictError(`只有定点服务商可以发起退出，该服务商当前状态为 ${provider.status}`);
  const { short } = assertExitTransition(input);
  const repository = manager.getRepository(ProviderExitEntity);
  const exit = repository.create({
    id: randomUUID(),
    providerId: provider.id,
    reason: input.reason,
    regionCode,
    startedOn: input.startedOn,
    transitionEndsOn: input.transitionEndsOn,
    // A full-length transition needs no reason; one given anyway is not kept, so the field means "short because".
    shortTransitionReason: short ? input.shortTransitionReason : null,
    status: 'IN_TRANSITION',
    completedOn: null,
    startedBy: actor.subject,
    completedBy: null,
    createdAt: new Date(),
  });
  await repository.insert(exit);
  if (!countyOnly) await setProviderStatus(manager, provider, 'EXITING');
  // Committed with the exit: the applications subgraph opens a migration per hosted system (of the county, for a county's exit).
  await enqueueExitMigrations(manager, {
    exitId: exit.id,
    providerId: provider.id,
    transitionEndsOn: exit.transitionEndsOn,
    ...(countyOnly ? { regionCode } : {}),
  });
  return exit;
}

/**
 * How far the exit's migrations are, as the applications subgraph (which owns them) answers.
 * Throws SERVICE_UNAVAILABLE when it cannot be asked: the exit then does not complete.
 */
export type MigrationProgressOf = (exit: ProviderExitEntity) => Promise<ExitMigrationProgress>;

/**
 * EXIT_TRANSITION_3M: completes only when no migration is pending; after a city-wide exit the provider
 * becomes EXITED and its agreements end; after a county's it stays designated (its county agreement
 * has expired already, and one the county procures again is not touched). `exit` is locked.
 */
export async function completeProviderExit(
  manager: EntityManager,
  exit: ProviderExitEntity,
  actor: Actor,
  today: string,
  migrationProgressOf: MigrationProgressOf,
): Promise<ProviderExitEntity> {
  if (exit.status !== 'IN_TRANSITION') throw new ConflictError('该退出已完成');
  const provider = await lockProvider(manager, exit.providerId);
  assertExitCompletable(await migrationProgressOf(exit));
  Object.assign(exit, { status: 'COMPLETED', completedOn: today, completedBy: actor.subject });
  await manager
    .getRepository(ProviderExitEntity)
    .update(exit.id, { status: exit.status, completedOn: exit.completedOn, completedBy: exit.completedBy });
  if (exit.regionCode !== CITY_REGION_CODE) return exit;
  await setProviderStatus(manager, provider, 'EXITED');
  await terminateActiveAgreements(manager, provider.id, today);
  return exit;
}
